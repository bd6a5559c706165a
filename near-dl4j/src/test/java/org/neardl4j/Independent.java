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
package org.neardl4j;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Test-side re-implementation of NEAR-METHOD.md sections 1 and 3 with plain index loops and commons-math3,
 * sharing no code with the library: the matrix of an activation in the reference's row order, the block,
 * and the effective rank (double SVD + entropy). Also a hand-written dense layer and batch normalisation.
 *
 * <pre>{@code
 * double[][] m = Independent.matrix(convOut, "NCHW");   // rows (n, w, h), columns = channels
 * double e = Independent.erank(Independent.block(m, 0)); // square block from row 0
 * }</pre>
 */
public final class Independent {

    private Independent() {
    }

    /**
     * The samples x neurons matrix of an activation, rows in the reference's order:
     * FF [N,F] -> n; NCW [N,C,T] and NWC [N,T,C] -> (n, t); NCHW [N,C,H,W] and NHWC [N,H,W,C] -> (n, w, h);
     * NCDHW [N,C,D,H,W] and NDHWC [N,D,H,W,C] -> (n, w, d, h) (channel axis swapped with the last axis, then
     * the leading axes merged).
     */
    public static double[][] matrix(INDArray a, String layout) {
        long[] s = a.shape();
        switch (layout) {
            case "FF": {
                double[][] m = new double[(int) s[0]][(int) s[1]];
                for (int n = 0; n < s[0]; n++) {
                    for (int f = 0; f < s[1]; f++) {
                        m[n][f] = a.getDouble(n, f);
                    }
                }
                return m;
            }
            case "NCW":
            case "NWC": {
                boolean last = layout.equals("NWC");
                int N = (int) s[0], C = (int) (last ? s[2] : s[1]), T = (int) (last ? s[1] : s[2]);
                double[][] m = new double[N * T][C];
                for (int n = 0; n < N; n++) {
                    for (int t = 0; t < T; t++) {
                        for (int c = 0; c < C; c++) {
                            m[n * T + t][c] = last ? a.getDouble(n, t, c) : a.getDouble(n, c, t);
                        }
                    }
                }
                return m;
            }
            case "NCHW":
            case "NHWC": {
                boolean last = layout.equals("NHWC");
                int N = (int) s[0];
                int C = (int) (last ? s[3] : s[1]);
                int H = (int) (last ? s[1] : s[2]);
                int W = (int) (last ? s[2] : s[3]);
                double[][] m = new double[N * W * H][C];
                for (int n = 0; n < N; n++) {
                    for (int w = 0; w < W; w++) {
                        for (int h = 0; h < H; h++) {
                            for (int c = 0; c < C; c++) {
                                m[n * W * H + w * H + h][c] = last ? a.getDouble(n, h, w, c) : a.getDouble(n, c, h, w);
                            }
                        }
                    }
                }
                return m;
            }
            case "NCDHW":
            case "NDHWC": {
                boolean last = layout.equals("NDHWC");
                int N = (int) s[0];
                int C = (int) (last ? s[4] : s[1]);
                int D = (int) (last ? s[1] : s[2]);
                int H = (int) (last ? s[2] : s[3]);
                int W = (int) (last ? s[3] : s[4]);
                double[][] m = new double[N * W * D * H][C];
                int r = 0;
                for (int n = 0; n < N; n++) {
                    for (int w = 0; w < W; w++) {
                        for (int d = 0; d < D; d++) {
                            for (int h = 0; h < H; h++) {
                                for (int c = 0; c < C; c++) {
                                    m[r][c] = last ? a.getDouble(n, d, h, w, c) : a.getDouble(n, c, d, h, w);
                                }
                                r++;
                            }
                        }
                    }
                }
                return m;
            }
            default:
                throw new IllegalArgumentException(layout);
        }
    }

    /** Rows {@code [start, start + cols)} of {@code m}, or all rows from {@code start} when fewer remain. */
    public static double[][] block(double[][] m, int start) {
        int q = m[0].length;
        int end = Math.min(m.length, start + q);
        return Arrays.copyOfRange(m, start, end);
    }

    /** Effective rank: commons-math3 SVD in double, p = s / sum s, exp(-sum p ln p); 0 for the zero matrix. */
    public static double erank(double[][] m) {
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(m, true)).getSingularValues();
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        if (sum == 0) {
            return 0;
        }
        double h = 0;
        for (double v : s) {
            if (v > 0) {
                h -= (v / sum) * Math.log(v / sum);
            }
        }
        return Math.exp(h);
    }

    /** The effective rank of the block of {@code activation} (in {@code layout}) starting at {@code start}. */
    public static double erankOfBlock(INDArray activation, String layout, int start) {
        return erank(block(matrix(activation, layout), start));
    }

    /** Number of matrix rows of an activation in a layout. */
    public static int rows(INDArray activation, String layout) {
        return matrix(activation, layout).length;
    }

    /** {@code z = x W + b} with loops; x [N, nIn], W [nIn, nOut], b [1, nOut] or [nOut]. */
    public static INDArray dense(INDArray x, INDArray w, INDArray b) {
        long n = x.size(0), in = w.size(0), out = w.size(1);
        INDArray z = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, out);
        double[] bias = b.toDoubleVector();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                double v = bias[j];
                for (int k = 0; k < in; k++) {
                    v += x.getDouble(i, k) * w.getDouble(k, j);
                }
                z.putScalar(new long[] {i, j}, v);
            }
        }
        return z;
    }

    /**
     * Batch normalisation with the statistics of the batch (mean and biased variance per channel over every
     * other axis), {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, in double with loops.
     *
     * @param channelAxis 1 for [N,F] / NCHW, 3 for NHWC
     */
    public static INDArray batchNorm(INDArray x, int channelAxis, double[] gamma, double[] beta, double eps) {
        long[] shape = x.shape();
        int c = (int) shape[channelAxis];
        double[] sum = new double[c];
        double[] sq = new double[c];
        long count = x.length() / c;
        long[] idx = new long[shape.length];
        INDArray y = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, shape);
        for (long i = 0; i < x.length(); i++) {
            unravel(i, shape, idx);
            sum[(int) idx[channelAxis]] += x.getDouble(idx);
        }
        double[] mean = new double[c];
        for (int k = 0; k < c; k++) {
            mean[k] = sum[k] / count;
        }
        for (long i = 0; i < x.length(); i++) {
            unravel(i, shape, idx);
            int k = (int) idx[channelAxis];
            double d = x.getDouble(idx) - mean[k];
            sq[k] += d * d;
        }
        for (long i = 0; i < x.length(); i++) {
            unravel(i, shape, idx);
            int k = (int) idx[channelAxis];
            double var = sq[k] / count;   // biased
            y.putScalar(idx, gamma[k] * (x.getDouble(idx) - mean[k]) / Math.sqrt(var + eps) + beta[k]);
        }
        return y;
    }

    private static void unravel(long i, long[] shape, long[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
    }
}
