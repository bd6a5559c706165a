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
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.neardl4j.concurrent.NativeAccess;
import org.neardl4j.proxy.ParameterCount;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.Provenance;
import org.neardl4j.search.ChoiceSpace;
import org.neardl4j.search.Choices;
import org.neardl4j.search.SearchSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Ranks architecture variants by NEAR averaged over {@code R} initialisations, all on the same data, so that a
 * user can compare them before training: a list of candidates, or every candidate of a {@link SearchSpace} small
 * enough to list ({@link #rank(SearchSpace, INDArray...)}, for example a {@link ChoiceSpace} of widths, depths and
 * activations). Ranking the values of one design choice (activation function, weight initialisation, ...) plugged
 * into an architecture template ({@link #rankVariants}) is ranking a {@link ChoiceSpace} of that one choice.
 *
 * <p>Each candidate is scored by a {@link NearScorer} with {@code R} repetitions: the first uses the network's own
 * weights (as built, or as given), the others freshly initialised copies. The re-initialisation seeds and the
 * block choice depend only on the scorer's seed and the repetition, so every candidate sees the same data, in
 * the same order. With {@link Builder#freshWeights(boolean)} every repetition uses fresh weights, which is right
 * for networks that were already trained (and is the default of {@code near-cli rank}, which ranks files). Candidates are built, scored and released one at a time.
 *
 * <pre>{@code
 * ArchitectureRanking ranking = ArchitectureRanking.builder()
 *         .scorer(NearScorer.builder().repetitions(5).seed(1).build()).build();
 * RankingResult r = ranking.rank(List.of(
 *         Candidate.ofConfiguration("mlp-64", mlp(64)),
 *         Candidate.ofConfiguration("mlp-256", mlp(256))), probeFeatures);
 * System.out.println(r.withMetric("accuracy", measuredAccuracies));
 *
 * SelectionResult<Activation> act = ranking.rankVariants(Variants.activations(), a -> mlpWith(a), probeFeatures);
 * Activation pick = act.best();
 *
 * ChoiceSpace space = ChoiceSpace.builder().choice("width", List.of(64, 256))
 *         .choice("activation", Variants.activations())
 *         .template(c -> mlp(c.get("width", Integer.class), c.get("activation", Activation.class))).build();
 * RankingResult all = ranking.rank(space, probeFeatures);     // 24 candidates, named width=64,activation=RELU, ...
 * }</pre>
 *
 * <p>Instances are immutable, serializable (the Spark module ships one to every executor) and thread-safe: several
 * threads may rank at once (see {@link NearScorer}). A
 * candidate's supplier runs under {@link NativeAccess#shared} and must not wait for another thread that scores.
 */
public final class ArchitectureRanking implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Logger log = LoggerFactory.getLogger(ArchitectureRanking.class);

    /** Repetitions of the scorer used when the builder is given none (the scorer's other options: its defaults). */
    public static final int DEFAULT_REPETITIONS = 3;

    /** The name of the one choice of the space {@link #rankVariants} ranks. */
    private static final String VARIANT = "variant";

    /** The scoring options of every candidate. */
    private final NearScorer scorer;
    /** Whether even the first repetition re-initialises each network. */
    private final boolean freshWeights;
    /** Whether a candidate that cannot be scored is reported instead of ending the ranking. */
    private final boolean isolateFailures;

    private ArchitectureRanking(Builder b) {
        this.scorer = b.scorer;
        this.freshWeights = b.freshWeights;
        this.isolateFailures = b.isolateFailures;
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
     * A builder holding these options, to derive a ranking that differs in some of them.
     *
     * <pre>{@code
     * ArchitectureRanking isolated = ranking.toBuilder().isolateFailures(true).build();
     * }</pre>
     *
     * @return a new builder with this ranking's scorer, fresh-weights and failure settings
     */
    public Builder toBuilder() {
        return builder().scorer(scorer).freshWeights(freshWeights).isolateFailures(isolateFailures);
    }

    /**
     * The scorer every candidate is scored with.
     *
     * @return the scoring options (repetitions, seed, block mode, sample limit, rank method)
     */
    public NearScorer scorer() {
        return scorer;
    }

    /**
     * Whether every repetition uses freshly initialised weights.
     *
     * @return true when even the first repetition re-initialises the network
     */
    public boolean freshWeights() {
        return freshWeights;
    }

    /**
     * Whether a candidate that cannot be built or scored is reported in {@link RankingResult#failures()} instead of
     * ending the ranking.
     *
     * @return true when failures are isolated
     */
    public boolean isolateFailures() {
        return isolateFailures;
    }

    /**
     * Ranks the candidates on one batch of inputs (one array per network input; every network must accept them).
     *
     * @param candidates the networks to rank, names unique; each is built when its turn comes
     * @param features   the probe batch, one array per network input (e.g. {@code [N, 784]} for an MLP, {@code [N,
     *                   3, 32, 32]} for a CNN), shared by every candidate and never modified
     * @return the candidates by NEAR, highest first, each with its per-layer result
     * @throws IllegalArgumentException naming the candidate when one cannot be scored (unless failures are
     *                                  {@linkplain Builder#isolateFailures isolated}), or for duplicate names
     */
    public RankingResult rank(List<Candidate> candidates, INDArray... features) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length > 0, "no input array given");
        return rankWith(candidates, m -> scorer.score(m, features));
    }

    /**
     * Ranks single-input candidates on batches from an iterator (reset before each candidate).
     *
     * @param candidates the networks to rank, names unique, each with one input
     * @param data       the probe data; it must support {@code reset()} so that every candidate sees the same batches
     * @return the candidates by NEAR, highest first, each with its per-layer result
     * @throws IllegalArgumentException naming the candidate when one cannot be scored (unless failures are
     *                                  {@linkplain Builder#isolateFailures isolated}), for duplicate names, or for an
     *                                  iterator without reset
     */
    public RankingResult rank(List<Candidate> candidates, DataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        Preconditions.checkArgument(data.resetSupported(), "the iterator must support reset(): every candidate is"
                + " scored on the same data");
        return rankWith(candidates, m -> m instanceof MultiLayerNetwork ? scorer.score((MultiLayerNetwork) m, data)
                : scorer.score((ComputationGraph) m, data));
    }

    /**
     * Ranks every candidate of a space that lists its candidates ({@link SearchSpace#enumerate()}), each named by
     * {@link SearchSpace#name} and built by {@link SearchSpace#build} when its turn comes, in the space's order: the
     * ranking an exhaustive search of the space with NEAR as its fitness makes, with this ranking's repetitions,
     * standard deviations, warnings and failure handling.
     *
     * <pre>{@code
     * RankingResult r = ranking.rank(choiceSpace, features);
     * Choices best = choiceSpace.parse(r.best().name());
     * }</pre>
     *
     * @param space    a space that lists its candidates (a {@link ChoiceSpace} of at most
     *                 {@value ChoiceSpace#ENUMERATION_LIMIT} candidates, a list of NAS-Bench cells, ...)
     * @param features the probe batch, one array per network input, shared by every candidate and never modified
     * @param <C>      the candidate type of the space
     * @return the candidates by NEAR, highest first
     * @throws IllegalArgumentException for a space that does not list its candidates (search it with
     *                                  {@code ArchitectureSearch} instead), or naming the candidate that cannot be
     *                                  scored (unless failures are isolated)
     */
    public <C> RankingResult rank(SearchSpace<C> space, INDArray... features) {
        return rank(candidates(space, space::name), features);
    }

    /**
     * {@link #rank(SearchSpace, INDArray...)} on batches from an iterator (reset before each candidate).
     *
     * @param space a space that lists its candidates, each with one input
     * @param data  the probe data, with {@code reset()}
     * @param <C>   the candidate type of the space
     * @return the candidates by NEAR, highest first
     * @throws IllegalArgumentException for a space that does not list its candidates, an iterator without reset, or
     *                                  naming the candidate that cannot be scored (unless failures are isolated)
     */
    public <C> RankingResult rank(SearchSpace<C> space, DataSetIterator data) {
        return rank(candidates(space, space::name), data);
    }

    /** Every candidate of an enumerable space as a lazily built {@link Candidate}. */
    private static <C> List<Candidate> candidates(SearchSpace<C> space, Function<? super C, String> namer) {
        Preconditions.checkNotNull(space, "space");
        Optional<List<C>> all = space.enumerate();
        Preconditions.checkArgument(all.isPresent(), "the space %s does not list its candidates: rank a space small"
                + " enough to enumerate, or search it (ArchitectureSearch)", space.id());
        List<Candidate> out = new ArrayList<>();
        for (C c : all.get()) {
            out.add(Candidate.ofSupplier(namer.apply(c), () -> space.build(c)));
        }
        return out;
    }

    /** The space of one choice whose values are the variants' names, built by the template of the named value. */
    private static <T> ChoiceSpace variantSpace(Map<String, T> byName, Function<? super T, ? extends Model> template) {
        Preconditions.checkNotNull(template, "template");
        return ChoiceSpace.builder().choice(VARIANT, List.copyOf(byName.keySet()))
                .template(c -> template.apply(byName.get(c.get(VARIANT, String.class)))).build();
    }

    /** A variant's name: the value of the one choice. */
    private static String variantName(Choices c) {
        return c.get(VARIANT, String.class);
    }

    /**
     * Ranks the values of one design choice: {@code template} builds an initialised network for each value (for
     * example an MLP with the given {@code Activation} or {@code WeightInit}); candidates are named by
     * {@code String.valueOf(value)}. This ranks every candidate of a {@link ChoiceSpace} of one choice, the values,
     * as {@link #rank(SearchSpace, INDArray...)} does, each candidate named by its value.
     *
     * @param values   the choices to compare (e.g. {@code List.of(Activation.RELU, Activation.TANH)})
     * @param template   builds an initialised network for one choice
     * @param features   the probe batch, one array per network input
     * @param <T>        the type of the choices
     * @return the ranking and the best choice ({@link SelectionResult#best()})
     */
    public <T> SelectionResult<T> rankVariants(Collection<? extends T> values,
                                               Function<? super T, ? extends Model> template, INDArray... features) {
        return rankVariants(values, String::valueOf, template, features);
    }

    /**
     * {@link #rankVariants(Collection, Function, INDArray...)} with names given by {@code namer} (unique).
     *
     * @param values   the choices to compare
     * @param namer    the candidate name of a choice; names must be unique
     * @param template builds an initialised network for one choice
     * @param features the probe batch, one array per network input
     * @param <T>      the type of the choices
     * @return the ranking and the best choice ({@link SelectionResult#best()})
     */
    public <T> SelectionResult<T> rankVariants(Collection<? extends T> values, Function<? super T, String> namer,
                                               Function<? super T, ? extends Model> template, INDArray... features) {
        Map<String, T> byName = variants(values, namer);
        return new SelectionResult<>(rank(candidates(variantSpace(byName, template), ArchitectureRanking::variantName),
                features), byName);
    }

    /**
     * {@link #rankVariants(Collection, Function, INDArray...)} on batches from an iterator.
     *
     * @param values   the choices to compare
     * @param template builds an initialised single-input network for one choice
     * @param data     the probe data, with {@code reset()}
     * @param <T>      the type of the choices
     * @return the ranking and the best choice ({@link SelectionResult#best()})
     */
    public <T> SelectionResult<T> rankVariants(Collection<? extends T> values,
                                               Function<? super T, ? extends Model> template, DataSetIterator data) {
        Map<String, T> byName = variants(values, String::valueOf);
        return new SelectionResult<>(rank(candidates(variantSpace(byName, template), ArchitectureRanking::variantName),
                data), byName);
    }

    private static <T> Map<String, T> variants(Collection<? extends T> values, Function<? super T, String> namer) {
        Preconditions.checkNotNull(values, "values");
        Preconditions.checkNotNull(namer, "namer");
        Preconditions.checkArgument(!values.isEmpty(), "no values to rank");
        Map<String, T> byName = new LinkedHashMap<>();
        for (T v : values) {
            Preconditions.checkArgument(v != null, "a value to rank is null");
            String name = namer.apply(v);
            Preconditions.checkArgument(name != null && byName.put(name, v) == null,
                    "two values are named '%s': give a namer that tells them apart", name);
        }
        return byName;
    }

    private RankingResult rankWith(List<Candidate> candidates, Function<Model, NearResult> score) {
        Preconditions.checkNotNull(candidates, "candidates");
        Preconditions.checkArgument(!candidates.isEmpty(), "no candidates to rank");
        Set<String> names = new HashSet<>();
        for (Candidate c : candidates) {
            Preconditions.checkArgument(c != null, "a candidate is null");
            Preconditions.checkArgument(names.add(c.name()), "two candidates are named '%s'", c.name());
        }
        long begun = System.nanoTime();
        long samples = 0;
        List<RankedCandidate> scored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<CandidateFailure> failures = new ArrayList<>();
        int i = 0;
        for (Candidate c : candidates) {
            i++;
            long started = System.nanoTime();
            NearResult result;
            long params;
            try {
                Map.Entry<Long, NearResult> done = NativeAccess.shared(() -> {    // building a network is native work
                    Model model = c.model();
                    if (freshWeights) {
                        model = Models.freshCopy(model, new SplittableRandom(scorer.seed()).split().nextLong());
                    }
                    // trainable parameters: DL4J's numParams() also counts batch normalisation's running statistics
                    return Map.entry(ParameterCount.of(model), score.apply(model));
                });
                params = done.getKey();
                result = done.getValue();
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                if (!isolateFailures) {
                    if (e instanceof Error) {
                        throw (Error) e;
                    }
                    throw new IllegalArgumentException("candidate '" + c.name() + "' could not be scored: "
                            + e.getMessage(), e);
                }
                failures.add(CandidateFailure.of(c.name(), e));
                log.warn("candidate {}/{} '{}' failed: {}", i, candidates.size(), c.name(), e.toString());
                continue;
            }
            for (String w : result.warnings()) {
                warnings.add(c.name() + ": " + w);
            }
            scored.add(new RankedCandidate(1, c.name(), params, result, Double.NaN, 0));
            samples = Math.max(samples, result.samples());
            if (log.isInfoEnabled()) {
                log.info("candidate {}/{} '{}': NEAR {}{} ({} repetition(s), {} ms)", i, candidates.size(), c.name(),
                        String.format(Locale.ROOT, "%.4f", result.score()), scorer.repetitions() > 1
                                ? String.format(Locale.ROOT, " +- %.4f", result.standardDeviation()) : "",
                        scorer.repetitions(), (System.nanoTime() - started) / 1_000_000L);
            }
        }
        return RankingResult.of(scored, Provenance.of(scorer, samples, Duration.ofNanos(System.nanoTime() - begun)), warnings,
                failures);
    }

    /**
     * Options of an {@link ArchitectureRanking}. Defaults: a scorer with 3 repetitions (seed 12345, random blocks, all samples),
     * the first repetition on the networks' own weights.
     *
     * <pre>{@code
     * ArchitectureRanking r = ArchitectureRanking.builder()
     *         .scorer(NearScorer.builder().repetitions(5).seed(7).maxSamples(1024).build()).build();
     * }</pre>
     */
    public static final class Builder {
        private NearScorer scorer = NearScorer.builder().repetitions(DEFAULT_REPETITIONS).build();
        private boolean freshWeights;
        private boolean isolateFailures;

        private Builder() {
        }

        /**
         * The scorer every candidate is scored with: its repetitions (initialisations to average over), seed (of
         * the re-initialisations and the block choice), block mode, sample limit (per candidate) and rank method.
         * Default: {@value ArchitectureRanking#DEFAULT_REPETITIONS} repetitions, otherwise
         * {@link NearScorer#defaults()}.
         *
         * @param scorer the scoring options
         * @return this builder
         */
        public Builder scorer(NearScorer scorer) {
            this.scorer = Preconditions.checkNotNull(scorer, "scorer");
            return this;
        }

        /**
         * Whether every repetition, the first included, uses freshly initialised weights instead of the network's
         * own (default false: candidates built by a factory or from a configuration are scored with the weights
         * they were built with). Turn it on to rank networks that were trained or loaded from files. The
         * command-line tool's {@code near-cli rank}, which ranks files, has the opposite default (fresh weights;
         * {@code --saved-weights} gives this builder's default).
         *
         * @param freshWeights the fresh weights
         * @return this builder
         */
        public Builder freshWeights(boolean freshWeights) {
            this.freshWeights = freshWeights;
            return this;
        }

        /**
         * Whether a candidate that cannot be built or scored (a bad configuration, NaN activations, an
         * {@code OutOfMemoryError} or {@code StackOverflowError}) is reported in {@link RankingResult#failures()} with
         * its error while the others are still ranked (default false: the ranking stops with an
         * {@code IllegalArgumentException} naming the candidate).
         *
         * @param isolate true to isolate failures
         * @return this builder
         */
        public Builder isolateFailures(boolean isolate) {
            this.isolateFailures = isolate;
            return this;
        }

        /**
         * Builds the configured object.
         *
         * @return a new ranking with these options, ready for {@code rank(...)}
         */
        public ArchitectureRanking build() {
            return new ArchitectureRanking(this);
        }
    }

    /**
     * The options, for logs and error messages.
     *
     * @return for example {@code ArchitectureRanking{scorer=NearScorer{...}, freshWeights=true, isolateFailures=false}}
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
                .add("scorer", scorer)
                .add("freshWeights", freshWeights)
                .add("isolateFailures", isolateFailures)
                .toString();
    }
}
