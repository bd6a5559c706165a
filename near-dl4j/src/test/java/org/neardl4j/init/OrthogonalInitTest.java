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
package org.neardl4j.init;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link OrthogonalInit}: orthonormal rows or columns times the gain, and exactly the Q of commons-math3's QR of the
 * standard-normal matrix drawn from ND4J's generator (signs of R's diagonal moved into Q).
 */
class OrthogonalInitTest {

    static double[][] draw(long seed, long[] shape, double gain) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        Nd4j.getRandom().setSeed(seed);
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, n);
        INDArray w = new OrthogonalInit(gain).init(shape[0], shape[shape.length - 1], shape, 'c', view);
        assertArrayEquals(shape, w.shape());
        long cols = shape[shape.length - 1];
        return w.reshape('c', n / cols, cols).toDoubleMatrix();
    }

    /** Max |W W^T - g^2 I| (wide) or |W^T W - g^2 I| (tall), with loops. */
    static double orthogonalityError(double[][] w, double gain) {
        int r = w.length;
        int c = w[0].length;
        boolean wide = r <= c;
        int k = wide ? r : c;
        double err = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int t = 0; t < (wide ? c : r); t++) {
                    dot += wide ? w[i][t] * w[j][t] : w[t][i] * w[t][j];
                }
                err = Math.max(err, Math.abs(dot - (i == j ? gain * gain : 0)));
            }
        }
        return err;
    }

    @Test
    void orthonormalRowsOrColumnsTimesTheGain() {
        for (long[] shape : new long[][] {{32, 128}, {128, 32}, {7, 7}, {4, 3, 2, 5}, {1, 9}}) {
            for (double gain : new double[] {1.0, 0.5}) {
                double[][] w = draw(0, shape, gain);
                assertEquals(0, orthogonalityError(w, gain), 1e-12, java.util.Arrays.toString(shape) + " gain " + gain);
            }
        }
    }

    @Test
    void isTheQOfTheGaussianMatrixDrawnFromNd4j() {
        for (long[] shape : new long[][] {{32, 128}, {50, 6}}) {
            double[][] w = draw(42, shape, 1.0);
            Nd4j.getRandom().setSeed(42);
            double[][] a = Nd4j.randn(DataType.DOUBLE, shape[0], shape[1]).toDoubleMatrix();
            boolean wide = shape[0] < shape[1];
            RealMatrix m = new Array2DRowRealMatrix(a);
            if (wide) {
                m = m.transpose();
            }
            QRDecomposition qr = new QRDecomposition(m);
            RealMatrix q = qr.getQ();
            RealMatrix r = qr.getR();
            for (int j = 0; j < m.getColumnDimension(); j++) {
                double sign = Math.signum(r.getEntry(j, j));
                for (int i = 0; i < m.getRowDimension(); i++) {
                    double want = q.getEntry(i, j) * sign;
                    double got = wide ? w[j][i] : w[i][j];
                    assertEquals(want, got, 1e-10, "entry " + i + "," + j + " of " + java.util.Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void theSeedDecides() {
        assertArrayEquals(draw(3, new long[] {8, 16}, 1)[5], draw(3, new long[] {8, 16}, 1)[5], 0.0);
        assertFalse(java.util.Arrays.equals(draw(3, new long[] {8, 16}, 1)[5], draw(4, new long[] {8, 16}, 1)[5]));
    }

    @Test
    void fillsTheParameterViewInItsOrder() {
        Nd4j.getRandom().setSeed(1);
        INDArray view = Nd4j.create(DataType.FLOAT, 1, 12);
        INDArray w = new OrthogonalInit(1.0).init(3, 4, new long[] {3, 4}, 'f', view);
        // the returned array is a view of the parameters in 'f' order
        assertEquals(w.getDouble(2, 1), view.getDouble(0, 1 * 3 + 2), 0.0);
        assertEquals(0, orthogonalityError(w.toDoubleMatrix(), 1.0), 1e-6);
    }

    @Test
    void badGain() {
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalInit(Double.NaN));
    }
}
