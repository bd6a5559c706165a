package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import java.io.Serializable;
import java.util.List;

/**
 * The NEAR score of one repetition: the sum of the effective ranks of its matrices, in forward order.
 *
 * <pre>{@code
 * RepetitionScore first = result.repetitions().get(0);
 * double total = first.total();
 * }</pre>
 *
 * @param matrices per-matrix breakdown, in forward order
 * @serial exclude
 */
public record RepetitionScore(List<MatrixScore> matrices) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the matrices into an immutable list.
     *
     * @param matrices the matrices
     * @throws NullPointerException without matrices, or with a null one
     */
    public RepetitionScore {
        matrices = ImmutableList.copyOf(Preconditions.checkNotNull(matrices, "matrices"));
    }

    /**
     * The repetition's NEAR score.
     *
     * @return the sum of the effective ranks
     */
    public double total() {
        double t = 0;
        for (MatrixScore m : matrices) {
            t += m.effectiveRank();
        }
        return t;
    }

    @Override
    public String toString() {
        return "RepetitionScore{total=" + total() + ", matrices=" + matrices.size() + "}";
    }
}
