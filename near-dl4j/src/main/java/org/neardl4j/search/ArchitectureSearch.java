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

    private ArchitectureSearch(Builder<C> b) {
        this.space = b.space;
        this.fitness = b.fitness;
        this.strategy = b.strategy;
        this.budget = b.budget;
        this.seed = b.seed;
        this.top = b.top;
        this.history = b.history;
        this.listener = b.listener;
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
            List<String> keep = new ArrayList<>();
            if (Files.exists(history) && Files.size(history) > 0) {
                List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8);
                JsonObject old = parse(lines.get(0), 1);
                for (String field : new String[] {"space", "strategy", "seed", "fitness"}) {
                    Preconditions.checkArgument(old != null && header.get(field).equals(old.get(field)),
                            "search history %s was written by another search: its %s is %s, this search's %s",
                            history, field, old == null ? "(unreadable)" : old.get(field), header.get(field));
                }
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

        /** Scores one candidate, or replays it from the history, or (already scored) counts a repeat. */
        void evaluate(C candidate, String origin) throws IOException {
            String name = space.name(candidate);
            if (evaluated.containsKey(name)) {
                cacheHits++;
                return;
            }
            int index = evaluated.size() + 1;
            Evaluation e;
            Evaluation old = replay.get(name);
            if (old != null) {
                e = new Evaluation(index, name, origin, old.values(), old.seconds());
                replayed++;
            } else {
                long t = System.nanoTime();
                double[] v;
                try {
                    v = fitness.score(candidate);
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException("candidate '" + name + "' could not be scored: "
                            + ex.getMessage(), ex);
                }
                Preconditions.checkState(v != null && v.length == fitness.names().size(),
                        "fitness %s gave %s values for '%s', expected %s", fitness, v == null ? 0 : v.length, name,
                        fitness.names().size());
                List<Double> values = new ArrayList<>();
                for (double d : v) {
                    values.add(d);
                }
                e = new Evaluation(index, name, origin, values, (System.nanoTime() - t) / 1e9);
                computed++;
                if (out != null) {
                    out.write(Json.write(toJson(e)));
                    out.write('\n');
                    out.flush();
                }
            }
            evaluated.put(name, e);
            if (log.isInfoEnabled()) {
                log.info("candidate {}/{} {} ({}): {} {}{}", index, limit, name, origin, fitness.names(), e.values(),
                        old != null ? " (from history)" : String.format(Locale.ROOT, " (%.3f s)", e.seconds()));
            }
            if (listener != null) {
                listener.scored(e, index, limit);
            }
        }

        boolean spent() {
            return evaluated.size() >= limit;
        }

        void exhaustive() throws IOException {
            for (C c : space.enumerate().orElseThrow()) {
                evaluate(c, "enumeration");
            }
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
                    evaluate(list.get(idx[i]), "sample");
                }
                return;
            }
            long tries = 0;
            while (!spent() && tries++ < maxTries()) {
                evaluate(space.sample(rng), "sample");
            }
            warnIfShort(tries);
        }

        void evolution() throws IOException {
            Deque<C> population = new ArrayDeque<>();
            long tries = 0;
            while (population.size() < strategy.population() && !spent() && tries++ < maxTries()) {
                C c = space.sample(rng);
                evaluate(c, "sample");
                population.addLast(c);
            }
            while (!spent() && tries++ < maxTries()) {
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
                C child = space.mutate(parent, rng);
                evaluate(child, "mutation");
                population.addLast(child);
                population.removeFirst();
            }
            warnIfShort(tries);
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
                .add("history", history).toString();
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
