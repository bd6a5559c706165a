/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;

import java.util.List;
import java.util.Locale;

/**
 * One width of a {@link WidthEstimate}: the studied layer's NEAR score (the sum of its matrices' effective ranks)
 * in each repetition, and its mean divided by the width and by the number of matrices, the value the curve is
 * fitted to.
 *
 * <pre>{@code
 * for (WidthPoint p : estimate.points()) {
 *     System.out.printf("%d %.4f +- %.4f%n", p.width(), p.ratio(), p.ratioStandardDeviation());
 * }
 * }</pre>
 *
 * @param width       the studied layer's width
 * @param matrices    number of the layer's matrices summed: 2 for a layer with a fused activation (pre and post),
 *                    else 1
 * @param layerScores the layer's NEAR score in each repetition
 * @param parameters  parameters of the whole network at this width
 */
public record WidthPoint(int width, int matrices, List<Double> layerScores, long parameters) {

    /**
     * Checks the values and copies the scores into an immutable list.
     *
     * @param layerScores the layer's NEAR score in each repetition; not null, at least one, none null (copied)
     * @param matrices    number of the layer's matrices summed, at least 1
     * @param parameters  parameters of the whole network at this width (not checked)
     * @param width       the studied layer's width, at least 1
     * @throws IllegalArgumentException for a width or matrix count below 1, or no repetition
     * @throws NullPointerException     without scores
     */
    public WidthPoint {
        Preconditions.checkArgument(width >= 1, "width must be >= 1, got %s", width);
        Preconditions.checkArgument(matrices >= 1, "matrices must be >= 1, got %s", matrices);
        layerScores = ImmutableList.copyOf(Preconditions.checkNotNull(layerScores, "layerScores"));
        Preconditions.checkArgument(!layerScores.isEmpty(), "no repetition");
    }

    /**
     * The layer's NEAR score averaged over the repetitions.
     *
     * @return the mean of {@link #layerScores()}
     */
    public double layerScore() {
        return Stats.meanOf(layerScores);
    }

    /**
     * {@link #layerScore()} / (width x {@link #matrices()}): the layer's NEAR per neuron and per matrix, the y value
     * of the fit. It is 1 at width 1, where every matrix has one column and effective rank 1.
     *
     * @return the y value of the fit: the layer's mean NEAR per neuron and per matrix
     */
    public double ratio() {
        return layerScore() / ((double) width * matrices);
    }

    /**
     * Sample standard deviation of the per-repetition ratios (0 for one repetition).
     *
     * @return the standard deviation (n - 1 in the denominator) of {@link #layerScores()} / (width x matrices)
     */
    public double ratioStandardDeviation() {
        return layerScores.size() < 2 ? 0 : Stats.of(layerScores).sampleStandardDeviation() / ((double) width * matrices);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "width %d: layer NEAR %.4f, NEAR/width %.6f +- %.6f", width, layerScore(), ratio(),
                ratioStandardDeviation());
    }
}
