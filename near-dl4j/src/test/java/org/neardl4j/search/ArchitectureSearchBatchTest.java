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

import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched proposals: one {@link Fitness#scoreAll} call per batch, budget, cache, resumption, evolution's generations. */
class ArchitectureSearchBatchTest {

    private static final Nb201Network NETWORK = Nb201Network.defaults();

    /** The closed-form fitness of {@link ArchitectureSearchTest.Counting}; records every batch it is given. */
    static final class Recording implements Fitness<Nb201Cell> {
        final List<List<String>> batches = new ArrayList<>();
        int singles;

        @Override
        public List<String> names() {
            return List.of("closed");
        }

        @Override
        public double[] score(Nb201Cell c) {
            singles++;
            return new double[] {ArchitectureSearchTest.Counting.value(c)};
        }

        @Override
        public List<double[]> scoreAll(List<Nb201Cell> candidates) {
            batches.add(candidates.stream().map(Nb201Cell::toString).collect(Collectors.toList()));
            List<double[]> out = new ArrayList<>();
            for (Nb201Cell c : candidates) {
                out.add(new double[] {ArchitectureSearchTest.Counting.value(c)});
            }
            return out;
        }

        List<Integer> sizes() {
            return batches.stream().map(List::size).collect(Collectors.toList());
        }

        List<String> all() {
            return batches.stream().flatMap(List::stream).collect(Collectors.toList());
        }
    }

    /** A space that does not list its candidates (random sampling with repeats), over a few NB201 cells. */
    static final class Unlisted implements SearchSpace<Nb201Cell> {
        final Nb201Space inner;

        Unlisted(Nb201Space inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return "unlisted-" + inner.id();
        }

        @Override
        public Nb201Cell sample(SplittableRandom rng) {
            return inner.sample(rng);
        }

        @Override
        public Nb201Cell mutate(Nb201Cell parent, SplittableRandom rng) {
            return inner.mutate(parent, rng);
        }

        @Override
        public String name(Nb201Cell candidate) {
            return inner.name(candidate);
        }

        @Override
        public Nb201Cell parse(String name) {
            return inner.parse(name);
        }

        @Override
        public Model build(Nb201Cell candidate) {
            throw new UnsupportedOperationException("not built in these tests");
        }

        @Override
        public Optional<List<Nb201Cell>> enumerate() {
            return Optional.empty();
        }
    }

    private static List<Nb201Cell> subset(int n, long seed) {
        List<Nb201Cell> all = new ArrayList<>(Nb201Cell.all());
        Collections.shuffle(all, new java.util.Random(seed));
        return all.subList(0, n);
    }

    private static List<String> names(SearchResult<?> r) {
        return r.evaluations().stream().map(Evaluation::name).collect(Collectors.toList());
    }

    private static List<String> history(SearchResult<?> r) {
        return r.evaluations().stream().map(e -> e.index() + " " + e.name() + " " + e.origin() + " " + e.values())
                .collect(Collectors.toList());
    }

    private static void assertDistinct(List<String> names) {
        assertEquals(names.size(), new HashSet<>(names).size(), "a candidate was scored twice: " + names);
    }

    @Test
    void randomSamplingAndExhaustiveScoreTheSameCandidatesInBatches() {
        Nb201Space full = Nb201Space.full(NETWORK);
        // enumerable: a prefix of one shuffle, cut into batches of 4 (22 = 5 x 4 + 2)
        Recording one = new Recording();
        Recording four = new Recording();
        SearchResult<Nb201Cell> a = ArchitectureSearch.builder(full, one).budget(22).seed(5).build().run();
        SearchResult<Nb201Cell> b = ArchitectureSearch.builder(full, four).budget(22).seed(5).batch(4).build().run();
        assertEquals(history(a), history(b));
        assertEquals(List.of(4, 4, 4, 4, 4, 2), four.sizes());
        assertEquals(names(b), four.all());
        assertEquals(Collections.nCopies(22, 1), one.sizes());
        assertEquals(0, one.singles + four.singles);

        // not enumerable, 30 cells: many repeats, each a cache hit, never in a batch
        Unlisted few = new Unlisted(Nb201Space.of(NETWORK, subset(30, 3)));
        Recording u1 = new Recording();
        Recording u4 = new Recording();
        SearchResult<Nb201Cell> c = ArchitectureSearch.builder(few, u1).budget(25).seed(2).build().run();
        SearchResult<Nb201Cell> d = ArchitectureSearch.builder(few, u4).budget(25).seed(2).batch(4).build().run();
        assertEquals(history(c), history(d));
        assertEquals(c.repeats(), d.repeats());
        assertTrue(d.repeats() > 5, "repeats: " + d.repeats());
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 1), u4.sizes());
        assertDistinct(u4.all());
        assertEquals(25, d.computed());

        // exhaustive: the enumeration in batches of 7
        List<Nb201Cell> cells = subset(30, 4);
        Recording e7 = new Recording();
        SearchResult<Nb201Cell> e = ArchitectureSearch.builder(Nb201Space.of(NETWORK, cells), e7)
                .strategy(Strategy.exhaustive()).batch(7).build().run();
        assertEquals(cells.stream().map(Nb201Cell::toString).collect(Collectors.toList()), e7.all());
        assertEquals(List.of(7, 7, 7, 7, 2), e7.sizes());
        assertEquals(names(e), e7.all());
    }

    /**
     * Regularised evolution with generations, written out independently: the population sampled first; then each
     * generation draws children, each the mutation of the winner of its own tournament on the population as it is
     * at the start of the generation (children scored in earlier generations join it at once), until {@code batch}
     * are new; those and their repeats join after being scored and as many of the oldest members leave. With one score the tournament compares the
     * values themselves.
     */
    private static List<String> expectedEvolution(SearchSpace<Nb201Cell> space, int population, int sample, int budget,
                                                  int batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> scored = new ArrayList<>();
        Deque<Nb201Cell> pop = new ArrayDeque<>();
        while (pop.size() < population && scored.size() < budget) {
            Nb201Cell c = space.sample(rng);
            if (!scored.contains(c.toString())) {
                scored.add(c.toString());
            }
            pop.addLast(c);
        }
        while (scored.size() < budget) {
            int wanted = Math.min(batch, budget - scored.size());
            List<Nb201Cell> generation = new ArrayList<>();
            Set<String> fresh = new HashSet<>();
            while (fresh.size() < wanted) {
                List<Nb201Cell> m = new ArrayList<>(pop);
                Nb201Cell parent = null;
                for (int i = 0; i < Math.min(sample, m.size()); i++) {
                    int j = i + rng.nextInt(m.size() - i);
                    Nb201Cell x = m.get(j);
                    m.set(j, m.get(i));
                    m.set(i, x);
                    if (parent == null || ArchitectureSearchTest.Counting.value(x)
                            > ArchitectureSearchTest.Counting.value(parent)) {
                        parent = x;
                    }
                }
                Nb201Cell child = space.mutate(parent, rng);
                if (scored.contains(child.toString()) && !fresh.contains(child.toString())) {
                    pop.addLast(child);
                    pop.removeFirst();
                } else {
                    if (fresh.add(child.toString())) {
                        scored.add(child.toString());
                    }
                    generation.add(child);
                }
            }
            for (Nb201Cell c : generation) {
                pop.addLast(c);
                pop.removeFirst();
            }
        }
        return scored;
    }

    @Test
    void evolutionBreedsAGenerationPerBatch() {
        Nb201Space full = Nb201Space.full(NETWORK);
        Strategy evo = Strategy.evolution(10, 3);
        Recording f = new Recording();
        SearchResult<Nb201Cell> r = ArchitectureSearch.builder(full, f).strategy(evo).budget(40).seed(9).batch(4)
                .build().run();
        assertEquals(expectedEvolution(full, 10, 3, 40, 4, 9), names(r));
        // the population in batches of 4, 4, 2; then generations of 4; budget respected
        assertEquals(List.of(4, 4, 2, 4, 4, 4, 4, 4, 4, 4, 2), f.sizes());
        assertEquals(names(r), f.all());
        assertDistinct(f.all());
        assertEquals(40, r.evaluations().size());
        // every child is one edge from a candidate of an earlier batch (its parent was in the population then)
        Set<String> before = new HashSet<>();
        for (List<String> batch : f.batches) {
            for (String name : batch) {
                Evaluation e = r.evaluations().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                if (e.origin().equals("mutation")) {
                    Nb201Cell child = Nb201Cell.parse(name);
                    assertTrue(before.stream().anyMatch(p -> Nb201Space.distance(Nb201Cell.parse(p), child) == 1),
                            name);
                }
            }
            before.addAll(batch);
        }
        // batch 1 is the one-child-at-a-time evolution (the same independent walk); the batched walk differs
        SearchResult<Nb201Cell> single = ArchitectureSearch.builder(full, new Recording()).strategy(evo).budget(40)
                .seed(9).build().run();
        assertEquals(expectedEvolution(full, 10, 3, 40, 1, 9), names(single));
        assertNotEquals(names(single), names(r));
        assertEquals(names(single).subList(0, 10), names(r).subList(0, 10));

        // a small subset: repeated children are frequent and never scored twice
        Nb201Space few = Nb201Space.of(NETWORK, subset(40, 8));
        Recording g = new Recording();
        SearchResult<Nb201Cell> s = ArchitectureSearch.builder(few, g).strategy(Strategy.evolution(6, 2)).budget(30)
                .seed(4).batch(3).build().run();
        assertEquals(expectedEvolution(few, 6, 2, 30, 3, 4), names(s));
        assertDistinct(g.all());
        assertTrue(s.repeats() > 0, "repeats: " + s.repeats());
        g.sizes().forEach(n -> assertTrue(n <= 3, "batch of " + n));
    }

    @Test
    void aBatchedSearchResumesToTheSameResult(@TempDir Path dir) throws Exception {
        Nb201Space full = Nb201Space.full(NETWORK);
        Strategy evo = Strategy.evolution(6, 2);
        SearchResult<Nb201Cell> whole = ArchitectureSearch.builder(full, new Recording()).strategy(evo).budget(30)
                .seed(11).batch(4).build().run();

        // a larger budget continues the walk: 17 = 6 (population) + 4 + 4 + 3 (the last generation cut)
        Path h = dir.resolve("h.jsonl");
        Recording first = new Recording();
        ArchitectureSearch.builder(full, first).strategy(evo).budget(17).seed(11).batch(4).history(h).build().run();
        assertEquals(List.of(4, 2, 4, 4, 3), first.sizes());
        Recording second = new Recording();
        SearchResult<Nb201Cell> resumed = ArchitectureSearch.builder(full, second).strategy(evo).budget(30).seed(11)
                .batch(4).history(h).build().run();
        assertEquals(history(whole), history(resumed));
        assertEquals(17, resumed.replayed());
        assertEquals(13, second.all().size());
        assertEquals(names(whole).subList(17, 30), second.all());
        assertEquals(List.of(1, 4, 4, 4), second.sizes());   // the 4th child of the cut generation, then 3 more
        assertTrue(Files.readAllLines(h).get(0).contains("\"batch\":4"), Files.readAllLines(h).get(0));

        // a crash in the middle of a batch: 9 lines written, then half a line
        Path k = dir.resolve("k.jsonl");
        List<String> lines = Files.readAllLines(h).subList(0, 10);
        Files.writeString(k, String.join("\n", lines) + "\n{\"type\":\"scored\",\"ind");
        Recording third = new Recording();
        SearchResult<Nb201Cell> again = ArchitectureSearch.builder(full, third).strategy(evo).budget(30).seed(11)
                .batch(4).history(k).build().run();
        assertEquals(history(whole), history(again));
        assertEquals(9, again.replayed());
        assertEquals(names(whole).subList(9, 30), third.all());
        assertEquals(List.of(1, 4, 4, 4, 4, 4), third.sizes());

        // evolution's walk depends on the batch: another batch is refused; random sampling's does not
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSearch
                .builder(full, new Recording()).strategy(evo).budget(30).seed(11).batch(2).history(h).build().run());
        assertTrue(e.getMessage().contains("batch is 4, this search's 2"), e.getMessage());
        Path r = dir.resolve("r.jsonl");
        SearchResult<Nb201Cell> r1 = ArchitectureSearch.builder(full, new Recording()).budget(10).seed(3).batch(1)
                .history(r).build().run();
        Recording more = new Recording();
        SearchResult<Nb201Cell> r2 = ArchitectureSearch.builder(full, more).budget(20).seed(3).batch(8).history(r)
                .build().run();
        assertEquals(names(r1), names(r2).subList(0, 10));
        // batches are cut from the proposals: 8 replayed, then 2 replayed and 6 new, then 4 new
        assertEquals(List.of(6, 4), more.sizes());
    }

    @Test
    void optionsAndErrors() {
        Nb201Space full = Nb201Space.full(NETWORK);
        assertThrows(IllegalArgumentException.class, () -> ArchitectureSearch.builder(full, new Recording()).batch(0));
        assertTrue(ArchitectureSearch.builder(full, new Recording()).batch(6).build().toString().contains("batch=6"));
        Fitness<Nb201Cell> short1 = new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of("x");
            }

            @Override
            public double[] score(Nb201Cell c) {
                return new double[] {1};
            }

            @Override
            public List<double[]> scoreAll(List<Nb201Cell> candidates) {
                return List.of(new double[] {1});
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ArchitectureSearch.builder(full, short1).budget(5).batch(3).build().run());
        assertTrue(e.getMessage().contains("gave 1 results for 3 candidates"), e.getMessage());
        Fitness<Nb201Cell> failing = new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of("x");
            }

            @Override
            public double[] score(Nb201Cell c) {
                throw new IllegalStateException("no luck");
            }
        };
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureSearch.builder(full, failing).budget(5).batch(2).seed(1).build().run());
        assertTrue(f.getMessage().startsWith("candidates [|") && f.getMessage().endsWith("could not be scored: no luck"),
                f.getMessage());
    }

    @Test
    void nb201SpacesAreSerialisable() throws Exception {
        List<Nb201Cell> cells = subset(12, 6);
        Nb201Network small = Nb201Network.builder().channels(4).cellsPerStage(1).initialisation(Initialisation.seeded(3)).build();
        for (Nb201Space s : List.of(Nb201Space.full(small), Nb201Space.of(small, cells))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(s);
            }
            Nb201Space back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = (Nb201Space) in.readObject();
            }
            assertEquals(s.id(), back.id());
            assertEquals(s.enumerate(), back.enumerate());
            assertEquals(s.network().toString(), back.network().toString());
            assertTrue(bytes.size() < (s.size() > 100 ? 4_000 : 20_000), bytes.size() + " bytes");
        }
    }
}
