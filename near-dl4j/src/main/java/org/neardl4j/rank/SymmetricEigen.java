package org.neardl4j.rank;

import com.google.common.base.Preconditions;

/**
 * Eigenvalues of a symmetric matrix in plain Java (double precision): Householder reduction to tridiagonal
 * form and the implicit QL method, eigenvalues only. This is the eigenvalue part of the public-domain JAMA
 * routines {@code tred2}/{@code tql2} (from EISPACK), without the accumulation of the transformations.
 *
 * <p>Used by {@link EffectiveRank} for small Gram matrices, where calling native LAPACK through ND4J costs more
 * (several native calls, thread hand-offs) than the arithmetic itself. Backward stable like LAPACK's
 * {@code dsyev}: each eigenvalue is within a small multiple of {@code eps * ||G||} of the exact one. The
 * zero-cost proxies ({@code org.neardl4j.proxy}) use it for their kernel and correlation matrices, where
 * commons-math3's {@code EigenDecomposition} can fail to converge on highly degenerate input. {@code O(n^3)}: meant
 * for matrices up to a few hundred rows.
 *
 * <pre>{@code
 * double[] w = SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}});   // {1, 3}
 * }</pre>
 */
public final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /**
     * The eigenvalues of a symmetric matrix, in ascending order.
     *
     * @param g a symmetric {@code n x n} matrix, row-major, {@code g[i * n + j]}; overwritten
     * @param n its order
     * @return the {@code n} eigenvalues, ascending
     * @throws IllegalStateException if the QL iteration does not converge (only with NaN or infinite input)
     */
    public static double[] eigenvalues(double[] g, int n) {
        Preconditions.checkNotNull(g, "g");
        Preconditions.checkArgument(n > 0 && g.length == (long) n * n,
                "need an n x n matrix with n > 0, got n = %s and %s entries", n, g.length);
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(g, n, d, e);
        ql(d, e, n);
        java.util.Arrays.sort(d);
        return d;
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
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(symmetric[i].length == n,
                    "matrix must be square, row %s has %s entries", i, symmetric[i].length);
            for (int j = i; j < n; j++) {
                g[i * n + j] = symmetric[i][j];
                g[j * n + i] = symmetric[i][j];
            }
        }
        return eigenvalues(g, n);
    }

    /** Householder reduction of {@code v} (row-major, overwritten) to a tridiagonal matrix: diagonal d, sub-diagonal e[1..]. */
    private static void tridiagonalize(double[] v, int n, double[] d, double[] e) {
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0.0;
                    v[j * n + i] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k * n + j] * d[k];
                        e[k] += v[k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k * n + j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0.0;
                }
            }
            d[i] = h;
        }
        // the diagonal of the tridiagonal matrix is left on v's diagonal (the last element is never transformed)
        for (int i = 0; i < n; i++) {
            d[i] = v[i * n + i];
        }
        e[0] = 0.0;
    }

    /** Implicit QL iterations on the tridiagonal matrix (d, e[1..]); eigenvalues left in d (unsorted). */
    private static void ql(double[] d, double[] e, int n) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
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
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
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
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }
}
