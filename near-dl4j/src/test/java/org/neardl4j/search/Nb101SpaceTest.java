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

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.proxy.NearProxy;
import org.neardl4j.proxy.ParameterCount;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb101Op;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NAS-Bench-101's space: samples and mutations against an independent transcription of NAS-Bench-101's
 * {@code random_spec} (google-research/nasbench, NASBench.ipynb, and {@code ModelSpec._prune},
 * {@code NASBench._check_spec}), names, builds, a list of cells and a short search.
 */
class Nb101SpaceTest {

    private static final Nb101Network TINY = Nb101Network.builder().stemChannels(8).stacks(1).cellsPerStack(1)
            .initialisation(Initialisation.seeded(3)).build();
    private static final Nb101Space SPACE = Nb101Space.full(TINY);

    // ------------------------------------------------------------------ reference: NAS-Bench-101's Python, in Java

    /** A pruned spec as NAS-Bench-101's ModelSpec keeps it: matrix and interior ops (0..2), or null if invalid. */
    private record Spec(int[][] matrix, int[] ops) {
        int vertices() {
            return matrix.length;
        }

        int edges() {
            int e = 0;
            for (int[] row : matrix) {
                for (int x : row) {
                    e += x;
                }
            }
            return e;
        }
    }

    /**
     * {@code random_spec()}: {@code np.random.choice([0, 1], (7, 7))}, {@code np.triu(.., 1)}, ops uniform among
     * the three, retried until {@code is_valid}: the spec prunes to a connected graph with at most 9 edges.
     */
    private static Spec referenceRandomSpec(Random r, double edgeProbability) {
        while (true) {
            int[][] m = new int[7][7];
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) {
                    int x = r.nextDouble() < edgeProbability ? 1 : 0;
                    m[i][j] = j > i ? x : 0;          // np.triu(matrix, 1)
                }
            }
            int[] ops = new int[7];
            for (int v = 0; v < 7; v++) {
                ops[v] = r.nextInt(3);
            }
            Spec s = prune(m, ops);
            if (s != null && s.edges() <= 9) {
                return s;
            }
        }
    }

    /** {@code ModelSpec._prune}: DFS from the input and back from the output; null when they are not connected. */
    private static Spec prune(int[][] m, int[] ops) {
        int n = m.length;
        Set<Integer> in = new HashSet<>(List.of(0));
        List<Integer> frontier = new ArrayList<>(List.of(0));
        while (!frontier.isEmpty()) {
            int top = frontier.remove(frontier.size() - 1);
            for (int v = top + 1; v < n; v++) {
                if (m[top][v] == 1 && in.add(v)) {
                    frontier.add(v);
                }
            }
        }
        Set<Integer> out = new HashSet<>(List.of(n - 1));
        frontier.add(n - 1);
        while (!frontier.isEmpty()) {
            int top = frontier.remove(frontier.size() - 1);
            for (int v = 0; v < top; v++) {
                if (m[v][top] == 1 && out.add(v)) {
                    frontier.add(v);
                }
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (in.contains(v) && out.contains(v)) {
                keep.add(v);
            }
        }
        if (n - keep.size() > n - 2) {
            return null;
        }
        int k = keep.size();
        int[][] p = new int[k][k];
        int[] o = new int[k];
        for (int a = 0; a < k; a++) {
            o[a] = ops[keep.get(a)];
            for (int b = 0; b < k; b++) {
                p[a][b] = m[keep.get(a)][keep.get(b)];
            }
        }
        return new Spec(p, o);
    }

    /** Fractions of samples with each vertex count (index 0..7), edge count (8 + 0..9) and op (18 + 0..2). */
    private static double[] histogram(List<int[]> stats) {
        double[] h = new double[21];
        long opTotal = 0;
        for (int[] s : stats) {
            h[s[0]]++;
            h[8 + s[1]]++;
            opTotal += s[2] + s[3] + s[4];
        }
        for (int k = 0; k < 18; k++) {
            h[k] /= stats.size();
        }
        for (int[] s : stats) {
            for (int o = 0; o < 3; o++) {
                h[18 + o] += (double) s[2 + o] / opTotal;
            }
        }
        return h;
    }

    private static int[] stats(Spec s) {
        int[] c = new int[5];
        c[0] = s.vertices();
        c[1] = s.edges();
        for (int v = 1; v < s.vertices() - 1; v++) {
            c[2 + s.ops()[v]]++;
        }
        return c;
    }

    private static int[] stats(Nb101Cell cell) {
        int[] c = new int[5];
        c[0] = cell.vertices();
        c[1] = cell.edgeCount();
        for (int v = 1; v < cell.vertices() - 1; v++) {
            c[2 + List.of(Nb101Op.CONV3X3, Nb101Op.CONV1X1, Nb101Op.MAXPOOL3X3).indexOf(cell.op(v))]++;
        }
        return c;
    }

    /**
     * Whether two histograms agree: every fraction within 4.5 standard errors of the difference of two binomial
     * proportions estimated from {@code n1} and {@code n2} samples (the reference's fraction as p; at least 0.5%
     * so that empty classes are not held to zero). A deterministic test (fixed seeds); 4.5 sigma on ~21 classes
     * keeps a correct sampler from failing by chance (under 1e-4) while a sampler with another edge probability,
     * op distribution or validity rule moves several classes by far more (checked below).
     */
    private static String disagreement(double[] ref, int n1, double[] got, int n2) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < ref.length; k++) {
            double p = Math.max(ref[k], 0.005);
            double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
            if (Math.abs(ref[k] - got[k]) > 4.5 * se) {
                b.append(String.format(" class %d: reference %.4f, sampled %.4f (4.5 se = %.4f);", k, ref[k], got[k],
                        4.5 * se));
            }
        }
        return b.toString();
    }

    @Test
    void samplesFollowNasBench101sRandomSpec() {
        Random r = new Random(2019);
        List<int[]> reference = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            reference.add(stats(referenceRandomSpec(r, 0.5)));
        }
        SplittableRandom rng = new SplittableRandom(11);
        List<int[]> sampled = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            sampled.add(stats(SPACE.sample(rng)));
        }
        double[] ref = histogram(reference);
        String d = disagreement(ref, 20_000, histogram(sampled), 2_000);
        assertTrue(d.isEmpty(), "the space's samples differ from random_spec's:" + d);
        // the comparison can fail: random_spec with edges drawn with probability 0.4 is told apart
        Random w = new Random(5);
        List<int[]> wrong = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            wrong.add(stats(referenceRandomSpec(w, 0.4)));
        }
        assertFalse(disagreement(ref, 20_000, histogram(wrong), 2_000).isEmpty());
    }

    @Test
    void samplesAreValidPrunedCanonicalAndSeeded() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> c = new ArrayList<>();
        SplittableRandom ra = new SplittableRandom(4);
        SplittableRandom rb = new SplittableRandom(4);
        SplittableRandom rc = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            Nb101Cell s = SPACE.sample(ra);
            checkValidAndPruned(s);
            assertEquals(s, s.canonical(), s.toString());
            a.add(SPACE.name(s));
            b.add(SPACE.name(SPACE.sample(rb)));
            c.add(SPACE.name(SPACE.sample(rc)));
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    /** Checked from the matrix itself: at most 7 vertices and 9 edges, every vertex on a path input -> output. */
    private static void checkValidAndPruned(Nb101Cell s) {
        int n = s.vertices();
        assertTrue(n >= 2 && n <= 7 && s.edgeCount() <= 9 && s.edgeCount() >= 1, s.toString());
        int[][] m = s.matrix();
        Spec p = prune(m, new int[n]);
        assertTrue(p != null && p.vertices() == n, "not pruned: " + s);
        assertEquals(Nb101Op.INPUT, s.op(0));
        assertEquals(Nb101Op.OUTPUT, s.op(n - 1));
        for (int v = 1; v < n - 1; v++) {
            assertTrue(s.op(v).isInterior(), s.toString());
        }
    }

    @Test
    void mutationsAreValidDifferentSmallAndSeeded() {
        SplittableRandom rng = new SplittableRandom(21);
        int unchangedOps = 0;
        int total = 0;
        for (int i = 0; i < 300; i++) {
            Nb101Cell parent = SPACE.sample(rng);
            long seed = rng.nextLong();
            Nb101Cell child = SPACE.mutate(parent, new SplittableRandom(seed));
            assertEquals(child, SPACE.mutate(parent, new SplittableRandom(seed)));
            checkValidAndPruned(child);
            assertEquals(child, child.canonical());
            assertNotEquals(parent.canonical(), child.canonical(), "mutation of " + parent + " is isomorphic to it");
            // a mutation of a cell in another vertex order is a mutation of the same cell
            Nb101Cell other = SPACE.mutate(parent.canonical(), new SplittableRandom(seed));
            checkValidAndPruned(other);
            total++;
            unchangedOps += Nb101Space.distance(Nb101Space.layout(parent.canonical()),
                    Nb101Space.layout(child)) <= 4 ? 1 : 0;
        }
        // one edge flipped and one op changed in expectation: most children stay close to their parent
        assertTrue(unchangedOps > total / 2, unchangedOps + " of " + total + " children within 4 changes");
    }

    @Test
    void namesParseBack() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 100; i++) {
            Nb101Cell c = SPACE.sample(rng);
            assertEquals(c, SPACE.parse(SPACE.name(c)));
            assertEquals(c.toString(), SPACE.name(c));
        }
        Nb101Cell given = Nb101Cell.parse("conv1x1(0) conv3x3(0) output(1,2)");
        assertEquals(given, SPACE.parse("conv1x1(0) conv3x3(0) output(1,2)"));    // not reordered
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SPACE.parse("conv3x3(0) conv5x5(1) output(2)"));
        assertTrue(e.getMessage().contains("conv5x5"), e.getMessage());
        assertEquals("nb101(423624)", SPACE.id());
        assertTrue(SPACE.enumerate().isEmpty());
    }

    @Test
    void layoutAndDistance() {
        Nb101Cell a = Nb101Cell.parse("conv3x3(0) output(1)");
        int[] la = Nb101Space.layout(a);
        // edges (0,1) and (1,6) of the 21 row-major entries, then ops: conv3x3 and four missing vertices
        int[] expected = new int[26];
        expected[0] = 1;                  // (0,1)
        expected[6 + 4] = 1;              // row 1 starts at 6: (1,2)..(1,6); (1,6) is its 5th
        expected[21] = Nb101Op.CONV3X3.ordinal();
        for (int k = 22; k < 26; k++) {
            expected[k] = -1;
        }
        assertEquals(List.of(java.util.Arrays.stream(expected).boxed().toArray()),
                List.of(java.util.Arrays.stream(la).boxed().toArray()));
        assertEquals(1, Nb101Space.distance(la, Nb101Space.layout(Nb101Cell.parse("conv1x1(0) output(1)"))));
        assertEquals(1, Nb101Space.distance(la, Nb101Space.layout(Nb101Cell.parse("conv3x3(0) output(0,1)"))));
        // one vertex more: its op, its edge in and the moved edge to the output
        assertEquals(4, Nb101Space.distance(la,
                Nb101Space.layout(Nb101Cell.parse("conv3x3(0) conv3x3(1) output(2)"))));
    }

    private static List<Nb101Cell> bundledRows() throws Exception {
        List<Nb101Cell> cells = new ArrayList<>();
        try (InputStream in = Nb101SpaceTest.class.getResourceAsStream("/nb101/nb101_cifar10_200.csv");
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord r : p) {
                cells.add(Nb101Cell.fromCsv(r.get("matrix"), r.get("ops")));
            }
        }
        return cells;
    }

    @Test
    void aListOfCellsIsSampledMutatedAndEnumeratedInside() throws Exception {
        List<Nb101Cell> rows = bundledRows();
        Nb101Space table = Nb101Space.of(TINY, rows);
        assertEquals(200, table.size());
        assertEquals(rows, table.enumerate().orElseThrow());
        Set<Nb101Cell> in = new HashSet<>(rows);
        SplittableRandom rng = new SplittableRandom(3);
        Set<Nb101Cell> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Nb101Cell p = table.sample(rng);
            assertTrue(in.contains(p));
            seen.add(p);
            Nb101Cell c = table.mutate(p, rng);
            assertTrue(in.contains(c), c.toString());
            assertNotEquals(p, c);
            assertEquals(c, table.parse(table.name(c)));
        }
        assertTrue(seen.size() > 100, "samples cover " + seen.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.parse("conv3x3(0) conv3x3(1) conv3x3(2) conv3x3(3) conv3x3(4) output(5)"));
        assertTrue(e.getMessage().contains("not in the space"), e.getMessage());
        // two cells: a mutation of one is always the other
        Nb101Cell a = Nb101Cell.parse("conv3x3(0) output(1)");
        Nb101Cell b = Nb101Cell.parse("maxpool3x3(0) conv1x1(0,1) output(2)");
        Nb101Space two = Nb101Space.of(TINY, List.of(a, b));
        for (int i = 0; i < 20; i++) {
            assertEquals(b, two.mutate(a, rng));
            assertEquals(a, two.mutate(b, rng));
        }
        assertThrows(IllegalArgumentException.class, () -> Nb101Space.of(TINY, List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> Nb101Space.of(TINY, List.of(a, a)));
        assertTrue(table.id().startsWith("nb101-subset(200,"), table.id());
    }

    @Test
    void buildsTheTemplatesNetwork() throws Exception {
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < 3; i++) {
            Nb101Cell c = SPACE.sample(rng);
            assertEquals(TINY.parameterCount(c), ParameterCount.of(SPACE.build(c)), c.toString());
        }
        // NAS-Bench-101's own count for the smallest bundled row, on the benchmark's network
        List<Nb101Cell> rows = bundledRows();
        List<Long> params = new ArrayList<>();
        try (InputStream in = Nb101SpaceTest.class.getResourceAsStream("/nb101/nb101_cifar10_200.csv");
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord r : p) {
                params.add(Long.parseLong(r.get("params")));
            }
        }
        int smallest = 0;
        for (int i = 1; i < params.size(); i++) {
            smallest = params.get(i) < params.get(smallest) ? i : smallest;
        }
        Model net = Nb101Space.full(Nb101Network.defaults()).build(rows.get(smallest));
        assertEquals((long) params.get(smallest), ParameterCount.of(net), rows.get(smallest).toString());
    }

    @Test
    void serializableSpacesSampleAlike() throws Exception {
        for (Nb101Space s : List.of(SPACE, Nb101Space.of(TINY, bundledRows()))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(s);
            }
            Nb101Space back;
            try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = (Nb101Space) i.readObject();
            }
            assertEquals(s.id(), back.id());
            assertEquals(s.network().toString(), back.network().toString());
            SplittableRandom r1 = new SplittableRandom(1);
            SplittableRandom r2 = new SplittableRandom(1);
            for (int k = 0; k < 20; k++) {
                Nb101Cell x = s.sample(r1);
                assertEquals(x, back.sample(r2));
                assertEquals(s.mutate(x, r1), back.mutate(x, r2));
            }
        }
    }

    @Test
    void aShortRandomSearchRunsEndToEnd() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32).subi(0.5);
        NearScorer scorer = NearScorer.builder().repetitions(1).seed(2).build();
        Fitness<Nb101Cell> fitness = ProxyFitness.of(SPACE, List.of(new NearProxy(scorer)), new DataSet(x, null));
        SearchResult<Nb101Cell> r = ArchitectureSearch.builder(SPACE, fitness).strategy(Strategy.random()).budget(5)
                .seed(9).top(2).build().run();
        assertEquals(5, r.evaluations().size());
        assertEquals(5, r.computed());
        assertEquals(2, r.finalists().size());
        Nb101Cell best = r.finalists().get(0);
        checkValidAndPruned(best);
        double recorded = r.ranking().get(0).evaluation().values().get(0);
        double direct = scorer.score(TINY.graph(best), x).score();
        assertEquals(direct, recorded, 1e-9);
        for (SearchResult.Ranked k : r.ranking()) {
            assertTrue(recorded >= k.evaluation().values().get(0));
        }
    }
}
