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

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.concurrent.NativeAccess;

/**
 * The routes through ND4J: LAPACK {@code gesvd} and the Gram matrix with {@code syev} (on any backend, through
 * {@code Nd4j.getBlasWrapper().lapack()} and {@code Nd4j.gemm}), and the double SVD on the JVM heap where the
 * backend's cannot be trusted. Every route works on a private copy, never on its argument. The LAPACK calls run
 * under {@link NativeAccess#exclusive} (OpenBLAS's LAPACK next to BLAS on another thread crashed); call the routes
 * under {@link NativeAccess#shared}.
 */
final class NativeRoutes {

    private NativeRoutes() {
    }

    /** Singular values by {@code gesvd} in the given precision (the host SVD where double gesvd is unsafe). */
    static double[] svd(INDArray matrix, DataType type) {
        if (type == DataType.DOUBLE && !RankBackend.gesvdDoubleIsSafe()) {
            return hostSvd(matrix);
        }
        // gesvd overwrites its argument: always work on a fresh column-major copy
        INDArray a = matrix.castTo(type).dup('f');
        int q = (int) Math.min(a.rows(), a.columns());
        INDArray s = Nd4j.create(type, q);
        NativeAccess.exclusive(() -> {
            Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
            return null;
        });
        return s.toDoubleVector();
    }

    /**
     * Singular values in double on the JVM heap (commons-math3's Golub-Kahan SVD): the double SVD where the
     * backend's cannot be trusted (see {@link RankBackend#gesvdDoubleIsSafe()}).
     */
    static double[] hostSvd(INDArray matrix) {
        MatrixChecks.checkFinite(matrix);
        INDArray a = matrix.rows() >= matrix.columns() ? matrix : matrix.transpose();   // commons-math3: any shape
        double[][] data = a.castTo(DataType.DOUBLE).toDoubleMatrix();
        return new SingularValueDecomposition(new Array2DRowRealMatrix(data, false)).getSingularValues();
    }

    /** Singular values from the eigenvalues of the smaller Gram matrix, in the given precision. */
    static double[] gram(INDArray matrix, DataType type) {
        int q = (int) Math.min(matrix.rows(), matrix.columns());
        INDArray a;
        int exponent = 0;
        if (type == DataType.DOUBLE && matrix.dataType().width() < 8) {
            // single or half precision in, double products: squares can neither overflow nor underflow
            a = matrix.castTo(type);
        } else {
            // a private copy rescaled by a power of two (exact), so that squaring can neither overflow nor underflow
            double maxAbs = matrix.amaxNumber().doubleValue();
            if (maxAbs == 0) {
                return new double[q];
            }
            exponent = Math.getExponent(maxAbs);
            a = matrix.castTo(type);
            a = a == matrix ? a.mul(Math.scalb(1.0, -exponent)) : a.muli(Math.scalb(1.0, -exponent));
        }
        boolean tall = a.rows() >= a.columns();
        INDArray g = Nd4j.createUninitialized(type, new long[] {q, q}, 'f');
        // tall: G = A^T A (cols x cols); wide: G = A A^T (rows x rows)
        Nd4j.gemm(a, a, g, tall, !tall, 1.0, 0.0);
        INDArray w = Nd4j.create(type, q);
        int status = NativeAccess.exclusive(() -> Nd4j.getBlasWrapper().lapack().syev('N', 'U', g, w));
        if (status != 0) {
            throw new IllegalStateException("LAPACK syev failed with status " + status + " on a " + q + " x " + q
                    + " Gram matrix");
        }
        double[] ev = w.toDoubleVector();    // ascending
        double[] s = new double[q];
        double scale = Math.scalb(1.0, exponent);
        for (int i = 0; i < q; i++) {
            s[i] = Math.sqrt(Math.max(ev[q - 1 - i], 0.0)) * scale;
        }
        return s;
    }
}
