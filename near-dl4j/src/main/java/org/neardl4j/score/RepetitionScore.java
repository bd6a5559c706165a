package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import java.io.Serializable;
import java.util.Objects;

/**
 * The NEAR score of one repetition: the sum of the effective ranks of its matrices, in forward order.
 * Immutable.
 *
 * <pre>{@code
 * RepetitionScore first = result.repetitions().get(0);
 * double total = first.total();
 * }</pre>
 */
public final class RepetitionScore implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ImmutableList<MatrixScore> matrices;
    private final double total;

    public RepetitionScore(Iterable<MatrixScore> matrices) {
        this.matrices = ImmutableList.copyOf(Preconditions.checkNotNull(matrices, "matrices"));
        double t = 0;
        for (MatrixScore m : this.matrices) {
            t += m.effectiveRank();
        }
        this.total = t;
    }

    /** Sum of the effective ranks. */
    public double total() {
        return total;
    }

    /** Per-matrix breakdown, in forward order. */
    public ImmutableList<MatrixScore> matrices() {
        return matrices;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepetitionScore && ((RepetitionScore) o).matrices.equals(matrices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matrices);
    }

    @Override
    public String toString() {
        return "RepetitionScore{total=" + total + ", matrices=" + matrices.size() + "}";
    }
}
