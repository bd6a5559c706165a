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

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Tiny networks with fixed, hand-chosen weights, and the same computations done with plain Java loops, for the
 * proxy tests. The MLP is 3 -> 4 (activation) -> 2 (softmax, cross-entropy); weights are {@code W1[i][j]} ({@code
 * [nIn, nOut]}, DL4J's orientation), {@code b1[j]}, {@code W2[j][k]}, {@code b2[k]}.
 */
final class TinyNets {

    static final double[][] W1 = {
            {0.5, -0.3, 0.8, -0.6},
            {-0.2, 0.7, 0.1, 0.4},
            {0.9, 0.05, -0.5, 0.3}};
    static final double[] B1 = {0.1, -0.2, 0.05, 0.0};
    static final double[][] W2 = {
            {0.6, -0.4},
            {-0.7, 0.2},
            {0.3, 0.9},
            {-0.1, -0.5}};
    static final double[] B2 = {0.05, -0.1};

    /** Six samples of three features. */
    static final double[][] X = {
            {1.0, 0.5, -0.3},
            {-0.4, 0.9, 0.2},
            {0.3, -0.8, 0.7},
            {-1.0, -0.2, -0.6},
            {0.6, 0.4, 0.9},
            {0.1, -0.7, -0.9}};
    /** Class of each sample (two classes). */
    static final int[] Y = {0, 1, 1, 0, 1, 0};

    private TinyNets() {
    }

    static DataSet data() {
        return data(X.length);
    }

    static DataSet data(int n) {
        double[][] y = new double[n][2];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i][Y[i]] = 1;
            x[i] = X[i];
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** 3 -> 4 (act) -> 2 softmax, weights above. */
    static MultiLayerNetwork mlp(Activation act) {
        return mlp(act, DataType.FLOAT);
    }

    static MultiLayerNetwork mlp(Activation act, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2))
                .dataType(dataType)
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(act).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        setWeights(net.getLayer(0), net.getLayer(1));
        return net;
    }

    /** The same network as a ComputationGraph. */
    static ComputationGraph graph(Activation act) {
        return graph(act, DataType.FLOAT);
    }

    static ComputationGraph graph(Activation act, DataType dataType) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2))
                .dataType(dataType)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).activation(act).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        g.init();
        setWeights(g.getLayer("hidden"), g.getLayer("out"));
        return g;
    }

    /**
     * 3 -> 4 (identity) -> batch norm -> activation layer (act) -> 2 softmax: for no-mutation and parameter-count
     * tests. (DL4J's batch-norm layer ignores an activation function set on it, hence the activation layer.)
     */
    static MultiLayerNetwork mlpWithBatchNorm(Activation act) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(act).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(3))
                .build());
        net.init();
        return net;
    }

    private static void setWeights(Layer hidden, Layer out) {
        hidden.setParam("W", Nd4j.create(W1));
        hidden.setParam("b", Nd4j.create(new double[][] {B1}));
        out.setParam("W", Nd4j.create(W2));
        out.setParam("b", Nd4j.create(new double[][] {B2}));
    }

    // ---- CNN: input 1 x 5 x 5 (flattened, row-major), conv 3x3 with 3 channels (truncate: 3 x 3 maps), softmax

    static final int CNN_CHANNELS = 3;

    static double[][][] convWeights() {
        double[][][] w = new double[CNN_CHANNELS][3][3];
        for (int c = 0; c < CNN_CHANNELS; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    w[c][i][j] = Math.sin(1.3 * c + 0.7 * i - 0.45 * j + 0.2);
                }
            }
        }
        return w;
    }

    static final double[] CONV_B = {0.1, -0.05, 0.2};

    static double[] cnnImage(int sample) {
        double[] x = new double[25];
        for (int p = 0; p < 25; p++) {
            x[p] = Math.cos(0.37 * p * (sample + 1) + sample) * 0.8;
        }
        return x;
    }

    static MultiLayerNetwork cnn(Activation act) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(1e-2))
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(CNN_CHANNELS).activation(act).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(5, 5, 1))
                .build());
        net.init();
        double[][][] w = convWeights();
        INDArray wArr = Nd4j.zeros(DataType.FLOAT, CNN_CHANNELS, 1, 3, 3);
        for (int c = 0; c < CNN_CHANNELS; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    wArr.putScalar(new long[] {c, 0, i, j}, w[c][i][j]);
                }
            }
        }
        net.getLayer(0).setParam("W", wArr);
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {CONV_B}).castTo(DataType.FLOAT));
        return net;
    }

    static DataSet cnnData(int n) {
        double[][] x = new double[n][];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i] = cnnImage(i);
            y[i][i % 2] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** Conv pre-activation of one image by loops: {@code z[c][y][x]}. */
    static double[][][] convPre(double[] image) {
        double[][][] w = convWeights();
        double[][][] z = new double[CNN_CHANNELS][3][3];
        for (int c = 0; c < CNN_CHANNELS; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    double s = CONV_B[c];
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            s += w[c][i][j] * image[(y + i) * 5 + (x + j)];
                        }
                    }
                    z[c][y][x] = s;
                }
            }
        }
        return z;
    }

    // ---- plain-Java forward and backward pass of the MLP

    /** Hidden pre-activations {@code z1[n][j]}. */
    static double[][] z1(double[][] x) {
        double[][] z = new double[x.length][4];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < 4; j++) {
                double s = B1[j];
                for (int i = 0; i < 3; i++) {
                    s += x[n][i] * W1[i][j];
                }
                z[n][j] = s;
            }
        }
        return z;
    }

    /** Gradients {dW1, dW2} of the mean cross-entropy over samples {@code from..to-1}, tanh hidden layer. */
    static double[][][] tanhGradients(int from, int to) {
        int n = to - from;
        double[][] dW1 = new double[3][4];
        double[][] dW2 = new double[4][2];
        for (int s = from; s < to; s++) {
            double[] x = X[s];
            double[] h = new double[4];
            for (int j = 0; j < 4; j++) {
                double z = B1[j];
                for (int i = 0; i < 3; i++) {
                    z += x[i] * W1[i][j];
                }
                h[j] = Math.tanh(z);
            }
            double[] z2 = new double[2];
            for (int k = 0; k < 2; k++) {
                z2[k] = B2[k];
                for (int j = 0; j < 4; j++) {
                    z2[k] += h[j] * W2[j][k];
                }
            }
            double max = Math.max(z2[0], z2[1]);
            double e0 = Math.exp(z2[0] - max);
            double e1 = Math.exp(z2[1] - max);
            double[] dz2 = {e0 / (e0 + e1) - (Y[s] == 0 ? 1 : 0), e1 / (e0 + e1) - (Y[s] == 1 ? 1 : 0)};
            for (int k = 0; k < 2; k++) {
                dz2[k] /= n;
            }
            for (int j = 0; j < 4; j++) {
                double dh = 0;
                for (int k = 0; k < 2; k++) {
                    dW2[j][k] += h[j] * dz2[k];
                    dh += dz2[k] * W2[j][k];
                }
                double dz1 = dh * (1 - h[j] * h[j]);
                for (int i = 0; i < 3; i++) {
                    dW1[i][j] += x[i] * dz1;
                }
            }
        }
        return new double[][][] {dW1, dW2};
    }
}
