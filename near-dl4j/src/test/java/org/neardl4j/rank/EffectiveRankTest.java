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
package org.neardl4j.rank;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.ParityCases;
import org.neardl4j.rank.EffectiveRank.Method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveRankTest {

    @Test
    void identityHasFullEffectiveRank() {
        assertEquals(1.0, EffectiveRank.of(Nd4j.eye(1)), 1e-12);
        assertEquals(7.0, EffectiveRank.of(Nd4j.eye(7)), 1e-12);
        assertEquals(5.0, EffectiveRank.of(Nd4j.eye(5).castTo(DataType.FLOAT)), 1e-12);
    }

    @Test
    void rankOneMatrixHasEffectiveRankOne() {
        INDArray u = Nd4j.linspace(1, 6, 6, DataType.DOUBLE).reshape(6, 1);
        INDArray v = Nd4j.linspace(-2, 3, 4, DataType.DOUBLE).reshape(1, 4);
        assertEquals(1.0, EffectiveRank.of(u.mmul(v), Method.SVD_DOUBLE), 1e-9);
        assertEquals(1.0, EffectiveRank.of(u.mmul(v)), 1e-6);
    }

    @Test
    void zeroMatrixHasEffectiveRankZero() {
        assertEquals(0.0, EffectiveRank.of(Nd4j.zeros(DataType.FLOAT, 3, 5)));
        assertEquals(0.0, EffectiveRank.ofSingularValues(new double[] {0, 0}));
    }

    @Test
    void circulantMatchesItsClosedForm() {
        for (double r : new double[] {0.5, -0.3, 0.9, 0.0}) {
            double r2 = r * r;
            INDArray a = Nd4j.create(new double[][] {{1, r, r2, r}, {r, 1, r, r2}, {r2, r, 1, r}, {r, r2, r, 1}});
            double[] s = {(1 + Math.abs(r)) * (1 + Math.abs(r)), 1 - r2, 1 - r2, (1 - Math.abs(r)) * (1 - Math.abs(r))};
            assertEquals(EffectiveRank.ofSingularValues(s), EffectiveRank.of(a), 1e-12, "r=" + r);
        }
    }

    @Test
    void entropyFormulaOnAKnownSpectrum() {
        // p = (0.5, 0.25, 0.25): H = 1.5 ln 2, erank = 2^1.5
        assertEquals(Math.pow(2, 1.5), EffectiveRank.ofSingularValues(new double[] {2, 1, 1, 0}), 1e-12);
    }

    @Test
    void rectangularMatricesUseMinDimension() {
        INDArray a = Nd4j.create(new double[][] {{3, 0, 0, 0}, {0, 3, 0, 0}});
        assertEquals(2.0, EffectiveRank.of(a), 1e-12);
        assertEquals(2.0, EffectiveRank.of(a.transpose()), 1e-12);
    }

    @Test
    void doesNotModifyItsArgument() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 6, 6);
        INDArray before = a.dup();
        EffectiveRank.of(a);
        assertEquals(before, a);
    }

    @Test
    void nanAndInfinityAreErrors() {
        INDArray a = Nd4j.eye(3);
        a.putScalar(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(a));
        INDArray b = Nd4j.eye(3);
        b.putScalar(0, 2, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(b));
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(Nd4j.ones(2, 2, 2)));
    }

    @Test
    void matchesEveryParityMatrix() {
        JsonObject expected = ParityCases.expected("erank");
        JsonArray matrices = expected.getAsJsonArray("matrices");
        assertEquals(12, matrices.size());
        for (int i = 0; i < matrices.size(); i++) {
            JsonObject m = matrices.get(i).getAsJsonObject();
            INDArray a = ParityCases.array("erank", m.get("file").getAsString());
            double want = m.get("erank_float64").getAsDouble();
            double got = EffectiveRank.of(a, Method.SVD_DOUBLE);
            String name = m.get("name").getAsString();
            if (want == 0) {
                assertEquals(0.0, got, name);
            } else {
                assertEquals(want, got, 1e-9 * want, name);
                assertEquals(m.get("erank_reference_float32").getAsDouble(), got, 1e-5 * want, name);
            }
            if (m.has("closed_form") && !m.get("closed_form").isJsonNull() && name.startsWith("identity")) {
                assertEquals(m.get("closed_form").getAsDouble(), got, 1e-12, name);
            }
            assertTrue(got >= 0);
        }
    }

    /** Tolerance each method is documented to meet on small well-conditioned matrices. */
    private static double tolerance(Method m) {
        return m == Method.SVD_DOUBLE || m == Method.GRAM_DOUBLE || m == Method.GRAM_HOST || m == Method.AUTO ? 1e-10 : m == Method.SVD_FLOAT ? 1e-5 : 1e-4;
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodMatchesClosedForms(Method method) {
        assertEquals(7.0, EffectiveRank.of(Nd4j.eye(7), method), 7 * tolerance(method));
        assertEquals(0.0, EffectiveRank.of(Nd4j.zeros(DataType.FLOAT, 3, 5), method));
        for (double r : new double[] {0.5, -0.3, 0.9}) {
            double r2 = r * r;
            INDArray a = Nd4j.create(new double[][] {{1, r, r2, r}, {r, 1, r, r2}, {r2, r, 1, r}, {r, r2, r, 1}});
            double[] s = {(1 + Math.abs(r)) * (1 + Math.abs(r)), 1 - r2, 1 - r2, (1 - Math.abs(r)) * (1 - Math.abs(r))};
            double want = EffectiveRank.ofSingularValues(s);
            assertEquals(want, EffectiveRank.of(a, method), want * tolerance(method), method + " r=" + r);
        }
        // a diagonal rectangular matrix, both orientations: singular values are |diagonal|
        INDArray d = Nd4j.create(new double[][] {{3, 0, 0, 0, 0}, {0, -2, 0, 0, 0}, {0, 0, 0.5, 0, 0}});
        double want = EffectiveRank.ofSingularValues(new double[] {3, 2, 0.5});
        assertEquals(want, EffectiveRank.of(d, method), want * tolerance(method));
        assertEquals(want, EffectiveRank.of(d.transpose(), method), want * tolerance(method));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodRejectsNonFiniteValuesAndKeepsItsArgument(Method method) {
        INDArray a = Nd4j.eye(3);
        a.putScalar(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(a, method));
        INDArray b = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray before = b.dup();
        EffectiveRank.of(b, method);
        assertEquals(before, b);
    }

    @Test
    void hostGramAgreesWithTheNativeGramAndTheSvdBeyondTheSmallBlockSize() {
        // 2q x q and its transpose: larger than the blocks AUTO sends to the host, so GRAM_DOUBLE is native here
        int q = RankBackend.hostLimit() + 22;
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.FLOAT, 2 * q, q).mul(Nd4j.linspace(DataType.FLOAT, 0.01, 3, q));
        for (INDArray m : new INDArray[] {a, a.transpose()}) {
            double svd = EffectiveRank.of(m, Method.SVD_DOUBLE);
            double host = EffectiveRank.of(m, Method.GRAM_HOST);
            assertEquals(EffectiveRank.of(m, Method.GRAM_DOUBLE), host, 1e-12 * svd);
            assertEquals(svd, host, 1e-9 * svd);
            assertTrue(host > q / 3.0 && host < q, "effective rank " + host);
        }
    }

    @Test
    void hostSvdMatchesLapack() {
        // the double SVD used where the backend's gesvd cannot be trusted (ND4J's CUDA backend with FLOAT default)
        assertTrue(RankBackend.gesvdDoubleIsSafe(), "the CPU backend's gesvd is trusted");
        Nd4j.getRandom().setSeed(11);
        INDArray lowRank = Nd4j.randn(DataType.DOUBLE, 80, 3).mmul(Nd4j.randn(DataType.DOUBLE, 3, 50));
        for (INDArray m : new INDArray[] {Nd4j.randn(DataType.FLOAT, 70, 40), Nd4j.randn(DataType.FLOAT, 40, 70),
                lowRank, Nd4j.zeros(DataType.DOUBLE, 4, 6)}) {
            double[] want = EffectiveRank.singularValues(m, Method.SVD_DOUBLE);
            double[] got = NativeRoutes.hostSvd(m);
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12 * Math.max(1, want[0]), "singular value " + i);
            }
        }
        INDArray bad = Nd4j.eye(3);
        bad.putScalar(0, 2, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> NativeRoutes.hostSvd(bad));
    }

    @Test
    void gramMethodIsScaleInvariantFarFromOne() {
        // squaring 1e-200 would underflow and 1e200 overflow without the power-of-two rescaling
        INDArray a = Nd4j.create(new double[][] {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}, {1, 0, 1}});
        double want = EffectiveRank.of(a, Method.SVD_DOUBLE);
        for (double scale : new double[] {1e-200, 1e-30, 1e30, 1e200}) {
            assertEquals(want, EffectiveRank.of(a.mul(scale), Method.GRAM_DOUBLE), 1e-12 * want, "scale " + scale);
        }
    }

    @Test
    void singularValuesOfDefaultMethodAreDescending() {
        INDArray a = Nd4j.create(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 2}, {0, 0, 0}});
        double[] s = EffectiveRank.singularValues(a);
        assertEquals(3, s.length);
        assertEquals(5.0, s[0], 1e-12);
        assertEquals(2.0, s[1], 1e-12);
        assertEquals(1.0, s[2], 1e-12);
    }

    /**
     * The default method must stay within 1e-6 relative of the double-precision SVD value on every parity matrix
     * and on every block the reference scored in the parity networks (the bound that chose it).
     */
    @Test
    void defaultMethodMeetsTheParityBound() {
        assertEquals(Method.AUTO, Method.defaultMethod());
        JsonArray matrices = ParityCases.expected("erank").getAsJsonArray("matrices");
        for (int i = 0; i < matrices.size(); i++) {
            JsonObject m = matrices.get(i).getAsJsonObject();
            INDArray a = ParityCases.array("erank", m.get("file").getAsString());
            double want = m.get("erank_float64").getAsDouble();
            assertEquals(want, EffectiveRank.of(a), 1e-6 * want, m.get("name").getAsString());
        }
        for (String net : new String[] {"mlp", "cnn"}) {
            JsonArray blocks = ParityCases.expected(net).getAsJsonArray("matrices");
            for (int i = 0; i < blocks.size(); i++) {
                JsonObject m = blocks.get(i).getAsJsonObject();
                INDArray a = ParityCases.array(net, m.get("sampled_file").getAsString());
                double want = m.get("effective_rank_float64").getAsDouble();
                assertEquals(want, EffectiveRank.of(a), 1e-6 * want, net + " block " + i);
                assertEquals(want, EffectiveRank.of(a, Method.SVD_DOUBLE), 1e-9 * want, net + " block " + i);
            }
        }
    }

    @Test
    void defaultMethodMeetsTheBoundOnALowRankMatrix() {
        // a 200 x 200 float matrix of rank 40 (plus float rounding): the case where squaring hurts most
        Nd4j.getRandom().setSeed(7);
        INDArray a = Nd4j.randn(DataType.FLOAT, 200, 40).mmul(Nd4j.randn(DataType.FLOAT, 40, 200));
        double want = EffectiveRank.of(a, Method.SVD_DOUBLE);
        assertEquals(want, EffectiveRank.of(a), 1e-6 * want);
    }

    /** 48 identical rows of large magnitude over 16 random ones: most singular values are exactly zero. */
    private static INDArray identicalRows(int n, int identical, double magnitude, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray row = Nd4j.randn(DataType.FLOAT, 1, n).muli(magnitude);
        for (int i = 0; i < identical; i++) {
            a.putRow(i, row);
        }
        return a;
    }

    /** Blocks for every route: plain Java (square, wide, tall, a view), a fallback to the SVD, LAPACK, zero. */
    private static List<INDArray> mixedBlocks() {
        Nd4j.getRandom().setSeed(11);
        int big = RankBackend.hostLimit() + 8;
        return List.of(Nd4j.randn(DataType.FLOAT, 40, 40), identicalRows(64, 48, 100, 3),
                Nd4j.randn(DataType.FLOAT, big, big), Nd4j.randn(DataType.DOUBLE, 30, 70),
                Nd4j.randn(DataType.FLOAT, 90, 20), Nd4j.zeros(DataType.FLOAT, 8, 8),
                Nd4j.randn(DataType.FLOAT, 50, 60).get(NDArrayIndex.interval(5, 45), NDArrayIndex.interval(3, 43)),
                Nd4j.randn(DataType.FLOAT, 120, 120));
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"AUTO", "GRAM_DOUBLE", "GRAM_HOST", "SVD_DOUBLE"})
    void manyMatricesOnSeveralThreadsGiveExactlyTheValuesOfOneByOne(Method method) {
        List<INDArray> blocks = mixedBlocks();
        List<INDArray> copies = new ArrayList<>();
        for (INDArray b : blocks) {
            copies.add(b.dup());
        }
        double[] one = new double[blocks.size()];
        for (int i = 0; i < one.length; i++) {
            one[i] = EffectiveRank.of(blocks.get(i), method);
        }
        assertTrue(one[1] > 1 && one[2] > 1 && one[5] == 0, Arrays.toString(one));
        for (int threads : new int[] {1, 2, 3, 16}) {
            double[] many = EffectiveRank.of(blocks, method, threads);
            assertArrayEquals(one, many, "threads = " + threads);
        }
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(copies.get(i), blocks.get(i), "block " + i + " was modified");
        }
    }

    @Test
    void manyMatricesNameTheBadOneOnEveryRoute() {
        List<INDArray> blocks = new ArrayList<>(mixedBlocks());
        INDArray small = Nd4j.randn(DataType.FLOAT, 30, 30);
        small.putScalar(4, 5, Double.NaN);
        INDArray large = Nd4j.randn(DataType.FLOAT, RankBackend.hostLimit() + 4, RankBackend.hostLimit() + 4);
        large.putScalar(1, 2, Double.POSITIVE_INFINITY);
        for (INDArray bad : new INDArray[] {small, large}) {
            List<INDArray> withBad = new ArrayList<>(blocks);
            withBad.add(3, bad);
            for (int threads : new int[] {1, 2}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> EffectiveRank.of(withBad, Method.AUTO, threads));
                assertTrue(e.getMessage().startsWith("matrix 3 of 9: ") && e.getMessage().contains("NaN or infinite"),
                        e.getMessage());
            }
        }
        List<INDArray> with3d = new ArrayList<>(blocks);
        with3d.add(Nd4j.zeros(DataType.FLOAT, 2, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EffectiveRank.of(with3d, Method.AUTO, 2));
        assertTrue(e.getMessage().startsWith("matrix 8 of 9: effective rank needs a 2-D matrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(blocks, Method.AUTO, 0));
        assertEquals(0, EffectiveRank.of(List.of(), Method.AUTO, 2).length);
    }

    @Test
    void autoFallsBackWhereTheGramRouteIsTooInaccurate() {
        INDArray a = identicalRows(64, 48, 100, 3);
        double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
        double gram = EffectiveRank.of(a, Method.GRAM_DOUBLE);
        assertTrue(Math.abs(gram - exact) > 1e-6 * exact, "the Gram route alone misses the bound here: " + gram + " vs " + exact);
        assertEquals(exact, EffectiveRank.of(a), 1e-12 * exact);
        assertTrue(EffectiveRank.gramErrorEstimate(EffectiveRank.singularValues(a, Method.GRAM_DOUBLE)) > EffectiveRank.AUTO_TOLERANCE);
    }

    @Test
    void gramErrorEstimateIsNeverBelowTheActualError() {
        java.util.List<INDArray> cases = new java.util.ArrayList<>();
        Nd4j.getRandom().setSeed(11);
        for (int n : new int[] {8, 40, 120}) {
            cases.add(Nd4j.randn(DataType.FLOAT, n, n));
            cases.add(Nd4j.randn(DataType.FLOAT, n, n / 2));
            cases.add(Nd4j.randn(DataType.FLOAT, n, Math.max(1, n / 4)).mmul(Nd4j.randn(DataType.FLOAT, Math.max(1, n / 4), n)));
            cases.add(Nd4j.randn(DataType.DOUBLE, n, 1).mmul(Nd4j.randn(DataType.DOUBLE, 1, n)));
            cases.add(Nd4j.randn(DataType.FLOAT, n, n).addi(Nd4j.randn(DataType.FLOAT, n, 1).mmul(Nd4j.randn(DataType.FLOAT, 1, n)).muli(1000)));
            cases.add(identicalRows(n, n / 2, 1, n));
            cases.add(identicalRows(n, n - 2, 100, n + 1));
        }
        for (INDArray a : cases) {
            double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
            double[] s = EffectiveRank.singularValues(a, Method.GRAM_DOUBLE);
            double error = Math.abs(EffectiveRank.ofSingularValues(s) - exact) / exact;
            double estimate = EffectiveRank.gramErrorEstimate(s);
            assertTrue(estimate >= error, "estimate " + estimate + " < error " + error + " for shape "
                    + java.util.Arrays.toString(a.shape()));
            assertEquals(exact, EffectiveRank.of(a), 1e-6 * exact);
        }
    }

    @Test
    void isFiniteFindsNaNAndInfinityInEveryFloatingType() {
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            assertTrue(EffectiveRank.isFinite(Nd4j.rand(t, 4, 5)), t.toString());
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                INDArray a = Nd4j.rand(t, 4, 5);
                a.putScalar(3, 2, bad);
                assertTrue(!EffectiveRank.isFinite(a), t + " " + bad);
                assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(a), t + " " + bad);
            }
        }
    }

    @Test
    void isFiniteIsExactWhenTheSumOverflowsOrCancels() {
        // finite values whose sum overflows: the fast sum test is not finite, the exact test must say finite
        INDArray huge = Nd4j.valueArrayOf(new long[] {3, 4}, 3e38f, DataType.FLOAT);
        assertTrue(EffectiveRank.isFinite(huge));
        // +Inf and -Inf together: their sum is NaN, still reported as not finite
        INDArray both = Nd4j.rand(DataType.FLOAT, 3, 4);
        both.putScalar(0, 0, Float.POSITIVE_INFINITY);
        both.putScalar(2, 3, Float.NEGATIVE_INFINITY);
        assertTrue(!EffectiveRank.isFinite(both));
        // a NaN in a view that is not contiguous
        INDArray big = Nd4j.rand(DataType.DOUBLE, 6, 6);
        big.putScalar(4, 4, Double.NaN);
        assertTrue(!EffectiveRank.isFinite(big.get(NDArrayIndex.interval(1, 6), NDArrayIndex.interval(2, 5))));
        assertTrue(EffectiveRank.isFinite(big.get(NDArrayIndex.interval(0, 3), NDArrayIndex.interval(2, 5))));
    }
}
