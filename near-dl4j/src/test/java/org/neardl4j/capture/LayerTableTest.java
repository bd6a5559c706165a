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

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.*;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping3D;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.layers.util.IdentityLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;

/**
 * One test per row of docs/LAYERS.md: every layer type DL4J 1.0.0-M2.1 ships is built into a small network (named
 * {@code L}) and scored, and the matrices near-dl4j takes from it are the ones the table says, with values from
 * DL4J's own forward pass ({@code feedForward} in training mode; the pre-activation from a twin whose activations are
 * the identity, or the SimpleRnn recurrence by hand): "pre and post", "pre", "post", "none" (skipped with a reason,
 * no warning) or "unsupported" (skipped, with a warning). The table itself must list exactly the concrete layer
 * classes of the deeplearning4j-nn jar.
 */
class LayerTableTest {

    static final int N = 5;

    /** A network whose layer {@code L} (index {@code index}) is the one under test, its input, L's output layout. */
    static final class Case {
        final MultiLayerNetwork net;
        final INDArray x;
        final int index;
        final String layout;

        Case(MultiLayerConfiguration conf, INDArray x, int index, String layout) {
            this.net = new MultiLayerNetwork(conf);
            this.net.init();
            this.x = x;
            this.index = index;
            this.layout = layout;
        }
    }

    /** One row: the layer class, what near-dl4j takes from it, and a network to check it on. */
    static final class Row {
        final String type;
        final String treatment;
        final Supplier<Case> make;

        Row(String type, String treatment, Supplier<Case> make) {
            this.type = type;
            this.treatment = treatment;
            this.make = make;
        }

        @Override
        public String toString() {
            return type + " (" + treatment + ")";
        }
    }

    static NeuralNetConfiguration.ListBuilder list() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).biasInit(0.1)
                .convolutionMode(ConvolutionMode.Same).list();
    }

    static Layer named(Layer l) {
        l.setLayerName("L");
        return l;
    }

    /** L after a tanh dense layer of width 4, on feed-forward input of width 3. */
    static Case ff(Layer l, String layout) {
        return new Case(list().layer(new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build()).layer(named(l))
                .setInputType(InputType.feedForward(3)).build(), gaussian(N, 3), 1, layout);
    }

    /** L after a ReLU convolution, on a 2 x 6 x 6 NCHW image. */
    static Case cnn(Layer l, String layout) {
        return new Case(list().layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.RELU).build())
                .layer(named(l)).setInputType(InputType.convolutional(6, 6, 2)).build(), gaussian(N, 2, 6, 6), 1, layout);
    }

    /** L after a ReLU 3-D convolution, on a 2-channel 4 x 4 x 4 NCDHW volume. */
    static Case cnn3d(Layer l, String layout) {
        return new Case(list().layer(new Convolution3D.Builder(2, 2, 2).nOut(3).activation(Activation.RELU).build())
                .layer(named(l)).setInputType(InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, 4, 4, 4, 2)).build(),
                gaussian(N, 2, 4, 4, 4), 1, layout);
    }

    /** L after a tanh LSTM, on 3 x 6 NCW sequences. */
    static Case rnn(Layer l, String layout) {
        return new Case(list().layer(new LSTM.Builder().nOut(4).activation(Activation.TANH).build())
                .layer(named(l)).setInputType(InputType.recurrent(3, 6)).build(), gaussian(N, 3, 6), 1, layout);
    }

    /** L first, on 3 x 6 NCW sequences. */
    static Case seq(Layer l, String layout) {
        return new Case(list().layer(named(l)).setInputType(InputType.recurrent(3, 6)).build(), gaussian(N, 3, 6), 0, layout);
    }

    static INDArray gaussian(long... shape) {
        Nd4j.getRandom().setSeed(17);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    static INDArray indices(int vocabulary, long... shape) {
        Random rnd = new Random(5);
        INDArray x = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, rnd.nextInt(vocabulary));
        }
        return x;
    }

    /** A layer class without a builder of its own, its fields copied from a layer of its superclass. */
    static <T extends Layer> T like(T target, Layer template) {
        for (Class<?> c = template.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(target, f.get(template));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return target;
    }

    static LossFunctions.LossFunction MSE = LossFunctions.LossFunction.MSE;

    static List<Row> rows() {
        List<Row> r = new ArrayList<>();
        // weights and an activation function
        r.add(new Row("DenseLayer", "pre and post", () -> ff(new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "FF")));
        r.add(new Row("OutputLayer", "pre and post", () -> ff(new OutputLayer.Builder(MSE).nOut(3).activation(Activation.SOFTMAX).build(), "FF")));
        r.add(new Row("CenterLossOutputLayer", "pre and post", () -> ff(new CenterLossOutputLayer.Builder().nOut(3)
                .activation(Activation.SOFTMAX).build(), "FF")));
        r.add(new Row("RnnOutputLayer", "pre and post", () -> rnn(new RnnOutputLayer.Builder(MSE).nOut(3).activation(Activation.SIGMOID).build(), "NCW")));
        r.add(new Row("ElementWiseMultiplicationLayer", "pre and post", () -> ff(new ElementWiseMultiplicationLayer.Builder()
                .nOut(4).activation(Activation.TANH).build(), "FF")));
        r.add(new Row("EmbeddingLayer", "pre and post", () -> new Case(list().layer(named(new EmbeddingLayer.Builder().nIn(6).nOut(3)
                .activation(Activation.TANH).build())).build(), indices(6, N, 1), 0, "FF")));
        r.add(new Row("EmbeddingSequenceLayer", "pre", () -> new Case(list().layer(named(new EmbeddingSequenceLayer.Builder()
                .nIn(6).nOut(3).inputLength(4).build())).build(), indices(6, N, 4), 0, "NCW")));
        r.add(new Row("AutoEncoder", "pre and post", () -> ff(new AutoEncoder.Builder().nOut(3).corruptionLevel(0.0)
                .activation(Activation.SIGMOID).build(), "FF")));
        r.add(new Row("ConvolutionLayer", "pre and post", () -> cnn(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.ELU).build(), "NCHW")));
        r.add(new Row("Convolution2D", "pre and post", () -> cnn(like(new Convolution2D(), new ConvolutionLayer.Builder(2, 2).nOut(2)
                .activation(Activation.ELU).build()), "NCHW")));
        r.add(new Row("Convolution1DLayer", "pre and post", () -> seq(new Convolution1DLayer.Builder(2).nOut(4).activation(Activation.TANH).build(), "NCW")));
        r.add(new Row("Convolution1D", "pre and post", () -> seq(like(new Convolution1D(), new Convolution1DLayer.Builder(2).nOut(4)
                .activation(Activation.TANH).build()), "NCW")));
        r.add(new Row("Convolution3D", "pre and post", () -> cnn3d(new Convolution3D.Builder(2, 2, 2).nOut(2).activation(Activation.TANH).build(), "NCDHW")));
        r.add(new Row("Deconvolution2D", "pre and post", () -> cnn(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2)
                .activation(Activation.TANH).build(), "NCHW")));
        r.add(new Row("Deconvolution3D", "pre and post", () -> cnn3d(new Deconvolution3D.Builder().kernelSize(2, 2, 2).nOut(2)
                .activation(Activation.TANH).build(), "NCDHW")));
        r.add(new Row("SeparableConvolution2D", "pre and post", () -> cnn(new SeparableConvolution2D.Builder(2, 2).depthMultiplier(2)
                .nOut(3).activation(Activation.TANH).build(), "NCHW")));
        r.add(new Row("DepthwiseConvolution2D", "pre and post", () -> cnn(new DepthwiseConvolution2D.Builder(2, 2).depthMultiplier(2)
                .activation(Activation.TANH).build(), "NCHW")));
        r.add(new Row("SimpleRnn", "pre and post", () -> seq(new SimpleRnn.Builder().nOut(4).activation(Activation.TANH).build(), "NCW")));
        // weights, no separate activation
        r.add(new Row("BatchNormalization", "pre", () -> cnn(new BatchNormalization.Builder().build(), "NCHW")));
        r.add(new Row("LSTM", "post", () -> seq(new LSTM.Builder().nOut(4).build(), "NCW")));
        r.add(new Row("GravesLSTM", "post", () -> seq(new GravesLSTM.Builder().nOut(4).build(), "NCW")));
        r.add(new Row("GravesBidirectionalLSTM", "post", () -> seq(new GravesBidirectionalLSTM.Builder().nOut(4).build(), "NCW")));
        r.add(new Row("Bidirectional", "post", () -> seq(new Bidirectional(new LSTM.Builder().nOut(3).build()), "NCW")));
        r.add(new Row("PReLULayer", "post", () -> cnn(new PReLULayer.Builder().inputShape(3, 6, 6).build(), "NCHW")));
        // activations without weights
        r.add(new Row("ActivationLayer", "post", () -> ff(new ActivationLayer(Activation.SWISH), "FF")));
        r.add(new Row("LossLayer", "post", () -> ff(new LossLayer.Builder(MSE).activation(Activation.SIGMOID).build(), "FF")));
        r.add(new Row("RnnLossLayer", "post", () -> rnn(new RnnLossLayer.Builder(MSE).activation(Activation.SIGMOID).build(), "NCW")));
        r.add(new Row("CnnLossLayer", "post", () -> cnn(new CnnLossLayer.Builder(MSE).activation(Activation.SIGMOID).build(), "NCHW")));
        r.add(new Row("Cnn3DLossLayer", "post", () -> cnn3d(new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW)
                .lossFunction(MSE).activation(Activation.SIGMOID).build(), "NCDHW")));
        // wrappers: as the layer they wrap
        r.add(new Row("FrozenLayer", "as the wrapped layer", () -> ff(new FrozenLayer(new DenseLayer.Builder().nOut(3)
                .activation(Activation.TANH).build()), "FF")));
        r.add(new Row("FrozenLayerWithBackprop", "as the wrapped layer", () -> ff(new FrozenLayerWithBackprop(
                new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build()), "FF")));
        r.add(new Row("TimeDistributed", "as the wrapped layer", () -> rnn(new TimeDistributed(new DenseLayer.Builder().nOut(3)
                .activation(Activation.TANH).build()), "NCW")));
        r.add(new Row("LastTimeStep", "as the wrapped layer", () -> seq(new LastTimeStep(new LSTM.Builder().nOut(4).build()), "FF")));
        r.add(new Row("MaskZeroLayer", "as the wrapped layer", () -> seq(new MaskZeroLayer.Builder().setMaskValue(0.0)
                .setUnderlying(new LSTM.Builder().nOut(4).build()).build(), "NCW")));
        // no weights, no activation
        r.add(new Row("IdentityLayer", "none", () -> rnn(new MaskZeroLayer.Builder().setMaskValue(0.0)
                .setUnderlying(new IdentityLayer()).build(), "NCW")));
        r.add(new Row("DropoutLayer", "none", () -> ff(new DropoutLayer(0.5), "FF")));
        r.add(new Row("SubsamplingLayer", "none", () -> cnn(new SubsamplingLayer.Builder(2, 2).build(), "NCHW")));
        r.add(new Row("Pooling2D", "none", () -> cnn(like(new Pooling2D(), new SubsamplingLayer.Builder(2, 2).build()), "NCHW")));
        r.add(new Row("Subsampling1DLayer", "none", () -> rnn(new Subsampling1DLayer.Builder(2).build(), "NCW")));
        r.add(new Row("Pooling1D", "none", () -> rnn(like(new Pooling1D(), new Subsampling1DLayer.Builder(2).build()), "NCW")));
        r.add(new Row("Subsampling3DLayer", "none", () -> cnn3d(new Subsampling3DLayer.Builder(2, 2, 2).build(), "NCDHW")));
        r.add(new Row("GlobalPoolingLayer", "none", () -> cnn(new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "FF")));
        r.add(new Row("ZeroPaddingLayer", "none", () -> cnn(new ZeroPaddingLayer.Builder(1, 1).build(), "NCHW")));
        r.add(new Row("ZeroPadding1DLayer", "none", () -> rnn(new ZeroPadding1DLayer.Builder(1).build(), "NCW")));
        r.add(new Row("ZeroPadding3DLayer", "none", () -> cnn3d(new ZeroPadding3DLayer.Builder(1).build(), "NCDHW")));
        r.add(new Row("Cropping1D", "none", () -> rnn(new Cropping1D.Builder(1).build(), "NCW")));
        r.add(new Row("Cropping2D", "none", () -> cnn(new Cropping2D.Builder(1, 1).build(), "NCHW")));
        r.add(new Row("Cropping3D", "none", () -> cnn3d(new Cropping3D.Builder(1, 0, 0).build(), "NCDHW")));
        r.add(new Row("Upsampling1D", "none", () -> rnn(new Upsampling1D.Builder(2).build(), "NCW")));
        r.add(new Row("Upsampling2D", "none", () -> cnn(new Upsampling2D.Builder(2).build(), "NCHW")));
        r.add(new Row("Upsampling3D", "none", () -> cnn3d(new Upsampling3D.Builder(2).build(), "NCDHW")));
        r.add(new Row("SpaceToDepthLayer", "none", () -> cnn(new SpaceToDepthLayer.Builder(2).build(), "NCHW")));
        r.add(new Row("SpaceToBatchLayer", "none", () -> cnn(new SpaceToBatchLayer.Builder(new int[] {2, 2}).build(), "NCHW")));
        r.add(new Row("LocalResponseNormalization", "none", () -> cnn(new LocalResponseNormalization.Builder().build(), "NCHW")));
        r.add(new Row("MaskLayer", "none", () -> ff(new MaskLayer(), "FF")));
        r.add(new Row("RepeatVector", "none", () -> ff(new RepeatVector.Builder(3).build(), "NCW")));
        r.add(new Row("Yolo2OutputLayer", "none", () -> new Case(list()
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(6).activation(Activation.IDENTITY).build())
                .layer(named(new Yolo2OutputLayer.Builder().boundingBoxPriors(Nd4j.create(new double[][] {{1, 1}})).build()))
                .setInputType(InputType.convolutional(4, 4, 2)).build(), gaussian(N, 2, 4, 4), 1, "NCHW")));
        // not supported: computed in a SameDiff graph or by a variational autoencoder
        r.add(new Row("VariationalAutoencoder", "unsupported", () -> ff(new VariationalAutoencoder.Builder().nOut(2)
                .encoderLayerSizes(3).decoderLayerSizes(3).build(), "FF")));
        r.add(new Row("LocallyConnected1D", "unsupported", () -> rnn(new LocallyConnected1D.Builder().nOut(3).kernelSize(2)
                .activation(Activation.TANH).build(), "NCW")));
        r.add(new Row("LocallyConnected2D", "unsupported", () -> cnn(new LocallyConnected2D.Builder().nOut(2).kernelSize(2, 2)
                .activation(Activation.TANH).build(), "NCHW")));
        r.add(new Row("SelfAttentionLayer", "unsupported", () -> rnn(new SelfAttentionLayer.Builder().nOut(4).nHeads(1)
                .projectInput(true).build(), "NCW")));
        r.add(new Row("LearnedSelfAttentionLayer", "unsupported", () -> rnn(new LearnedSelfAttentionLayer.Builder().nOut(4)
                .nHeads(1).nQueries(2).projectInput(true).build(), "NCW")));
        r.add(new Row("RecurrentAttentionLayer", "unsupported", () -> rnn(new RecurrentAttentionLayer.Builder().nIn(4).nOut(4)
                .nHeads(1).projectInput(false).build(), "NCW")));
        r.add(new Row("PrimaryCapsules", "unsupported", () -> cnn(new PrimaryCapsules.Builder(2, 2).kernelSize(2, 2)
                .stride(2, 2).build(), "NCW")));
        r.add(new Row("CapsuleLayer", "unsupported", () -> new Case(list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.RELU).build())
                .layer(new PrimaryCapsules.Builder(2, 2).kernelSize(2, 2).stride(2, 2).build())
                .layer(named(new CapsuleLayer.Builder(3, 2, 2).build()))
                .setInputType(InputType.convolutional(6, 6, 2)).build(), gaussian(N, 2, 6, 6), 2, "NCW")));
        r.add(new Row("CapsuleStrengthLayer", "unsupported", () -> new Case(list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.RELU).build())
                .layer(new PrimaryCapsules.Builder(2, 2).kernelSize(2, 2).stride(2, 2).build())
                .layer(new CapsuleLayer.Builder(3, 2, 2).build())
                .layer(named(new CapsuleStrengthLayer.Builder().build()))
                .setInputType(InputType.convolutional(6, 6, 2)).build(), gaussian(N, 2, 6, 6), 3, "FF")));
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void takesWhatTheTableSays(Row row) {
        Case c = row.make.get();
        String type = LayerRole.unwrap(c.net.getLayerWiseConfigurations().getConf(c.index).getLayer()).getClass().getSimpleName();
        assertTrue(c.net.getLayerWiseConfigurations().getConf(c.index).getLayer().getClass().getSimpleName().equals(row.type)
                || type.equals(row.type), row + ": the network's layer " + c.index + " is " + type);
        List<INDArray> ff;
        try {
            ff = MatrixCheck.feedForward(c.net, c.x, true);
        } catch (RuntimeException dl4j) {
            // DL4J's feedForward (on a clone) cannot run this layer here: near-dl4j either refuses it naming the layer,
            // or scores the rest and reports the layer as unsupported; it never crashes
            assertEquals("unsupported", row.treatment, row + ": DL4J's forward pass failed: " + dl4j);
            NearResult r;
            try {
                r = FIRST.score(c.net, c.x);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("'L'"), e.getMessage());
                return;
            }
            assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals("L") && s.unsupported()), row + ": " + r.skipped());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'L'") && w.contains("not supported")), row + ": " + r.warnings());
            return;
        }
        NearResult r = FIRST.score(c.net, c.x);
        List<MatrixScore> mine = r.matrices().stream().filter(m -> m.layerName().equals("L")).collect(Collectors.toList());
        List<String> kinds = mine.stream().map(m -> m.kind().label()).collect(Collectors.toList());
        INDArray out = ff.get(c.index + 1);
        String treatment = row.treatment;
        if (treatment.equals("as the wrapped layer")) {
            Layer inner = LayerRole.unwrap(c.net.getLayerWiseConfigurations().getConf(c.index).getLayer());
            treatment = inner instanceof DenseLayer ? "pre and post" : "post";
        }
        switch (treatment) {
            case "pre and post": {
                assertEquals(List.of("pre", "post"), kinds, row.toString());
                INDArray pre = c.net.getLayer(c.index).conf().getLayer() instanceof SimpleRnn
                        ? MultiLayerMatricesTest.simpleRnnPre(c.x, out, c.net.getParam(c.index + "_W"),
                        c.net.getParam(c.index + "_RW"), c.net.getParam(c.index + "_b"))
                        : MatrixCheck.preActivation(c.net, c.x, c.index, true);
                MatrixCheck.assertBlock(MatrixCheck.pre("L", pre, c.layout), mine.get(0), 0);
                MatrixCheck.assertBlock(MatrixCheck.post("L", out, c.layout), mine.get(1), 0);
                break;
            }
            case "pre":
                assertEquals(List.of("pre"), kinds, row.toString());
                MatrixCheck.assertBlock(MatrixCheck.pre("L", out, c.layout), mine.get(0), 0);
                break;
            case "post":
                assertEquals(List.of("post"), kinds, row.toString());
                MatrixCheck.assertBlock(MatrixCheck.post("L", out, c.layout), mine.get(0), 0);
                break;
            case "none":
                assertEquals(List.of(), kinds, row.toString());
                assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals("L") && !s.unsupported()
                        && s.reason().contains("no weights and no activation")), row + ": " + r.skipped());
                assertFalse(r.warnings().stream().anyMatch(w -> w.contains("'L'")), row + ": " + r.warnings());
                break;
            case "unsupported":
                assertEquals(List.of(), kinds, row.toString());
                assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals("L") && s.unsupported()), row + ": " + r.skipped());
                assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'L'") && w.contains("not supported")),
                        row + ": " + r.warnings());
                break;
            default:
                throw new AssertionError(row.treatment);
        }
    }

    /** The table in docs/LAYERS.md: layer class -> treatment. */
    static Map<String, String> documented() throws Exception {
        String doc = Files.readString(Paths.get("../docs/LAYERS.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^\\| `(\\w+)` \\| ([a-z ]+?) \\|").matcher(doc);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            assertTrue(out.put(m.group(1), m.group(2)) == null, "listed twice: " + m.group(1));
        }
        return out;
    }

    @Test
    void theTableListsEveryLayerOfDl4jAndEveryRowIsTested() throws Exception {
        Map<String, String> doc = documented();
        Map<String, String> tested = new TreeMap<>();
        for (Row row : rows()) {
            tested.put(row.type, row.treatment);
        }
        assertEquals(tested, new TreeMap<>(doc), "docs/LAYERS.md and the rows tested here");
        // every concrete layer configuration class in DL4J's jar (and Keras' Masking layer) has a row
        TreeSet<String> shipped = new TreeSet<>();
        File jar = new File(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile j = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (!n.startsWith("org/deeplearning4j/nn/conf/layers/") || !n.endsWith(".class") || n.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false,
                        Layer.class.getClassLoader());
                if (Layer.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    shipped.add(c.getSimpleName());
                }
            }
        }
        shipped.add("IdentityLayer");
        assertTrue(shipped.size() > 60, "found " + shipped.size() + " layer classes in " + jar);
        assertEquals(shipped, new TreeSet<>(doc.keySet()), "layer classes of " + jar.getName() + " and docs/LAYERS.md");
    }
}
