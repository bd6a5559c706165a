package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import java.util.Objects;

/**
 * The NEAR score of one repetition: the sum of the effective ranks of its matrices, in forward order.
 * Immutable.
 *
 * <pre>{@code
 * NearScore first = result.repetitions().get(0);
 * double total = first.total();
 * }</pre>
 */
public final class NearScore {

    private final ImmutableList<LayerScore> matrices;
    private final double total;

    public NearScore(Iterable<LayerScore> matrices) {
        this.matrices = ImmutableList.copyOf(Preconditions.checkNotNull(matrices, "matrices"));
        double t = 0;
        for (LayerScore m : this.matrices) {
            t += m.effectiveRank();
        }
        this.total = t;
    }

    /** Sum of the effective ranks. */
    public double total() {
        return total;
    }

    /** Per-matrix breakdown, in forward order. */
    public ImmutableList<LayerScore> matrices() {
        return matrices;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NearScore && ((NearScore) o).matrices.equals(matrices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matrices);
    }

    @Override
    public String toString() {
        return "NearScore{total=" + total + ", matrices=" + matrices.size() + "}";
    }
}
