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
package org.neardl4j.listener;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A DL4J {@link org.deeplearning4j.optimize.api.TrainingListener} that scores the network being trained with NEAR
 * on a fixed probe batch, at the end of every epoch by default, and keeps the history.
 *
 * <p>The probe is the batch given to {@link Builder#probe(INDArray...)}, or else a copy of the first batch the
 * listener sees. Scoring works on a private copy of the network ({@link NearScorer}, one repetition, the network's
 * current weights, batch statistics for batch normalisation, no dropout) and runs only from
 * {@code iterationDone}, {@code onEpochStart} and {@code onEpochEnd}, where DL4J has no workspace open. It never
 * changes the network, its updater or its counters and never draws from ND4J's random generator, so training
 * with the listener gives bit-identical parameters to training without it.
 *
 * <p>Evaluations happen at the end of every {@code n}-th epoch ({@link Builder#everyEpochs}), after every
 * {@code n}-th iteration ({@link Builder#everyIterations}) or at the start of every {@code n}-th epoch, optionally
 * only during the first {@code K} epochs ({@link Builder#firstEpochs}) and once before the first parameter update
 * ({@link Builder#atStart}). DL4J calls the epoch callbacks only when fitting on an iterator: when fitting on
 * arrays ({@code fit(features, labels)}, {@code fit(DataSet)}) use {@link Builder#everyIterations}.
 *
 * <p>Each evaluation is logged as one SLF4J INFO line, added to {@link #history()} and passed to the outputs given
 * to {@link Builder#onRecord} (callbacks, or CSV and JSON-lines files from {@link NearRecordSinks}). A failed
 * evaluation (for example NaN activations of a diverging network) is logged as a warning and training goes on,
 * unless {@link Builder#failOnError} is set.
 *
 * <pre>{@code
 * NearListener near = NearListener.builder()
 *         .probe(probeFeatures)          // or leave out: the first training batch is copied
 *         .everyEpochs(1).atStart()      // epoch 0, 1, 2, ...
 *         .onRecord(NearRecordSinks.csv(Paths.get("near-history.csv")))
 *         .build();
 * net.setListeners(near);
 * net.fit(trainIterator, 5);
 * double[] scores = near.history().scores();
 * }</pre>
 *
 * <p>Thread-safe: one listener may be called from several training threads (each evaluation is serialised), and
 * several listeners may score at once. Scoring takes near-dl4j's native lock
 * ({@link org.neardl4j.concurrent.NativeAccess}); DL4J's training itself does not, so when other threads of the JVM
 * train while this one scores blocks wider than 512 columns (LAPACK), run their {@code fit} through
 * {@code NativeAccess.shared} to keep LAPACK away from their BLAS.
 *
 * <p>Serializable: the options, a given probe and the serializable outputs (the file sinks) are kept; the history,
 * a probe copied from training data, other outputs and other runtime state are transient and start empty after
 * deserialisation.
 */
public final class NearListener extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(NearListener.class);

    /**
     * Schedule.
     */
    private final Schedule schedule;
    /**
     * Scorer.
     */
    private final NearScorer scorer;
    /**
     * Fail on error.
     */
    private final boolean failOnError;
    /**
     * Probe.
     */
    private final INDArray[] probe;

    /** The outputs, in the order given; only the serializable ones are serialised (see writeObject). */
    private transient List<Consumer<NearRecord>> sinks;
    private transient State state;

    /** Runtime state: not serialised. */
    private static final class State {
        final List<NearRecord> records = new ArrayList<>();
        INDArray[] capturedProbe;
        INDArray startParams;        // parameters before the first update, when START waits for iterationDone
        boolean startDone;
        boolean warnedShort;
        boolean warnedNoProbe;
        int failures;
    }

    private NearListener(Builder b) {
        this.schedule = new Schedule(b.invocationType, b.frequency, b.firstEpochs, b.atStart);
        this.scorer = b.scorer;
        this.failOnError = b.failOnError;
        this.probe = b.probe;
        this.sinks = List.copyOf(b.sinks);
        this.state = new State();
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
     * The evaluations so far, as an immutable snapshot.
     *
     * @return the records of the evaluations that succeeded, oldest first; later evaluations do not change it
     */
    public NearHistory history() {
        synchronized (state) {
            return NearHistory.of(state.records);
        }
    }

    /**
     * Evaluations that failed and were skipped (see {@link Builder#failOnError}).
     *
     * @return the number of failed scorings so far (failed file writes are not counted); 0 after deserialisation
     */
    public int failures() {
        synchronized (state) {
            return state.failures;
        }
    }

    /**
     * The invocation type.
     *
     * @return {@code EPOCH_END} (the default), {@code EPOCH_START} or {@code ITERATION_END}, from the builder
     */
    public InvocationType invocationType() {
        return schedule.invocationType;
    }

    /**
     * The frequency.
     *
     * @return the evaluation interval n, in epochs or iterations as {@link #invocationType()} says; at least 1
     */
    public int frequency() {
        return schedule.frequency;
    }

    /**
     * Evaluations run only during the first this-many epochs ({@link Integer#MAX_VALUE}: always).
     *
     * @return the epoch limit, at least 1; {@link Integer#MAX_VALUE} (the default) for no limit
     */
    public int firstEpochs() {
        return schedule.firstEpochs;
    }

    /**
     * Whether the network is also scored once before the first parameter update.
     *
     * @return true if {@link Builder#atStart()} was set (default false)
     */
    public boolean atStart() {
        return schedule.atStart;
    }

    /**
     * The scorer used at every evaluation.
     *
     * @return the scorer, with one repetition; {@link NearScorer#defaults()} unless the builder set another
     */
    public NearScorer scorer() {
        return scorer;
    }

    // ------------------------------------------------------------------------------------------ callbacks

    @Override
    public void onEpochStart(Model model) {
        synchronized (state) {
            int epoch = BaseOptimizer.getEpochCount(model);
            boolean startNow = false;
            if (schedule.atStart && !state.startDone && currentProbe() != null) {
                evaluate(model, NearTrigger.START, epoch, BaseOptimizer.getIterationCount(model));
                state.startDone = true;
                startNow = true;
            }
            if (!startNow && schedule.dueAtEpochStart(epoch)) {
                if (currentProbe() != null) {
                    evaluate(model, NearTrigger.EPOCH_START, epoch, BaseOptimizer.getIterationCount(model));
                } else if (!state.warnedNoProbe) {
                    state.warnedNoProbe = true;
                    log.info("NEAR at the start of epoch {} skipped: no probe yet (the first training batch is used)",
                            epoch);
                }
            }
        }
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        beforeFirstUpdate(model);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        beforeFirstUpdate(model);
    }

    /**
     * Called inside DL4J's forward pass: only copies (the first batch, and the parameters when the start score is
     * still due); scoring waits for {@link #iterationDone}.
     */
    private void beforeFirstUpdate(Model model) {
        synchronized (state) {
            boolean needProbe = currentProbe() == null;
            boolean needStart = schedule.atStart && !state.startDone && state.startParams == null;
            if (!needProbe && !needStart) {
                return;
            }
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                if (needProbe) {
                    state.capturedProbe = Probes.copyInputs(model);
                }
                if (needStart && currentProbe() != null) {
                    state.startParams = model.params().dup();
                }
            }
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        synchronized (state) {
            if (currentProbe() == null) {
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    state.capturedProbe = Probes.copyInputs(model);
                }
            }
            if (schedule.atStart && !state.startDone) {
                state.startDone = true;
                if (state.startParams != null) {
                    Model before = Probes.copyWithParams(model, state.startParams);
                    state.startParams = null;
                    evaluate(before, NearTrigger.START, epoch, iteration);
                } else {
                    log.warn("NEAR before the first iteration skipped: the listener saw no forward pass before the"
                            + " first parameter update");
                }
            }
            if (schedule.dueAfterIteration(iteration, epoch)) {
                evaluate(model, NearTrigger.ITERATION_END, epoch, iteration + 1L);
            }
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        synchronized (state) {
            int epoch = BaseOptimizer.getEpochCount(model);       // the epoch that ends (counter not yet incremented)
            if (schedule.dueAtEpochEnd(epoch)) {
                if (currentProbe() != null) {
                    evaluate(model, NearTrigger.EPOCH_END, epoch + 1, BaseOptimizer.getIterationCount(model));
                } else if (!state.warnedNoProbe) {
                    state.warnedNoProbe = true;
                    log.warn("NEAR at the end of epoch {} skipped: no probe given and no training batch seen", epoch);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ scoring

    private INDArray[] currentProbe() {
        return probe != null ? probe : state.capturedProbe;
    }

    private void evaluate(Model model, NearTrigger trigger, int epoch, long iteration) {
        NearResult result;
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            result = scorer.score(model, currentProbe());
        } catch (RuntimeException e) {
            state.failures++;
            if (failOnError) {
                throw e;
            }
            log.warn("NEAR evaluation at epoch {}, iteration {} ({}) failed and was skipped: {}", epoch, iteration,
                    trigger.label(), e.toString());
            return;
        }
        NearRecord record = new NearRecord(trigger, epoch, iteration, result);
        state.records.add(record);
        if (log.isInfoEnabled()) {
            log.info("NEAR epoch {} iteration {} ({}): {} in {} ms", epoch, iteration, trigger.label(),
                    String.format(Locale.ROOT, "%.4f", record.score()), record.elapsed().toMillis());
        }
        if (!result.warnings().isEmpty() && !state.warnedShort) {
            state.warnedShort = true;
            log.warn("NEAR probe: {}", String.join("; ", result.warnings()));
        }
        for (Consumer<NearRecord> sink : sinks) {
            try {
                sink.accept(record);
            } catch (UncheckedIOException e) {
                if (failOnError) {
                    throw e;
                }
                log.warn("could not append the NEAR history to a file: {}", e.toString());
            }
        }
    }

    /**
     * Writes the options, the given probe and the serializable outputs.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        List<Consumer<NearRecord>> kept = new ArrayList<>();
        for (Consumer<NearRecord> sink : sinks) {
            if (sink instanceof Serializable) {
                kept.add(sink);
            }
        }
        out.writeObject(new ArrayList<>(kept));
    }

    /**
     * Reads what {@link #writeObject} wrote; the runtime state starts empty.
     *
     * @param in the stream
     * @throws IOException            if reading fails
     * @throws ClassNotFoundException if a class of the stream is unknown
     */
    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        sinks = List.copyOf((List<Consumer<NearRecord>>) in.readObject());
        state = new State();
    }

    @Override
    public String toString() {
        return "NearListener{" + schedule + ", probe " + (probe != null ? "given" : "first batch") + "}";
    }

    /**
     * Options of a {@link NearListener}. Defaults: end of every epoch, no score at start, first training batch as
     * the probe, {@link NearScorer#defaults()}, no outputs, failures logged.
     *
     * <pre>{@code
     * NearListener l = NearListener.builder().everyIterations(100).firstEpochs(3).atStart()
     *         .probe(x).onRecord(NearRecordSinks.jsonLines(Paths.get("near.jsonl"))).onRecord(r -> chart.add(r.score()))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private InvocationType invocationType = InvocationType.EPOCH_END;
        private int frequency = 1;
        private int firstEpochs = Integer.MAX_VALUE;
        private boolean atStart;
        private NearScorer scorer = NearScorer.defaults();
        private boolean failOnError;
        private INDArray[] probe;
        private final List<Consumer<NearRecord>> sinks = new ArrayList<>();

        private Builder() {
        }

        /**
         * The batch to score, one array per network input (copied). Give at least as many samples as the widest
         * layer has neurons, or that layer is scored on a rectangular matrix (a warning is logged). Default: a copy
         * of the first training batch.
         *
         * @param features one floating-point array per network input, rank 2 or more, samples first; none null
         * @return this builder
         * @throws IllegalArgumentException if no array is given, or one is null, has no samples or is not
         *                                  floating point
         */
        public Builder probe(INDArray... features) {
            this.probe = Probes.copyOfGiven(features);
            return this;
        }

        /**
         * The features of a DataSet as the probe (labels are not used).
         *
         * @param data a DataSet with features (copied as by {@link #probe(INDArray...)}); not null
         * @return this builder
         */
        public Builder probe(DataSet data) {
            Preconditions.checkNotNull(data, "data");
            Preconditions.checkArgument(data.getFeatures() != null, "probe: the DataSet has no features");
            return probe(data.getFeatures());
        }

        /**
         * The features of a MultiDataSet as the probe (labels are not used).
         *
         * @param data a MultiDataSet with features, one array per network input (copied); not null
         * @return this builder
         */
        public Builder probe(MultiDataSet data) {
            Preconditions.checkNotNull(data, "data");
            Preconditions.checkArgument(data.getFeatures() != null, "probe: the MultiDataSet has no features");
            return probe(data.getFeatures());
        }

        /**
         * When to evaluate, as in DL4J's {@code EvaluativeListener}: after every {@code frequency}-th iteration, at
         * the end of every {@code frequency}-th epoch, or at the start of every {@code frequency}-th epoch (epochs
         * 0, n, 2n, ...).
         *
         * @param frequency the interval n, at least 1
         * @param type      {@code ITERATION_END}, {@code EPOCH_END} or {@code EPOCH_START}; not null
         * @return this builder
         */
        public Builder frequency(int frequency, InvocationType type) {
            Preconditions.checkArgument(frequency >= 1, "frequency must be >= 1, got %s", frequency);
            this.frequency = frequency;
            this.invocationType = Preconditions.checkNotNull(type, "type");
            return this;
        }

        /**
         * At the end of epochs n, 2n, 3n, ... (default: every epoch).
         *
         * @param n the interval in epochs, at least 1
         * @return this builder
         */
        public Builder everyEpochs(int n) {
            return frequency(n, InvocationType.EPOCH_END);
        }

        /**
         * After iterations (parameter updates) n, 2n, 3n, ...
         *
         * @param n the interval in iterations, at least 1
         * @return this builder
         */
        public Builder everyIterations(int n) {
            return frequency(n, InvocationType.ITERATION_END);
        }

        /**
         * Evaluate only during the first {@code k} epochs (the score at start, if asked for, is always taken).
         *
         * @param k number of epochs (counted from 0) during which evaluations run, at least 1 (default: no limit)
         * @return this builder
         */
        public Builder firstEpochs(int k) {
            Preconditions.checkArgument(k >= 1, "firstEpochs must be >= 1, got %s", k);
            this.firstEpochs = k;
            return this;
        }

        /**
         * Also score once before the first parameter update (recorded as epoch 0, iteration 0).
         *
         * @return this builder
         */
        public Builder atStart() {
            return atStart(true);
        }

        /**
         * Whether to score once before the first parameter update (see {@link #atStart()}).
         *
         * @param atStart true to take the score at start (default false)
         * @return this builder
         */
        public Builder atStart(boolean atStart) {
            this.atStart = atStart;
            return this;
        }

        /**
         * The scorer, with its block mode, seed (the same blocks are used at every evaluation), sample limit (at
         * most this many probe samples) and rank method (default {@link NearScorer#defaults()}). It must have one
         * repetition: the listener scores the network's current weights.
         *
         * @param scorer the scoring options
         * @return this builder
         * @throws IllegalArgumentException if the scorer has more than one repetition
         */
        public Builder scorer(NearScorer scorer) {
            Preconditions.checkNotNull(scorer, "scorer");
            Preconditions.checkArgument(scorer.repetitions() == 1, "NearListener scores the network's current weights:"
                    + " give a scorer with one repetition, got %s", scorer.repetitions());
            this.scorer = scorer;
            return this;
        }

        /**
         * Whether a failed evaluation or file write throws (and so stops training) instead of being logged and
         * skipped (default false).
         *
         * @param failOnError true to rethrow the exception, false (the default) to log it and go on training
         * @return this builder
         */
        public Builder failOnError(boolean failOnError) {
            this.failOnError = failOnError;
            return this;
        }

        /**
         * Adds an output: called with every new record, on the training thread, in the order the outputs were
         * added. The listener's only output hook: {@link NearRecordSinks} has CSV and JSON-lines files. Outputs that
         * are {@link Serializable} (the file sinks) are serialised with the listener, others are dropped.
         *
         * @param sink the output
         * @return this builder
         */
        public Builder onRecord(Consumer<NearRecord> sink) {
            this.sinks.add(Preconditions.checkNotNull(sink, "sink"));
            return this;
        }

        /**
         * Builds the configured object.
         *
         * @return a new listener with an empty history; set it on the network with {@code setListeners}
         */
        public NearListener build() {
            return new NearListener(this);
        }
    }
}
