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

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capture's own forward passes ({@link FastLayers}) against DL4J's forward pass of the same layer, in training
 * mode, on NCHW and NHWC: values within float rounding, the input unchanged; configurations the fast paths do not
 * know fall back to DL4J; and NEAR of whole networks with and without the fast paths within the parity tolerance.
 */
class FastLayersTest {

    /** Relative to the largest magnitude of DL4J's output: float rounding of differently ordered sums. */
    private static final double FLOAT_REL = 2e-5;

    /** A one-layer network on {@code [n, c, h, w]} (or NHWC) input, parameters randomised away from their defaults. */
    private static Layer single(org.deeplearning4j.nn.conf.layers.Layer conf, int h, int w, int c, CNN2DFormat format,
                                DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .weightInit(WeightInit.UNIFORM).list()
                .layer(conf).setInputType(InputType.convolutional(h, w, c, format)).build());
        net.init();
        Nd4j.getRandom().setSeed(3);
        for (String key : net.paramTable().keySet()) {
            INDArray p = net.getParam(key);
            net.setParam(key, Nd4j.rand(type, p.shape()).muli(2).subi(0.5));
        }
        return net.getLayer(0);
    }

    private static INDArray input(long n, int h, int w, int c, CNN2DFormat format, DataType type) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(type, n, c, h, w).muli(1.7).addi(0.4);
        return format == CNN2DFormat.NHWC ? x.permute(0, 2, 3, 1).dup('c') : x;
    }

    /** DL4J's own forward pass and the fast path agree, and neither changes the input. */
    private static void assertSameAsDl4j(Layer layer, INDArray x, String what) {
        FastLayers.Step fast = FastLayers.of(layer.conf().getLayer());
        assertNotNull(fast, "no fast path for " + what);
        INDArray before = x.dup();
        INDArray mine = fast.forward(layer, x);
        assertNotNull(mine, "the fast path declined " + what);
        assertEquals(before, x, "fast path changed its input: " + what);
        INDArray dl4j = layer.activate(x.dup(), true, LayerWorkspaceMgr.noWorkspaces());
        assertTrue(java.util.Arrays.equals(dl4j.shape(), mine.shape()), "shape " + java.util.Arrays.toString(mine.shape())
                + " vs DL4J " + java.util.Arrays.toString(dl4j.shape()) + ": " + what);
        double scale = Math.max(1e-30, dl4j.amaxNumber().doubleValue());
        double diff = dl4j.castTo(DataType.DOUBLE).subi(mine.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double tol = x.dataType() == DataType.DOUBLE ? 1e-12 : FLOAT_REL;
        assertTrue(diff <= tol * scale, what + ": largest difference " + diff + " of " + scale);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionsMatchDl4j(CNN2DFormat format) {
        int[][] kernels = {{3, 3}, {1, 1}, {5, 3}};
        int[][] strides = {{1, 1}, {2, 2}, {1, 2}};
        int[][] pads = {{0, 0}, {1, 1}, {2, 1}};
        int[][] dilations = {{1, 1}, {2, 2}};
        int cases = 0;
        for (ConvolutionMode mode : new ConvolutionMode[] {ConvolutionMode.Truncate, ConvolutionMode.Same}) {
            for (int[] k : kernels) {
                for (int[] s : strides) {
                    for (int[] p : pads) {
                        for (int[] d : dilations) {
                            if (mode == ConvolutionMode.Same && (p[0] != 0 || p[1] != 0)) {
                                continue;   // Same computes its own padding
                            }
                            boolean bias = (cases & 1) == 0;
                            Activation act = cases % 3 == 0 ? Activation.IDENTITY : cases % 3 == 1 ? Activation.RELU
                                    : Activation.TANH;
                            ConvolutionLayer conf = new ConvolutionLayer.Builder(k[0], k[1]).stride(s[0], s[1])
                                    .padding(p[0], p[1]).dilation(d[0], d[1]).nOut(6).hasBias(bias).activation(act)
                                    .convolutionMode(mode).dataFormat(format).build();
                            Layer layer = single(conf, 11, 12, 4, format, DataType.FLOAT);
                            String what = mode + " k" + k[0] + "x" + k[1] + " s" + s[0] + "x" + s[1] + " p" + p[0] + "x"
                                    + p[1] + " d" + d[0] + "x" + d[1] + " bias " + bias + " " + act + " " + format;
                            assertSameAsDl4j(layer, input(5, 11, 12, 4, format, DataType.FLOAT), what);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 60, "cases run: " + cases);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void strictModeAndDoublePrecisionMatchDl4j(CNN2DFormat format) {
        // Strict: sizes that divide exactly
        ConvolutionLayer strict = new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(3)
                .activation(Activation.RELU).convolutionMode(ConvolutionMode.Strict).dataFormat(format).build();
        assertSameAsDl4j(single(strict, 9, 9, 2, format, DataType.FLOAT), input(4, 9, 9, 2, format, DataType.FLOAT),
                "strict " + format);
        ConvolutionLayer plain = new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(5).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(format).build();
        assertSameAsDl4j(single(plain, 8, 7, 3, format, DataType.DOUBLE), input(3, 8, 7, 3, format, DataType.DOUBLE),
                "double " + format);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void batchNormalisationMatchesDl4jInTrainingMode(CNN2DFormat format) {
        for (boolean locked : new boolean[] {false, true}) {
            for (double eps : new double[] {1e-5, 1e-3}) {
                BatchNormalization.Builder b = new BatchNormalization.Builder().eps(eps).dataFormat(format)
                        .lockGammaBeta(locked);
                if (locked) {
                    b.gamma(1.5).beta(-0.25);
                }
                Layer layer = single(b.build(), 6, 5, 7, format, DataType.FLOAT);
                INDArray params = layer.params().dup();
                assertSameAsDl4j(layer, input(9, 6, 5, 7, format, DataType.FLOAT),
                        "bn locked " + locked + " eps " + eps + " " + format);
                assertEquals(params, layer.params(), "parameters and running statistics unchanged");
            }
        }
        Layer d = single(new BatchNormalization.Builder().eps(1e-5).dataFormat(format).build(), 4, 4, 3, format,
                DataType.DOUBLE);
        assertSameAsDl4j(d, input(6, 4, 4, 3, format, DataType.DOUBLE), "bn double " + format);
    }

    @Test
    void batchNormalisationOfDenseActivationsMatchesDl4j() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).list()
                .layer(new BatchNormalization.Builder().nIn(9).nOut(9).build()).build());
        net.init();
        net.setParam("0_gamma", Nd4j.rand(DataType.FLOAT, 1, 9).addi(0.5));
        net.setParam("0_beta", Nd4j.rand(DataType.FLOAT, 1, 9).subi(0.5));
        Nd4j.getRandom().setSeed(4);
        assertSameAsDl4j(net.getLayer(0), Nd4j.randn(DataType.FLOAT, 13, 9).muli(3).addi(2), "bn dense");
    }

    @Test
    void inputsTheFastPathDoesNotExpectGoToDl4j() {
        Layer conv = single(new ConvolutionLayer.Builder(3, 3).nOut(4).build(), 8, 8, 3, CNN2DFormat.NCHW, DataType.FLOAT);
        FastLayers.Step fast = FastLayers.of(conv.conf().getLayer());
        assertNull(fast.forward(conv, Nd4j.rand(DataType.FLOAT, 2, 5, 8, 8)), "wrong channel count");
        assertNull(fast.forward(conv, Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8)), "other data type");
        assertNull(fast.forward(conv, Nd4j.rand(DataType.FLOAT, 2, 3, 8)), "rank 3");
        Layer bn = single(new BatchNormalization.Builder().build(), 8, 8, 3, CNN2DFormat.NCHW, DataType.FLOAT);
        FastLayers.Step fb = FastLayers.of(bn.conf().getLayer());
        assertNull(fb.forward(bn, Nd4j.rand(DataType.FLOAT, 2, 4, 8, 8)), "wrong channel count");
        assertNull(fb.forward(bn, Nd4j.rand(DataType.FLOAT, 2, 3, 8)), "rank 3");
        // layers without a fast path
        assertNull(FastLayers.of(new Deconvolution2D.Builder(2, 2).nIn(3).nOut(3).build()));
        assertNull(FastLayers.of(new DenseLayer.Builder().nIn(3).nOut(3).build()));
        assertNull(FastLayers.of(new SubsamplingLayer.Builder().build()));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A small NAS-Bench-201-like graph: stem, a cell of ReLU-conv-BN edges and pooling, a residual reduction. */
    static ComputationGraph cellGraph(CNN2DFormat f) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(21)
                .weightInit(WeightInit.UNIFORM).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 3, f));
        g.addLayer("stem", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(8).hasBias(false)
                .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).dataFormat(f).build(), "in");
        g.addLayer("stemBn", new BatchNormalization.Builder().dataFormat(f).build(), "stem");
        g.addLayer("r1", new ActivationLayer(Activation.RELU), "stemBn");
        g.addLayer("c1", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(8).hasBias(false)
                .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Truncate).dataFormat(f).build(), "r1");
        g.addLayer("b1", new BatchNormalization.Builder().dataFormat(f).build(), "c1");
        g.addLayer("p1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG, new int[] {3, 3},
                new int[] {1, 1}, new int[] {1, 1}).avgPoolIncludePadInDivisor(false)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(f).build(), "stemBn");
        g.addVertex("n1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b1", "p1", "stemBn");
        g.addLayer("r2", new ActivationLayer(Activation.RELU), "n1");
        g.addLayer("c2", new ConvolutionLayer.Builder(1, 1).nOut(8).hasBias(true).activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Same).dataFormat(f).build(), "r2");
        g.addLayer("c3", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(16).hasBias(false)
                .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Same).dataFormat(f).build(), "c2");
        g.addLayer("b3", new BatchNormalization.Builder().dataFormat(f).build(), "c3");
        g.addLayer("sp", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG, new int[] {2, 2},
                new int[] {2, 2}).convolutionMode(ConvolutionMode.Truncate).dataFormat(f).build(), "n1");
        g.addLayer("sc", new ConvolutionLayer.Builder(1, 1).nOut(16).hasBias(false).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Truncate).dataFormat(f).build(), "sp");
        g.addVertex("res", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b3", "sc");
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "res");
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX).build(), "gap");
        g.setOutputs("out");
        ComputationGraph cg = new ComputationGraph(g.build());
        cg.init();
        return cg;
    }

    private static void assertSameNear(NearResult dl4j, NearResult fast) {
        assertEquals(dl4j.matrices().size(), fast.matrices().size());
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < dl4j.matrices().size(); i++) {
            MatrixScore a = dl4j.matrices().get(i);
            MatrixScore b = fast.matrices().get(i);
            assertEquals(a.layerName(), b.layerName());
            if (Math.abs(a.effectiveRank() - b.effectiveRank()) > 1e-5 * a.effectiveRank()) {
                bad.add(a.layerName() + " " + a.kind() + ": " + a.effectiveRank() + " vs " + b.effectiveRank());
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
        assertEquals(dl4j.score(), fast.score(), 1e-5 * dl4j.score());
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void nearOfACellGraphIsUnchanged(CNN2DFormat format) {
        ComputationGraph graph = cellGraph(format);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 40, 3, 12, 12);
        INDArray in = format == CNN2DFormat.NHWC ? x.permute(0, 2, 3, 1).dup('c') : x;
        INDArray params = graph.params().dup();
        INDArray inCopy = in.dup();
        NearResult dl4j = FastLayersSwitch.with(false, () -> NearScorer.defaults().score(graph, in));
        NearResult fast = FastLayersSwitch.with(true, () -> NearScorer.defaults().score(graph, in));
        assertSameNear(dl4j, fast);
        assertEquals(params, graph.params(), "the user's parameters");
        assertEquals(inCopy, in, "the caller's input");
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void nearOfAMultiLayerNetworkIsUnchanged(CNN2DFormat format) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).dataFormat(format).build())
                .layer(new BatchNormalization.Builder().dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).activation(Activation.TANH)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(format).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(10, 10, 2, format)).build());
        net.init();
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 30, 2, 10, 10);
        INDArray in = format == CNN2DFormat.NHWC ? x.permute(0, 2, 3, 1).dup('c') : x;
        NearResult dl4j = FastLayersSwitch.with(false, () -> NearScorer.defaults().score(net, in));
        NearResult fast = FastLayersSwitch.with(true, () -> NearScorer.defaults().score(net, in));
        assertSameNear(dl4j, fast);
    }
}
