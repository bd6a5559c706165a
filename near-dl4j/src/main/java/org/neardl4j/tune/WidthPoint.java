package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;

import java.util.Locale;

/**
 * One width of a {@link WidthEstimate}: the studied layer's NEAR score (the sum of its matrices' effective ranks)
 * in each repetition, and its mean divided by the width and by the number of matrices, the value the curve is
 * fitted to. Immutable.
 *
 * <pre>{@code
 * for (WidthPoint p : estimate.points()) {
 *     System.out.printf("%d %.4f +- %.4f%n", p.width(), p.ratio(), p.ratioStandardDeviation());
 * }
 * }</pre>
 */
public final class WidthPoint {

    private final int width;
    private final int matrices;
    private final ImmutableList<Double> layerScores;
    private final long parameters;

    WidthPoint(int width, int matrices, Iterable<Double> layerScores, long parameters) {
        Preconditions.checkArgument(width >= 1, "width must be >= 1, got %s", width);
        Preconditions.checkArgument(matrices >= 1, "matrices must be >= 1, got %s", matrices);
        this.width = width;
        this.matrices = matrices;
        this.layerScores = ImmutableList.copyOf(layerScores);
        Preconditions.checkArgument(!this.layerScores.isEmpty(), "no repetition");
        this.parameters = parameters;
    }

    public int width() {
        return width;
    }

    /** Number of the layer's matrices summed: 2 for a layer with a fused activation (pre and post), else 1. */
    public int matrices() {
        return matrices;
    }

    /** The layer's NEAR score in each repetition. */
    public ImmutableList<Double> layerScores() {
        return layerScores;
    }

    /** The layer's NEAR score averaged over the repetitions. */
    public double layerScore() {
        return Stats.meanOf(layerScores);
    }

    /**
     * {@link #layerScore()} / (width x {@link #matrices()}): the layer's NEAR per neuron and per matrix, the y value
     * of the fit. It is 1 at width 1, where every matrix has one column and effective rank 1.
     */
    public double ratio() {
        return layerScore() / ((double) width * matrices);
    }

    /** Sample standard deviation of the per-repetition ratios (0 for one repetition). */
    public double ratioStandardDeviation() {
        return layerScores.size() < 2 ? 0 : Stats.of(layerScores).sampleStandardDeviation() / ((double) width * matrices);
    }

    /** Parameters of the whole network at this width. */
    public long parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "width %d: layer NEAR %.4f, NEAR/width %.6f +- %.6f", width, layerScore(), ratio(),
                ratioStandardDeviation());
    }
}
