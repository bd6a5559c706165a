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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.space.Nb201Op;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strategies, cache, reproducibility and resumption on scores computed from the cell itself (no network built). */
class ArchitectureSearchTest {

    private static final Nb201Network NETWORK = Nb201Network.defaults();

    /** A fitness known in closed form: 3 x (3x3 convolutions) + (1x1 convolutions) + (skips) / 2; counts calls. */
    static final class Counting implements Fitness<Nb201Cell> {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, Integer> perCandidate = new HashMap<>();

        @Override
        public List<String> names() {
            return List.of("closed");
        }

        @Override
        public double[] score(Nb201Cell c) {
            calls.incrementAndGet();
            perCandidate.merge(c.toString(), 1, Integer::sum);
            return new double[] {value(c)};
        }

        static double value(Nb201Cell c) {
            double v = 0;
            for (Nb201Op op : c.edges()) {
                v += op == Nb201Op.NOR_CONV_3X3 ? 3 : op == Nb201Op.NOR_CONV_1X1 ? 1 : op == Nb201Op.SKIP_CONNECT ? 0.5 : 0;
            }
            return v;
        }
    }

    private static List<Nb201Cell> subset(int n, long seed) {
        List<Nb201Cell> all = new ArrayList<>(Nb201Cell.all());
        java.util.Collections.shuffle(all, new java.util.Random(seed));
        return all.subList(0, n);
    }

    @Test
    void exhaustiveFindsTheMaximumAndScoresEachCellOnce() {
        List<Nb201Cell> cells = subset(200, 1);
        Nb201Space space = Nb201Space.of(NETWORK, cells);
        Counting f = new Counting();
        SearchResult<Nb201Cell> r = ArchitectureSearch.builder(space, f).strategy(Strategy.exhaustive()).top(3)
                .build().run();
        double max = cells.stream().mapToDouble(Counting::value).max().orElseThrow();
        assertEquals(200, r.evaluations().size());
        assertEquals(200, f.calls.get());
        assertEquals(max, Counting.value(r.best()));
        assertEquals(3, r.finalists().size());
        assertTrue(Counting.value(r.finalists().get(1)) <= max && Counting.value(r.finalists().get(2))
                <= Counting.value(r.finalists().get(1)));
    }

    @Test
    void randomIsBestOfNDistinctSamplesAndReproducible() {
        Nb201Space space = Nb201Space.full(NETWORK);
        SearchResult<Nb201Cell> a = ArchitectureSearch.builder(space, new Counting()).budget(50).seed(7).build().run();
        SearchResult<Nb201Cell> b = ArchitectureSearch.builder(space, new Counting()).budget(50).seed(7).build().run();
        SearchResult<Nb201Cell> c = ArchitectureSearch.builder(space, new Counting()).budget(50).seed(8).build().run();
        List<String> na = a.evaluations().stream().map(Evaluation::name).collect(Collectors.toList());
        assertEquals(na, b.evaluations().stream().map(Evaluation::name).collect(Collectors.toList()));
        assertNotEquals(na, c.evaluations().stream().map(Evaluation::name).collect(Collectors.toList()));
        assertEquals(50, new HashSet<>(na).size());
        double max = na.stream().mapToDouble(n -> Counting.value(Nb201Cell.parse(n))).max().orElseThrow();
        assertEquals(max, Counting.value(a.best()));
    }

    @Test
    void evolutionMutatesOneEdgeOfATournamentWinnerAndScoresEachCandidateOnce() {
        Nb201Space space = Nb201Space.full(NETWORK);
        Counting f = new Counting();
        SearchResult<Nb201Cell> r = ArchitectureSearch.builder(space, f).strategy(Strategy.evolution(8, 3))
                .budget(120).seed(3).build().run();
        assertEquals(120, r.evaluations().size());
        assertEquals(120, f.calls.get());
        f.perCandidate.values().forEach(n -> assertEquals(1, n));
        Set<String> seen = new HashSet<>();
        for (Evaluation e : r.evaluations()) {
            if (e.origin().equals("mutation")) {
                Nb201Cell child = Nb201Cell.parse(e.name());
                boolean oneEdgeFromAnEarlier = seen.stream()
                        .anyMatch(p -> Nb201Space.distance(Nb201Cell.parse(p), child) == 1);
                assertTrue(oneEdgeFromAnEarlier, e.name());
            }
            seen.add(e.name());
        }
        assertEquals(8, r.evaluations().stream().filter(e -> e.origin().equals("sample")).count());
        // selection pressure: the closed-form optimum (six 3x3 convolutions, 18) is near-reached
        assertTrue(Counting.value(r.best()) >= 15, "best " + r.best());
        SearchResult<Nb201Cell> random = ArchitectureSearch.builder(space, new Counting()).budget(120).seed(3)
                .build().run();
        assertTrue(Counting.value(r.best()) >= Counting.value(random.best()));
    }

    @Test
    void anInterruptedSearchResumesToTheSameResult(@TempDir Path dir) throws Exception {
        Nb201Space space = Nb201Space.full(NETWORK);
        Strategy evo = Strategy.evolution(6, 2);
        SearchResult<Nb201Cell> whole = ArchitectureSearch.builder(space, new Counting()).strategy(evo).budget(40)
                .seed(11).build().run();
        Path h = dir.resolve("h.jsonl");
        Counting first = new Counting();
        ArchitectureSearch.builder(space, first).strategy(evo).budget(25).seed(11).history(h).build().run();
        assertEquals(25, first.calls.get());
        // a crash mid-write leaves half a line
        Files.writeString(h, Files.readString(h) + "{\"type\":\"scored\",\"ind", java.nio.file.StandardOpenOption.WRITE);
        Counting second = new Counting();
        SearchResult<Nb201Cell> resumed = ArchitectureSearch.builder(space, second).strategy(evo).budget(40).seed(11)
                .history(h).build().run();
        assertEquals(15, second.calls.get());
        assertEquals(25, resumed.replayed());
        assertEquals(whole.evaluations().stream().map(Evaluation::name).collect(Collectors.toList()),
                resumed.evaluations().stream().map(Evaluation::name).collect(Collectors.toList()));
        assertEquals(whole.best(), resumed.best());
        assertEquals(41, Files.readAllLines(h).size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchitectureSearch
                .builder(space, new Counting()).strategy(evo).budget(40).seed(12).history(h).build().run());
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
    }

    @Test
    void severalScoresAreRankAveraged() {
        // two scores that disagree: a = closed form, b = minus the number of none edges
        Fitness<Nb201Cell> two = new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of("a", "b");
            }

            @Override
            public double[] score(Nb201Cell c) {
                long none = c.edges().stream().filter(o -> o == Nb201Op.NONE).count();
                return new double[] {Counting.value(c), -none};
            }
        };
        List<Nb201Cell> cells = subset(60, 5);
        SearchResult<Nb201Cell> r = ArchitectureSearch.builder(Nb201Space.of(NETWORK, cells), two)
                .strategy(Strategy.exhaustive()).build().run();
        // independent: ranks by hand
        double[] a = cells.stream().mapToDouble(Counting::value).toArray();
        double[] b = cells.stream().mapToDouble(c -> -c.edges().stream().filter(o -> o == Nb201Op.NONE).count())
                .toArray();
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cells.size(); i++) {
            double ra = 1, rb = 1;
            int tieA = 0, tieB = 0;
            for (int j = 0; j < cells.size(); j++) {
                ra += a[j] < a[i] ? 1 : 0;
                rb += b[j] < b[i] ? 1 : 0;
                tieA += j != i && a[j] == a[i] ? 1 : 0;
                tieB += j != i && b[j] == b[i] ? 1 : 0;
            }
            best = Math.max(best, (ra + tieA / 2.0 + rb + tieB / 2.0) / 2);
        }
        assertEquals(best, r.ranking().get(0).fitness(), 1e-12);
        assertTrue(r.reason().startsWith("best rank-average of [a, b]"), r.reason());
        assertTrue(r.toCsv().startsWith("rank,name,fitness,a,b,seconds,index,origin\n"));
        assertTrue(r.toJson().contains("\"finalists\":[\"" + r.best() + "\"]"));
    }

    @Test
    void rankAverageByHand() {
        double[] r = RankAverage.of(List.of(new double[] {3, 0.1}, new double[] {1, 0.9}, new double[] {2, 0.5},
                new double[] {Double.NaN, 0.5}));
        // a: NaN 1, 1 -> 2, 2 -> 3, 3 -> 4; b: 0.1 -> 1, 0.5 twice -> 2.5, 0.9 -> 4
        assertEquals(List.of(2.5, 3.0, 2.75, 1.75), List.of(r[0], r[1], r[2], r[3]));
    }

    @Test
    void tableScoresLookUpByName(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "cell,x,y\n" + Nb201Cell.all().get(5) + ",1.5,\n" + Nb201Cell.all().get(9) + ",2,3\n");
        Nb201Space space = Nb201Space.full(NETWORK);
        TableScores<Nb201Cell> t = TableScores.read(csv, "cell", List.of("y", "x"), space::name);
        assertEquals(3.0, t.score(Nb201Cell.all().get(9))[0]);
        assertTrue(Double.isNaN(t.score(Nb201Cell.all().get(5))[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.score(Nb201Cell.all().get(1)));
        assertTrue(e.getMessage().contains(Nb201Cell.all().get(1).toString()));
        e = assertThrows(IllegalArgumentException.class, () -> TableScores.read(csv, "cell", List.of("z"), space::name));
        assertTrue(e.getMessage().contains("'z'"));
    }

    @Test
    void nb201Mutation() {
        Nb201Space full = Nb201Space.full(NETWORK);
        SplittableRandom rng = new SplittableRandom(1);
        Map<Integer, Integer> edges = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            Nb201Cell p = full.sample(rng);
            Nb201Cell c = full.mutate(p, rng);
            assertEquals(1, Nb201Space.distance(p, c));
            for (int k = 0; k < 6; k++) {
                if (p.edges().get(k) != c.edges().get(k)) {
                    edges.merge(k, 1, Integer::sum);
                }
            }
        }
        assertEquals(6, edges.size());
        edges.values().forEach(n -> assertTrue(n > 60, "every edge is mutated about 100 times: " + edges));
        List<Nb201Cell> cells = subset(100, 2);
        Nb201Space sub = Nb201Space.of(NETWORK, cells);
        for (int i = 0; i < 50; i++) {
            Nb201Cell p = cells.get(i);
            Nb201Cell c = sub.mutate(p, rng);
            assertTrue(cells.contains(c));
            assertNotEquals(p, c);
        }
        // a two-cell subset: a mutation of one cell always gives the other (never the parent)
        Nb201Cell a = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
        Nb201Cell b = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|skip_connect~2|");
        Nb201Space two = Nb201Space.of(NETWORK, List.of(a, b));
        for (int i = 0; i < 20; i++) {
            assertEquals(b, two.mutate(a, rng));
        }
    }
}
