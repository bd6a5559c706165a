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

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal initial weights drawn in Java: the QR decomposition (Householder, computed here) of a standard-normal
 * matrix drawn from ND4J's random generator of the calling thread, with the signs of R's diagonal moved into Q so
 * that the result is uniformly distributed (Keras' {@code Orthogonal} initialiser does the same). A weight array of
 * shape {@code [d0, ..., dk]} is filled as a {@code [d0*...*d(k-1), dk]} matrix with orthonormal rows (when it has
 * fewer rows than columns) or columns, times the gain.
 *
 * <p>It takes the place of DL4J's {@code OrthogonalDistribution} in near-dl4j's fresh initialisations
 * (repetitions after the first, fresh weights when ranking): DL4J draws that distribution through ND4J's native SVD, which did not return for some
 * seeds when ND4J ran on one OpenMP thread.
 *
 * <pre>{@code
 * INDArray w = new OrthogonalInit(1.0).init(32, 128, new long[] {32, 128}, 'c', Nd4j.create(DataType.FLOAT, 32 * 128));
 * }</pre>
 */
public final class OrthogonalInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    /** Multiplies the orthogonal matrix. */
    private double gain;

    /** For serialisation only: gain 1. */
    public OrthogonalInit() {
        this(1.0);
    }

    /**
     * An orthogonal initialisation with the given gain.
     *
     * @param gain multiplies the orthogonal matrix, e.g. 1.0; finite
     * @throws IllegalArgumentException if the gain is not finite
     */
    public OrthogonalInit(double gain) {
        Preconditions.checkArgument(Double.isFinite(gain), "gain must be finite, got %s", gain);
        this.gain = gain;
    }

    /**
     * The gain.
     *
     * @return the factor the orthogonal matrix is multiplied by
     */
    public double gain() {
        return gain;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        INDArray target = paramView.reshape(order, shape);
        long rows = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            rows *= shape[i];
        }
        long cols = shape.length == 0 ? 1 : shape[shape.length - 1];
        if (rows == 0 || cols == 0) {
            return target;
        }
        Preconditions.checkArgument(rows * cols <= Integer.MAX_VALUE, "weight array too large: %s x %s", rows, cols);
        double[][] q = orthogonal(Nd4j.randn(DataType.DOUBLE, rows, cols).toDoubleMatrix());
        INDArray m = Nd4j.create(q).muli(gain);
        target.assign(m.reshape('c', shape).castTo(target.dataType()));
        return target;
    }

    /**
     * The orthogonal factor of a matrix: Q of {@code a = QR} (or of its transpose when it has fewer rows than
     * columns, transposed back), with columns (rows) multiplied by the signs of R's diagonal.
     *
     * @param a a matrix, rows of equal length; not changed
     * @return a matrix of the same shape with orthonormal columns (rows when it is wider than tall)
     */
    static double[][] orthogonal(double[][] a) {
        int rows = a.length;
        int cols = a[0].length;
        boolean wide = rows < cols;
        int m = wide ? cols : rows;
        int n = wide ? rows : cols;
        // columns of the tall matrix, each of length m
        double[][] c = new double[n][m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (wide) {
                    c[i][j] = a[i][j];
                } else {
                    c[j][i] = a[i][j];
                }
            }
        }
        double[][] v = new double[n][];
        double[] sign = new double[n];
        for (int k = 0; k < n; k++) {
            double[] x = c[k];
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += x[i] * x[i];
            }
            norm = Math.sqrt(norm);
            double alpha = x[k] > 0 ? -norm : norm;        // R[k][k]
            sign[k] = alpha < 0 ? -1 : 1;
            double[] h = new double[m];
            for (int i = k; i < m; i++) {
                h[i] = x[i];
            }
            h[k] -= alpha;
            double hn = 0;
            for (int i = k; i < m; i++) {
                hn += h[i] * h[i];
            }
            hn = Math.sqrt(hn);
            if (hn > 0) {
                for (int i = k; i < m; i++) {
                    h[i] /= hn;
                }
                for (int j = k + 1; j < n; j++) {
                    reflect(h, c[j], k, m);
                }
            }
            v[k] = h;
        }
        // thin Q: the reflections applied to the first n columns of the identity, last reflection first
        double[][] q = new double[n][m];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
            for (int k = Math.min(j, n - 1); k >= 0; k--) {
                reflect(v[k], q[j], k, m);
            }
        }
        double[][] out = new double[rows][cols];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double value = q[j][i] * sign[j];
                if (wide) {
                    out[j][i] = value;
                } else {
                    out[i][j] = value;
                }
            }
        }
        return out;
    }

    /** {@code x -= 2 h (h . x)} over rows {@code from..m-1}. */
    private static void reflect(double[] h, double[] x, int from, int m) {
        double dot = 0;
        for (int i = from; i < m; i++) {
            dot += h[i] * x[i];
        }
        dot *= 2;
        if (dot != 0) {
            for (int i = from; i < m; i++) {
                x[i] -= dot * h[i];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalInit && Double.compare(((OrthogonalInit) o).gain, gain) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(gain);
    }

    @Override
    public String toString() {
        return "OrthogonalInit(gain=" + gain + ")";
    }
}
