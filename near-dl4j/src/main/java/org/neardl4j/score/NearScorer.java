package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.capture.ActivationSink;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.concurrent.NativeAccess;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.ActivationLayout;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.sampling.BlockSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

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
    private static final Logger log = LoggerFactory.getLogger(NearScorer.class);

    private final int repetitions;
    private final long seed;
    private final BlockMode blockMode;
    private final long maxSamples;
    private final EffectiveRank.Method rankMethod;
    private final int rankThreads;

    private NearScorer(Builder b) {
        this.repetitions = b.repetitions;
        this.seed = b.seed;
        this.blockMode = b.blockMode;
        this.maxSamples = b.maxSamples;
        this.rankMethod = b.rankMethod;
        this.rankThreads = b.rankThreads;
    }

    /** A scorer with the defaults: 1 repetition, random blocks, seed 12345, no sample limit. */
    public static NearScorer defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this scorer's options. */
    public Builder toBuilder() {
        Builder b = new Builder().repetitions(repetitions).seed(seed).blockMode(blockMode).maxSamples(maxSamples)
                .rankMethod(rankMethod);
        b.rankThreads = rankThreads;
        return b;
    }

    public int repetitions() {
        return repetitions;
    }

    public long seed() {
        return seed;
    }

    public BlockMode blockMode() {
        return blockMode;
    }

    public long maxSamples() {
        return maxSamples;
    }

    /** How effective ranks are computed. */
    public EffectiveRank.Method rankMethod() {
        return rankMethod;
    }

    /**
     * How many blocks are solved in plain Java at a time: the builder's {@link Builder#rankThreads} or, by default,
     * ND4J's current thread count ({@code Nd4j.getEnvironment().maxThreads()}) capped at the number of processors.
     */
    public int rankThreads() {
        return rankThreads > 0 ? rankThreads
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Nd4j.getEnvironment().maxThreads()));
    }

    /** Scores a network on one batch of inputs (all samples go through the network together). */
    public NearResult score(MultiLayerNetwork net, INDArray features) {
        Preconditions.checkNotNull(features, "features");
        return score(net, new INDArray[] {features});
    }

    /**
     * Scores a network on batches from an iterator (reset before and after use when it supports it). Labels are
     * not used; feature masks are ignored (with a warning in the result).
     */
    public NearResult score(MultiLayerNetwork net, DataSetIterator data) {
        return scoreModel(net, fromDataSets(data));
    }

    /** Scores a graph on one batch of inputs, one array per graph input. */
    public NearResult score(ComputationGraph graph, INDArray... features) {
        return score((Model) graph, features);
    }

    /** Scores a single-input graph on batches from an iterator. */
    public NearResult score(ComputationGraph graph, DataSetIterator data) {
        return scoreModel(graph, fromDataSets(data));
    }

    /** Scores a graph on batches from a multi-input iterator. */
    public NearResult score(ComputationGraph graph, MultiDataSetIterator data) {
        return scoreModel(graph, fromMultiDataSets(data));
    }

    /**
     * Scores a {@link MultiLayerNetwork} or {@link ComputationGraph} on one batch of inputs.
     *
     * @param model    the network (initialised)
     * @param features one array per network input
     */
    public NearResult score(Model model, INDArray... features) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length > 0, "no input array given");
        INDArray[] copy = features.clone();
        return scoreModel(model, fromArrays(copy));
    }

    // ---------------------------------------------------------------------------------------------------------

    private NearResult scoreModel(Model model, Source source) {
        Preconditions.checkNotNull(model, "model");
        return NativeAccess.shared(() -> scoreShared(model, source));
    }

    /** {@link #scoreModel} under the shared native lock (LAPACK inside takes it exclusively). */
    private NearResult scoreShared(Model model, Source source) {
        long started = System.nanoTime();
        List<INDArray[]> used = new ArrayList<>();
        List<RepetitionScore> reps = new ArrayList<>(repetitions);
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        ModelCapture first = null;
        long samples = 0;
        for (int r = 0; r < repetitions; r++) {
            ModelCapture capture = r == 0 ? ModelCapture.of(model)
                    : ModelCapture.freshlyInitialised(model, weightSeed(r));
            if (r == 0) {
                first = capture;
                for (var s : capture.skipped()) {
                    if (s.unsupported()) {
                        warnings.add("layer '" + s.layerName() + "' (" + s.layerType() + ") is not supported and was not scored");
                    }
                }
            }
            Map<MatrixSite, BlockSampler> samplers = new LinkedHashMap<>();
            int k = 0;
            for (MatrixSite site : capture.sites()) {
                samplers.put(site, new BlockSampler(blockMode, new SplittableRandom(blockSeed(r, k++))));
            }
            Preconditions.checkArgument(!samplers.isEmpty(),
                    "the network has no layer that gives a NEAR matrix (skipped: %s)", capture.skipped());
            final int rep = r;
            ActivationSink sink = new ActivationSink() {
                @Override
                public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
                    // the whole activation, not only the block: one reduction (a sum) per captured array
                    if (!EffectiveRank.isFinite(activation)) {
                        throw nonFinite(site, activation, rep);
                    }
                    samplers.get(site).accept(activation, layout);
                }

                @Override
                public boolean wants(MatrixSite site) {
                    return !samplers.get(site).isComplete();
                }
            };
            Iterator<INDArray[]> batches = r == 0 ? limited(source.open(), used) : used.iterator();
            long fed = 0;
            try {
                while (batches.hasNext() && samplers.values().stream().anyMatch(s -> !s.isComplete())) {
                    INDArray[] batch = batches.next();
                    capture.forward(batch, sink);
                    fed += batch[0].size(0);
                }
            } finally {
                if (r == 0) {
                    source.close();
                }
            }
            if (r == 0) {
                if (source.sawMasks()) {
                    warnings.add("the data has feature masks, which NEAR ignores: masked entries (e.g. padding of"
                            + " variable-length sequences) are scored like real data");
                }
                Preconditions.checkArgument(fed > 0, "no data: the input has no samples");
                samples = fed;
                // only the batches actually used are replayed for the other repetitions
                while (used.size() > 0 && countSamples(used) > fed) {
                    used.remove(used.size() - 1);
                }
            }
            reps.add(scoreBlocks(samplers, warnings, r));
        }
        NearResult result = new NearResult(reps, first.skipped(), ImmutableList.copyOf(warnings),
                Provenance.of(this, samples, Duration.ofNanos(System.nanoTime() - started)));
        if (log.isDebugEnabled()) {
            log.debug("NEAR {} over {} repetition(s), {} matrices, {} samples, in {} ms", result.score(), repetitions,
                    result.matrices().size(), samples, (System.nanoTime() - started) / 1_000_000);
        }
        return result;
    }

    private RepetitionScore scoreBlocks(Map<MatrixSite, BlockSampler> samplers, LinkedHashSet<String> warnings, int rep) {
        List<MatrixSite> sites = new ArrayList<>(samplers.size());
        List<INDArray> blocks = new ArrayList<>(samplers.size());
        for (Map.Entry<MatrixSite, BlockSampler> e : samplers.entrySet()) {
            MatrixSite site = e.getKey();
            BlockSampler s = e.getValue();
            Preconditions.checkState(s.columns() > 0, "layer %s produced no activation", site.describe());
            if (s.isShort() && rep == 0) {
                warnings.add(String.format("layer %s has %d columns but only %d rows from %d samples: scored a %d x %d"
                                + " matrix; give at least %d samples for a square one", site.describe(), s.columns(),
                        s.rowsSeen(), s.samplesSeen(), s.rowsSeen(), s.columns(), s.samplesNeeded()));
            }
            sites.add(site);
            blocks.add(s.block());
        }
        double[] eranks;
        try {
            eranks = EffectiveRank.of(blocks, rankMethod, rankThreads());    // checks that every value is finite
        } catch (IllegalArgumentException invalid) {
            for (int i = 0; i < blocks.size(); i++) {
                INDArray block = blocks.get(i);
                if (!EffectiveRank.isFinite(block)) {
                    throw new IllegalStateException("activations of layer " + sites.get(i).describe() + " contain "
                            + (block.isNaN().any() ? "NaN" : "infinite") + " values (repetition " + (rep + 1)
                            + "): check the input data and the weight initialisation", invalid);
                }
            }
            throw invalid;
        }
        List<MatrixScore> scores = new ArrayList<>(samplers.size());
        int i = 0;
        for (BlockSampler s : samplers.values()) {
            INDArray block = blocks.get(i);
            scores.add(new MatrixScore(sites.get(i), block.rows(), block.columns(), eranks[i], s.samplesInBlock(),
                    s.rowsSeen(), s.blockStart()));
            i++;
        }
        return new RepetitionScore(scores);
    }



    /** The error for NaN or infinite values in a captured activation, naming the layer. */
    private static IllegalStateException nonFinite(MatrixSite site, INDArray activation, int rep) {
        return new IllegalStateException("activations of layer " + site.describe() + " contain "
                + (activation.isNaN().any() ? "NaN" : "infinite") + " values (repetition " + (rep + 1)
                + "): check the input data and the weight initialisation");
    }

    private static long countSamples(List<INDArray[]> batches) {
        long n = 0;
        for (INDArray[] b : batches) {
            n += b[0].size(0);
        }
        return n;
    }

    /** Applies {@code maxSamples}, checks every batch, and records the batches handed out. */
    private Iterator<INDArray[]> limited(Iterator<INDArray[]> it, List<INDArray[]> record) {
        return new Iterator<>() {
            long remaining = maxSamples;

            @Override
            public boolean hasNext() {
                return remaining > 0 && it.hasNext();
            }

            @Override
            public INDArray[] next() {
                INDArray[] b = it.next();
                checkBatch(b);
                long n = b[0].size(0);
                if (n > remaining) {
                    INDArray[] cut = new INDArray[b.length];
                    for (int i = 0; i < b.length; i++) {
                        cut[i] = firstSamples(b[i], remaining);
                    }
                    b = cut;
                    n = remaining;
                }
                remaining -= n;
                record.add(b);
                return b;
            }
        };
    }

    private static INDArray firstSamples(INDArray a, long n) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(0, n);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx);
    }

    private static void checkBatch(INDArray[] b) {
        Preconditions.checkArgument(b != null && b.length > 0, "a batch without input arrays");
        for (int i = 0; i < b.length; i++) {
            INDArray a = b[i];
            Preconditions.checkArgument(a != null, "input %s is null", i);
            Preconditions.checkArgument(a.rank() >= 2, "input %s must have rank >= 2 (samples first), got shape %s", i,
                    Arrays.toString(a.shape()));
            Preconditions.checkArgument(a.length() > 0, "input %s is empty (shape %s)", i, Arrays.toString(a.shape()));
            Preconditions.checkArgument(a.dataType().isFPType(), "input %s must be floating point, got %s", i, a.dataType());
            if (!EffectiveRank.isFinite(a)) {   // one reduction; which kind only on failure
                Preconditions.checkArgument(!a.isNaN().any(), "input %s contains NaN values", i);
                Preconditions.checkArgument(!a.isInfinite().any(), "input %s contains infinite values", i);
            }
        }
    }

    private long weightSeed(int rep) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + rep).nextLong();
    }

    private long blockSeed(int rep, int matrix) {
        return new SplittableRandom(seed).split().nextLong() ^ (0xBF58476D1CE4E5B9L * (rep * 1_000_003L + matrix + 1));
    }

    /**
     * Where the batches come from. Opened once (for the first repetition; later repetitions replay the batches
     * that were used), then closed.
     */
    private interface Source {
        Iterator<INDArray[]> open();

        /** Whether a batch handed out so far came with a feature mask, which NEAR ignores. */
        default boolean sawMasks() {
            return false;
        }

        /** Called once the first repetition has taken what it needs. */
        default void close() {
        }
    }

    private static Source fromArrays(INDArray[] features) {
        return () -> ImmutableList.of(features).iterator();
    }

    private static Source fromDataSets(DataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        return new IteratorSource<>(data, data::resetSupported, data::reset, ds -> {
            Preconditions.checkArgument(ds.getFeatures() != null, "a DataSet without features");
            return new INDArray[] {ds.getFeatures()};
        }, ds -> ds.getFeaturesMaskArray() != null);
    }

    private static Source fromMultiDataSets(MultiDataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        return new IteratorSource<>(data, data::resetSupported, data::reset, ds -> {
            Preconditions.checkArgument(ds.getFeatures() != null, "a MultiDataSet without features");
            return ds.getFeatures();
        }, ds -> ds.getFeaturesMaskArrays() != null && Arrays.stream(ds.getFeaturesMaskArrays()).anyMatch(m -> m != null));
    }

    /** Batches of a DL4J iterator, reset before and after use when it can be; remembers whether masks were seen. */
    private static final class IteratorSource<T> implements Source {
        private final Iterator<T> data;
        private final BooleanSupplier resetSupported;
        private final Runnable reset;
        private final Function<T, INDArray[]> features;
        private final Predicate<T> hasMask;
        private boolean masked;

        IteratorSource(Iterator<T> data, BooleanSupplier resetSupported, Runnable reset,
                       Function<T, INDArray[]> features, Predicate<T> hasMask) {
            this.data = data;
            this.resetSupported = resetSupported;
            this.reset = reset;
            this.features = features;
            this.hasMask = hasMask;
        }

        @Override
        public Iterator<INDArray[]> open() {
            close();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return data.hasNext();
                }

                @Override
                public INDArray[] next() {
                    T item = data.next();
                    masked |= hasMask.test(item);
                    return features.apply(item);
                }
            };
        }

        @Override
        public boolean sawMasks() {
            return masked;
        }

        @Override
        public void close() {
            if (resetSupported.getAsBoolean()) {
                reset.run();
            }
        }
    }

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

        /** Number of repetitions (default 1); the 2nd and later use freshly initialised weights. */
        public Builder repetitions(int repetitions) {
            Preconditions.checkArgument(repetitions >= 1, "repetitions must be >= 1, got %s", repetitions);
            this.repetitions = repetitions;
            return this;
        }

        /** Seed for the block choice and for fresh initialisations (default 12345). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How blocks are chosen (default {@link BlockMode#RANDOM}). */
        public Builder blockMode(BlockMode blockMode) {
            this.blockMode = Preconditions.checkNotNull(blockMode, "blockMode");
            return this;
        }

        /** Use at most this many samples (default: no limit). */
        public Builder maxSamples(long maxSamples) {
            Preconditions.checkArgument(maxSamples >= 1, "maxSamples must be >= 1, got %s", maxSamples);
            this.maxSamples = maxSamples;
            return this;
        }

        /** How effective ranks are computed (default {@link EffectiveRank.Method#AUTO}). */
        public Builder rankMethod(EffectiveRank.Method rankMethod) {
            this.rankMethod = Preconditions.checkNotNull(rankMethod, "rankMethod");
            return this;
        }

        /**
         * How many blocks to solve in plain Java at a time (default: ND4J's thread count, at most the number of
         * processors; 1 solves every block on the calling thread). Only pure-Java work runs on the extra threads,
         * see {@link EffectiveRank#of(List, EffectiveRank.Method, int)}; the values do not depend on it.
         */
        public Builder rankThreads(int threads) {
            Preconditions.checkArgument(threads >= 1, "rankThreads must be >= 1, got %s", threads);
            this.rankThreads = threads;
            return this;
        }

        public NearScorer build() {
            return new NearScorer(this);
        }
    }
}
