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
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** grad_norm, SNIP, ZiCo, SynFlow and jacob_cov on the tiny MLP, against plain-Java computations. */
class GradientProxiesTest {

    private static final double TOL = 1e-5;

    @Test
    void gradNormIsTheSumOfPerLayerGradientNorms() {
        double[][][] g = TinyNets.tanhGradients(0, 6);
        double expected = frobenius(g[0]) + frobenius(g[1]);
        double actual = new GradNorm().score(TinyNets.mlp(Activation.TANH), TinyNets.data()).score();
        assertEquals(expected, actual, TOL * expected);
    }

    @Test
    void snipIsTheSumOfAbsoluteGradientTimesWeight() {
        double[][][] g = TinyNets.tanhGradients(0, 6);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                expected += Math.abs(g[0][i][j] * TinyNets.W1[i][j]);
            }
        }
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 2; k++) {
                expected += Math.abs(g[1][j][k] * TinyNets.W2[j][k]);
            }
        }
        double actual = new Snip().score(TinyNets.mlp(Activation.TANH), TinyNets.data()).score();
        assertEquals(expected, actual, TOL * expected);
    }

    @Test
    void zicoUsesMeanAndPopulationStdOfTwoBatchGradients() {
        double[][][] a = TinyNets.tanhGradients(0, 3);
        double[][][] b = TinyNets.tanhGradients(3, 6);
        double expected = 0;
        for (int layer = 0; layer < 2; layer++) {
            double sum = 0;
            for (int i = 0; i < a[layer].length; i++) {
                for (int j = 0; j < a[layer][i].length; j++) {
                    double x = a[layer][i][j];
                    double y = b[layer][i][j];
                    double std = Math.abs(x - y) / 2;       // population std of two values
                    if (std > 0) {
                        sum += ((Math.abs(x) + Math.abs(y)) / 2) / std;
                    }
                }
            }
            expected += Math.log(sum);
        }
        double actual = new Zico().score(TinyNets.mlp(Activation.TANH), TinyNets.data()).score();
        assertEquals(expected, actual, 1e-4 * Math.abs(expected));
    }

    @Test
    void synflowOfTheLinearisedAbsoluteNetwork() {
        double[] h = new double[4];     // all-ones input through |W1|, |b1|, identity activation
        for (int j = 0; j < 4; j++) {
            h[j] = Math.abs(TinyNets.B1[j]);
            for (int i = 0; i < 3; i++) {
                h[j] += Math.abs(TinyNets.W1[i][j]);
            }
        }
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double dRdW = Math.abs(TinyNets.W2[j][0]) + Math.abs(TinyNets.W2[j][1]);
                expected += dRdW * Math.abs(TinyNets.W1[i][j]);
            }
        }
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 2; k++) {
                expected += h[j] * Math.abs(TinyNets.W2[j][k]);
            }
        }
        // the activation function does not matter: the network is linearised
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID}) {
            double actual = new SynFlow().score(TinyNets.mlp(act), TinyNets.data()).score();
            assertEquals(expected, actual, 1e-6 * expected, act.toString());   // float weights
        }
    }

    @Test
    void synflowRemovesBatchNormalisation() {
        // with batch norm replaced by the identity, the network is 3 -> 4 -> 2 with |W|: compare with its own sum
        MultiLayerNetwork net = TinyNets.mlpWithBatchNorm(Activation.RELU);
        double[][] w1 = net.getLayer(0).getParam("W").toDoubleMatrix();
        double[] b1 = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] w2 = net.getLayer(3).getParam("W").toDoubleMatrix();
        double expected = 0;
        for (int j = 0; j < 4; j++) {
            double h = Math.abs(b1[j]);
            double out = Math.abs(w2[j][0]) + Math.abs(w2[j][1]);
            for (int i = 0; i < 3; i++) {
                h += Math.abs(w1[i][j]);
                expected += out * Math.abs(w1[i][j]);
            }
            expected += h * out;
        }
        assertEquals(expected, new SynFlow().score(net, TinyNets.data()).score(), 1e-6 * expected);
    }

    @Test
    void jacobCovFromTheLogitJacobians() {
        int n = 6;
        double[][] z1 = TinyNets.z1(TinyNets.X);
        double[][] jac = new double[n][3];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < 4; j++) {
                double th = Math.tanh(z1[s][j]);
                double dz1 = (TinyNets.W2[j][0] + TinyNets.W2[j][1]) * (1 - th * th);
                for (int i = 0; i < 3; i++) {
                    jac[s][i] += TinyNets.W1[i][j] * dz1;
                }
            }
        }
        double[][] corr = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                corr[a][b] = pearson(jac[a], jac[b]);
            }
        }
        double expected = 0;
        for (double v : new EigenDecomposition(new Array2DRowRealMatrix(corr)).getRealEigenvalues()) {
            double e = Math.max(v, 0) + 1e-5;
            expected -= Math.log(e) + 1 / e;
        }
        // in double precision: the 6 x 6 correlation matrix of 3-dimensional rows has rank 2, and its zero
        // eigenvalues dominate the score through 1 / (v + k)
        double actual = new JacobCov().score(TinyNets.mlp(Activation.TANH, DataType.DOUBLE), TinyNets.data()).score();
        assertEquals(expected, actual, 1e-6 * Math.abs(expected));
        double single = new JacobCov().score(TinyNets.mlp(Activation.TANH), TinyNets.data()).score();
        assertEquals(expected, single, 1e-2 * Math.abs(expected));
    }

    @Test
    void graphAndMultiLayerNetworkGiveTheSameValues() {
        for (ZeroCostProxy p : List.of(new GradNorm(), new Snip(), new Zico(), new SynFlow(), new JacobCov())) {
            double mln = p.score(TinyNets.mlp(Activation.TANH, DataType.DOUBLE), TinyNets.data()).score();
            double cg = p.score(TinyNets.graph(Activation.TANH, DataType.DOUBLE), TinyNets.data()).score();
            assertEquals(mln, cg, 1e-6 * Math.abs(mln), p.name());
        }
    }

    @Test
    void zeroLabelsHaveTheOutputsShapeWithOrWithoutAForwardPass() {
        MultiLayerNetwork mlp = TinyNets.mlp(Activation.TANH);
        INDArray x = TinyNets.data().getFeatures();
        // OutputLayer heads: the shape from the configuration
        assertArrayEquals(mlp.output(x).shape(), Networks.zeroLabels(mlp, x, true).shape());
        ComputationGraph graph = TinyNets.graph(Activation.TANH);
        assertArrayEquals(graph.outputSingle(x).shape(), Networks.zeroLabels(graph, x, true).shape());
        assertEquals(0.0, Networks.zeroLabels(graph, x, true).amaxNumber().doubleValue());
        // a LossLayer head: from a forward pass
        MultiLayerNetwork lossHead = lossLayerTwin(mlp);
        assertArrayEquals(new long[] {x.size(0), 2}, Networks.zeroLabels(lossHead, x, true).shape());
    }

    @Test
    void jacobCovAndSynflowOfALossLayerHeadEqualThoseOfTheSameOutputLayer() {
        MultiLayerNetwork mlp = TinyNets.mlp(Activation.TANH, DataType.DOUBLE);
        MultiLayerNetwork twin = lossLayerTwin(mlp);
        for (ZeroCostProxy p : List.of(new JacobCov(), new SynFlow())) {
            double want = p.score(mlp, TinyNets.data()).score();
            assertEquals(want, p.score(twin, TinyNets.data()).score(), 1e-9 * Math.abs(want), p.name());
        }
    }

    /** The tiny MLP with its output layer split into a dense layer and a LossLayer, same weights. */
    private static MultiLayerNetwork lossLayerTwin(MultiLayerNetwork mlp) {
        MultiLayerNetwork twin = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(mlp.params().dataType())
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .build());
        twin.init();
        twin.setParams(mlp.params());
        return twin;
    }

    @Test
    void frozenLayersHaveNoGradientAndAreLeftOut() {
        MultiLayerNetwork frozen = new TransferLearning.Builder(TinyNets.mlp(Activation.TANH)).setFeatureExtractor(0).build();
        double[][][] g = TinyNets.tanhGradients(0, 6);
        assertEquals(frobenius(g[1]), new GradNorm().score(frozen, TinyNets.data()).score(), TOL * frobenius(g[1]));
        // forward-only proxies see through the frozen wrapper
        assertEquals(new Naswot().score(TinyNets.mlp(Activation.TANH), TinyNets.data(4)).score(),
                new Naswot().score(frozen, TinyNets.data(4)).score(), 1e-9);
    }

    @Test
    void labelsAndSampleCountsAreChecked() {
        DataSet noLabels = new DataSet(TinyNets.data().getFeatures(), null);
        MultiLayerNetwork net = TinyNets.mlp(Activation.TANH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Snip().score(net, noLabels));
        assertTrue(e.getMessage().contains("snip needs labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Zico(ProxyOptions.defaults(), 7).score(net, TinyNets.data()));
        assertThrows(IllegalArgumentException.class, () -> new JacobCov().score(net, TinyNets.data(1)));
        assertThrows(IllegalArgumentException.class, () -> new Zico(ProxyOptions.defaults(), 1));
        // jacob_cov and synflow need no labels
        assertTrue(Double.isFinite(new JacobCov().score(net, noLabels).score()));
        assertTrue(new SynFlow().score(net, noLabels).score() > 0);
    }

    static double frobenius(double[][] m) {
        double s = 0;
        for (double[] r : m) {
            for (double v : r) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
