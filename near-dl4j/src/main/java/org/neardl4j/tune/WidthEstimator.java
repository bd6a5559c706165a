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

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.primitives.Ints;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.RepetitionScore;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Estimates a good width for one layer with the NEAR method of the paper: for each candidate width, build the
 * network, take that layer's NEAR score (the sum of the effective ranks of its matrices) averaged over {@code R}
 * initialisations and divide it by the width and by the number of matrices; fit {@code f(x) = a + b x^c} through {@code (1, 1)} and these
 * points ({@link PowerLawFit}); the estimate is {@code x* = t^(1/(c-1))}, where the slope of the curve has fallen
 * to the fraction {@code t} (0.005 by default) of its slope at width 1: a small layer with nearly the accuracy of a
 * large one.
 *
 * <pre>{@code
 * WidthEstimate e = WidthEstimator.builder()
 *         .widths(10, 20, 40, 80, 160, 320, 640)
 *         .layer("hidden")            // or .layer(0): the layer whose width varies
 *         .scorer(NearScorer.builder().repetitions(3).build())
 *         .build()
 *         .estimate(width -> mlp(width), probeFeatures);    // probe: at least as many samples as the widest layer
 * System.out.println(e);
 * WidthPlot.write(e, Paths.get("width.png"));
 * }</pre>
 *
 * <p>A DL4J layer with a fused activation function gives two matrices (pre- and post-activation), the authors'
 * PyTorch modules one each. Dividing the layer's sum by the number of its matrices keeps the value at width 1
 * equal to 1, which the point (1, 1) of the fit assumes; {@link Builder#kind} studies one of the two alone.
 *
 * <p>The factory must build an initialised network whose studied layer has exactly {@code width} neurons (channels
 * for a convolution); this is checked. Instances are immutable.
 */
public final class WidthEstimator {

    private static final Logger log = LoggerFactory.getLogger(WidthEstimator.class);

    /** The paper's default slope threshold. */
    public static final double DEFAULT_THRESHOLD = 0.005;

    /** Repetitions of the scorer used when the builder is given none (the scorer's other options: its defaults). */
    public static final int DEFAULT_REPETITIONS = 3;

    /** Below this R^2 the estimate carries a warning. */
    static final double POOR_FIT = 0.9;

    /**
     * Below this R^2 (or when it is undefined: all points equal) there is no estimate: the curve explains less than a
     * tenth of how NEAR per neuron varies with the width, so its slope says nothing about the width. Between this and
     * {@link #POOR_FIT} the estimate carries a warning.
     */
    static final double MIN_FIT = 0.1;

    private final ImmutableList<Integer> widths;
    private final String layerName;
    private final int layerIndex;
    private final MatrixKind kind;
    private final double threshold;
    private final double anchorWeight;
    private final NearScorer scorer;

    private WidthEstimator(Builder b) {
        Preconditions.checkArgument(b.widths != null, "no widths given: call widths(...)");
        Preconditions.checkArgument(b.layerName != null || b.layerIndex >= 0, "no layer given: call layer(name) or layer(index)");
        this.widths = b.widths;
        this.layerName = b.layerName;
        this.layerIndex = b.layerIndex;
        this.kind = b.kind;
        this.threshold = b.threshold;
        this.anchorWeight = b.anchorWeight;
        this.scorer = b.scorer;
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The widths.
     *
     * @return the candidate widths, distinct, each at least 2, in the order given to the builder
     */
    public List<Integer> widths() {
        return widths;
    }

    /**
     * The threshold.
     *
     * @return the slope threshold t, in (0, 1); {@link #DEFAULT_THRESHOLD} unless the builder set another
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The scorer every width is scored with.
     *
     * @return the scoring options (repetitions, seed, block mode, sample limit, rank method)
     */
    public NearScorer scorer() {
        return scorer;
    }

    /**
     * Runs the study on one batch of inputs (at least as many samples as the largest width, for square matrices).
     *
     * @param factory  builds an initialised network whose studied layer has the given width; called once per width
     * @param features one array per network input, samples first; the same arrays score every width; not changed
     * @return the measured point of every width, the fitted curve, x* and the warnings
     * @throws IllegalArgumentException naming the width and layer when the layer gives no matrix or has another width,
     *                                  or when the factory gives no MultiLayerNetwork or ComputationGraph
     * @throws WidthFitException        when the fit fails or its exponent is {@code >= 1}
     */
    public WidthEstimate estimate(IntFunction<? extends Model> factory, INDArray... features) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length > 0, "no input array given");
        return run(factory, m -> scorer.score(m, features));
    }

    /**
     * Runs the study on batches from an iterator (reset for each width).
     *
     * @param factory builds an initialised network whose studied layer has the given width; called once per width
     * @param data    batches of inputs (labels not used); must support {@code reset()}
     * @return the measured point of every width, the fitted curve, x* and the warnings
     * @throws IllegalArgumentException if the iterator cannot be reset; otherwise as the overload with arrays
     * @throws WidthFitException        when the fit fails or its exponent is {@code >= 1}
     */
    public WidthEstimate estimate(IntFunction<? extends Model> factory, DataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        Preconditions.checkArgument(data.resetSupported(), "the iterator must support reset(): every width is scored"
                + " on the same data");
        return run(factory, m -> m instanceof MultiLayerNetwork ? scorer.score((MultiLayerNetwork) m, data)
                : scorer.score((ComputationGraph) m, data));
    }

    private String layerDescription() {
        return layerName != null ? "'" + layerName + "'" : "index " + layerIndex;
    }

    private WidthEstimate run(IntFunction<? extends Model> factory, Function<Model, NearResult> score) {
        Preconditions.checkNotNull(factory, "factory");
        long begun = System.nanoTime();
        long samples = 0;
        List<WidthPoint> points = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        for (int width : widths) {
            long started = System.nanoTime();
            Model model = factory.apply(width);
            Preconditions.checkArgument(model instanceof MultiLayerNetwork || model instanceof ComputationGraph,
                    "the factory gave %s for width %s: expected an initialised MultiLayerNetwork or ComputationGraph",
                    model == null ? "null" : model.getClass().getName(), width);
            NearResult result = score.apply(model);
            List<Double> perRep = new ArrayList<>();
            int matrices = 0;
            for (RepetitionScore rep : result.repetitions()) {
                double[] sumAndCount = layerScore(rep, width, result);
                perRep.add(sumAndCount[0]);
                matrices = (int) sumAndCount[1];
            }
            for (String w : result.warnings()) {
                warnings.add("width " + width + ": " + w);
            }
            WidthPoint p = new WidthPoint(width, matrices, perRep, model.numParams());
            samples = Math.max(samples, result.samples());
            points.add(p);
            if (log.isInfoEnabled()) {
                log.info("width {}: layer {} NEAR {} ({} per neuron) in {} ms", width, layerDescription(),
                        String.format(Locale.ROOT, "%.4f", p.layerScore()), String.format(Locale.ROOT, "%.6f", p.ratio()),
                        (System.nanoTime() - started) / 1_000_000L);
            }
        }
        return fromPoints(ImmutableList.copyOf(points), warnings,
                Provenance.of(scorer, samples, Duration.ofNanos(System.nanoTime() - begun)));
    }

    /** {@link #fromPoints(ImmutableList, Set, Provenance)} for tests with constructed points (no samples, no time). */
    WidthEstimate fromPoints(ImmutableList<WidthPoint> pts, Set<String> warnings) {
        return fromPoints(pts, warnings, Provenance.of(scorer, 0, Duration.ZERO));
    }

    /** Fits the curve to measured points and derives x*. */
    WidthEstimate fromPoints(ImmutableList<WidthPoint> pts, Set<String> warnings, Provenance provenance) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i).width();
            y[i] = pts.get(i).ratio();
        }
        PowerLawFit fit;
        try {
            fit = PowerLawFit.fit(x, y, anchorWeight);
            fit.xAtSlopeRatio(threshold);
        } catch (WidthFitException e) {
            throw new WidthFitException("layer " + layerDescription() + ": " + e.getMessage(), e.fit().orElse(null), pts,
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + layerDescription() + ": " + e.getMessage(), e);
        }
        if (!(fit.rSquared() >= MIN_FIT)) {
            throw new WidthFitException(String.format(Locale.ROOT, "layer %s: the curve does not fit the points"
                    + " (R^2 = %.3f, below %.1f%s): NEAR per neuron does not follow a power law of the width here, so"
                    + " no width can be derived; try a wider range of widths or more repetitions", layerDescription(),
                    fit.rSquared(), MIN_FIT, Double.isNaN(fit.rSquared()) ? ": all points are equal" : ""), fit, pts,
                    null);
        }
        double xStar = fit.xAtSlopeRatio(threshold);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double w : x) {
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        if (xStar < min || xStar > max) {
            warnings.add(String.format(Locale.ROOT, "x* = %.1f lies outside the widths tried [%d, %d]: an extrapolation",
                    xStar, (int) min, (int) max));
        }
        if (!(fit.rSquared() >= POOR_FIT)) {
            warnings.add(String.format(Locale.ROOT, "the curve fits the points poorly (R^2 = %.3f): the estimate is"
                    + " unreliable; look at the plot", fit.rSquared()));
        }
        if (fit.b() * fit.c() > 0) {
            warnings.add("the fitted curve rises with the width (b * c > 0): NEAR per neuron is expected to fall");
        }
        WidthEstimate estimate = new WidthEstimate(layerDescription(), threshold, provenance, pts, fit, warnings);
        log.info("layer {}: c = {}, x* = {}", layerDescription(), String.format(Locale.ROOT, "%.4f", fit.c()),
                String.format(Locale.ROOT, "%.2f", xStar));
        return estimate;
    }

    /**
     * Sum of the studied layer's effective ranks in one repetition and the number of matrices summed; checks that
     * the layer has {@code width} columns.
     */
    private double[] layerScore(RepetitionScore rep, int width, NearResult result) {
        double sum = 0;
        int found = 0;
        for (MatrixScore m : rep.matrices()) {
            boolean match = layerName != null ? m.layerName().equals(layerName) : m.layerIndex() == layerIndex;
            if (!match || (kind != null && m.kind() != kind)) {
                continue;
            }
            Preconditions.checkArgument(m.cols() == width,
                    "layer %s has %s neurons/channels (%s matrix) in the network built for width %s: the factory must"
                            + " give the studied layer that width", layerDescription(), m.cols(), m.kind().label(), width);
            sum += m.effectiveRank();
            found++;
        }
        if (found == 0) {
            Set<String> layers = new LinkedHashSet<>();
            for (MatrixScore m : result.matrices()) {
                layers.add(m.layerIndex() + ":" + m.layerName());
            }
            throw new IllegalArgumentException("layer " + layerDescription() + " gives no "
                    + (kind == null ? "" : kind.label() + "-activation ") + "NEAR matrix in the network built for width "
                    + width + "; layers with matrices (index:name): " + layers);
        }
        return new double[] {sum, found};
    }

    /**
     * Options of a {@link WidthEstimator}. Required: {@link #widths} and {@link #layer}. Defaults: a scorer with 3
     * repetitions (seed 12345, random blocks), t = 0.005, (1, 1) as a constraint.
     *
     * <pre>{@code
     * WidthEstimator e = WidthEstimator.builder().widths(16, 32, 64, 128).layer(1).threshold(0.01).build();
     * }</pre>
     */
    public static final class Builder {
        private ImmutableList<Integer> widths;
        private String layerName;
        private int layerIndex = -1;
        private MatrixKind kind;
        private NearScorer scorer = NearScorer.builder().repetitions(DEFAULT_REPETITIONS).build();
        private double threshold = DEFAULT_THRESHOLD;
        private double anchorWeight = PowerLawFit.CONSTRAINED;

        private Builder() {
        }

        /**
         * The candidate widths (at least 3 distinct, each >= 2).
         *
         * @param widths neuron (or channel) counts of the studied layer to try, in any order; required
         * @return this builder
         * @throws IllegalArgumentException for a width below 2, a width given twice, or fewer than 3 widths
         */
        public Builder widths(int... widths) {
            Preconditions.checkNotNull(widths, "widths");
            Set<Integer> distinct = new LinkedHashSet<>();
            for (int w : widths) {
                Preconditions.checkArgument(w >= 2, "every width must be >= 2, got %s", w);
                Preconditions.checkArgument(distinct.add(w), "width %s is given twice", w);
            }
            Preconditions.checkArgument(distinct.size() >= 3, "at least 3 widths are needed for the fit, got %s",
                    distinct.size());
            this.widths = ImmutableList.copyOf(distinct);
            return this;
        }

        /**
         * The candidate widths (at least 3 distinct, each >= 2).
         *
         * @param widths neuron (or channel) counts of the studied layer to try, not null; as {@link #widths(int...)}
         * @return this builder
         */
        public Builder widths(List<Integer> widths) {
            Preconditions.checkNotNull(widths, "widths");
            return widths(Ints.toArray(widths));
        }

        /**
         * The studied layer by name (a graph vertex name for a ComputationGraph).
         *
         * @param name the layer's (or vertex's) name, not null; replaces a layer index given before
         * @return this builder
         */
        public Builder layer(String name) {
            this.layerName = Preconditions.checkNotNull(name, "name");
            this.layerIndex = -1;
            return this;
        }

        /**
         * The studied layer by index (layer index of a MultiLayerNetwork, vertex index of a ComputationGraph).
         *
         * @param index the 0-based index, at least 0; replaces a layer name given before
         * @return this builder
         */
        public Builder layer(int index) {
            Preconditions.checkArgument(index >= 0, "layer index must be >= 0, got %s", index);
            this.layerIndex = index;
            this.layerName = null;
            return this;
        }

        /**
         * Study only the layer's pre- or post-activation matrix, as the authors' code does when its layer index
         * points at a linear layer or at an activation module (default: all the layer's matrices, averaged).
         *
         * @param kind {@link MatrixKind#PRE} or {@link MatrixKind#POST}: the one matrix of the layer to study; not null
         * @return this builder
         */
        public Builder kind(MatrixKind kind) {
            this.kind = Preconditions.checkNotNull(kind, "kind");
            return this;
        }

        /**
         * The scorer every width is scored with: its repetitions (initialisations to average over per width), seed,
         * block mode, sample limit and rank method. Default: {@value WidthEstimator#DEFAULT_REPETITIONS}
         * repetitions, otherwise {@link NearScorer#defaults()}.
         *
         * @param scorer the scoring options
         * @return this builder
         */
        public Builder scorer(NearScorer scorer) {
            this.scorer = Preconditions.checkNotNull(scorer, "scorer");
            return this;
        }

        /**
         * Slope threshold t in (0, 1) (default 0.005; the authors' example uses 0.01).
         *
         * @param t the fraction of the slope at width 1 where x* lies, strictly between 0 and 1
         * @return this builder
         */
        public Builder threshold(double t) {
            Preconditions.checkArgument(t > 0 && t < 1, "threshold must be in (0, 1), got %s", t);
            this.threshold = t;
            return this;
        }

        /**
         * How the point (1, 1) enters the fit: {@link PowerLawFit#CONSTRAINED} (default) or its weight as a data
         * point (1 reproduces the authors' reference code). See {@link PowerLawFit}.
         *
         * @param weight {@link PowerLawFit#CONSTRAINED}, or a weight greater than 0 for (1, 1) as a data point
         * @return this builder
         */
        public Builder anchorWeight(double weight) {
            Preconditions.checkArgument(weight > 0 && !Double.isNaN(weight), "anchorWeight must be > 0, got %s", weight);
            this.anchorWeight = weight;
            return this;
        }

        /**
         * Builds the configured object.
         *
         * @return a new immutable estimator with these options
         * @throws IllegalArgumentException if {@link #widths} or {@link #layer} has not been called
         */
        public WidthEstimator build() {
            return new WidthEstimator(this);
        }
    }

    /**
     * The options, for logs and error messages.
     *
     * @return for example {@code WidthEstimator{layer=hidden, kind=POST, widths=[8, 16, 32], threshold=0.05, anchorWeight=..., scorer=NearScorer{...}}}
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("layer", layerName != null ? layerName : "index " + layerIndex)
                .add("kind", kind)
                .add("widths", widths)
                .add("threshold", threshold)
                .add("anchorWeight", anchorWeight)
                .add("scorer", scorer)
                .toString();
    }
}
