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

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Gram route in plain Java ({@link EffectiveRank.Method#GRAM_HOST}, and {@link EffectiveRank.Method#GRAM_DOUBLE}
 * or {@link EffectiveRank.Method#AUTO} for small blocks): one copy out of ND4J, then the Gram matrix and its
 * eigenvalues ({@link SymmetricEigen}) in double, with no further native call. Same rounding model as the LAPACK
 * route (a backward-stable symmetric eigenvalue method on the double Gram matrix).
 */
final class HostGram {

    private HostGram() {
    }

    /** Singular values of a matrix by the plain-Java Gram route (the copy out of ND4J on the calling thread). */
    static double[] singularValues(INDArray matrix) {
        return singularValues(copy(matrix), (int) matrix.rows(), (int) matrix.columns());
    }

    /** The matrix as doubles, row-major, on the JVM heap (native work: the calling thread). */
    static double[] copy(INDArray matrix) {
        return matrix.dup('c').data().asDouble();
    }

    /**
     * The Gram route on a row-major {@code rows x cols} copy {@code a} (not modified), in plain Java with no call
     * into ND4J: safe on any thread.
     */
    static double[] singularValues(double[] a, int rows, int cols) {
        double max = 0;
        int zeros = 0;
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("matrix holds NaN or infinite values");
            }
            max = Math.max(max, Math.abs(x));
            if (x == 0) {
                zeros++;
            }
        }
        boolean tall = rows >= cols;
        int q = tall ? cols : rows;
        if (max == 0) {
            return new double[q];
        }
        // exact power-of-two rescaling: squares can neither overflow nor underflow
        int exponent = Math.getExponent(max);
        double down = Math.scalb(1.0, -exponent);
        // G is the sum of the outer products x x^T of the rescaled rows of A (tall: G = A^T A) or of its columns
        // (wide: G = A A^T), each x held as its own array so that every inner loop runs over contiguous memory
        int count = tall ? rows : cols;
        boolean sparse = zeros > 0.75 * a.length;
        double[][] x = new double[count][q];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            if (tall) {
                double[] xr = x[r];
                for (int c = 0; c < cols; c++) {
                    xr[c] = a[off + c] * down;
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    x[c][r] = a[off + c] * down;
                }
            }
        }
        // the upper triangle, a block of G's rows at a time (small enough to stay in the fast caches while every x
        // passes), each element summed over x in order (exactly the plain sum): dense input four x at a time, mostly
        // zero input (more than 3/4, e.g. ReLU activations of a sparse layer) one x at a time, skipping zero terms
        double[][] g = new double[q][q];
        int block = Math.max(1, 4096 / q);
        double[] zero = new double[q];
        for (int ib = 0; ib < q; ib += block) {
            int ie = Math.min(q, ib + block);
            if (sparse) {
                for (double[] x0 : x) {
                    for (int i = ib; i < ie; i++) {
                        double c0 = x0[i];
                        if (c0 != 0) {
                            double[] gi = g[i];
                            for (int j = i; j < q; j++) {
                                gi[j] += c0 * x0[j];
                            }
                        }
                    }
                }
            } else {
                for (int r = 0; r < count; r += 4) {
                    double[] x0 = x[r];
                    double[] x1 = r + 1 < count ? x[r + 1] : zero;
                    double[] x2 = r + 2 < count ? x[r + 2] : zero;
                    double[] x3 = r + 3 < count ? x[r + 3] : zero;
                    for (int i = ib; i < ie; i++) {
                        double c0 = x0[i];
                        double c1 = x1[i];
                        double c2 = x2[i];
                        double c3 = x3[i];
                        double[] gi = g[i];
                        for (int j = i; j < q; j++) {
                            gi[j] = gi[j] + c0 * x0[j] + c1 * x1[j] + c2 * x2[j] + c3 * x3[j];
                        }
                    }
                }
            }
        }
        SymmetricEigen.mirrorUpper(g);
        double[] ev = SymmetricEigen.eigenvaluesInPlace(g);     // ascending
        double[] s = new double[q];
        double up = Math.scalb(1.0, exponent);
        for (int i = 0; i < q; i++) {
            s[i] = Math.sqrt(Math.max(ev[q - 1 - i], 0.0)) * up;
        }
        return s;
    }
}
