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
package org.neardl4j.capture;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.layers.util.IdentityLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random architectures (dense, convolutions NCHW/NHWC with Same/Truncate, batch normalisation, activation
 * layers, pooling, global pooling, Conv1D, SimpleRnn/LSTM, residual and merge graphs, and the layers of imported Keras
 * models: transposed, separable, depthwise and 3-D convolutions, cropping, zero padding, upsampling, PReLU,
 * embeddings, bidirectional wrappers, masking), every NEAR matrix compared
 * with values computed without the library's capture path: DL4J's own {@code feedForward} in training mode on a
 * twin {@code ComputationGraph} in which each fused activation is a separate {@code ActivationLayer} (so the
 * pre-activation is an output of its own), dropout removed, the SimpleRnn recurrence by hand; the matrices are laid
 * out and ranked by {@link Independent} (loops, commons-math3 SVD). Every architecture must match within 1e-5 or
 * report the layer as unsupported in {@code skipped} with a reason.
 */
class RandomArchitecturesTest {

    static final int ARCHITECTURES = 160;
    static final double TOLERANCE = 1e-5;
    static final int N = 6;

    private static final Activation[] HIDDEN = {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY,
            Activation.ELU, Activation.LEAKYRELU, Activation.SOFTPLUS, Activation.HARDTANH, Activation.SOFTSIGN,
            Activation.SELU, Activation.SWISH, Activation.CUBE};
    private static final Activation[] OUTPUT = {Activation.SOFTMAX, Activation.IDENTITY, Activation.SIGMOID};

    /** One layer or vertex: made fresh for each network from the choices drawn once. */
    static final class Node {
        final String name;
        final Supplier<Object> make;
        final List<String> inputs;
        /** Layout of the node's output: FF, NCHW, NHWC, NCW, NWC. */
        final String layout;

        Node(String name, Supplier<Object> make, List<String> inputs, String layout) {
            this.name = name;
            this.make = make;
            this.inputs = inputs;
            this.layout = layout;
        }
    }

    /** A generated architecture. */
    static final class Arch {
        final String family;
        final boolean graph;
        final InputType inputType;
        final INDArray x;
        final List<Node> nodes = new ArrayList<>();
        final StringBuilder description = new StringBuilder();
        int next;

        Arch(String family, boolean graph, InputType inputType, INDArray x) {
            this.family = family;
            this.graph = graph;
            this.inputType = inputType;
            this.x = x;
        }

        String add(String prefix, Supplier<Object> make, String layout, String... inputs) {
            String name = prefix + (next++);
            nodes.add(new Node(name, make, List.of(inputs), layout));
            Object o = make.get();
            description.append(' ').append(name).append('=').append(describe(o));
            return name;
        }

        String last() {
            return nodes.isEmpty() ? "in" : nodes.get(nodes.size() - 1).name;
        }

        @Override
        public String toString() {
            return family + (graph ? " (graph)" : "") + ":" + description;
        }
    }

    static String describe(Object o) {
        String s = o.getClass().getSimpleName();
        if (o instanceof BaseLayer && !(o instanceof BatchNormalization)) {
            s += "/" + ((BaseLayer) o).getActivationFn();
        } else if (o instanceof ActivationLayer) {
            s += "/" + ((ActivationLayer) o).getActivationFn();
        }
        if (o instanceof ConvolutionLayer) {
            ConvolutionLayer c = (ConvolutionLayer) o;
            s += "[" + c.getKernelSize()[0] + "x" + c.getKernelSize()[1] + ",s" + c.getStride()[0] + ","
                    + c.getConvolutionMode() + "," + c.getNOut() + "]";
        }
        return s;
    }

    // ---- the generator -------------------------------------------------------------------------------------

    static Arch generate(Random rnd, int i) {
        if (i % 8 == 7) {
            return imported(rnd, i / 8);
        }
        switch (i % 7) {
            case 0: return mlp(rnd);
            case 1: return cnn(rnd, rnd.nextBoolean() ? CNN2DFormat.NCHW : CNN2DFormat.NHWC, false);
            case 2: return cnn(rnd, rnd.nextBoolean() ? CNN2DFormat.NCHW : CNN2DFormat.NHWC, true);
            case 3: return conv1d(rnd);
            case 4: return recurrent(rnd);
            case 5: return residual(rnd, rnd.nextBoolean() ? CNN2DFormat.NCHW : CNN2DFormat.NHWC);
            default: return merge(rnd);
        }
    }

    static Activation hidden(Random rnd) {
        return HIDDEN[rnd.nextInt(HIDDEN.length)];
    }

    static int between(Random rnd, int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    static Arch mlp(Random rnd) {
        int in = between(rnd, 2, 6);
        Arch a = new Arch("mlp", rnd.nextBoolean(), InputType.feedForward(in), Nd4j.randn(DataType.DOUBLE, N, in));
        String prev = "in";
        int layers = between(rnd, 1, 4);
        for (int l = 0; l < layers; l++) {
            int w = between(rnd, 2, 7);
            Activation act = hidden(rnd);
            prev = a.add("dense", () -> new DenseLayer.Builder().nOut(w).activation(act).build(), "FF", prev);
            int extra = rnd.nextInt(5);
            if (extra == 0) {
                prev = a.add("bn", () -> new BatchNormalization.Builder().build(), "FF", prev);
            } else if (extra == 1) {
                Activation act2 = hidden(rnd);
                prev = a.add("act", () -> new ActivationLayer(act2), "FF", prev);
            } else if (extra == 2) {
                prev = a.add("drop", () -> new DropoutLayer(0.5), "FF", prev);
            }
        }
        output(a, rnd, prev);
        return a;
    }

    static void output(Arch a, Random rnd, String prev) {
        int k = between(rnd, 2, 4);
        Activation act = OUTPUT[rnd.nextInt(OUTPUT.length)];
        a.add("out", () -> new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(k).activation(act).build(), "FF", prev);
    }

    static String conv(Arch a, Random rnd, CNN2DFormat f, String prev, int channels, boolean sameMode) {
        int k = between(rnd, 1, 3);
        int s = rnd.nextInt(4) == 0 ? 2 : 1;
        ConvolutionMode mode = sameMode ? ConvolutionMode.Same : ConvolutionMode.Truncate;
        Activation act = hidden(rnd);
        return a.add("conv", () -> new ConvolutionLayer.Builder(k, k).stride(s, s).convolutionMode(mode).nOut(channels)
                .activation(act).dataFormat(f).build(), f.name(), prev);
    }

    static Arch cnn(Random rnd, CNN2DFormat f, boolean flattenToDense) {
        int h = between(rnd, 5, 8);
        int w = between(rnd, 5, 8);
        int c = between(rnd, 1, 3);
        INDArray x = f == CNN2DFormat.NCHW ? Nd4j.randn(DataType.DOUBLE, 3, c, h, w) : Nd4j.randn(DataType.DOUBLE, 3, h, w, c);
        Arch a = new Arch("cnn-" + f, rnd.nextBoolean(), InputType.convolutional(h, w, c, f), x);
        String prev = "in";
        int layers = between(rnd, 1, 3);
        for (int l = 0; l < layers; l++) {
            prev = conv(a, rnd, f, prev, between(rnd, 2, 5), rnd.nextBoolean());
            int extra = rnd.nextInt(5);
            if (extra == 0) {
                prev = a.add("bn", () -> new BatchNormalization.Builder().dataFormat(f).build(), f.name(), prev);
                Activation act = hidden(rnd);
                prev = a.add("act", () -> new ActivationLayer(act), f.name(), prev);
            } else if (extra == 1 && l == 0) {
                SubsamplingLayer.PoolingType pt = rnd.nextBoolean() ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG;
                prev = a.add("pool", () -> new SubsamplingLayer.Builder(pt, new int[] {2, 2}, new int[] {1, 1}).dataFormat(f)
                        .convolutionMode(ConvolutionMode.Truncate).build(), f.name(), prev);
            }
        }
        if (flattenToDense) {
            int width = between(rnd, 2, 6);
            Activation act = hidden(rnd);
            prev = a.add("dense", () -> new DenseLayer.Builder().nOut(width).activation(act).build(), "FF", prev);
        } else {
            PoolingType pt = rnd.nextBoolean() ? PoolingType.AVG : PoolingType.MAX;
            prev = a.add("gap", () -> new GlobalPoolingLayer.Builder(pt).build(), "FF", prev);
        }
        output(a, rnd, prev);
        return a;
    }

    static Arch conv1d(Random rnd) {
        RNNFormat f = rnd.nextBoolean() ? RNNFormat.NCW : RNNFormat.NWC;
        int c = between(rnd, 1, 3);
        int t = between(rnd, 6, 9);
        INDArray x = f == RNNFormat.NCW ? Nd4j.randn(DataType.DOUBLE, N, c, t) : Nd4j.randn(DataType.DOUBLE, N, t, c);
        Arch a = new Arch("conv1d-" + f, rnd.nextBoolean(), InputType.recurrent(c, t, f), x);
        String prev = "in";
        int layers = between(rnd, 1, 2);
        for (int l = 0; l < layers; l++) {
            int k = between(rnd, 1, 3);
            int out = between(rnd, 2, 5);
            ConvolutionMode mode = rnd.nextBoolean() ? ConvolutionMode.Same : ConvolutionMode.Truncate;
            Activation act = hidden(rnd);
            prev = a.add("conv1d", () -> new Convolution1DLayer.Builder(k).nOut(out).convolutionMode(mode).activation(act)
                    .rnnDataFormat(f).build(), f.name(), prev);
            if (rnd.nextInt(3) == 0 && l == 0) {
                prev = a.add("pool1d", () -> new Subsampling1DLayer.Builder(SubsamplingLayer.PoolingType.MAX, 2, 1)
                        .build(), f.name(), prev);
            }
        }
        prev = a.add("gap", () -> poolOverTime(PoolingType.AVG, f).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    static Arch recurrent(Random rnd) {
        RNNFormat f = rnd.nextBoolean() ? RNNFormat.NCW : RNNFormat.NWC;
        int c = between(rnd, 2, 4);
        int t = between(rnd, 2, 5);
        INDArray x = f == RNNFormat.NCW ? Nd4j.randn(DataType.DOUBLE, N, c, t) : Nd4j.randn(DataType.DOUBLE, N, t, c);
        Arch a = new Arch("rnn-" + f, rnd.nextBoolean(), InputType.recurrent(c, t, f), x);
        String prev = "in";
        int layers = between(rnd, 1, 2);
        for (int l = 0; l < layers; l++) {
            int w = between(rnd, 2, 5);
            Activation act = rnd.nextBoolean() ? Activation.TANH : hidden(rnd);
            if (rnd.nextBoolean()) {
                prev = a.add("rnn", () -> new SimpleRnn.Builder().nOut(w).activation(act).dataFormat(f).build(), f.name(), prev);
            } else {
                prev = a.add("lstm", () -> new LSTM.Builder().nOut(w).activation(act).dataFormat(f).build(), f.name(), prev);
            }
        }
        if (rnd.nextBoolean()) {
            int k = between(rnd, 2, 3);
            Activation act = OUTPUT[rnd.nextInt(OUTPUT.length)];
            a.add("rnnout", () -> new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(k).activation(act)
                    .dataFormat(f).build(), f.name(), prev);
        } else {
            prev = a.add("gap", () -> poolOverTime(PoolingType.MAX, f).build(), "FF", prev);
            output(a, rnd, prev);
        }
        return a;
    }

    /** conv - [conv - bn] + skip - activation, once or twice, then global pooling. */
    static Arch residual(Random rnd, CNN2DFormat f) {
        int h = between(rnd, 4, 6);
        int c = between(rnd, 2, 4);
        INDArray x = f == CNN2DFormat.NCHW ? Nd4j.randn(DataType.DOUBLE, 2, c, h, h) : Nd4j.randn(DataType.DOUBLE, 2, h, h, c);
        Arch a = new Arch("residual-" + f, true, InputType.convolutional(h, h, c, f), x);
        int width = between(rnd, 2, 5);
        String prev = conv(a, rnd, f, "in", width, true);
        int blocks = between(rnd, 1, 2);
        for (int b = 0; b < blocks; b++) {
            int k = rnd.nextBoolean() ? 3 : 1;
            Activation act = hidden(rnd);
            String c1 = a.add("conv", () -> new ConvolutionLayer.Builder(k, k).convolutionMode(ConvolutionMode.Same)
                    .nOut(width).activation(act).dataFormat(f).build(), f.name(), prev);
            String bn = a.add("bn", () -> new BatchNormalization.Builder().dataFormat(f).build(), f.name(), c1);
            ElementWiseVertex.Op op = rnd.nextInt(3) == 0 ? ElementWiseVertex.Op.Product : ElementWiseVertex.Op.Add;
            String add = a.add("add", () -> new ElementWiseVertex(op), f.name(), prev, bn);
            Activation act2 = hidden(rnd);
            prev = a.add("act", () -> new ActivationLayer(act2), f.name(), add);
        }
        prev = a.add("gap", () -> new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    /** Branches concatenated by a MergeVertex: dense branches, or inception-style convolution branches. */
    static Arch merge(Random rnd) {
        if (rnd.nextBoolean()) {
            int in = between(rnd, 2, 5);
            Arch a = new Arch("merge-dense", true, InputType.feedForward(in), Nd4j.randn(DataType.DOUBLE, N, in));
            int branches = between(rnd, 2, 3);
            String[] ends = new String[branches];
            for (int b = 0; b < branches; b++) {
                int w = between(rnd, 1, 4);
                Activation act = hidden(rnd);
                ends[b] = a.add("dense", () -> new DenseLayer.Builder().nOut(w).activation(act).build(), "FF", "in");
            }
            String m = a.add("merge", MergeVertex::new, "FF", ends);
            int w = between(rnd, 2, 6);
            Activation act = hidden(rnd);
            String d = a.add("dense", () -> new DenseLayer.Builder().nOut(w).activation(act).build(), "FF", m);
            output(a, rnd, d);
            return a;
        }
        CNN2DFormat f = rnd.nextBoolean() ? CNN2DFormat.NCHW : CNN2DFormat.NHWC;
        int h = between(rnd, 4, 6);
        int c = between(rnd, 1, 3);
        INDArray x = f == CNN2DFormat.NCHW ? Nd4j.randn(DataType.DOUBLE, 2, c, h, h) : Nd4j.randn(DataType.DOUBLE, 2, h, h, c);
        Arch a = new Arch("inception-" + f, true, InputType.convolutional(h, h, c, f), x);
        // equal widths half of the time: a merge on the wrong axis would still have the right shape
        boolean equal = rnd.nextBoolean();
        int w0 = between(rnd, 1, 3);
        String b1 = a.add("conv", () -> new ConvolutionLayer.Builder(1, 1).nOut(w0).activation(Activation.RELU)
                .dataFormat(f).build(), f.name(), "in");
        int w1 = equal ? w0 : between(rnd, 1, 4);
        Activation act = hidden(rnd);
        String b3 = a.add("conv", () -> new ConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same).nOut(w1)
                .activation(act).dataFormat(f).build(), f.name(), "in");
        String pool = a.add("pool", () -> new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {3, 3},
                new int[] {1, 1}).convolutionMode(ConvolutionMode.Same).dataFormat(f).build(), f.name(), "in");
        String m = a.add("merge", MergeVertex::new, f.name(), b1, b3, pool);
        String after = conv(a, rnd, f, m, between(rnd, 2, 4), true);
        String gap = a.add("gap", () -> new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "FF", after);
        output(a, rnd, gap);
        return a;
    }

    /**
     * The layer types a user meets in imported Keras models, one family per draw in turn: 2-D convolution variants
     * and reshaping layers (transposed, separable, depthwise convolutions, cropping, zero padding, upsampling,
     * PReLU), 3-D convolutions, embeddings feeding recurrent layers (plain or bidirectional), and Keras' masking
     * (DL4J's MaskZeroLayer around an IdentityLayer) before recurrent layers.
     */
    static Arch imported(Random rnd, int k) {
        switch (k % 4) {
            case 0: return convolutionVariants(rnd, k / 4);
            case 1: return conv3d(rnd);
            case 2: return embedding(rnd);
            default: return masking(rnd);
        }
    }

    static final List<String> VARIANTS = List.of("Deconvolution2D", "SeparableConvolution2D", "DepthwiseConvolution2D",
            "Cropping2D", "ZeroPaddingLayer", "Upsampling2D", "PReLULayer");

    /** conv, then two of the variants (in turn, so every one is drawn), then global pooling. */
    static Arch convolutionVariants(Random rnd, int k) {
        List<String> types = new ArrayList<>(List.of(VARIANTS.get((2 * k) % VARIANTS.size()),
                VARIANTS.get((2 * k + 1) % VARIANTS.size())));
        // PReLU right after the first convolution, whose output shape it must be given
        types.sort((p, q) -> Boolean.compare(!p.equals("PReLULayer"), !q.equals("PReLULayer")));
        // DL4J's PReLULayer takes its alpha shape as [C, H, W] from the input type: NCHW only
        CNN2DFormat f = rnd.nextBoolean() && !types.contains("PReLULayer") ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        int h = between(rnd, 5, 7);
        int c = between(rnd, 1, 3);
        INDArray x = f == CNN2DFormat.NCHW ? Nd4j.randn(DataType.DOUBLE, 3, c, h, h) : Nd4j.randn(DataType.DOUBLE, 3, h, h, c);
        Arch a = new Arch("variants-" + f, rnd.nextBoolean(), InputType.convolutional(h, h, c, f), x);
        int width = between(rnd, 2, 4);
        Activation first = hidden(rnd);
        int k1 = between(rnd, 1, 3);
        String prev = a.add("conv", () -> new ConvolutionLayer.Builder(k1, k1).convolutionMode(ConvolutionMode.Same)
                .nOut(width).activation(first).dataFormat(f).build(), f.name(), "in");
        for (String type : types) {
            Activation act = hidden(rnd);
            int kernel = between(rnd, 1, 3);
            int out = between(rnd, 2, 4);
            int multiplier = between(rnd, 1, 2);
            ConvolutionMode mode = rnd.nextBoolean() ? ConvolutionMode.Same : ConvolutionMode.Truncate;
            switch (type) {
                case "Deconvolution2D": {
                    int stride = rnd.nextInt(3) == 0 ? 2 : 1;
                    prev = a.add("deconv", () -> new Deconvolution2D.Builder(kernel, kernel).stride(stride, stride)
                            .convolutionMode(mode).nOut(out).activation(act).dataFormat(f).build(), f.name(), prev);
                    break;
                }
                case "SeparableConvolution2D":
                    prev = a.add("sepconv", () -> new SeparableConvolution2D.Builder(kernel, kernel).depthMultiplier(multiplier)
                            .convolutionMode(ConvolutionMode.Same).nOut(out).activation(act).dataFormat(f).build(), f.name(), prev);
                    break;
                case "DepthwiseConvolution2D":
                    prev = a.add("depthwise", () -> new DepthwiseConvolution2D.Builder(kernel, kernel).depthMultiplier(multiplier)
                            .convolutionMode(ConvolutionMode.Same).activation(act).dataFormat(f).build(), f.name(), prev);
                    break;
                case "Cropping2D":
                    prev = a.add("crop", () -> new Cropping2D.Builder(1, 0, 0, 1).dataFormat(f).build(), f.name(), prev);
                    break;
                case "ZeroPaddingLayer":
                    prev = a.add("pad", () -> new ZeroPaddingLayer.Builder(1, 0, 1, 2).dataFormat(f).build(), f.name(), prev);
                    break;
                case "Upsampling2D":
                    prev = a.add("up", () -> new Upsampling2D.Builder(2).dataFormat(f).build(), f.name(), prev);
                    break;
                default:
                    prev = a.add("prelu", () -> new PReLULayer.Builder().inputShape(width, h, h).build(), f.name(), prev);
                    break;
            }
        }
        prev = a.add("gap", () -> new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    static Arch conv3d(Random rnd) {
        Convolution3D.DataFormat f = rnd.nextBoolean() ? Convolution3D.DataFormat.NCDHW : Convolution3D.DataFormat.NDHWC;
        int d = between(rnd, 3, 4);
        int h = between(rnd, 3, 5);
        int c = between(rnd, 1, 2);
        INDArray x = f == Convolution3D.DataFormat.NCDHW ? Nd4j.randn(DataType.DOUBLE, 2, c, d, h, h)
                : Nd4j.randn(DataType.DOUBLE, 2, d, h, h, c);
        Arch a = new Arch("conv3d-" + f, rnd.nextBoolean(), InputType.convolutional3D(f, d, h, h, c), x);
        String prev = "in";
        int layers = between(rnd, 1, 2);
        for (int l = 0; l < layers; l++) {
            int kernel = between(rnd, 1, 2);
            int out = between(rnd, 2, 4);
            Activation act = hidden(rnd);
            prev = a.add("conv3d", () -> new Convolution3D.Builder(kernel, kernel, kernel).convolutionMode(ConvolutionMode.Same)
                    .nOut(out).activation(act).dataFormat(f).build(), f.name(), prev);
        }
        // global pooling over the spatial axes (DL4J's default for 5-D input is axes 2, 3, 4)
        prev = a.add("gap", () -> f == Convolution3D.DataFormat.NDHWC
                ? new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(1, 2, 3).build()
                : new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    /** Word indices into an embedding, then a recurrent layer, plain or bidirectional. */
    static Arch embedding(Random rnd) {
        RNNFormat f = rnd.nextBoolean() ? RNNFormat.NCW : RNNFormat.NWC;
        int vocabulary = between(rnd, 5, 9);
        int t = between(rnd, 3, 6);
        INDArray x = Nd4j.create(DataType.DOUBLE, N, t);
        for (int n = 0; n < N; n++) {
            for (int s = 0; s < t; s++) {
                x.putScalar(n, s, rnd.nextInt(vocabulary));
            }
        }
        // the input type's size is the vocabulary: DL4J's graph builder sets the embedding's nIn from it
        Arch a = new Arch("embedding-" + f, rnd.nextBoolean(), InputType.recurrent(vocabulary, t, f), x);
        int width = between(rnd, 2, 5);
        String prev = a.add("embed", () -> new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(width).inputLength(t)
                .outputDataFormat(f).build(), f.name(), "in");
        prev = recurrentLayer(a, rnd, f, prev);
        prev = a.add("gap", () -> poolOverTime(PoolingType.AVG, f).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    /** Keras' Masking as DL4J imports it, then recurrent layers. */
    static Arch masking(Random rnd) {
        RNNFormat f = rnd.nextBoolean() ? RNNFormat.NCW : RNNFormat.NWC;
        int c = between(rnd, 2, 4);
        int t = between(rnd, 2, 5);
        INDArray x = f == RNNFormat.NCW ? Nd4j.randn(DataType.DOUBLE, N, c, t) : Nd4j.randn(DataType.DOUBLE, N, t, c);
        Arch a = new Arch("masking-" + f, rnd.nextBoolean(), InputType.recurrent(c, t, f), x);
        String prev = a.add("mask", () -> new MaskZeroLayer.Builder().setMaskValue(0.0)
                .setUnderlying(new IdentityLayer()).build(), f.name(), "in");
        prev = recurrentLayer(a, rnd, f, prev);
        if (rnd.nextBoolean()) {
            prev = recurrentLayer(a, rnd, f, prev);
        }
        prev = a.add("gap", () -> poolOverTime(PoolingType.MAX, f).build(), "FF", prev);
        output(a, rnd, prev);
        return a;
    }

    /** An LSTM, or a bidirectional LSTM or SimpleRnn (concatenated or added). */
    static String recurrentLayer(Arch a, Random rnd, RNNFormat f, String prev) {
        int w = between(rnd, 2, 4);
        Activation act = rnd.nextBoolean() ? Activation.TANH : hidden(rnd);
        int kind = rnd.nextInt(3);
        if (kind == 0) {
            return a.add("lstm", () -> new LSTM.Builder().nOut(w).activation(act).dataFormat(f).build(), f.name(), prev);
        }
        Bidirectional.Mode mode = rnd.nextBoolean() ? Bidirectional.Mode.CONCAT : Bidirectional.Mode.ADD;
        if (kind == 1) {
            return a.add("bilstm", () -> new Bidirectional(mode, new LSTM.Builder().nOut(w).activation(act).dataFormat(f)
                    .build()), f.name(), prev);
        }
        return a.add("birnn", () -> new Bidirectional(mode, new SimpleRnn.Builder().nOut(w).activation(act).dataFormat(f)
                .build()), f.name(), prev);
    }

    // ---- networks ------------------------------------------------------------------------------------------

    static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).biasInit(0.1);
    }

    static Model build(Arch a, long seed) {
        if (!a.graph) {
            NeuralNetConfiguration.ListBuilder lb = base(seed).list();
            for (Node n : a.nodes) {
                Layer l = (Layer) n.make.get();
                l.setLayerName(n.name);
                lb.layer(l);
            }
            MultiLayerNetwork net = new MultiLayerNetwork(lb.setInputType(a.inputType).build());
            net.init();
            return net;
        }
        ComputationGraphConfiguration.GraphBuilder gb = base(seed).graphBuilder().addInputs("in");
        for (Node n : a.nodes) {
            Object o = n.make.get();
            if (o instanceof Layer) {
                gb.addLayer(n.name, (Layer) o, n.inputs.toArray(new String[0]));
            } else {
                gb.addVertex(n.name, (GraphVertex) o, n.inputs.toArray(new String[0]));
            }
        }
        ComputationGraph g = new ComputationGraph(gb.setOutputs(a.last()).setInputTypes(a.inputType).build());
        g.init();
        return g;
    }

    static String twinAct(String name) {
        return name + "__act";
    }

    /** Whether the twin splits the layer into an identity layer and an ActivationLayer. */
    static boolean split(Layer l) {
        return l instanceof BaseLayer && !(l instanceof DropoutLayer) && !(l instanceof BatchNormalization) && !(l instanceof SimpleRnn)
                && !(l instanceof LSTM) && !(l instanceof PReLULayer)
                && !(((BaseLayer) l).getActivationFn() instanceof ActivationIdentity);
    }

    /**
     * The twin: a ComputationGraph of the same layers with each fused activation as a separate ActivationLayer and
     * without dropout, holding the original's parameters (copied layer by layer).
     */
    static ComputationGraph twin(Arch a, Model original) {
        ComputationGraphConfiguration.GraphBuilder gb = base(1).graphBuilder().addInputs("in");
        Map<String, String> alias = new LinkedHashMap<>();
        alias.put("in", "in");
        for (Node n : a.nodes) {
            Object o = n.make.get();
            String[] in = n.inputs.isEmpty() ? new String[0] : n.inputs.stream().map(alias::get).toArray(String[]::new);
            if (!a.graph) {
                in = new String[] {alias.get(a.nodes.indexOf(n) == 0 ? "in" : a.nodes.get(a.nodes.indexOf(n) - 1).name)};
            }
            if (o instanceof DropoutLayer) {
                alias.put(n.name, in[0]);
            } else if (o instanceof Layer) {
                Layer l = (Layer) o;
                if (split(l)) {
                    BaseLayer bl = (BaseLayer) l;
                    org.nd4j.linalg.activations.IActivation act = bl.getActivationFn();
                    bl.setActivationFn(new ActivationIdentity());
                    gb.addLayer(n.name, l, in);
                    gb.addLayer(twinAct(n.name), new ActivationLayer.Builder().activation(act).build(), n.name);
                    alias.put(n.name, twinAct(n.name));
                } else {
                    gb.addLayer(n.name, l, in);
                    alias.put(n.name, n.name);
                }
            } else {
                gb.addVertex(n.name, (GraphVertex) o, in);
                alias.put(n.name, n.name);
            }
        }
        ComputationGraph twin = new ComputationGraph(gb.setOutputs(alias.get(a.last())).setInputTypes(a.inputType).build());
        twin.init();
        for (Node n : a.nodes) {
            org.deeplearning4j.nn.api.Layer mine = original instanceof MultiLayerNetwork
                    ? ((MultiLayerNetwork) original).getLayer(n.name) : ((ComputationGraph) original).getLayer(n.name);
            if (mine == null || mine.numParams() == 0) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer theirs = twin.getLayer(n.name);
            for (Map.Entry<String, INDArray> p : mine.paramTable().entrySet()) {
                theirs.setParam(p.getKey(), p.getValue().dup());
            }
        }
        return twin;
    }

    /** The expected matrices, node by node (forward order for a MultiLayerNetwork, by name for a graph). */
    static Map<String, List<MatrixCheck.Expected>> expected(Arch a, ComputationGraph twin) {
        Map<String, INDArray> ff = twin.feedForward(new INDArray[] {a.x.dup()}, true);
        for (Node n : a.nodes) {
            if (!ff.containsKey(n.name) && !(n.make.get() instanceof DropoutLayer)) {
                throw new IllegalStateException("no activation of " + n.name + " in " + ff.keySet());
            }
        }
        Map<String, List<MatrixCheck.Expected>> out = new LinkedHashMap<>();
        Map<String, String> layouts = new LinkedHashMap<>();
        layouts.put("in", layoutOf(a.inputType));
        for (Node n : a.nodes) {
            layouts.put(n.name, n.layout);
            Object o = n.make.get();
            List<MatrixCheck.Expected> e = new ArrayList<>();
            if (o instanceof DropoutLayer) {
                // no matrix (and removed from the twin)
            } else if (o instanceof SimpleRnn) {
                // the recurrence by hand from the input and output DL4J gave (both turned NCW)
                String input = a.graph ? n.inputs.get(0) : (a.nodes.indexOf(n) == 0 ? "in" : a.nodes.get(a.nodes.indexOf(n) - 1).name);
                String inLayout = layouts.get(input);
                INDArray xs = ff.get(twinSource(a, input, twin));
                INDArray hs = ff.get(n.name);
                RNNFormat f = RNNFormat.valueOf(n.layout);
                INDArray z = MultiLayerMatricesTest.simpleRnnPre(MultiLayerMatricesTest.ncw(xs, RNNFormat.valueOf(inLayout)),
                        MultiLayerMatricesTest.ncw(hs, f), twin.getParam(n.name + "_W"), twin.getParam(n.name + "_RW"),
                        twin.getParam(n.name + "_b"));
                if (!(((SimpleRnn) o).getActivationFn() instanceof ActivationIdentity)) {
                    e.add(MatrixCheck.pre(n.name, z, "NCW"));
                    e.add(MatrixCheck.post(n.name, hs, n.layout));
                } else {
                    e.add(MatrixCheck.pre(n.name, hs, n.layout));
                }
            } else if (o instanceof LSTM || o instanceof Bidirectional || o instanceof PReLULayer) {
                // the output of the cell's (or the PReLU's) activations: post only
                e.add(MatrixCheck.post(n.name, ff.get(n.name), n.layout));
            } else if (o instanceof ActivationLayer) {
                if (!(((ActivationLayer) o).getActivationFn() instanceof ActivationIdentity)) {
                    e.add(MatrixCheck.post(n.name, ff.get(n.name), n.layout));
                }
            } else if (o instanceof BatchNormalization) {
                e.add(MatrixCheck.pre(n.name, ff.get(n.name), n.layout));
            } else if (o instanceof RnnOutputLayer
                    && ((RnnOutputLayer) o).getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSoftmax) {
                // an ActivationLayer would take the softmax over the last axis of the sequence: by hand, over channels
                e.add(MatrixCheck.pre(n.name, ff.get(n.name), n.layout));
                e.add(MatrixCheck.post(n.name, softmax(ff.get(n.name), n.layout.equals("NCW") ? 1 : 2), n.layout));
            } else if (o instanceof BaseLayer) {
                e.add(MatrixCheck.pre(n.name, ff.get(n.name), n.layout));
                if (split((Layer) o)) {
                    e.add(MatrixCheck.post(n.name, ff.get(twinAct(n.name)), n.layout));
                }
            }
            if (!e.isEmpty()) {
                out.put(n.name, e);
            }
        }
        return out;
    }

    /** Softmax of a rank-3 array along {@code axis} (1 or 2), with loops. */
    static INDArray softmax(INDArray z, int axis) {
        INDArray out = Nd4j.create(DataType.DOUBLE, z.shape());
        long other = axis == 1 ? z.size(2) : z.size(1);
        for (int n = 0; n < z.size(0); n++) {
            for (int o = 0; o < other; o++) {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int c = 0; c < z.size(axis); c++) {
                    max = Math.max(max, axis == 1 ? z.getDouble(n, c, o) : z.getDouble(n, o, c));
                }
                for (int c = 0; c < z.size(axis); c++) {
                    sum += Math.exp((axis == 1 ? z.getDouble(n, c, o) : z.getDouble(n, o, c)) - max);
                }
                for (int c = 0; c < z.size(axis); c++) {
                    long[] idx = axis == 1 ? new long[] {n, c, o} : new long[] {n, o, c};
                    out.putScalar(idx, Math.exp(z.getDouble(idx) - max) / sum);
                }
            }
        }
        return out;
    }

    /** Global pooling over time: DL4J's default pools axis 2, which is the channel axis of an NWC sequence. */
    static GlobalPoolingLayer.Builder poolOverTime(PoolingType pt, RNNFormat f) {
        GlobalPoolingLayer.Builder b = new GlobalPoolingLayer.Builder(pt);
        return f == RNNFormat.NWC ? b.poolingDimensions(1) : b;
    }

    /** The twin's vertex holding what {@code node} outputs. */
    static String twinSource(Arch a, String node, ComputationGraph twin) {
        if (node.equals("in")) {
            return "in";
        }
        return twin.getVertex(twinAct(node)) != null ? twinAct(node) : node;
    }

    static String layoutOf(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional) {
            return ((InputType.InputTypeConvolutional) t).getFormat().name();
        }
        if (t instanceof InputType.InputTypeRecurrent) {
            return ((InputType.InputTypeRecurrent) t).getFormat().name();
        }
        return "FF";
    }

    @Test
    void randomArchitecturesMatchAnIndependentComputation() {
        Random rnd = new Random(20250301L);
        List<String> failures = new ArrayList<>();
        Set<String> families = new HashSet<>();
        int checked = 0;
        int matrices = 0;
        int unsupported = 0;
        int redrawn = 0;
        Set<String> layerTypes = new HashSet<>();
        for (int i = 0; i < ARCHITECTURES; i++) {
            Arch a = null;
            Model model = null;
            // a draw DL4J rejects (e.g. feature maps shrunk to nothing) is drawn again: its own error, not ours
            for (int attempt = 0; model == null; attempt++) {
                a = generate(rnd, i);
                try {
                    model = build(a, 100 + i);
                } catch (RuntimeException e) {
                    assertTrue(attempt < 20, "#" + i + ": no valid architecture drawn: " + e);
                    redrawn++;
                }
            }
            Map<String, List<MatrixCheck.Expected>> byName;
            try {
                byName = expected(a, twin(a, model));
            } catch (RuntimeException e) {
                failures.add("#" + i + " " + a + ": the independent computation failed: " + e);
                continue;
            }
            NearScorer scorer = NearScorer.builder().blockMode(i % 2 == 0 ? BlockMode.FIRST : BlockMode.RANDOM).seed(i).build();
            NearResult r;
            try {
                r = scorer.score(model, a.x.dup());
            } catch (RuntimeException e) {
                failures.add("#" + i + " " + a + ": crashed: " + e);
                continue;
            }
            for (var s : r.skipped()) {
                if (s.unsupported()) {
                    assertTrue(s.reason() != null && !s.reason().isEmpty(), "a reason for " + s);
                    byName.remove(s.layerName());
                    unsupported++;
                }
            }
            List<MatrixCheck.Expected> want = new ArrayList<>();
            if (model instanceof ComputationGraph) {
                want = GraphMatricesTest.inTopologicalOrder((ComputationGraph) model, byName);
            } else {
                byName.values().forEach(want::addAll);
            }
            String problem = compare(r, want);
            if (problem != null) {
                failures.add("#" + i + " " + a + ": " + problem);
            } else {
                checked++;
                matrices += want.size();
                families.add(a.family.replaceAll("-.*", ""));
                for (Node n : a.nodes) {
                    layerTypes.add(n.make.get().getClass().getSimpleName());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + ARCHITECTURES + " architectures wrong:\n"
                + String.join("\n", failures));
        assertEquals(ARCHITECTURES, checked);
        assertTrue(redrawn < ARCHITECTURES / 5, "architectures DL4J rejected: " + redrawn);
        assertTrue(matrices > 4 * ARCHITECTURES, "matrices compared: " + matrices);
        assertEquals(Set.of("mlp", "cnn", "conv1d", "rnn", "residual", "merge", "inception", "variants", "conv3d",
                "embedding", "masking"), families);
        Set<String> imported = new HashSet<>(VARIANTS);
        imported.addAll(List.of("Convolution3D", "EmbeddingSequenceLayer", "Bidirectional", "MaskZeroLayer"));
        imported.removeAll(layerTypes);
        assertEquals(Set.of(), imported, "layer types of imported models never drawn");
        assertEquals(0, unsupported, "every generated layer is supported");
    }

    /** Null when every matrix matches; otherwise what differs. */
    static String compare(NearResult r, List<MatrixCheck.Expected> want) {
        List<String> wantSites = new ArrayList<>();
        want.forEach(e -> wantSites.add(e.toString()));
        List<String> gotSites = new ArrayList<>();
        r.matrices().forEach(m -> gotSites.add(m.layerName() + "/" + m.kind().label()));
        if (!wantSites.equals(gotSites)) {
            return "matrices " + gotSites + ", expected " + wantSites;
        }
        for (int j = 0; j < want.size(); j++) {
            MatrixCheck.Expected e = want.get(j);
            MatrixScore m = r.matrices().get(j);
            double[][] full = Independent.matrix(e.activation, e.layout);
            int cols = full[0].length;
            if (m.cols() != cols || m.rowsAvailable() != full.length || m.rows() != Math.min(cols, full.length)) {
                return e + ": " + m.rows() + " x " + m.cols() + " of " + m.rowsAvailable() + " rows, expected "
                        + Math.min(cols, full.length) + " x " + cols + " of " + full.length;
            }
            long start = m.blockStart();
            if (start % MatrixCheck.line(e) != 0 || (start != 0 && start + m.cols() > m.rowsAvailable())) {
                return e + ": block start " + start + " not on a line of " + MatrixCheck.line(e) + " or past the end";
            }
            double expected = Independent.erank(Independent.block(full, (int) m.blockStart()));
            if (Math.abs(expected - m.effectiveRank()) > TOLERANCE * Math.max(1, expected)) {
                return e + ": effective rank " + m.effectiveRank() + ", expected " + expected + " (block at "
                        + m.blockStart() + ")";
            }
        }
        return null;
    }
}
