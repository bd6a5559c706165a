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
import org.neardl4j.internal.Csv;
import org.neardl4j.internal.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an {@link ArchitectureSearch} did: every candidate scored (name, values, seconds), their ranking by the
 * fitness (one value, or the rank-average of several), the chosen finalists and why. Immutable; as JSON
 * ({@link #toJson()}) and CSV ({@link #toCsv()}).
 *
 * <pre>{@code
 * SearchResult<Nb201Cell> r = search.run();
 * Nb201Cell best = r.best();
 * r.writeCsv(Path.of("search.csv"));
 * }</pre>
 *
 * @param <C> the candidate type
 */
public final class SearchResult<C> {

    /**
     * One scored candidate in the ranking.
     *
     * @param rank       1 for the best
     * @param evaluation the candidate's scores
     * @param fitness    the value it is ranked by: the score itself with one score, the rank-average with several
     */
    public record Ranked(int rank, Evaluation evaluation, double fitness) {
    }

    private final String space;
    private final List<String> scores;
    private final Strategy strategy;
    private final long seed;
    private final int budget;
    private final List<Evaluation> evaluations;
    private final List<Ranked> ranking;
    private final List<C> finalists;
    private final String reason;
    private final int computed;
    private final int replayed;
    private final int repeats;
    private final double seconds;

    private SearchResult(String space, List<String> scores, Strategy strategy, long seed, int budget,
                         List<Evaluation> evaluations, List<Ranked> ranking, List<C> finalists, String reason,
                         int computed, int replayed, int repeats, double seconds) {
        this.space = space;
        this.scores = List.copyOf(scores);
        this.strategy = strategy;
        this.seed = seed;
        this.budget = budget;
        this.evaluations = List.copyOf(evaluations);
        this.ranking = List.copyOf(ranking);
        this.finalists = List.copyOf(finalists);
        this.reason = reason;
        this.computed = computed;
        this.replayed = replayed;
        this.repeats = repeats;
        this.seconds = seconds;
    }

    static <C> SearchResult<C> of(SearchSpace<C> space, List<String> scores, Strategy strategy, long seed, int budget,
                                  List<Evaluation> evaluations, int top, int computed, int replayed, int repeats,
                                  double seconds) {
        Preconditions.checkState(!evaluations.isEmpty(), "the search scored no candidate");
        Map<String, Double> agg = aggregates(evaluations);
        List<Evaluation> sorted = new ArrayList<>(evaluations);
        sorted.sort(Comparator.comparingDouble((Evaluation e) -> -agg.get(e.name()))
                .thenComparingInt(Evaluation::index));
        List<Ranked> ranking = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranking.add(new Ranked(i + 1, sorted.get(i), agg.get(sorted.get(i).name())));
        }
        List<C> finalists = new ArrayList<>();
        for (int i = 0; i < Math.min(top, ranking.size()); i++) {
            finalists.add(space.parse(ranking.get(i).evaluation().name()));
        }
        Evaluation best = ranking.get(0).evaluation();
        String reason;
        if (scores.size() == 1) {
            reason = String.format(Locale.ROOT, "highest %s (%s) of %d candidates scored by %s", scores.get(0),
                    fmt(best.values().get(0)), evaluations.size(), strategy);
        } else {
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < scores.size(); j++) {
                double[] col = new double[evaluations.size()];
                int at = -1;
                for (int i = 0; i < col.length; i++) {
                    col[i] = evaluations.get(i).values().get(j);
                    if (evaluations.get(i).name().equals(best.name())) {
                        at = i;
                    }
                }
                double r = RankAverage.ranks(col)[at];
                s.append(j == 0 ? "" : ", ").append(scores.get(j)).append(' ')
                        .append(fmt(best.values().get(j))).append(" (rank ")
                        .append(fmt(col.length + 1 - r)).append(')');
            }
            reason = String.format(Locale.ROOT, "best rank-average of %s over %d candidates scored by %s: %s",
                    scores, evaluations.size(), strategy, s);
        }
        return new SearchResult<>(space.id(), scores, strategy, seed, budget, evaluations, ranking, finalists,
                reason, computed, replayed, repeats, seconds);
    }

    /** Each candidate's fitness: its single score (NaN as minus infinity) or the rank-average of its scores. */
    static Map<String, Double> aggregates(List<Evaluation> evaluations) {
        Map<String, Double> out = new HashMap<>();
        int k = evaluations.get(0).values().size();
        if (k == 1) {
            for (Evaluation e : evaluations) {
                double v = e.values().get(0);
                out.put(e.name(), Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v);
            }
            return out;
        }
        List<double[]> rows = new ArrayList<>();
        for (Evaluation e : evaluations) {
            rows.add(e.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        double[] r = RankAverage.of(rows);
        for (int i = 0; i < r.length; i++) {
            out.put(evaluations.get(i).name(), r[i]);
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * The best candidate.
     *
     * @return the first finalist
     */
    public C best() {
        return finalists.get(0);
    }

    /**
     * The top candidates, best first.
     *
     * @return at most {@code top} candidates
     */
    public List<C> finalists() {
        return finalists;
    }

    /**
     * Why the best candidate was chosen.
     *
     * @return e.g. {@code highest near (1534.96) of 100 candidates scored by random}
     */
    public String reason() {
        return reason;
    }

    /**
     * Every candidate scored, in the order scored.
     *
     * @return the evaluations
     */
    public List<Evaluation> evaluations() {
        return evaluations;
    }

    /**
     * Every candidate scored, best first.
     *
     * @return the ranking
     */
    public List<Ranked> ranking() {
        return ranking;
    }

    /**
     * The names of the fitness scores.
     *
     * @return e.g. {@code [near, meco]}
     */
    public List<String> scores() {
        return scores;
    }

    /**
     * The strategy.
     *
     * @return the strategy the search ran
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * The seed.
     *
     * @return the search's seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Candidates whose scores were computed by this run (not replayed from the history).
     *
     * @return the number computed
     */
    public int computed() {
        return computed;
    }

    /**
     * Candidates whose scores came from the history file.
     *
     * @return the number replayed
     */
    public int replayed() {
        return replayed;
    }

    /**
     * Proposals of a candidate already scored (served from the cache, not counted in the budget).
     *
     * @return the number of repeats
     */
    public int repeats() {
        return repeats;
    }

    /**
     * Wall time of the run.
     *
     * @return seconds
     */
    public double seconds() {
        return seconds;
    }

    /**
     * The result as one JSON object: the options, the reason, the finalists, the ranking (rank, name, fitness,
     * values, seconds, index, origin).
     *
     * @return compact JSON
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("space", space);
        o.add("scores", Json.strings(scores));
        o.addProperty("strategy", strategy.toString());
        o.addProperty("seed", seed);
        o.addProperty("budget", budget);
        o.addProperty("scored", evaluations.size());
        o.addProperty("computed", computed);
        o.addProperty("replayed", replayed);
        o.addProperty("repeats", repeats);
        o.addProperty("seconds", seconds);
        o.addProperty("reason", reason);
        JsonArray f = new JsonArray();
        for (int i = 0; i < finalists.size(); i++) {
            f.add(ranking.get(i).evaluation().name());
        }
        o.add("finalists", f);
        JsonArray rows = new JsonArray();
        for (Ranked r : ranking) {
            JsonObject e = ArchitectureSearch.toJson(r.evaluation());
            e.remove("type");
            e.addProperty("rank", r.rank());
            e.addProperty("fitness", r.fitness());
            rows.add(e);
        }
        o.add("ranking", rows);
        return Json.write(o);
    }

    /**
     * The ranking as CSV: {@code rank,name,fitness,<score names...>,seconds,index,origin}, best first.
     *
     * @return CSV text with a header line
     */
    public String toCsv() {
        List<List<?>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("rank", "name", "fitness"));
        header.addAll(scores);
        header.addAll(List.of("seconds", "index", "origin"));
        rows.add(header);
        for (Ranked r : ranking) {
            List<Object> row = new ArrayList<>(List.of(r.rank(), r.evaluation().name(), r.fitness()));
            row.addAll(r.evaluation().values());
            row.addAll(List.of(String.format(Locale.ROOT, "%.4f", r.evaluation().seconds()), r.evaluation().index(),
                    r.evaluation().origin()));
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
        return "SearchResult{" + strategy + " on " + space + ", " + evaluations.size() + " scored, best "
                + ranking.get(0).evaluation().name() + ": " + reason + "}";
    }
}
