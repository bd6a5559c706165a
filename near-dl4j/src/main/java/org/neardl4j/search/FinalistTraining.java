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
package org.neardl4j.search;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.InvalidScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxTimeIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Trains the finalists of a search briefly and picks the winner by validation accuracy: each of the top
 * {@link Builder#top k} candidates of a {@link SearchResult} (or candidates the caller picks) is built by its
 * {@link SearchSpace}, trained with DL4J's early stopping ({@link EarlyStoppingTrainer} or
 * {@link EarlyStoppingGraphTrainer}: at most {@link Builder#maxEpochs} epochs, stopped earlier when the monitored
 * validation score has not improved for {@link Builder#patience} epochs, the best epoch's network kept in memory),
 * and evaluated on the validation data. The winner is the finalist with the highest validation accuracy; a tie is
 * broken by the better zero-cost rank. A finalist that cannot be built or trained is reported in the result with
 * its error, and the others are still trained.
 *
 * <ul>
 *   <li><b>The user's networks are not touched:</b> each finalist is trained on a copy ({@code clone()}) of what
 *       the space builds, so a template that returns a shared instance keeps it unchanged.</li>
 *   <li><b>Seeded:</b> ND4J's random generator is seeded with {@link Builder#seed} before each finalist (the
 *       network's initialisation is the space's, seeded by its configuration); with iterators that give the same
 *       batches in the same order, a run is repeatable.</li>
 *   <li><b>Data:</b> a {@link DataSetIterator} for any network, or a {@link MultiDataSetIterator} for
 *       {@code ComputationGraph}s; both must support {@code reset()} (they are read once per epoch) and hold at
 *       least one batch.</li>
 * </ul>
 *
 * <pre>{@code
 * SearchResult<Choices> search = ArchitectureSearch.builder(space, fitness).budget(50).top(3).build().run();
 * TrainedFinalists<Choices> trained = FinalistTraining.builder(space)
 *         .data(trainIterator, validationIterator)
 *         .top(3).maxEpochs(3).patience(1).seed(42)
 *         .build().train(search);
 * Model best = trained.winnerModel();
 * System.out.println(trained.winner().name() + ": " + trained.reason());
 * trained.writeJson(Path.of("finalists.json"));
 * }</pre>
 *
 * @param <C> the candidate type of the space
 */
public final class FinalistTraining<C> {

    private static final Logger log = LoggerFactory.getLogger(FinalistTraining.class);

    /** Finalists trained when {@link Builder#top} is not given. */
    public static final int DEFAULT_TOP = 3;
    /** Most epochs per finalist when {@link Builder#maxEpochs} is not given. */
    public static final int DEFAULT_MAX_EPOCHS = 3;
    /** Epochs without improvement that stop a finalist when {@link Builder#patience} is not given. */
    public static final int DEFAULT_PATIENCE = 2;

    /** The validation score early stopping watches. */
    public enum Monitor {
        /** Classification accuracy on the validation data (higher is better). */
        ACCURACY,
        /** Average loss on the validation data (lower is better). */
        LOSS
    }

    private final SearchSpace<C> space;
    private final DataSetIterator train;
    private final DataSetIterator validation;
    private final MultiDataSetIterator trainMulti;
    private final MultiDataSetIterator validationMulti;
    private final int top;
    private final int maxEpochs;
    private final int patience;
    private final Monitor monitor;
    private final long seed;
    private final Duration maxTime;

    private FinalistTraining(Builder<C> b) {
        Preconditions.checkState(b.train != null || b.trainMulti != null,
                "finalist training needs data: data(training, validation)");
        this.space = b.space;
        this.train = b.train;
        this.validation = b.validation;
        this.trainMulti = b.trainMulti;
        this.validationMulti = b.validationMulti;
        this.top = b.top;
        this.maxEpochs = b.maxEpochs;
        this.patience = b.patience;
        this.monitor = b.monitor;
        this.seed = b.seed;
        this.maxTime = b.maxTime;
    }

    /**
     * A builder for training finalists of {@code space}.
     *
     * @param space builds each finalist's network; not null
     * @param <C>   the candidate type
     * @return a builder with the defaults (top {@value #DEFAULT_TOP}, at most {@value #DEFAULT_MAX_EPOCHS} epochs,
     *         patience {@value #DEFAULT_PATIENCE}, monitoring accuracy, seed 0, no time limit)
     */
    public static <C> Builder<C> builder(SearchSpace<C> space) {
        return new Builder<>(space);
    }

    /**
     * Trains the {@link Builder#top} best candidates of a search, in the order of its ranking.
     *
     * @param search a search of this training's space; not null
     * @return what was scored, trained, chosen and why, with the trained networks
     * @throws IllegalArgumentException if top is larger than the number of candidates the search scored, a
     *                                  candidate is not of the space, or the data is empty
     * @throws IllegalStateException    if no finalist could be trained (each one's error is in the message)
     */
    public TrainedFinalists<C> train(SearchResult<C> search) {
        Preconditions.checkNotNull(search, "search");
        Preconditions.checkArgument(top <= search.ranking().size(),
                "top %s is larger than the %s candidates the search scored", top, search.ranking().size());
        List<Entry<C>> entries = new ArrayList<>();
        for (int i = 0; i < top; i++) {
            SearchResult.Ranked r = search.ranking().get(i);
            entries.add(new Entry<>(space.parse(r.evaluation().name()), r.evaluation().name(), r.rank(), r.fitness(),
                    r.evaluation().values()));
        }
        return run(entries, search);
    }

    /**
     * Trains candidates the caller picked (for example random picks to compare with a search's finalists), all
     * of them, in the given order; their rank is their position (1 for the first) and they have no zero-cost
     * values. {@link Builder#top} does not apply.
     *
     * @param candidates at least one, of this training's space, names distinct
     * @return what was trained, chosen and why, with the trained networks
     * @throws IllegalArgumentException if the list is empty or names a candidate twice, or the data is empty
     * @throws IllegalStateException    if no candidate could be trained (each one's error is in the message)
     */
    public TrainedFinalists<C> train(List<C> candidates) {
        Preconditions.checkNotNull(candidates, "candidates");
        Preconditions.checkArgument(!candidates.isEmpty(), "no candidates to train");
        List<Entry<C>> entries = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            C c = Preconditions.checkNotNull(candidates.get(i), "candidate %s is null", i);
            String name = space.name(c);
            Preconditions.checkArgument(names.add(name), "candidate '%s' is given twice", name);
            entries.add(new Entry<>(c, name, i + 1, Double.NaN, List.of()));
        }
        return run(entries, null);
    }

    private record Entry<C>(C candidate, String name, int rank, double fitness, List<Double> values) {
    }

    private TrainedFinalists<C> run(List<Entry<C>> entries, SearchResult<C> search) {
        checkData();
        long begun = System.nanoTime();
        List<TrainedFinalists.Finalist> done = new ArrayList<>();
        Map<String, Model> models = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry<C> e = entries.get(i);
            log.info("finalist {}/{}: training {} (rank {}) for at most {} epochs", i + 1, entries.size(),
                    e.name(), e.rank(), maxEpochs);
            long t = System.nanoTime();
            TrainedFinalists.Finalist f;
            try {
                Outcome o = trainOne(e);
                f = new TrainedFinalists.Finalist(e.name(), e.rank(), e.fitness(), e.values(), o.epochs, o.bestEpoch,
                        o.accuracy, o.loss, o.scores, o.termination, o.details, (System.nanoTime() - t) / 1e9, "");
                models.put(e.name(), o.model);
                log.info("finalist {}: validation accuracy {} (loss {}) at epoch {} of {}; stopped by {}", e.name(),
                        fmt(o.accuracy), fmt(o.loss), o.bestEpoch, o.epochs, o.termination);
            } catch (RuntimeException ex) {
                String error = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                f = new TrainedFinalists.Finalist(e.name(), e.rank(), e.fitness(), e.values(), 0, 0, Double.NaN,
                        Double.NaN, List.of(), "error", "", (System.nanoTime() - t) / 1e9, error);
                log.warn("finalist {} could not be trained: {}", e.name(), error);
                log.debug("finalist {}", e.name(), ex);
            }
            done.add(f);
        }
        if (models.isEmpty()) {
            StringBuilder sb = new StringBuilder("no finalist could be trained:");
            for (TrainedFinalists.Finalist f : done) {
                sb.append(' ').append(f.name()).append(": ").append(f.error()).append(';');
            }
            throw new IllegalStateException(sb.substring(0, sb.length() - 1));
        }
        TrainedFinalists.Settings settings = new TrainedFinalists.Settings(entries.size(), maxEpochs, patience,
                monitor.name().toLowerCase(Locale.ROOT), seed, maxTime == null ? 0 : maxTime.toMillis() / 1000.0);
        return TrainedFinalists.of(space, search, settings, done, models, (System.nanoTime() - begun) / 1e9);
    }

    /** What early stopping gave for one finalist. */
    private static final class Outcome {
        Model model;
        int epochs;
        int bestEpoch;
        double accuracy;
        double loss;
        List<Double> scores;
        String termination;
        String details;
    }

    private Outcome trainOne(Entry<C> e) {
        Model built;
        try {
            built = space.build(e.candidate());
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("cannot build: " + oneLine(ex), ex);
        }
        Nd4j.getRandom().setSeed(seed);
        EarlyStoppingResult<? extends Model> r;
        if (built instanceof MultiLayerNetwork) {
            Preconditions.checkArgument(train != null, "a MultiLayerNetwork trains on a DataSetIterator, not a"
                    + " MultiDataSetIterator; give data(DataSetIterator, DataSetIterator)");
            MultiLayerNetwork net = ((MultiLayerNetwork) built).clone();
            EarlyStoppingConfiguration<MultiLayerNetwork> conf = this.<MultiLayerNetwork>configuration();
            r = fit(built, () -> new EarlyStoppingTrainer(conf, net, train).fit());
        } else if (built instanceof ComputationGraph) {
            ComputationGraph net = ((ComputationGraph) built).clone();
            EarlyStoppingConfiguration<ComputationGraph> conf = this.<ComputationGraph>configuration();
            r = fit(built, () -> train != null ? new EarlyStoppingGraphTrainer(conf, net, train).fit()
                    : new EarlyStoppingGraphTrainer(conf, net, trainMulti, null).fit());
        } else {
            throw new IllegalArgumentException("the space built " + (built == null ? "null"
                    : built.getClass().getName()) + ": expected a MultiLayerNetwork or ComputationGraph");
        }
        if (r.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("training failed in epoch " + (r.getTotalEpochs() + 1) + ": "
                    + r.getTerminationDetails());
        }
        Model best = r.getBestModel();
        Preconditions.checkState(best != null && r.getBestModelEpoch() >= 0,
                "training stopped (%s) before any epoch was validated", r.getTerminationDetails());
        Outcome o = new Outcome();
        o.model = best;
        o.epochs = r.getTotalEpochs();
        o.bestEpoch = r.getBestModelEpoch() + 1;
        o.scores = new ArrayList<>(r.getScoreVsEpoch().values());
        o.details = r.getTerminationDetails();
        o.termination = termination(r);
        o.accuracy = accuracy(best);
        o.loss = lossCalculator().calculateScore(best);
        return o;
    }

    private interface Fit {
        EarlyStoppingResult<? extends Model> run();
    }

    /**
     * Runs DL4J's trainer. When the first epoch fails, DL4J logs the cause and then fails itself with a
     * NullPointerException (no best network yet); the cause is found again by fitting the first training batch on
     * another copy of the network, so that the error says what went wrong.
     */
    private EarlyStoppingResult<? extends Model> fit(Model built, Fit fit) {
        try {
            return fit.run();
        } catch (NullPointerException ex) {
            String cause = "the training loss was NaN or infinite";
            try {
                if (built instanceof MultiLayerNetwork) {
                    train.reset();
                    ((MultiLayerNetwork) built).clone().fit(train.next());
                } else if (train != null) {
                    train.reset();
                    ((ComputationGraph) built).clone().fit(train.next());
                } else {
                    trainMulti.reset();
                    ((ComputationGraph) built).clone().fit(trainMulti.next());
                }
            } catch (RuntimeException first) {
                cause = "the first training batch failed: " + oneLine(first);
            }
            throw new IllegalStateException("training stopped in the first epoch, before any validation: " + cause,
                    ex);
        }
    }

    private String termination(EarlyStoppingResult<? extends Model> r) {
        String d = r.getTerminationDetails() == null ? "" : r.getTerminationDetails();
        if (d.startsWith("MaxEpochsTerminationCondition")) {
            return "max-epochs";
        }
        if (d.startsWith("ScoreImprovementEpochTerminationCondition")) {
            return "patience";
        }
        if (d.startsWith("MaxTimeIterationTerminationCondition")) {
            return "time-limit";
        }
        if (d.startsWith("InvalidScoreIterationTerminationCondition")) {
            return "invalid-loss";
        }
        return d;
    }

    private <T extends Model> EarlyStoppingConfiguration<T> configuration() {
        List<EpochTerminationCondition> epochs = new ArrayList<>();
        epochs.add(new MaxEpochsTerminationCondition(maxEpochs));
        if (patience < maxEpochs) {
            epochs.add(new ScoreImprovementEpochTerminationCondition(patience));
        }
        List<IterationTerminationCondition> iterations = new ArrayList<>();
        iterations.add(new InvalidScoreIterationTerminationCondition());
        if (maxTime != null) {
            iterations.add(new MaxTimeIterationTerminationCondition(maxTime.toMillis(), TimeUnit.MILLISECONDS));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        ScoreCalculator<T> calculator = (ScoreCalculator) (monitor == Monitor.ACCURACY
                ? accuracyCalculator() : lossCalculator());
        return new EarlyStoppingConfiguration.Builder<T>()
                .epochTerminationConditions(epochs)
                .iterationTerminationConditions(iterations.toArray(new IterationTerminationCondition[0]))
                .scoreCalculator(calculator)
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
    }

    private ClassificationScoreCalculator accuracyCalculator() {
        return validation != null
                ? new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, validation)
                : new ClassificationScoreCalculator(Evaluation.Metric.ACCURACY, validationMulti);
    }

    private DataSetLossCalculator lossCalculator() {
        return validation != null ? new DataSetLossCalculator(validation, true)
                : new DataSetLossCalculator(validationMulti, true);
    }

    private double accuracy(Model m) {
        Evaluation ev = new Evaluation();
        if (m instanceof MultiLayerNetwork) {
            validation.reset();
            ((MultiLayerNetwork) m).doEvaluation(validation, ev);
        } else {
            MultiDataSetIterator it = validationMulti != null ? validationMulti
                    : new MultiDataSetIteratorAdapter(validation);
            it.reset();
            ((ComputationGraph) m).doEvaluation(it, ev);
        }
        return ev.accuracy();
    }

    private void checkData() {
        if (train != null) {
            check(train.resetSupported(), "training");
            check(validation.resetSupported(), "validation");
            train.reset();
            Preconditions.checkArgument(train.hasNext(), "the training data is empty");
            validation.reset();
            Preconditions.checkArgument(validation.hasNext(), "the validation data is empty");
        } else {
            check(trainMulti.resetSupported(), "training");
            check(validationMulti.resetSupported(), "validation");
            trainMulti.reset();
            Preconditions.checkArgument(trainMulti.hasNext(), "the training data is empty");
            validationMulti.reset();
            Preconditions.checkArgument(validationMulti.hasNext(), "the validation data is empty");
        }
    }

    private static void check(boolean resettable, String what) {
        Preconditions.checkArgument(resettable, "the %s iterator does not support reset(); finalist training reads"
                + " it once per epoch", what);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replace('\n', ' ');
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * The options, for logs.
     *
     * @return e.g. {@code FinalistTraining{space=choices(width:3;), top=3, maxEpochs=3, patience=2, ...}}
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("space", space.id()).add("top", top).add("maxEpochs", maxEpochs)
                .add("patience", patience).add("monitor", monitor).add("seed", seed).add("maxTime", maxTime)
                .toString();
    }

    /**
     * Options of a {@link FinalistTraining}.
     *
     * <pre>{@code
     * FinalistTraining<Nb201Cell> t = FinalistTraining.builder(space).data(train, validation)
     *         .top(2).maxEpochs(5).patience(2).monitor(FinalistTraining.Monitor.LOSS).build();
     * }</pre>
     *
     * @param <C> the candidate type
     */
    public static final class Builder<C> {
        private final SearchSpace<C> space;
        private DataSetIterator train;
        private DataSetIterator validation;
        private MultiDataSetIterator trainMulti;
        private MultiDataSetIterator validationMulti;
        private int top = DEFAULT_TOP;
        private int maxEpochs = DEFAULT_MAX_EPOCHS;
        private int patience = DEFAULT_PATIENCE;
        private Monitor monitor = Monitor.ACCURACY;
        private long seed;
        private Duration maxTime;

        private Builder(SearchSpace<C> space) {
            this.space = Preconditions.checkNotNull(space, "space");
        }

        /**
         * The training and validation data (labelled; reset at every epoch).
         *
         * @param training   training batches; not null, supports reset
         * @param validation validation batches; not null, supports reset
         * @return this builder
         */
        public Builder<C> data(DataSetIterator training, DataSetIterator validation) {
            this.train = Preconditions.checkNotNull(training, "training data");
            this.validation = Preconditions.checkNotNull(validation, "validation data");
            this.trainMulti = null;
            this.validationMulti = null;
            return this;
        }

        /**
         * The training and validation data for {@code ComputationGraph} finalists with several inputs or outputs.
         *
         * @param training   training batches; not null, supports reset
         * @param validation validation batches; not null, supports reset
         * @return this builder
         */
        public Builder<C> data(MultiDataSetIterator training, MultiDataSetIterator validation) {
            this.trainMulti = Preconditions.checkNotNull(training, "training data");
            this.validationMulti = Preconditions.checkNotNull(validation, "validation data");
            this.train = null;
            this.validation = null;
            return this;
        }

        /**
         * How many of a search's best candidates to train (default {@value FinalistTraining#DEFAULT_TOP}).
         *
         * @param top at least 1, at most the number of candidates the search scored
         * @return this builder
         */
        public Builder<C> top(int top) {
            Preconditions.checkArgument(top >= 1, "top must be >= 1, got %s", top);
            this.top = top;
            return this;
        }

        /**
         * The most epochs per finalist (default {@value FinalistTraining#DEFAULT_MAX_EPOCHS}).
         *
         * @param maxEpochs at least 1
         * @return this builder
         */
        public Builder<C> maxEpochs(int maxEpochs) {
            Preconditions.checkArgument(maxEpochs >= 1, "maxEpochs must be >= 1, got %s", maxEpochs);
            this.maxEpochs = maxEpochs;
            return this;
        }

        /**
         * Stops a finalist after this many epochs without improvement of the monitored validation score (default
         * {@value FinalistTraining#DEFAULT_PATIENCE}); a patience of {@code maxEpochs} or more never stops early.
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder<C> patience(int patience) {
            Preconditions.checkArgument(patience >= 1, "patience must be >= 1, got %s", patience);
            this.patience = patience;
            return this;
        }

        /**
         * The validation score early stopping watches and keeps the best epoch by (default accuracy). The winner
         * is chosen by validation accuracy either way.
         *
         * @param monitor not null
         * @return this builder
         */
        public Builder<C> monitor(Monitor monitor) {
            this.monitor = Preconditions.checkNotNull(monitor, "monitor");
            return this;
        }

        /**
         * The seed of ND4J's random generator, set before each finalist is trained (default 0).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder<C> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The longest a finalist trains (checked after each batch; default no limit).
         *
         * @param maxTime positive, or null for no limit
         * @return this builder
         */
        public Builder<C> maxTime(Duration maxTime) {
            Preconditions.checkArgument(maxTime == null || !maxTime.isNegative() && !maxTime.isZero(),
                    "maxTime must be positive, got %s", maxTime);
            this.maxTime = maxTime;
            return this;
        }

        /**
         * Builds the training.
         *
         * @return the training, ready to {@link FinalistTraining#train}
         * @throws IllegalStateException without data
         */
        public FinalistTraining<C> build() {
            return new FinalistTraining<>(this);
        }
    }
}
