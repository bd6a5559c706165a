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

import com.google.common.base.Preconditions;

import java.util.Arrays;

/**
 * Eigenvalues of a symmetric matrix in plain Java (double precision): Householder reduction to tridiagonal
 * form and the implicit QL method, eigenvalues only, without accumulating the transformations.
 *
 * <p>The reduction follows LAPACK's unblocked {@code dsytd2}: for each column, a Householder reflector
 * {@code H = I - tau v v^T} from the column below the diagonal (read from the corresponding row, which is
 * contiguous), then {@code A22 := H A22 H} as {@code p = tau A22 v}, {@code w = p - (tau/2)(p.v) v},
 * {@code A22 := A22 - v w^T - w v^T}. The matrix is held as one Java array per row and every inner loop runs
 * along a row, so that the JIT can vectorise it. The QL iteration is the one of EISPACK's {@code tql1} (the
 * eigenvalue part of JAMA's {@code tql2}) with a fast, overflow-safe {@code hypot}.
 *
 * <p>Used by {@link EffectiveRank} for the Gram matrices of blocks with up to a few hundred columns, where it
 * measured faster than native LAPACK through ND4J (several native calls, thread hand-offs). Backward stable like
 * LAPACK's {@code dsyev}: each eigenvalue is within a small multiple of {@code eps * ||G||} of the exact one.
 * The zero-cost proxies ({@code org.neardl4j.proxy}) use it for their kernel and correlation matrices, where
 * commons-math3's {@code EigenDecomposition} can fail to converge on highly degenerate input. {@code O(n^3)}:
 * meant for matrices up to a few hundred rows.
 *
 * <pre>{@code
 * double[] w = SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}});   // {1, 3}
 * }</pre>
 */
public final class SymmetricEigen {

    /** Below this, or above {@link #HUGE}, {@code sqrt(x * x + y * y)} may have lost accuracy to underflow or overflow. */
    private static final double TINY = 0x1p-500;
    private static final double HUGE = 0x1p500;

    private SymmetricEigen() {
    }

    /**
     * The eigenvalues of a symmetric matrix, in ascending order; only the upper triangle is read.
     *
     * @param g a symmetric {@code n x n} matrix, row-major, {@code g[i * n + j]}; not modified
     * @param n its order
     * @return the {@code n} eigenvalues, ascending
     * @throws IllegalStateException if the QL iteration does not converge (only with NaN or infinite input)
     */
    public static double[] eigenvalues(double[] g, int n) {
        Preconditions.checkNotNull(g, "g");
        Preconditions.checkArgument(n > 0 && g.length == (long) n * n,
                "need an n x n matrix with n > 0, got n = %s and %s entries", n, g.length);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g, i * n + i, a[i], i, n - i);
        }
        mirrorUpper(a);
        return eigenvaluesInPlace(a);
    }

    /**
     * The eigenvalues of a symmetric matrix, in ascending order; only the upper triangle is read.
     *
     * @param symmetric a square, symmetric matrix (not modified)
     * @return its eigenvalues, ascending
     * @throws IllegalArgumentException if the matrix is empty or not square
     */
    public static double[] eigenvalues(double[][] symmetric) {
        Preconditions.checkNotNull(symmetric, "symmetric");
        int n = symmetric.length;
        Preconditions.checkArgument(n > 0, "empty matrix");
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(symmetric[i].length == n,
                    "matrix must be square, row %s has %s entries", i, symmetric[i].length);
            System.arraycopy(symmetric[i], i, a[i], i, n - i);
        }
        mirrorUpper(a);
        return eigenvaluesInPlace(a);
    }

    /**
     * The eigenvalues of a symmetric matrix held as rows, in ascending order. Both triangles must be filled
     * (see {@link #mirrorUpper(double[][])}); the matrix is overwritten.
     *
     * @param a {@code n} rows of length {@code n}, {@code n > 0}, symmetric
     * @return the {@code n} eigenvalues, ascending
     */
    static double[] eigenvaluesInPlace(double[][] a) {
        int n = a.length;
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(a, d, e);
        ql(d, e);
        Arrays.sort(d);
        return d;
    }

    /** Copies the upper triangle of a square matrix held as rows into its lower triangle. */
    static void mirrorUpper(double[][] a) {
        int n = a.length;
        for (int i = 1; i < n; i++) {
            double[] ai = a[i];
            for (int j = 0; j < i; j++) {
                ai[j] = a[j][i];
            }
        }
    }

    /**
     * Householder reduction of the symmetric matrix {@code a} (rows, both triangles, overwritten) to a
     * tridiagonal matrix with diagonal {@code d} and off-diagonal {@code e} ({@code e[k]} couples {@code k} and
     * {@code k + 1}; {@code e[n - 1] = 0}).
     */
    private static void tridiagonalize(double[][] a, double[] d, double[] e) {
        int n = a.length;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double[] ak = a[k];
            int s = k + 1;          // the trailing submatrix A22 is a[s..n)[s..n)
            d[k] = ak[k];
            // the reflector for x = a[s..n)[k] = a[k][s..n): v = (1, x[1..] / (alpha - beta)), H x = (beta, 0, ..., 0)
            double max = 0;
            for (int j = s; j < n; j++) {
                max = Math.max(max, Math.abs(ak[j]));
            }
            if (max == 0) {
                e[k] = 0;
                continue;
            }
            // an exact power-of-two scaling of x, so that its squares can neither overflow nor underflow
            int exponent = Math.getExponent(max);
            double down = Math.scalb(1.0, -exponent);
            double alpha = ak[s] * down;
            double sigma = 0;
            for (int j = s + 1; j < n; j++) {
                double t = ak[j] * down;
                v[j] = t;
                sigma += t * t;
            }
            if (sigma == 0) {
                // x is already a multiple of the first unit vector: H = I
                e[k] = ak[s];
                continue;
            }
            double beta = -Math.copySign(Math.sqrt(alpha * alpha + sigma), alpha);
            double tau = (beta - alpha) / beta;
            double f = 1.0 / (alpha - beta);
            v[s] = 1;
            for (int j = s + 1; j < n; j++) {
                v[j] *= f;
            }
            e[k] = Math.scalb(beta, exponent);
            // p = tau A22 v as a combination of rows (A22 is symmetric), two rows at a time
            Arrays.fill(w, s, n, 0.0);
            int i = s;
            for (; i + 1 < n; i += 2) {
                double[] a0 = a[i];
                double[] a1 = a[i + 1];
                double t0 = tau * v[i];
                double t1 = tau * v[i + 1];
                for (int j = s; j < n; j++) {
                    w[j] += a0[j] * t0 + a1[j] * t1;
                }
            }
            if (i < n) {
                double[] a0 = a[i];
                double t0 = tau * v[i];
                for (int j = s; j < n; j++) {
                    w[j] += a0[j] * t0;
                }
            }
            // w = p - (tau / 2)(p.v) v
            double pv = 0;
            for (int j = s; j < n; j++) {
                pv += w[j] * v[j];
            }
            double c = 0.5 * tau * pv;
            for (int j = s; j < n; j++) {
                w[j] -= c * v[j];
            }
            // A22 -= v w^T + w v^T, row by row (both triangles)
            for (i = s; i < n; i++) {
                double[] ai = a[i];
                double vi = v[i];
                double wi = w[i];
                for (int j = s; j < n; j++) {
                    ai[j] -= vi * w[j] + wi * v[j];
                }
            }
        }
        if (n >= 2) {
            d[n - 2] = a[n - 2][n - 2];
            e[n - 2] = a[n - 2][n - 1];
        }
        d[n - 1] = a[n - 1][n - 1];
        e[n - 1] = 0;
    }

    /**
     * Implicit QL iterations on the symmetric tridiagonal matrix (d, e) from {@link #tridiagonalize}; the
     * eigenvalues are left in {@code d} (unsorted), {@code e} is destroyed.
     */
    private static void ql(double[] d, double[] e) {
        int n = d.length;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        int maxIterations = 30 * n + 30;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > maxIterations) {
                        throw new IllegalStateException("symmetric eigenvalue iteration did not converge");
                    }
                    // Wilkinson shift: the eigenvalue of the leading 2 x 2 block nearer to d[l + 1]; with
                    // delta = (d[l + 1] - d[l]) / 2 the two shifted diagonal entries become e^2 / den and den,
                    // den = delta + sign(delta) hypot(delta, e) (never 0, since e[l] is not), without overflow
                    double g = d[l];
                    double el = e[l];
                    double delta = 0.5 * d[l + 1] - 0.5 * g;
                    double den = delta + Math.copySign(hypot(delta, el), delta);
                    d[l] = el * (el / den);
                    d[l + 1] = den;
                    double dl1 = den;
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    double p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        double ei = e[i];
                        g = c * ei;
                        h = c * p;
                        double r = hypot(p, ei);
                        e[i + 1] = s * r;
                        if (r == 0) {
                            // p = e[i] = 0: the identity rotation
                            s = 0.0;
                            c = 1.0;
                        } else {
                            s = ei / r;
                            c = p / r;
                        }
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                    }
                    p = -s * s2 * c3 * el1 * (el / dl1);    // |el / dl1| <= 1
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    /**
     * {@code sqrt(x^2 + y^2)}: the plain formula where it is accurate (within 1 ulp or so of the exact value,
     * enough for the rotations), {@link Math#hypot} where the squares may have overflowed or underflowed, or the
     * result is NaN. {@code Math.hypot} alone is several times slower.
     */
    private static double hypot(double x, double y) {
        double r = Math.sqrt(x * x + y * y);
        return r >= TINY && r <= HUGE ? r : Math.hypot(x, y);
    }
}
