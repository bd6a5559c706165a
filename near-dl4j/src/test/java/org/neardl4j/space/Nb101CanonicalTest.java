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
package org.neardl4j.space;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Nb101Cell#canonical()} identifies the cells NAS-Bench-101's graph hash identifies: the cases of
 * google-research/nasbench's {@code graph_util_test.test_hash_module}, random relabellings, and agreement with a
 * transcription of {@code graph_util.hash_module} on random cells.
 */
class Nb101CanonicalTest {

    /** graph_util_test's integer labels: -1 input, -2 output, 0/1/2 (and 1/2/3 in one case) three operations. */
    private static Nb101Cell cell(int[][] m, int... labels) {
        int min = Integer.MAX_VALUE;
        for (int l : labels) {
            if (l >= 0) {
                min = Math.min(min, l);
            }
        }
        List<Nb101Op> ops = new ArrayList<>();
        for (int l : labels) {
            ops.add(l == -1 ? Nb101Op.INPUT : l == -2 ? Nb101Op.OUTPUT
                    : List.of(Nb101Op.CONV3X3, Nb101Op.CONV1X1, Nb101Op.MAXPOOL3X3).get(l - min));
        }
        return Nb101Cell.of(m, ops);
    }

    @Test
    void nasBenchsHashTestCases() {
        // diamond graph with label permutation
        int[][] diamond = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
        assertEquals(cell(diamond, -1, 1, 2, -2).canonical(), cell(diamond, -1, 2, 1, -2).canonical());
        // simple graph with edge permutation (labels 1, 2, 3 there)
        int[][] m1 = {{0, 1, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        int[][] m2 = {{0, 1, 0, 1, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        int[][] m3 = {{0, 1, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        Nb101Cell c1 = cell(m1, -1, 1, 2, 3, -2);
        assertEquals(c1.canonical(), cell(m2, -1, 2, 3, 1, -2).canonical());
        assertEquals(c1.canonical(), cell(m3, -1, 2, 1, 3, -2).canonical());
        assertNotEquals(c1.canonical(), cell(m1, -1, 2, 3, 1, -2).canonical());
        assertNotEquals(c1.canonical(), cell(m1, -1, 2, 1, 3, -2).canonical());
        // tricky non-isomorphic cases
        int[][] chain = {{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
        assertNotEquals(cell(chain, -1, 1, 0, 0, -2).canonical(), cell(chain, -1, 0, 0, 1, -2).canonical());
        int[][] directed = {{0, 1, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
        assertNotEquals(cell(directed, -1, 1, 0, -2).canonical(), cell(directed, -1, 0, 1, -2).canonical());
        int[][] seven = {{0, 1, 1, 1, 1, 0, 0}, {0, 0, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 1},
                {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0}};
        assertNotEquals(cell(seven, -1, 1, 0, 0, 0, 0, -2).canonical(),
                cell(seven, -1, 0, 0, 0, 1, 0, -2).canonical());
    }

    /** A random valid cell of 7 vertices before pruning. */
    private static Nb101Cell random(Random r) {
        while (true) {
            int[][] m = new int[7][7];
            for (int i = 0; i < 7; i++) {
                for (int j = i + 1; j < 7; j++) {
                    m[i][j] = r.nextInt(2);
                }
            }
            List<Nb101Op> ops = new ArrayList<>(List.of(Nb101Op.INPUT));
            for (int v = 0; v < 5; v++) {
                ops.add(List.of(Nb101Op.CONV3X3, Nb101Op.CONV1X1, Nb101Op.MAXPOOL3X3).get(r.nextInt(3)));
            }
            ops.add(Nb101Op.OUTPUT);
            try {
                return Nb101Cell.of(m, ops);
            } catch (IllegalArgumentException invalid) {
                // disconnected or too many edges: draw again
            }
        }
    }

    /** The cell with its interior vertices renumbered by a random topological order. */
    private static Nb101Cell relabel(Nb101Cell c, Random r) {
        int n = c.vertices();
        int[][] m = c.matrix();
        List<Integer> order = new ArrayList<>(List.of(0));
        Set<Integer> placed = new HashSet<>(order);
        while (order.size() < n - 1) {
            List<Integer> ready = new ArrayList<>();
            for (int v = 1; v < n - 1; v++) {
                boolean ok = !placed.contains(v);
                for (int u = 0; u < v && ok; u++) {
                    ok = m[u][v] == 0 || placed.contains(u);
                }
                if (ok) {
                    ready.add(v);
                }
            }
            int v = ready.get(r.nextInt(ready.size()));
            order.add(v);
            placed.add(v);
        }
        order.add(n - 1);
        int[][] p = new int[n][n];
        List<Nb101Op> ops = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            ops.add(c.op(order.get(a)));
            for (int b = 0; b < n; b++) {
                p[a][b] = m[order.get(a)][order.get(b)];
            }
        }
        return Nb101Cell.of(p, ops);
    }

    @Test
    void relabellingsShareTheCanonicalForm() {
        Random r = new Random(17);
        int reordered = 0;
        for (int i = 0; i < 500; i++) {
            Nb101Cell c = random(r);
            Nb101Cell k = c.canonical();
            assertSame(k, k.canonical());
            Nb101Cell other = relabel(c, r);
            reordered += other.equals(c) ? 0 : 1;
            assertEquals(k, other.canonical(), c + " vs " + other);
            assertEquals(c.vertices(), k.vertices());
            assertEquals(c.edgeCount(), k.edgeCount());
            List<Nb101Op> a = new ArrayList<>(c.ops());
            List<Nb101Op> b = new ArrayList<>(k.ops());
            Collections.sort(a);
            Collections.sort(b);
            assertEquals(a, b);
            // the network counts are those of an isomorphic cell: same number of parameters up to channel splits
            assertEquals(Nb101Network.defaults().expectedMatrices(c).size(),
                    Nb101Network.defaults().expectedMatrices(k).size());
        }
        assertTrue(reordered > 40, "relabellings that changed the cell: " + reordered);
    }

    // ------------------------------------------------- graph_util.hash_module, transcribed from the Python source

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashModule(Nb101Cell c) {
        int n = c.vertices();
        int[][] m = c.matrix();
        List<String> hashes = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            int in = 0;
            int out = 0;
            for (int w = 0; w < n; w++) {
                in += m[w][v];
                out += m[v][w];
            }
            int label = v == 0 ? -1 : v == n - 1 ? -2 : c.op(v).ordinal() - 1;
            hashes.add(md5("(" + out + ", " + in + ", " + label + ")"));
        }
        for (int round = 0; round < n; round++) {
            List<String> next = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                List<String> in = new ArrayList<>();
                List<String> out = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    if (m[w][v] == 1) {
                        in.add(hashes.get(w));
                    }
                    if (m[v][w] == 1) {
                        out.add(hashes.get(w));
                    }
                }
                Collections.sort(in);
                Collections.sort(out);
                next.add(md5(String.join("", in) + "|" + String.join("", out) + "|" + hashes.get(v)));
            }
            hashes = next;
        }
        List<String> sorted = new ArrayList<>(hashes);
        Collections.sort(sorted);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < sorted.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(sorted.get(i)).append('\'');
        }
        return md5(b.append(']').toString());
    }

    @Test
    void canonicalFormsAgreeWithNasBenchsGraphHash() {
        Random r = new Random(23);
        Map<Nb101Cell, String> hashOf = new HashMap<>();
        Map<String, Nb101Cell> formOf = new HashMap<>();
        int isomorphicPairs = 0;
        for (int i = 0; i < 3000; i++) {
            Nb101Cell c = random(r);
            String h = hashModule(c);
            Nb101Cell k = c.canonical();
            String before = hashOf.putIfAbsent(k, h);
            if (before != null) {
                assertEquals(before, h, "isomorphic cells with different hashes: " + c);
                isomorphicPairs += c.equals(k) ? 0 : 1;
            }
            Nb101Cell f = formOf.putIfAbsent(h, k);
            if (f != null) {
                assertEquals(f, k, "one hash, two canonical forms: " + c);
            }
        }
        assertEquals(hashOf.size(), formOf.size());
        assertTrue(isomorphicPairs > 10, "repeats in another vertex order: " + isomorphicPairs);
    }
}
