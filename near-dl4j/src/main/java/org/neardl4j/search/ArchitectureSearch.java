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
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import org.neardl4j.internal.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Searches a {@link SearchSpace} for the candidate with the best zero-cost {@link Fitness}, with a
 * {@link Strategy}: exhaustive, best of N random candidates, or regularised evolution. Several fitness values are
 * combined by {@link RankAverage} over every candidate scored so far (the tournament of evolution and the final
 * choice both use it).
 *
 * <ul>
 *   <li><b>Reproducible:</b> every random choice comes from one {@code SplittableRandom} seeded with
 *       {@link Builder#seed}; the same seed, space, strategy and fitness give the same history.</li>
 *   <li><b>Each candidate scored once:</b> results are cached by the candidate's name; a candidate proposed again
 *       (a repeated mutation) costs nothing and does not count against the budget.</li>
 *   <li><b>Resumable:</b> with {@link Builder#history(Path)} every score is appended to a JSON-lines file as soon
 *       as it is computed; a search started again with the same file and options replays the recorded scores
 *       instead of computing them and continues where the file ends, with the same result as an uninterrupted
 *       run (a larger budget continues the same walk).</li>
 *   <li><b>Progress:</b> an SLF4J line per candidate at INFO, and the {@link SearchListener}.</li>
 *   <li><b>Batches:</b> with {@link Builder#batch(int) batch(n)} the search proposes n new distinct candidates at a
 *       time and scores them with one {@link Fitness#scoreAll} call (a cluster scores them in parallel:
 *       {@code SparkFitness} in {@code near-dl4j-spark}). Random sampling and exhaustive search visit the same
 *       candidates in the same order whatever the batch. Regularised evolution breeds a generation: each child from
 *       its own tournament on the current population, until n children are new; a child already scored costs
 *       nothing and joins the population at once, as with batch 1; the n new children are scored together, then
 *       join the population and as many of its oldest members leave. Batch 1 is the classic one-child-at-a-time
 *       evolution; a larger batch selects from a population that is up to n - 1 children older, so its walk differs.
 *       The budget counts candidates as before (the last batch is cut to fit it); a candidate's recorded seconds
 *       are its batch's scoring time divided by the candidates the batch computed.</li>
 * </ul>
 *
 * <pre>{@code
 * Nb201Space space = Nb201Space.full(Nb201Network.defaults());
 * ArchitectureSearch<Nb201Cell> search = ArchitectureSearch.builder(space, fitness)
 *         .strategy(Strategy.evolution(10, 3)).budget(100).seed(1).top(3)
 *         .history(Path.of("search.jsonl")).build();
 * SearchResult<Nb201Cell> r = search.run();
 * System.out.println(r.best() + " because " + r.reason());
 * }</pre>
 *
 * @param <C> the candidate type of the space
 */
public final class ArchitectureSearch<C> {

    private static final Logger log = LoggerFactory.getLogger(ArchitectureSearch.class);

    /** Budget when none is given. */
    public static final int DEFAULT_BUDGET = 100;

    private final SearchSpace<C> space;
    private final Fitness<C> fitness;
    private final Strategy strategy;
    private final int budget;
    private final long seed;
    private final int top;
    private final Path history;
    private final SearchListener listener;
    private final int batch;

    private ArchitectureSearch(Builder<C> b) {
        this.space = b.space;
        this.fitness = b.fitness;
        this.strategy = b.strategy;
        this.budget = b.budget;
        this.seed = b.seed;
        this.top = b.top;
        this.history = b.history;
        this.listener = b.listener;
        this.batch = b.batch;
        if (strategy.kind().equals("exhaustive")) {
            Preconditions.checkArgument(space.enumerate().isPresent(),
                    "strategy exhaustive: the space %s does not list its candidates", space.id());
        }
    }

    /**
     * A builder for a search of {@code space} maximising {@code fitness}.
     *
     * @param space   the candidates
     * @param fitness their scores
     * @param <C>     the candidate type
     * @return a builder with the defaults (random strategy, budget {@value #DEFAULT_BUDGET}, seed 0, top 1)
     */
    public static <C> Builder<C> builder(SearchSpace<C> space, Fitness<C> fitness) {
        return new Builder<>(space, fitness);
    }

    /**
     * Runs the search (resuming its history file when there is one).
     *
     * @return what was scored, the ranking, the chosen candidates and why
     * @throws UncheckedIOException     if the history file cannot be read or written
     * @throws IllegalArgumentException if the history file was written by a search with other options
     */
    public SearchResult<C> run() {
        long begun = System.nanoTime();
        Run r = new Run();
        try {
            r.open();
            switch (strategy.kind()) {
                case "exhaustive" -> r.exhaustive();
                case "random" -> r.random();
                default -> r.evolution();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search history " + history + ": " + e.getMessage(), e);
        } finally {
            r.close();
        }
        double seconds = (System.nanoTime() - begun) / 1e9;
        List<Evaluation> evaluated = new ArrayList<>(r.evaluated.values());
        SearchResult<C> result = SearchResult.of(space, fitness.names(), strategy, seed, budget, evaluated, top,
                r.computed, r.replayed, r.cacheHits, seconds);
        log.info("search {} on {}: {} candidates ({} computed, {} from history, {} repeats), best {} ({})",
                strategy, space.id(), evaluated.size(), r.computed, r.replayed, r.cacheHits,
                result.ranking().get(0).evaluation().name(), result.reason());
        return result;
    }

    /** One run's state. */
    private final class Run {
        final SplittableRandom rng = new SplittableRandom(seed);
        final Map<String, Evaluation> evaluated = new LinkedHashMap<>();
        final Map<String, Evaluation> replay = new HashMap<>();
        /** Proposed, not yet scored: the next batch, in proposal order. */
        final Map<String, Proposal<C>> pending = new LinkedHashMap<>();
        final int limit;
        BufferedWriter out;
        int computed;
        int replayed;
        int cacheHits;
        private Map<String, Double> aggregates = Map.of();
        private int aggregatedAt = -1;

        Run() {
            Optional<List<C>> all = space.enumerate();
            int b = strategy.kind().equals("exhaustive") ? Integer.MAX_VALUE : budget;
            this.limit = all.map(l -> Math.min(l.size(), b)).orElse(b);
        }

        void open() throws IOException {
            if (history == null) {
                return;
            }
            JsonObject header = new JsonObject();
            header.addProperty("type", "header");
            header.addProperty("space", space.id());
            header.addProperty("strategy", strategy.toString());
            header.addProperty("seed", seed);
            header.add("fitness", Json.strings(fitness.names()));
            header.addProperty("batch", batch);
            List<String> keep = new ArrayList<>();
            if (Files.exists(history) && Files.size(history) > 0) {
                List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
                JsonObject old = parse(lines.get(0), 1);
                for (String field : new String[] {"space", "strategy", "seed", "fitness"}) {
                    Preconditions.checkArgument(old != null && header.get(field).equals(old.get(field)),
                            "search history %s was written by another search: its %s is %s, this search's %s",
                            history, field, old == null ? "(unreadable)" : old.get(field), header.get(field));
                }
                // the batch changes evolution's walk only; a history without it was written with batch 1
                JsonElement oldBatch = old.has("batch") ? old.get("batch") : new JsonPrimitive(1);
                Preconditions.checkArgument(!strategy.kind().equals("evolution")
                                || header.get("batch").equals(oldBatch),
                        "search history %s was written by another search: its batch is %s, this search's %s (the"
                                + " batch changes the candidates that evolution proposes)", history, oldBatch,
                        header.get("batch"));
                keep.add(lines.get(0));
                for (int i = 1; i < lines.size(); i++) {
                    JsonObject o = parse(lines.get(i), i + 1);
                    if (o == null) {
                        log.warn("search history {}: line {} is incomplete and is dropped", history, i + 1);
                        break;
                    }
                    Evaluation e = fromJson(o);
                    replay.put(e.name(), e);
                    keep.add(lines.get(i));
                }
                log.info("search history {}: {} scored candidates to replay", history, replay.size());
            } else {
                keep.add(Json.write(header));
            }
            if (history.getParent() != null) {
                Files.createDirectories(history.getParent());
            }
            Files.write(history, (String.join("\n", keep) + "\n").getBytes(StandardCharsets.UTF_8));
            out = Files.newBufferedWriter(history, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }

        void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    log.warn("search history {}: {}", history, e.toString());
                }
            }
        }

        private JsonObject parse(String line, int number) {
            try {
                JsonElement e = new com.google.gson.JsonParser().parse(line);
                return e.isJsonObject() ? e.getAsJsonObject() : null;
            } catch (JsonParseException | IllegalStateException e) {
                if (number == 1) {
                    throw new IllegalArgumentException("search history " + history + ": line 1 is not a header: "
                            + e.getMessage(), e);
                }
                return null;
            }
        }

        /**
         * Proposes a candidate: a new one joins the pending batch; one already scored or pending counts a repeat.
         *
         * @return whether the candidate is new
         */
        boolean propose(C candidate, String origin) {
            String name = space.name(candidate);
            if (evaluated.containsKey(name) || pending.containsKey(name)) {
                cacheHits++;
                return false;
            }
            pending.put(name, new Proposal<>(candidate, origin));
            return true;
        }

        /** Scores the pending batch when it is full or the budget is reached. */
        void flushIfFull() throws IOException {
            if (pending.size() >= batch || spent()) {
                flush();
            }
        }

        /**
         * Scores the pending candidates with one {@link Fitness#scoreAll} call (those in the history are replayed
         * instead), records them in proposal order and tells the log and the listener about each.
         */
        void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<String> names = new ArrayList<>(pending.keySet());
            List<C> toScore = new ArrayList<>();
            List<String> toScoreNames = new ArrayList<>();
            for (Map.Entry<String, Proposal<C>> p : pending.entrySet()) {
                if (!replay.containsKey(p.getKey())) {
                    toScore.add(p.getValue().candidate());
                    toScoreNames.add(p.getKey());
                }
            }
            List<double[]> values = List.of();
            double seconds = 0;
            if (!toScore.isEmpty()) {
                long t = System.nanoTime();
                try {
                    values = fitness.scoreAll(Collections.unmodifiableList(toScore));
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException((toScoreNames.size() == 1 ? "candidate '" + toScoreNames.get(0)
                            + "'" : "candidates " + toScoreNames) + " could not be scored: " + ex.getMessage(), ex);
                }
                seconds = (System.nanoTime() - t) / 1e9 / toScore.size();
                Preconditions.checkState(values != null && values.size() == toScore.size(),
                        "fitness %s gave %s results for %s candidates", fitness, values == null ? 0 : values.size(),
                        toScore.size());
            }
            int k = 0;
            for (String name : names) {
                Proposal<C> p = pending.get(name);
                int index = evaluated.size() + 1;
                Evaluation e;
                Evaluation old = replay.get(name);
                if (old != null) {
                    e = new Evaluation(index, name, p.origin(), old.values(), old.seconds());
                    replayed++;
                } else {
                    double[] v = values.get(k++);
                    Preconditions.checkState(v != null && v.length == fitness.names().size(),
                            "fitness %s gave %s values for '%s', expected %s", fitness, v == null ? 0 : v.length,
                            name, fitness.names().size());
                    List<Double> list = new ArrayList<>();
                    for (double d : v) {
                        list.add(d);
                    }
                    e = new Evaluation(index, name, p.origin(), list, seconds);
                    computed++;
                    if (out != null) {
                        out.write(Json.write(toJson(e)));
                        out.write('\n');
                        out.flush();
                    }
                }
                evaluated.put(name, e);
                if (log.isInfoEnabled()) {
                    log.info("candidate {}/{} {} ({}): {} {}{}", index, limit, name, p.origin(), fitness.names(),
                            e.values(), old != null ? " (from history)"
                                    : String.format(Locale.ROOT, " (%.3f s)", e.seconds()));
                }
                if (listener != null) {
                    listener.scored(e, index, limit);
                }
            }
            pending.clear();
        }

        /** Whether the budget is taken by the candidates scored and those pending. */
        boolean spent() {
            return evaluated.size() + pending.size() >= limit;
        }

        void exhaustive() throws IOException {
            for (C c : space.enumerate().orElseThrow()) {
                propose(c, "enumeration");
                flushIfFull();
            }
            flush();
        }

        void random() throws IOException {
            Optional<List<C>> all = space.enumerate();
            if (all.isPresent()) {
                List<C> list = all.get();
                int[] idx = new int[list.size()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                for (int i = 0; i < idx.length && !spent(); i++) {    // partial Fisher-Yates: a prefix of one shuffle
                    int j = i + rng.nextInt(idx.length - i);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                    propose(list.get(idx[i]), "sample");
                    flushIfFull();
                }
                flush();
                return;
            }
            long tries = 0;
            while (!spent() && tries++ < maxTries()) {
                propose(space.sample(rng), "sample");
                flushIfFull();
            }
            flush();
            warnIfShort(tries);
        }

        void evolution() throws IOException {
            Deque<C> population = new ArrayDeque<>();
            long tries = 0;
            while (population.size() < strategy.population() && !spent() && tries++ < maxTries()) {
                C c = space.sample(rng);
                propose(c, "sample");
                population.addLast(c);
                flushIfFull();
            }
            flush();
            while (!spent() && tries < maxTries()) {
                // one generation: children until `batch` of them are new (or the budget is reached)
                int wanted = Math.min(batch, limit - evaluated.size());
                List<C> children = new ArrayList<>();
                while (pending.size() < wanted && tries++ < maxTries()) {
                    C child = space.mutate(tournament(population), rng);
                    if (evaluated.containsKey(space.name(child))) {
                        cacheHits++;                 // scored before: joins the population at once
                        population.addLast(child);
                        population.removeFirst();
                    } else {
                        propose(child, "mutation");  // new, or a repeat of a child of this generation
                        children.add(child);
                    }
                }
                flush();
                for (C child : children) {
                    population.addLast(child);
                    population.removeFirst();
                }
            }
            warnIfShort(tries);
        }

        /** The best of {@code strategy.sample()} distinct members drawn at random (by their aggregate fitness). */
        C tournament(Deque<C> population) {
            List<C> members = new ArrayList<>(population);
            int s = Math.min(strategy.sample(), members.size());
            C parent = null;
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < s; i++) {
                int j = i + rng.nextInt(members.size() - i);
                C m = members.get(j);
                members.set(j, members.get(i));
                members.set(i, m);
                double a = aggregate(space.name(m));
                if (parent == null || a > best) {
                    parent = m;
                    best = a;
                }
            }
            return parent;
        }

        long maxTries() {
            return 100L * limit + 1000;
        }

        void warnIfShort(long tries) {
            if (!spent()) {
                log.warn("search stopped after {} proposals with {} of {} candidates scored: the strategy keeps"
                        + " proposing candidates already scored", tries, evaluated.size(), limit);
            }
        }

        /** The aggregate fitness of a scored candidate among every candidate scored so far. */
        double aggregate(String name) {
            if (aggregatedAt != evaluated.size()) {
                aggregates = SearchResult.aggregates(new ArrayList<>(evaluated.values()));
                aggregatedAt = evaluated.size();
            }
            return aggregates.get(name);
        }
    }

    /** A proposed candidate and where it came from. */
    private record Proposal<C>(C candidate, String origin) {
    }

    static JsonObject toJson(Evaluation e) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "scored");
        o.addProperty("index", e.index());
        o.addProperty("name", e.name());
        o.addProperty("origin", e.origin());
        o.add("values", Json.numbers(e.values()));
        o.addProperty("seconds", e.seconds());
        return o;
    }

    private static Evaluation fromJson(JsonObject o) {
        List<Double> v = new ArrayList<>();
        JsonArray a = o.getAsJsonArray("values");
        for (JsonElement x : a) {
            v.add(x.isJsonPrimitive() && x.getAsJsonPrimitive().isString() ? Double.parseDouble(x.getAsString())
                    : x.getAsDouble());
        }
        return new Evaluation(o.get("index").getAsInt(), o.get("name").getAsString(), o.get("origin").getAsString(),
                v, o.get("seconds").getAsDouble());
    }

    /**
     * The options, for logs.
     *
     * @return e.g. {@code ArchitectureSearch{space=nb201(15625), strategy=random, budget=100, ...}}
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("space", space.id()).add("fitness", fitness.names())
                .add("strategy", strategy).add("budget", budget).add("seed", seed).add("top", top)
                .add("batch", batch).add("history", history).toString();
    }

    /**
     * Options of an {@link ArchitectureSearch}.
     *
     * <pre>{@code
     * ArchitectureSearch<Choices> s = ArchitectureSearch.builder(space, fitness)
     *         .strategy(Strategy.random()).budget(20).seed(3).build();
     * }</pre>
     *
     * @param <C> the candidate type
     */
    public static final class Builder<C> {
        private final SearchSpace<C> space;
        private final Fitness<C> fitness;
        private Strategy strategy = Strategy.random();
        private int budget = DEFAULT_BUDGET;
        private long seed;
        private int top = 1;
        private Path history;
        private SearchListener listener;
        private int batch = 1;

        private Builder(SearchSpace<C> space, Fitness<C> fitness) {
            this.space = Preconditions.checkNotNull(space, "space");
            this.fitness = Preconditions.checkNotNull(fitness, "fitness");
            Preconditions.checkArgument(!fitness.names().isEmpty(), "the fitness has no score names");
        }

        /**
         * The strategy (default {@link Strategy#random()}).
         *
         * @param strategy not null
         * @return this builder
         */
        public Builder<C> strategy(Strategy strategy) {
            this.strategy = Preconditions.checkNotNull(strategy, "strategy");
            return this;
        }

        /**
         * The number of distinct candidates to score (default {@value ArchitectureSearch#DEFAULT_BUDGET}; capped at
         * the size of an enumerable space; ignored by the exhaustive strategy).
         *
         * @param budget at least 1
         * @return this builder
         */
        public Builder<C> budget(int budget) {
            Preconditions.checkArgument(budget >= 1, "budget must be >= 1, got %s", budget);
            this.budget = budget;
            return this;
        }

        /**
         * The seed of every random choice of the search (default 0).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder<C> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How many of the best candidates the result names as finalists (default 1).
         *
         * @param top at least 1
         * @return this builder
         */
        public Builder<C> top(int top) {
            Preconditions.checkArgument(top >= 1, "top must be >= 1, got %s", top);
            this.top = top;
            return this;
        }

        /**
         * A JSON-lines file recording every score, resumed when it exists (default none).
         *
         * @param history the file; its folder is created when missing
         * @return this builder
         */
        public Builder<C> history(Path history) {
            this.history = history;
            return this;
        }

        /**
         * Told about every candidate scored (default none).
         *
         * @param listener the listener, or null for none
         * @return this builder
         */
        public Builder<C> listener(SearchListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * How many new candidates the search proposes at a time and hands to one {@link Fitness#scoreAll} call
         * (default 1). Random sampling and exhaustive search score the same candidates in the same order whatever
         * the batch; regularised evolution breeds a generation of {@code batch} new children from the same
         * population (see the class comment), so its walk depends on the batch, and a history of an evolution
         * search is resumed only with the same batch.
         *
         * @param batch at least 1; e.g. the cluster's parallelism for {@code SparkFitness}
         * @return this builder
         */
        public Builder<C> batch(int batch) {
            Preconditions.checkArgument(batch >= 1, "batch must be >= 1, got %s", batch);
            this.batch = batch;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search, ready to {@link ArchitectureSearch#run()}
         * @throws IllegalArgumentException for the exhaustive strategy on a space that does not list its candidates
         */
        public ArchitectureSearch<C> build() {
            return new ArchitectureSearch<>(this);
        }
    }
}
