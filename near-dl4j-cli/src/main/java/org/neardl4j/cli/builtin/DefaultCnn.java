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
package org.neardl4j.cli.builtin;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The built-in model of {@code near-cli score} without {@code --model}: a small untrained CNN for 28x28
 * grey-scale images, built in code with a fixed seed, so every run scores the same weights.
 *
 * <pre>
 * conv1   5x5 x8, ReLU         [N,1,28,28] -> [N,8,24,24]
 * pool1   max 2x2, stride 2                -> [N,8,12,12]
 * conv2   3x3 x16 (identity)               -> [N,16,10,10]
 * bn2     batch normalisation
 * relu2   ReLU
 * dense   64, ReLU                         -> [N,64]
 * output  10, softmax                      -> [N,10]
 * </pre>
 *
 * <p>NCHW, input {@code InputType.convolutionalFlat(28, 28, 1)}, so it takes {@code [N, 784]} rows of pixels in
 * [0, 1] like {@link org.neardl4j.data.FashionMnist}. It gives 9 NEAR matrices (pre and post of conv1, dense
 * and output; pre of conv2 and bn2; post of relu2).
 *
 * <pre>{@code
 * MultiLayerNetwork net = DefaultCnn.build();
 * NearResult r = NearScorer.defaults().score(net, BundledFashionMnist.load(512).getFeatures());
 * }</pre>
 */
public final class DefaultCnn {

    /** The seed of the weight initialisation. */
    public static final long SEED = 42L;

    /** A one-line description for the CLI's output. */
    public static final String DESCRIPTION = "built-in CNN conv5x5x8-relu-maxpool2-conv3x3x16-bn-relu-dense64-relu"
            + "-softmax10 (untrained, seed " + SEED + ", NCHW, input [N, 784])";

    private DefaultCnn() {
    }

    /** The configuration (seeded). */
    public static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(8).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NCHW).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool1").kernelSize(2, 2)
                        .stride(2, 2).dataFormat(CNN2DFormat.NCHW).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(16).activation(Activation.IDENTITY)
                        .dataFormat(CNN2DFormat.NCHW).build())
                .layer(new BatchNormalization.Builder().name("bn2").dataFormat(CNN2DFormat.NCHW).build())
                .layer(new ActivationLayer.Builder().name("relu2").activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("output").nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /** A new, initialised network; the same weights on every call. */
    public static MultiLayerNetwork build() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        return net;
    }
}
