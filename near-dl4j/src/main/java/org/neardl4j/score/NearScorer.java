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
package org.neardl4j.score;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.concurrent.NativeAccess;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import java.io.Serializable;
import java.util.List;

/**
 * Scores a {@link MultiLayerNetwork} or {@link ComputationGraph} with NEAR: one forward pass of real inputs, then
 * the effective rank of every layer's pre- and post-activation matrix, summed.
 *
 * <p>Samples are fed batch by batch (an {@link INDArray} is one batch) until every matrix has at least as many
 * rows as columns, or the data ends, or {@link Builder#maxSamples} is reached; a layer that ran short is scored
 * on its rectangular matrix and named in {@link NearResult#warnings()}. With {@code R} repetitions the first
 * uses the model's weights as they are and the others freshly initialised copies (seeds derived from
 * {@link Builder#seed}), all on the same samples. The model itself is never changed: scoring runs on a
 * private working copy (see {@link ModelCapture}).
 *
 * <p>Labels are never used. Feature masks are ignored: a {@code DataSet} or {@code MultiDataSet} with feature
 * masks (variable-length sequences) gets a warning in the result, since padded time steps are scored like data.
 * An iterator is reset before use and again afterwards when it supports resetting.
 *
 * <pre>{@code
 * NearScorer scorer = NearScorer.builder().repetitions(3).seed(42).build();
 * NearResult result = scorer.score(net, trainIterator);
 * System.out.println(result);   // total and per-layer table
 * }</pre>
 *
 * <p>Effective ranks are computed with {@link Builder#rankMethod} (default {@link EffectiveRank.Method#AUTO}) after
 * the forward pass: whatever calls into ND4J runs on the calling thread; the blocks solved in plain Java are solved
 * {@link Builder#rankThreads} at a time, see {@link EffectiveRank#of(List, EffectiveRank.Method, int)}. Why, and
 * what was measured: {@code docs/PERFORMANCE.md} ("Design notes").
 *
 * <p>Instances are immutable and thread-safe: several threads may score at once, with one scorer or several, on
 * shared models too, and get the values a serial run gives (tested with MLPs, CNNs and graphs, LAPACK included). The
 * native work of a scoring runs under {@link NativeAccess#shared}, its LAPACK calls under
 * {@link NativeAccess#exclusive}: ND4J 1.0.0-M2.1's OpenBLAS crashed the JVM (SIGSEGV in {@code dlatrd}) or failed
 * ({@code syev} status 255) with LAPACK on one thread while another thread ran BLAS (docs/PERFORMANCE.md). Native
 * work of your own on other threads (training, for example) is not covered unless run through
 * {@link NativeAccess#shared} too.
 */
public final class NearScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Repetitions.
     */
    private final int repetitions;
    /**
     * Seed.
     */
    private final long seed;
    /**
     * Block mode.
     */
    private final BlockMode blockMode;
    /**
     * Max samples.
     */
    private final long maxSamples;
    /**
     * Rank method.
     */
    private final EffectiveRank.Method rankMethod;
    /**
     * Rank threads.
     */
    private final int rankThreads;

    private NearScorer(Builder b) {
        this.repetitions = b.repetitions;
        this.seed = b.seed;
        this.blockMode = b.blockMode;
        this.maxSamples = b.maxSamples;
        this.rankMethod = b.rankMethod;
        this.rankThreads = b.rankThreads;
    }

    /**
     * A scorer with the defaults.
     *
     * @return a scorer with 1 repetition, random blocks, seed 12345, no sample limit, {@link EffectiveRank.Method#AUTO}
     */
    public static NearScorer defaults() {
        return builder().build();
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
     * A builder initialised with this scorer's options, to derive a scorer that differs in some.
     *
     * @return a new builder with this scorer's options
     */
    public Builder toBuilder() {
        Builder b = new Builder().repetitions(repetitions).seed(seed).blockMode(blockMode).maxSamples(maxSamples)
                .rankMethod(rankMethod);
        b.rankThreads = rankThreads;
        return b;
    }

    /**
     * The number of repetitions.
     *
     * @return repetitions: the first on the model's own weights, the others on fresh initialisations
     */
    public int repetitions() {
        return repetitions;
    }

    /**
     * The seed.
     *
     * @return the seed of the block choice and of the fresh initialisations
     */
    public long seed() {
        return seed;
    }

    /**
     * How blocks are chosen.
     *
     * @return {@link BlockMode#RANDOM} unless the builder set another
     */
    public BlockMode blockMode() {
        return blockMode;
    }

    /**
     * The sample limit.
     *
     * @return at most this many samples are used ({@link Long#MAX_VALUE}: no limit)
     */
    public long maxSamples() {
        return maxSamples;
    }

    /**
     * How effective ranks are computed.
     *
     * @return {@link EffectiveRank.Method#defaultMethod()} unless the builder set another
     */
    public EffectiveRank.Method rankMethod() {
        return rankMethod;
    }

    /**
     * How many blocks are solved in plain Java at a time: the builder's {@link Builder#rankThreads} or, by default,
     * ND4J's current thread count ({@code Nd4j.getEnvironment().maxThreads()}) capped at the number of processors.
     *
     * @return the number of threads, at least 1
     */
    public int rankThreads() {
        return rankThreads > 0 ? rankThreads
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads()));
    }

    /**
     * Scores a network on one batch of inputs (all samples go through the network together).
     *
     * @param net      the network (initialised); not changed
     * @param features the inputs, samples first; not changed
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(MultiLayerNetwork net, INDArray features) {
        Preconditions.checkNotNull(features, "features");
        return score(net, new INDArray[] {features});
    }

    /**
     * Scores a network on batches from an iterator (reset before and after use when it supports it). Labels are
     * not used; feature masks are ignored (with a warning in the result).
     *
     * @param net  the network (initialised); not changed
     * @param data batches; as many are read as the widest layer needs
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(MultiLayerNetwork net, DataSetIterator data) {
        return new RepetitionLoop(this).run(net, BatchSource.fromDataSets(data));
    }

    /**
     * Scores a graph on one batch of inputs, one array per graph input.
     *
     * @param graph    the graph (initialised); not changed
     * @param features one array per graph input, samples first; not changed
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(ComputationGraph graph, INDArray... features) {
        return score((Model) graph, features);
    }

    /**
     * Scores a single-input graph on batches from an iterator (reset before and after use when it supports it).
     *
     * @param graph the graph (initialised); not changed
     * @param data  batches; as many are read as the widest layer needs
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(ComputationGraph graph, DataSetIterator data) {
        return new RepetitionLoop(this).run(graph, BatchSource.fromDataSets(data));
    }

    /**
     * Scores a graph on batches from a multi-input iterator (reset before and after use when it supports it).
     *
     * @param graph the graph (initialised); not changed
     * @param data  batches, one features array per graph input; as many are read as the widest layer needs
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(ComputationGraph graph, MultiDataSetIterator data) {
        return new RepetitionLoop(this).run(graph, BatchSource.fromMultiDataSets(data));
    }

    /**
     * Scores a {@link MultiLayerNetwork} or {@link ComputationGraph} on one batch of inputs.
     *
     * @param model    the network (initialised); not changed
     * @param features one array per network input, samples first; not changed
     * @return the NEAR score with its per-matrix breakdown, warnings and provenance
     * @throws IllegalArgumentException for bad input (naming the input or the layer): no samples, NaN or infinite
     *                                  values, a shape the network does not accept, no layer that gives a matrix
     * @throws IllegalStateException    when activations contain NaN or infinite values (naming the layer)
     */
    public NearResult score(Model model, INDArray... features) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length > 0, "no input array given");
        INDArray[] copy = features.clone();
        return new RepetitionLoop(this).run(model, BatchSource.fromArrays(copy));
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Options of a {@link NearScorer}.
     *
     * <pre>{@code
     * NearScorer s = NearScorer.builder().repetitions(5).seed(7).blockMode(BlockMode.FIRST).maxSamples(512)
     *         .rankMethod(EffectiveRank.Method.SVD_DOUBLE).build();
     * }</pre>
     */
    public static final class Builder {
        private int repetitions = 1;
        private long seed = 12345L;
        private BlockMode blockMode = BlockMode.RANDOM;
        private long maxSamples = Long.MAX_VALUE;
        private EffectiveRank.Method rankMethod = EffectiveRank.Method.defaultMethod();
        private int rankThreads;    // 0: follow ND4J's thread count

        private Builder() {
        }

        /**
         * Number of repetitions (default 1); the 2nd and later use freshly initialised weights.
         *
         * @param repetitions at least 1
         * @return this builder
         * @throws IllegalArgumentException for fewer than 1
         */
        public Builder repetitions(int repetitions) {
            Preconditions.checkArgument(repetitions >= 1, "repetitions must be >= 1, got %s", repetitions);
            this.repetitions = repetitions;
            return this;
        }

        /**
         * Seed for the block choice and for fresh initialisations (default 12345).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How blocks are chosen (default {@link BlockMode#RANDOM}).
         *
         * @param blockMode the block mode
         * @return this builder
         */
        public Builder blockMode(BlockMode blockMode) {
            this.blockMode = Preconditions.checkNotNull(blockMode, "blockMode");
            return this;
        }

        /**
         * Use at most this many samples (default: no limit).
         *
         * @param maxSamples at least 1
         * @return this builder
         * @throws IllegalArgumentException for fewer than 1
         */
        public Builder maxSamples(long maxSamples) {
            Preconditions.checkArgument(maxSamples >= 1, "maxSamples must be >= 1, got %s", maxSamples);
            this.maxSamples = maxSamples;
            return this;
        }

        /**
         * How effective ranks are computed (default {@link EffectiveRank.Method#AUTO}).
         *
         * @param rankMethod the method, e.g. {@link EffectiveRank.Method#GRAM_DOUBLE} for large networks
         * @return this builder
         */
        public Builder rankMethod(EffectiveRank.Method rankMethod) {
            this.rankMethod = Preconditions.checkNotNull(rankMethod, "rankMethod");
            return this;
        }

        /**
         * How many blocks to solve in plain Java at a time (default: ND4J's thread count, at most the number of
         * processors; 1 solves every block on the calling thread). Only pure-Java work runs on the extra threads,
         * see {@link EffectiveRank#of(List, EffectiveRank.Method, int)}; the values do not depend on it.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException for fewer than 1
         */
        public Builder rankThreads(int threads) {
            Preconditions.checkArgument(threads >= 1, "rankThreads must be >= 1, got %s", threads);
            this.rankThreads = threads;
            return this;
        }

        /**
         * Builds the scorer.
         *
         * @return an immutable scorer with these options
         */
        public NearScorer build() {
            return new NearScorer(this);
        }
    }

    /**
     * The options, for logs and error messages.
     *
     * @return for example {@code NearScorer{repetitions=3, seed=42, blockMode=RANDOM, maxSamples=unlimited, rankMethod=AUTO, rankThreads=1}}
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("repetitions", repetitions)
                .add("seed", seed)
                .add("blockMode", blockMode)
                .add("maxSamples", maxSamples == Long.MAX_VALUE ? "unlimited" : String.valueOf(maxSamples))
                .add("rankMethod", rankMethod)
                .add("rankThreads", rankThreads)
                .toString();
    }
}
