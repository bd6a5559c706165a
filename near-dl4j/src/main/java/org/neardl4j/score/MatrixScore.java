package org.neardl4j.score;

import com.google.common.base.Preconditions;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.capture.MatrixSite;

import java.io.Serializable;
import java.util.Objects;

/**
 * The effective rank of one matrix of one layer, and how the matrix was taken. Immutable.
 *
 * <pre>{@code
 * for (MatrixScore m : result.matrices()) {
 *     System.out.printf("%s %s %dx%d %.3f%n", m.layerName(), m.kind().label(), m.rows(), m.cols(), m.effectiveRank());
 * }
 * }</pre>
 */
public final class MatrixScore implements Serializable {

    private static final long serialVersionUID = 1L;

    private final MatrixSite site;
    private final long rows;
    private final long cols;
    private final double effectiveRank;
    private final long samples;
    private final long rowsAvailable;
    private final long blockStart;

    /**
     * @param site          the layer and matrix kind
     * @param rows          rows of the scored block (equal to {@code cols} unless samples ran short)
     * @param cols          columns: neurons or channels
     * @param effectiveRank the block's effective rank
     * @param samples       distinct samples whose rows make up the block
     * @param rowsAvailable rows available to choose the block from
     * @param blockStart    first row of the block among them
     */
    public MatrixScore(MatrixSite site, long rows, long cols, double effectiveRank, long samples, long rowsAvailable,
                      long blockStart) {
        this.site = Preconditions.checkNotNull(site, "site");
        Preconditions.checkArgument(rows > 0 && cols > 0, "rows and cols must be positive: %s x %s", rows, cols);
        Preconditions.checkArgument(effectiveRank >= 0 && effectiveRank <= Math.min(rows, cols) * (1 + 1e-9),
                "effective rank %s outside [0, min(rows, cols)] for %s", effectiveRank, site);
        this.rows = rows;
        this.cols = cols;
        this.effectiveRank = effectiveRank;
        this.samples = samples;
        this.rowsAvailable = rowsAvailable;
        this.blockStart = blockStart;
    }

    public MatrixSite site() {
        return site;
    }

    public String layerName() {
        return site.layerName();
    }

    public int layerIndex() {
        return site.layerIndex();
    }

    public String layerType() {
        return site.layerType();
    }

    public MatrixKind kind() {
        return site.kind();
    }

    public long rows() {
        return rows;
    }

    public long cols() {
        return cols;
    }

    public double effectiveRank() {
        return effectiveRank;
    }

    /** Distinct samples whose rows make up the scored block. */
    public long samples() {
        return samples;
    }

    public long rowsAvailable() {
        return rowsAvailable;
    }

    public long blockStart() {
        return blockStart;
    }

    /** False when too few samples were given and a rectangular {@code rows < cols} matrix was scored. */
    public boolean isSquare() {
        return rows == cols;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatrixScore)) {
            return false;
        }
        MatrixScore l = (MatrixScore) o;
        return rows == l.rows && cols == l.cols && Double.compare(effectiveRank, l.effectiveRank) == 0
                && samples == l.samples && rowsAvailable == l.rowsAvailable && blockStart == l.blockStart
                && site.equals(l.site);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, rows, cols, effectiveRank, samples, rowsAvailable, blockStart);
    }

    @Override
    public String toString() {
        return String.format("%s %s %dx%d erank=%.6f", site.layerName(), site.kind().label(), rows, cols, effectiveRank);
    }
}
