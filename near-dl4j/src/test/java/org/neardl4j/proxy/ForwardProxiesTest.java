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
package org.neardl4j.proxy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.sampling.ActivationLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NASWOT, MeCo and the parameter count against plain-Java computations. */
class ForwardProxiesTest {

    @Test
    void naswotIsTheLogDeterminantOfTheHammingKernel() {
        int n = 4;
        double[][] x = new double[n][];
        System.arraycopy(TinyNets.X, 0, x, 0, n);
        double[][] z = TinyNets.z1(x);
        double[][] k = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int hamming = 0;
                for (int u = 0; u < 4; u++) {
                    if ((z[a][u] > 0) != (z[b][u] > 0)) {
                        hamming++;
                    }
                }
                k[a][b] = 4 - hamming;
            }
        }
        double det = new LUDecomposition(new Array2DRowRealMatrix(k)).getDeterminant();
        assertTrue(det != 0, "test data must give a non-singular kernel");
        double expected = Math.log(Math.abs(det));
        double relu = new Naswot().score(TinyNets.mlp(Activation.RELU), TinyNets.data(n)).score();
        assertEquals(expected, relu, 1e-9);
        // other activations: a unit is active when f(z) > f(0), i.e. z > 0 for all of these
        for (Activation act : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.SWISH, Activation.LEAKYRELU}) {
            assertEquals(expected, new Naswot().score(TinyNets.mlp(act), TinyNets.data(n)).score(), 1e-9, act.toString());
        }
    }

    @Test
    void naswotOfIdenticalSamplesIsMinusInfinity() {
        DataSet twice = new DataSet(org.nd4j.linalg.factory.Nd4j.vstack(TinyNets.data(2).getFeatures(),
                TinyNets.data(2).getFeatures()), null);
        assertEquals(Double.NEGATIVE_INFINITY, new Naswot().score(TinyNets.mlp(Activation.RELU), twice).score());
    }

    @Test
    void naswotCountsStandAloneActivationLayersButNotTheOutput() {
        // dense(identity) + ActivationLayer(relu) has the same codes as dense(relu)
        MultiLayerNetwork split = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(3)).build());
        split.init();
        MultiLayerNetwork fused = TinyNets.mlp(Activation.RELU);
        split.setParams(fused.params());
        assertEquals(new Naswot().score(fused, TinyNets.data(4)).score(),
                new Naswot().score(split, TinyNets.data(4)).score(), 1e-9);
    }

    @Test
    void mecoIsTheSumOfMinimumEigenvaluesOfChannelCorrelations() {
        double[][][] z = TinyNets.convPre(TinyNets.cnnImage(0));
        int c = TinyNets.CNN_CHANNELS;
        double[][] pre = new double[c][9];
        double[][] post = new double[c][9];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < 9; p++) {
                pre[ch][p] = z[ch][p / 3][p % 3];
                post[ch][p] = Math.tanh(pre[ch][p]);
            }
        }
        double expected = minEig(pre) + minEig(post);      // the dense output layer contributes nothing
        double actual = new Meco().score(TinyNets.cnn(Activation.TANH), TinyNets.cnnData(3)).score();
        assertEquals(expected, actual, 1e-5);
        assertTrue(expected > 0 && expected < 2, "a correlation matrix's eigenvalues lie in [0, C]: " + expected);
    }

    @Test
    void aConstantRowCorrelatesZeroWithEverythingItselfIncluded() {
        // corrcoef gives NaN for every entry of a constant row, the diagonal too; the proxies set NaN to 0
        double[][] rows = {{1, 2, 3}, {5, 5, 5}, {3, 1, 2}};
        double[][] c = JacobCov.correlationOfRows(rows).getData();
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, c[1][j], 0.0);
            assertEquals(0.0, c[j][1], 0.0);
        }
        assertEquals(1.0, c[0][0], 1e-12);
        assertEquals(1.0, c[2][2], 1e-12);
        // (1,2,3) against (3,1,2): deviations (-1,0,1) and (1,-1,0), covariance -1, variances 2 and 2
        assertEquals(-0.5, c[0][2], 1e-12);
        // eigenvalues of [[1,0,-0.5],[0,0,0],[-0.5,0,1]]: 0, 0.5, 1.5
        double k = 1e-5;
        double expected = 0;
        for (double v : new double[] {0, 0.5, 1.5}) {
            expected -= Math.log(v + k) + 1 / (v + k);
        }
        assertEquals(expected, JacobCov.score(rows), 1e-6 * Math.abs(expected));
    }

    @Test
    void mecoOfAZeroOrPartlyDeadFeatureMapIsZero() {
        // 3 channels x 4 positions; all zero: the correlation matrix is 0 (not the identity), its minimum 0
        assertEquals(0.0, Meco.minEigenvalue(new double[3][4]), 0.0);
        // one dead channel (constant over the positions): a zero row and column, so the minimum eigenvalue is 0
        double[][] dead = {{1, 2, 3, 0}, {0, 0, 0, 0}, {2, 1, 5, 1}};
        assertEquals(0.0, Meco.minEigenvalue(dead), 1e-12);
        // no dead channel: positive
        double[][] alive = {{1, 2, 3, 0}, {1, 0, 2, 1}, {2, 1, 5, 1}};
        assertTrue(Meco.minEigenvalue(alive) > 0);
    }

    @Test
    void mecoTakesSampleZerosChannelsAsRowsInEitherLayout() {
        // sample s, channel c, position (h, w) holds 1000 s + 100 c + 10 h + w; 2 samples, 3 channels, 2 x 2
        INDArray nchw = Nd4j.create(DataType.FLOAT, 2, 3, 2, 2);
        INDArray nhwc = Nd4j.create(DataType.FLOAT, 2, 2, 2, 3);
        double[][] want = new double[3][4];
        for (int smp = 0; smp < 2; smp++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        double v = 1000 * smp + 100 * c + 10 * h + w;
                        nchw.putScalar(new long[] {smp, c, h, w}, v);
                        nhwc.putScalar(new long[] {smp, h, w, c}, v);
                        if (smp == 0) {
                            want[c][2 * h + w] = v;
                        }
                    }
                }
            }
        }
        assertArrayEquals(want, Meco.channelRows(nchw, ActivationLayout.channelsFirst(4)));
        assertArrayEquals(want, Meco.channelRows(nhwc, ActivationLayout.channelsLast(4)));
        // a view (a later sample of a larger batch) is read as its own values
        INDArray view = nchw.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        assertEquals(1000 + 100 * 2 + 10 + 1, Meco.channelRows(view, ActivationLayout.channelsFirst(4))[2][3]);
    }

    @Test
    void mecoOfAnMlpIsZero() {
        assertEquals(0.0, new Meco().score(TinyNets.mlp(Activation.RELU), TinyNets.data()).score());
    }

    @Test
    void parameterCountLeavesOutBatchNormStatistics() {
        // dense 3x4 + 4, batch norm gamma and beta 4 + 4 (mean and var not counted), output 4x2 + 2
        MultiLayerNetwork bn = TinyNets.mlpWithBatchNorm(Activation.RELU);
        assertEquals(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2, new ParameterCount().score(bn, TinyNets.data()).score());
        assertEquals(bn.numParams() - 8, ParameterCount.of(bn));
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, ParameterCount.of(TinyNets.graph(Activation.TANH)));
    }

    private static double minEig(double[][] channels) {
        int c = channels.length;
        double[][] corr = new double[c][c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                corr[a][b] = GradientProxiesTest.pearson(channels[a], channels[b]);
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : new EigenDecomposition(new Array2DRowRealMatrix(corr)).getRealEigenvalues()) {
            min = Math.min(min, v);
        }
        return min;
    }
}
