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
package org.neardl4j.benchmarks.speed;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.data.FashionMnist;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The networks and inputs of the benchmark: an MLP and a LeNet-5-like CNN on Fashion-MNIST, a ResNet-18-like
 * {@link ComputationGraph} on 32x32x3 inputs, and a family of small candidate MLPs for a ranking.
 *
 * <pre>{@code
 * MultiLayerNetwork net = Workloads.mlp(784, 100, 10);
 * INDArray x = Workloads.fashionMnist(100);
 * }</pre>
 */
public final class Workloads {

    private Workloads() {
    }

    /** Whether real Fashion-MNIST images are used (otherwise uniform random pixels of the same shape). */
    public static boolean realImages() {
        return FashionMnist.isAvailable();
    }

    /** {@code n} Fashion-MNIST training images {@code [n, 784]} in [0, 1] (random pixels if the files are missing). */
    public static INDArray fashionMnist(int n) {
        if (realImages()) {
            return FashionMnist.load(FashionMnist.Split.TRAIN, n).getFeatures();
        }
        Nd4j.getRandom().setSeed(n);
        return Nd4j.rand(DataType.FLOAT, n, 784);
    }

    /** Fashion-MNIST as {@code [n, 1, 28, 28]}. */
    public static INDArray fashionMnistImages(int n) {
        return fashionMnist(n).reshape('c', n, 1, 28, 28);
    }

    /** Fashion-MNIST padded to 32x32 and repeated over 3 channels: {@code [n, 3, 32, 32]}, CIFAR-sized. */
    public static INDArray fashionMnist32x3(int n) {
        INDArray x = fashionMnistImages(n);
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, 3, 32, 32);
        for (int c = 0; c < 3; c++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.interval(2, 30), NDArrayIndex.interval(2, 30))
                    .assign(x.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()));
        }
        return out;
    }

    /** Uniform random pixels {@code [n, c, h, w]} in [0, 1) (for zoo models with large inputs). */
    public static INDArray randomImages(long seed, int n, int c, int h, int w) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, c, h, w);
    }

    /** MLP {@code nIn-hidden-nOut}: a RELU dense layer and a softmax output layer (4 matrices). */
    public static MultiLayerNetwork mlp(int nIn, int hidden, int nOut) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(nOut)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * LeNet-5-like CNN for 28x28x1: conv 5x5x6 (same) - max pool - conv 5x5x16 - max pool - dense 120 - dense 84 -
     * softmax 10, RELU (10 matrices).
     */
    public static MultiLayerNetwork lenet5() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * ResNet-18 in torchvision's layout for 32x32x{@code channels} inputs: a 7x7 stride-2 stem with 64 channels and
     * a 3x3 stride-2 max pooling, four stages of two basic blocks with 64, 128, 256, 512 channels (strides 1, 2, 2,
     * 2; 1x1 projection shortcuts where the shape changes), global average pooling and a softmax output; feature
     * maps 16, 8, 8, 4, 2, 1. Convolutions have no bias and are followed by batch normalisation and a separate RELU
     * {@link ActivationLayer}: 58 matrices (the reference counts 50, scoring each block's shared ReLU module once).
     * The last stage's 1x1 maps need 512 images for its 512 x 512 blocks.
     */
    public static ComputationGraph resnet18(int channels, int classes) {
        return resnet18(channels, classes, true);
    }

    /**
     * ResNet-18 for 32x32 inputs with torchvision's ImageNet stem ({@code imagenetStem}, see
     * {@link #resnet18(int, int)}) or the CIFAR variant's 3x3 stride-1 stem without pooling (feature maps 32, 16,
     * 8, 4: 16 times the arithmetic; 32 images fill its widest blocks).
     */
    public static ComputationGraph resnet18(int channels, int classes, boolean imagenetStem) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(32, 32, channels));
        String x;
        if (imagenetStem) {
            x = convBnRelu(g, "stem", "in", 64, 7, 2, true);
            g.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                    .build(), x);
            x = "stem_pool";
        } else {
            x = convBnRelu(g, "stem", "in", 64, 3, 1, true);
        }
        int[] widths = {64, 128, 256, 512};
        int inWidth = 64;
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < 2; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                x = basicBlock(g, "s" + (s + 1) + "b" + (b + 1), x, inWidth, widths[s], stride);
                inWidth = widths[s];
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build(), "pool");
        g.setOutputs("fc");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int out,
                                     int k, int stride, boolean relu) {
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).build(), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
        if (!relu) {
            return name + "_bn";
        }
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }

    private static String basicBlock(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int inWidth,
                                     int width, int stride) {
        String a = convBnRelu(g, name + "a", in, width, 3, stride, true);
        String b = convBnRelu(g, name + "b", a, width, 3, 1, false);
        String shortcut = in;
        if (stride != 1 || inWidth != width) {
            shortcut = convBnRelu(g, name + "sc", in, width, 1, stride, false);
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name + "_relu";
    }

    /**
     * {@code count} small MLP candidates for Fashion-MNIST: 1 to 3 hidden layers of 16 to 256 units with one of six
     * activation functions, drawn with {@code seed}.
     */
    public static List<MultiLayerNetwork> candidates(int count, long seed) {
        Random r = new Random(seed);
        int[] widths = {16, 32, 64, 128, 256};
        Activation[] acts = {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.SWISH, Activation.ELU,
                Activation.LEAKYRELU};
        List<MultiLayerNetwork> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int depth = 1 + r.nextInt(3);
            Activation act = acts[r.nextInt(acts.length)];
            NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(i)
                    .weightInit(WeightInit.XAVIER).list();
            int nIn = 784;
            for (int d = 0; d < depth; d++) {
                int w = widths[r.nextInt(widths.length)];
                b.layer(new DenseLayer.Builder().nIn(nIn).nOut(w).activation(act).build());
                nIn = w;
            }
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nIn).nOut(10)
                    .activation(Activation.SOFTMAX).build());
            MultiLayerNetwork net = new MultiLayerNetwork(b.build());
            net.init();
            out.add(net);
        }
        return out;
    }
}
