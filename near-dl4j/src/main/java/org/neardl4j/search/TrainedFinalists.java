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

import com.google.common.base.Preconditions;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.deeplearning4j.nn.api.Model;
import org.neardl4j.internal.Csv;
import org.neardl4j.internal.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link FinalistTraining} did: the search it continued (every candidate scored), each finalist trained
 * (epochs, best epoch, validation accuracy and loss, why training stopped, seconds, or the error that stopped it),
 * the winner (highest validation accuracy; a tie goes to the better zero-cost rank) with the reason, and the trained
 * networks (each finalist's best epoch). Immutable apart from the networks it hands out; as JSON
 * ({@link #toJson()}) and CSV ({@link #toCsv()}).
 *
 * <pre>{@code
 * TrainedFinalists<Choices> t = FinalistTraining.builder(space).data(train, validation).build().train(search);
 * TrainedFinalists.Finalist w = t.winner();
 * System.out.println(w.name() + " " + w.validationAccuracy() + ": " + t.reason());
 * MultiLayerNetwork net = (MultiLayerNetwork) t.winnerModel();
 * t.writeCsv(Path.of("finalists.csv"));
 * }</pre>
 *
 * @param <C> the candidate type
 */
public final class TrainedFinalists<C> {

    /**
     * How the finalists were trained.
     *
     * @param finalists  how many were trained
     * @param maxEpochs  the most epochs per finalist
     * @param patience   epochs without improvement that stop a finalist
     * @param monitor    the validation score early stopping watched: {@code accuracy} or {@code loss}
     * @param seed       ND4J's seed before each finalist
     * @param maxSeconds the time limit per finalist, 0 for none
     */
    public record Settings(int finalists, int maxEpochs, int patience, String monitor, long seed, double maxSeconds) {
    }

    /**
     * One finalist's training.
     *
     * @param name               the candidate's name in its space
     * @param rank               its zero-cost rank in the search (1 for the best), or its position among candidates
     *                           given directly
     * @param fitness            the value the search ranked it by (NaN for candidates given directly)
     * @param values             its zero-cost values, one per score name (empty for candidates given directly)
     * @param epochs             epochs trained
     * @param bestEpoch          the epoch (1-based) whose network is kept: the best monitored validation score
     * @param validationAccuracy accuracy of the kept network on the validation data (NaN when it failed)
     * @param validationLoss     average loss of the kept network on the validation data (NaN when it failed)
     * @param epochScores        the monitored validation score after each epoch
     * @param termination        why training stopped: {@code max-epochs}, {@code patience}, {@code time-limit},
     *                           {@code invalid-loss} or {@code error}
     * @param details            DL4J's termination details
     * @param seconds            wall time of building, training and evaluating it
     * @param error              why it could not be built or trained; empty when it was trained
     */
    public record Finalist(String name, int rank, double fitness, List<Double> values, int epochs, int bestEpoch,
                           double validationAccuracy, double validationLoss, List<Double> epochScores,
                           String termination, String details, double seconds, String error) {
        /**
         * Checks and copies.
         *
         * @param name               not null
         * @param rank               at least 1
         * @param fitness            any
         * @param values             not null
         * @param epochs             at least 0
         * @param bestEpoch          at least 0
         * @param validationAccuracy any
         * @param validationLoss     any
         * @param epochScores        not null
         * @param termination        not null
         * @param details            not null
         * @param seconds            at least 0
         * @param error              not null; empty when trained
         */
        public Finalist {
            Preconditions.checkNotNull(name, "name");
            Preconditions.checkArgument(rank >= 1, "rank must be >= 1, got %s", rank);
            values = List.copyOf(values);
            epochScores = List.copyOf(epochScores);
            Preconditions.checkNotNull(termination, "termination");
            Preconditions.checkNotNull(details, "details");
            Preconditions.checkNotNull(error, "error");
        }

        /**
         * Whether it was trained (no error).
         *
         * @return true when trained
         */
        public boolean trained() {
            return error.isEmpty();
        }
    }

    private final SearchResult<C> search;
    private final Settings settings;
    private final List<Finalist> finalists;
    private final Map<String, Model> models;
    private final Finalist winner;
    private final C winnerCandidate;
    private final String reason;
    private final double seconds;

    private TrainedFinalists(SearchResult<C> search, Settings settings, List<Finalist> finalists,
                             Map<String, Model> models, Finalist winner, C winnerCandidate, String reason,
                             double seconds) {
        this.search = search;
        this.settings = settings;
        this.finalists = List.copyOf(finalists);
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.winner = winner;
        this.winnerCandidate = winnerCandidate;
        this.reason = reason;
        this.seconds = seconds;
    }

    static <C> TrainedFinalists<C> of(SearchSpace<C> space, SearchResult<C> search, Settings settings,
                                      List<Finalist> finalists, Map<String, Model> models, double seconds) {
        Finalist w = null;
        for (Finalist f : finalists) {
            if (!f.trained()) {
                continue;
            }
            if (w == null || f.validationAccuracy() > w.validationAccuracy()
                    || f.validationAccuracy() == w.validationAccuracy() && f.rank() < w.rank()) {
                w = f;
            }
        }
        Preconditions.checkState(w != null, "no finalist was trained");
        int trained = 0;
        List<String> tied = new ArrayList<>();
        for (Finalist f : finalists) {
            if (f.trained()) {
                trained++;
                if (f != w && f.validationAccuracy() == w.validationAccuracy()) {
                    tied.add(f.name() + " (rank " + f.rank() + ")");
                }
            }
        }
        String rankWord = search != null ? "zero-cost rank" : "position";
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT,
                "highest validation accuracy (%.4f, at epoch %d of %d) of %d finalists trained for at most %d epochs",
                w.validationAccuracy(), w.bestEpoch(), w.epochs(), trained, settings.maxEpochs()));
        if (trained < finalists.size()) {
            r.append(String.format(Locale.ROOT, " (%d could not be trained)", finalists.size() - trained));
        }
        r.append("; ").append(rankWord).append(' ').append(w.rank());
        if (!tied.isEmpty()) {
            r.append("; tied with ").append(String.join(", ", tied)).append(", the better ").append(rankWord)
                    .append(" wins");
        }
        return new TrainedFinalists<>(search, settings, finalists, models, w, space.parse(w.name()), r.toString(),
                seconds);
    }

    /**
     * The search whose finalists were trained.
     *
     * @return the search, or empty when the candidates were given directly
     */
    public Optional<SearchResult<C>> search() {
        return Optional.ofNullable(search);
    }

    /**
     * How they were trained.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Every finalist, in the order trained (zero-cost rank order), failures included.
     *
     * @return the finalists
     */
    public List<Finalist> finalists() {
        return finalists;
    }

    /**
     * The finalist chosen: the highest validation accuracy, a tie going to the better zero-cost rank.
     *
     * @return its record
     */
    public Finalist winner() {
        return winner;
    }

    /**
     * The winner as a candidate of its space.
     *
     * @return the candidate
     */
    public C winnerCandidate() {
        return winnerCandidate;
    }

    /**
     * The winner's trained network (its best epoch).
     *
     * @return a {@code MultiLayerNetwork} or {@code ComputationGraph}; the same instance on every call
     */
    public Model winnerModel() {
        return models.get(winner.name());
    }

    /**
     * A finalist's trained network (its best epoch).
     *
     * @param name the finalist's name
     * @return the network, or empty for a name that is not a trained finalist
     */
    public Optional<Model> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /**
     * Why the winner was chosen.
     *
     * @return e.g. {@code highest validation accuracy (0.8125, at epoch 3 of 3) of 3 finalists trained for at most
     *         3 epochs; zero-cost rank 2}
     */
    public String reason() {
        return reason;
    }

    /**
     * Wall time of the training of every finalist.
     *
     * @return seconds
     */
    public double seconds() {
        return seconds;
    }

    /**
     * The record as one JSON object: {@code search} (the search's {@link SearchResult#toJson()}, when there was
     * one), {@code training} (the settings), {@code finalists} (one object per finalist), {@code winner},
     * {@code reason} and {@code seconds}.
     *
     * @return compact JSON
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        if (search != null) {
            o.add("search", Json.readObject(search.toJson()));
        }
        JsonObject s = new JsonObject();
        s.addProperty("finalists", settings.finalists());
        s.addProperty("max_epochs", settings.maxEpochs());
        s.addProperty("patience", settings.patience());
        s.addProperty("monitor", settings.monitor());
        s.addProperty("seed", settings.seed());
        s.addProperty("max_seconds", settings.maxSeconds());
        o.add("training", s);
        JsonArray a = new JsonArray();
        for (Finalist f : finalists) {
            JsonObject e = new JsonObject();
            e.addProperty("name", f.name());
            e.addProperty("rank", f.rank());
            e.addProperty("fitness", f.fitness());
            e.add("values", Json.numbers(f.values()));
            e.addProperty("epochs", f.epochs());
            e.addProperty("best_epoch", f.bestEpoch());
            e.addProperty("validation_accuracy", f.validationAccuracy());
            e.addProperty("validation_loss", f.validationLoss());
            e.add("epoch_scores", Json.numbers(f.epochScores()));
            e.addProperty("termination", f.termination());
            e.addProperty("details", f.details());
            e.addProperty("seconds", f.seconds());
            e.addProperty("error", f.error());
            e.addProperty("winner", f == winner);
            a.add(e);
        }
        o.add("finalists", a);
        o.addProperty("winner", winner.name());
        o.addProperty("reason", reason);
        o.addProperty("seconds", seconds);
        return Json.write(o);
    }

    /**
     * The finalists as CSV: {@code rank,name,fitness,<score names...>,epochs,best_epoch,validation_accuracy,
     * validation_loss,termination,seconds,winner,error}, in the order trained.
     *
     * @return CSV text with a header line
     */
    public String toCsv() {
        List<String> scores = search != null ? search.scores() : List.of();
        List<List<?>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("rank", "name", "fitness"));
        header.addAll(scores);
        header.addAll(List.of("epochs", "best_epoch", "validation_accuracy", "validation_loss", "termination",
                "seconds", "winner", "error"));
        rows.add(header);
        for (Finalist f : finalists) {
            List<Object> row = new ArrayList<>(List.of(f.rank(), f.name(), f.fitness()));
            for (int i = 0; i < scores.size(); i++) {
                row.add(i < f.values().size() ? f.values().get(i) : Double.NaN);
            }
            row.addAll(List.of(f.epochs(), f.bestEpoch(), f.validationAccuracy(), f.validationLoss(),
                    f.termination(), String.format(Locale.ROOT, "%.3f", f.seconds()), f == winner, f.error()));
            rows.add(row);
        }
        return Csv.rows(rows);
    }

    /**
     * Writes {@link #toCsv()} to a file.
     *
     * @param file the file (replaced)
     * @throws IOException if it cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        Files.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@link #toJson()} to a file.
     *
     * @param file the file (replaced)
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Files.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TrainedFinalists{" + finalists.size() + " trained, winner " + winner.name() + ": " + reason + "}";
    }
}
