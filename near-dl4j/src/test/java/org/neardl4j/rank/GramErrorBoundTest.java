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

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.rank.EffectiveRank.Method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EffectiveRank.Method#AUTO}'s check ({@link GramErrorBound}) on adversarial matrices: ill-conditioned,
 * near-duplicate singular values, a huge dynamic range, rank-deficient (the zoo ResNet50 fallback blocks' structure),
 * tiny, on both the plain-Java and the LAPACK Gram routes. Whenever the check accepts the Gram values, the effective
 * rank is within {@link EffectiveRank#AUTO_TOLERANCE} of the double SVD's; where the Gram route alone misses that,
 * the check rejects and {@code AUTO} returns the double SVD's value itself.
 */
class GramErrorBoundTest {

    private record Case(String name, INDArray matrix) {
    }

    private static INDArray gaussian(long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, rows, cols);
    }

    /** {@code G1 diag(d) G2} with {@code d_k = 10^(-decades k / (r - 1))}: condition number about 10^decades. */
    private static INDArray graded(long seed, int rows, int cols, double decades) {
        int r = Math.min(rows, cols);
        INDArray d = Nd4j.create(DataType.FLOAT, r);
        for (int k = 0; k < r; k++) {
            d.putScalar(k, Math.pow(10, -decades * k / Math.max(1, r - 1)));
        }
        INDArray left = gaussian(seed, rows, r).mulRowVector(d);
        return left.mmul(gaussian(seed + 1, r, cols));
    }

    /**
     * The zoo ResNet50 fallback blocks' structure: the pre-activation of a 1x1 convolution that widens {@code c}
     * channels to {@code 4c} with a bias, i.e. rank {@code c + 1}, the rest float rounding of the product.
     */
    private static INDArray widening(long seed, int rows, int c) {
        INDArray x = gaussian(seed, rows, c);
        INDArray w = gaussian(seed + 1, c, 4 * c).divi(Math.sqrt(c));
        INDArray b = gaussian(seed + 2, 1, 4 * c);
        return x.mmul(w).addiRowVector(b);
    }

    private static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        int lapack = RankBackend.hostLimit() + 40;      // beyond the plain-Java size: LAPACK gemm and syev
        for (int n : new int[] {24, 64, 96, 128}) {
            cs.add(new Case("graded 4 decades " + n, graded(n, n, n, 4)));
            cs.add(new Case("graded 7 decades " + n, graded(n + 1, n, n, 7)));
            cs.add(new Case("graded 12 decades " + n, graded(n + 2, n, n, 12)));
            // near-duplicate singular values: the identity plus a perturbation of 1e-6 (float: about 8 ulps)
            cs.add(new Case("identity + 1e-6 noise " + n, Nd4j.eye(n).castTo(DataType.FLOAT)
                    .addi(gaussian(n + 3, n, n).muli(1e-6))));
            // rows scaled over 2^-60 ... 2^60 (floats 1e-18 ... 1e18)
            INDArray scaled = gaussian(n + 4, n, n);
            for (int i = 0; i < n; i++) {
                scaled.getRow(i).muli(Math.scalb(1.0, -60 + 120 * i / (n - 1)));
            }
            cs.add(new Case("rows scaled 2^-60..2^60 " + n, scaled));
            cs.add(new Case("rank 1 " + n, gaussian(n + 5, n, 1).mmul(gaussian(n + 6, 1, n))));
            cs.add(new Case("rank n/4 " + n, gaussian(n + 7, n, n / 4).mmul(gaussian(n + 8, n / 4, n))));
            cs.add(new Case("rank 1 over noise " + n, gaussian(n + 9, n, n).muli(1e-4)
                    .addi(gaussian(n + 10, n, 1).mmul(gaussian(n + 11, 1, n)))));
            cs.add(new Case("1x1 widening " + n, widening(n + 12, 2 * n, n / 4)));
            cs.add(new Case("wide 1x1 widening " + n, widening(n + 13, n / 2, n / 4)));
            INDArray rows = gaussian(n + 14, n, n);
            INDArray row = gaussian(n + 15, 1, n).muli(100);
            for (int i = 0; i < 3 * n / 4; i++) {
                rows.putRow(i, row);
            }
            cs.add(new Case("3/4 identical rows " + n, rows));
        }
        cs.add(new Case("1x1 widening, LAPACK route", widening(101, lapack, lapack / 4)));
        cs.add(new Case("graded 7 decades, LAPACK route", graded(102, lapack, lapack, 7)));
        cs.add(new Case("gaussian, LAPACK route", gaussian(103, lapack, lapack)));
        cs.add(new Case("double rank n/8", Nd4j.randn(DataType.DOUBLE, 80, 10).mmul(Nd4j.randn(DataType.DOUBLE, 10, 80))));
        cs.add(new Case("1 x 1", Nd4j.create(new float[] {3f}, new long[] {1, 1})));
        cs.add(new Case("1 x 7", gaussian(104, 1, 7)));
        cs.add(new Case("5 x 1", gaussian(105, 5, 1)));
        cs.add(new Case("2 x 2 near-singular", Nd4j.create(new float[] {1f, 1f, 1f, 1.0000001f}, new long[] {2, 2})));
        cs.add(new Case("subnormal floats", gaussian(106, 12, 12).muli(1e-42)));
        cs.add(new Case("one non-zero entry", Nd4j.zeros(DataType.FLOAT, 9, 9).putScalar(4, 4, 2.5)));
        return cs;
    }

    @Test
    void whenTheCheckAcceptsTheGramRouteIsWithinTheToleranceAndOtherwiseAutoIsTheSvd() {
        int accepted = 0;
        int mustFallBack = 0;
        for (Case c : cases()) {
            INDArray a = c.matrix();
            double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
            assertTrue(exact >= 1 - 1e-12 && exact <= Math.min(a.rows(), a.columns()) * (1 + 1e-12),
                    c.name() + ": " + exact);
            double[] g = EffectiveRank.singularValues(a, Method.GRAM_DOUBLE);
            double gram = EffectiveRank.ofSingularValues(g);
            double error = Math.abs(gram - exact) / exact;
            double estimate = EffectiveRank.gramErrorEstimate(g);
            double auto = EffectiveRank.of(a);
            String what = c.name() + " " + Arrays.toString(a.shape()) + ": estimate " + estimate + ", actual " + error;
            assertTrue(estimate >= error, "the estimate is below the actual error, " + what);
            if (estimate <= EffectiveRank.AUTO_TOLERANCE) {
                accepted++;
                assertEquals(gram, auto, 0.0, "AUTO must keep the accepted Gram value, " + what);
                assertEquals(exact, auto, EffectiveRank.AUTO_TOLERANCE * exact, what);
            } else {
                assertEquals(exact, auto, 1e-12 * exact, "AUTO must fall back to the double SVD, " + what);
            }
            if (error > EffectiveRank.AUTO_TOLERANCE) {
                mustFallBack++;
            }
        }
        // the set exercises both sides: blocks the Gram route gets right, and blocks where it alone misses 1e-6
        assertTrue(accepted >= 10, "accepted " + accepted);
        assertTrue(mustFallBack >= 2, "cases where the Gram route alone misses the tolerance: " + mustFallBack);
    }

    @Test
    void theEstimateIsZeroForTheZeroMatrixAndRejectsNoValues() {
        assertEquals(0, GramErrorBound.estimate(new double[] {0, 0, 0}), 0.0);
        assertEquals(0, EffectiveRank.of(Nd4j.zeros(DataType.FLOAT, 6, 4)), 0.0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GramErrorBound.estimate(new double[0]));
    }
}
