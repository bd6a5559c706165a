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

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java symmetric eigenvalues against closed forms and LAPACK ({@code syev} through ND4J). */
class SymmetricEigenTest {

    private static double[] lapack(INDArray sym) {
        INDArray g = sym.castTo(DataType.DOUBLE).dup('f');
        INDArray w = Nd4j.create(DataType.DOUBLE, g.rows());
        assertEquals(0, Nd4j.getBlasWrapper().lapack().syev('N', 'U', g, w));
        return w.toDoubleVector();
    }

    private static double[] java(INDArray sym) {
        int n = (int) sym.rows();
        return SymmetricEigen.eigenvalues(sym.castTo(DataType.DOUBLE).dup('c').data().asDouble(), n);
    }

    @Test
    void closedForms() {
        assertArrayEquals(new double[] {3}, SymmetricEigen.eigenvalues(new double[] {3}, 1), 0);
        // [[2, 1], [1, 2]]: 1 and 3
        assertArrayEquals(new double[] {1, 3}, SymmetricEigen.eigenvalues(new double[] {2, 1, 1, 2}, 2), 1e-15);
        // diagonal, unsorted, with a repeated value and a zero
        assertArrayEquals(new double[] {-1, 0, 2, 2},
                SymmetricEigen.eigenvalues(new double[] {2, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 4), 1e-15);
        assertArrayEquals(new double[3], SymmetricEigen.eigenvalues(new double[9], 3), 0);
        // tridiagonal Toeplitz (2, -1): eigenvalues 2 - 2 cos(k pi / (n + 1))
        int n = 9;
        double[] t = new double[n * n];
        double[] want = new double[n];
        for (int i = 0; i < n; i++) {
            t[i * n + i] = 2;
            if (i > 0) {
                t[i * n + i - 1] = -1;
                t[(i - 1) * n + i] = -1;
            }
            want[i] = 2 - 2 * Math.cos((i + 1) * Math.PI / (n + 1));
        }
        assertArrayEquals(want, SymmetricEigen.eigenvalues(t, n), 1e-14);
    }

    @Test
    void matchesLapackOnRandomAndGramMatrices() {
        Nd4j.getRandom().setSeed(17);
        for (int n : new int[] {2, 3, 7, 16, 33, 64}) {
            INDArray r = Nd4j.randn(DataType.DOUBLE, n, n);
            INDArray sym = r.add(r.transpose());
            INDArray gram = Nd4j.randn(DataType.DOUBLE, n + 5, n).transpose().mmul(Nd4j.randn(DataType.DOUBLE, n + 5, n));
            gram = gram.add(gram.transpose());
            INDArray lowRank = Nd4j.randn(DataType.DOUBLE, n, 2).mmul(Nd4j.randn(DataType.DOUBLE, n, 2).transpose());
            lowRank = lowRank.add(lowRank.transpose());
            for (INDArray m : new INDArray[] {sym, gram, lowRank}) {
                double[] want = lapack(m);
                double[] got = java(m);
                double scale = Math.max(Math.abs(want[0]), Math.abs(want[n - 1]));
                assertArrayEquals(want, got, 1e-12 * scale, "n=" + n);
            }
        }
    }

    @Test
    void withinEpsTimesNormOfLapackOnRandomAndSpecialMatrices() {
        Nd4j.getRandom().setSeed(2024);
        Map<String, INDArray> cases = new LinkedHashMap<>();
        for (int n : new int[] {1, 2, 3, 17, 100, 257}) {
            INDArray r = Nd4j.randn(DataType.DOUBLE, n, n);
            cases.put("random n=" + n, r.add(r.transpose()));
        }
        int n = 60;
        INDArray u = Nd4j.randn(DataType.DOUBLE, n, 1);
        cases.put("rank one", u.mmul(u.transpose()));
        INDArray diagonal = Nd4j.zeros(DataType.DOUBLE, n, n);
        for (int i = 0; i < n; i++) {
            diagonal.putScalar(i, i, (i % 7 - 3) * 1.5);     // unsorted, repeated values and zeros
        }
        cases.put("diagonal", diagonal);
        cases.put("zero", Nd4j.zeros(DataType.DOUBLE, n, n));
        // Q diag(lambda) Q^T with an orthogonal Q (eigenvectors of a random symmetric matrix): a cluster of 50
        // eigenvalues within 1e-9 of 1, and -3, 0, 0, 1e-14, 5 and five more near 2
        INDArray q = Nd4j.randn(DataType.DOUBLE, n, n);
        q = q.add(q.transpose()).dup('f');
        assertEquals(0, Nd4j.getBlasWrapper().lapack().syev('V', 'U', q, Nd4j.create(DataType.DOUBLE, n)));
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = i < 50 ? 1 + 1e-9 * i / 50 : 2 + 1e-6 * i;
        }
        lambda[50] = -3;
        lambda[51] = 0;
        lambda[52] = 0;
        lambda[53] = 1e-14;
        lambda[54] = 5;
        INDArray clustered = q.mulRowVector(Nd4j.createFromArray(lambda)).mmul(q.transpose());
        cases.put("clustered", clustered.add(clustered.transpose()).muli(0.5));
        for (Map.Entry<String, INDArray> c : cases.entrySet()) {
            INDArray m = c.getValue();
            int order = (int) m.rows();
            double[] want = lapack(m);
            double[] got = java(m);
            double norm = Math.max(Math.abs(want[0]), Math.abs(want[order - 1]));      // the 2-norm of G
            double worst = 0;
            for (int i = 0; i < order; i++) {
                worst = Math.max(worst, Math.abs(got[i] - want[i]));
            }
            assertTrue(worst <= 1e-12 * norm, c.getKey() + ": max difference " + worst + ", ||G|| " + norm);
        }
    }

    @Test
    void noOverflowUnderflowOrNaNAtExtremeScales() {
        Nd4j.getRandom().setSeed(11);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 40, 40);
        INDArray sym = r.add(r.transpose());
        for (double scale : new double[] {1e200, 1e-200}) {
            INDArray m = sym.mul(scale);
            double[] want = lapack(m);
            assertArrayEquals(want, java(m), 1e-12 * Math.max(-want[0], want[39]), "scale " + scale);
        }
        // an off-diagonal far below the diagonal: the shift's (d[1] - d[0]) / (2 e) overflows when formed naively
        double[] got = SymmetricEigen.eigenvalues(new double[] {0, 1e-320, 0, 1e-320, 1, 0, 0, 0, 0}, 3);
        assertArrayEquals(new double[] {0, 0, 1}, got, 0);
    }

    @Test
    void smallBlocksGiveTheSameEffectiveRankAsTheNativeRoute() {
        // EffectiveRank takes the Java route up to SMALL columns; compare with the double SVD just above and below
        Nd4j.getRandom().setSeed(3);
        for (int q : new int[] {1, 5, RankBackend.hostLimit(), RankBackend.hostLimit() + 1}) {
            for (INDArray a : new INDArray[] {Nd4j.randn(DataType.FLOAT, q + 7, q), Nd4j.randn(DataType.FLOAT, q, q + 7),
                    Nd4j.randn(DataType.DOUBLE, q, q).muli(1e-150)}) {
                double exact = EffectiveRank.of(a, EffectiveRank.Method.SVD_DOUBLE);
                assertEquals(exact, EffectiveRank.of(a), 1e-12 * exact, java.util.Arrays.toString(a.shape()));
                assertEquals(exact, EffectiveRank.of(a, EffectiveRank.Method.GRAM_DOUBLE), 1e-12 * exact);
            }
        }
    }

    @Test
    void degenerateCorrelationMatrixFromTwoGroupsOfIdenticalRows() {
        // two groups of identical rows (30 and 20): eigenvalues 30, 20 and 48 zeros; highly degenerate matrices like
        // this one (NASWOT and jacob_cov kernels) are where commons-math3's EigenDecomposition can fail
        int n = 50;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = (i < 30) == (j < 30) ? 1 : 0;
            }
        }
        double[] expected = new double[n];
        expected[n - 2] = 20;
        expected[n - 1] = 30;
        assertArrayEquals(expected, SymmetricEigen.eigenvalues(m), 1e-12);
        assertEquals(1.0, m[0][1], 0);     // input untouched
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(new double[5], 2));
    }
}
