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

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MatrixCheck.Expected;
import static org.neardl4j.capture.MatrixCheck.post;
import static org.neardl4j.capture.MatrixCheck.pre;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;
import static org.neardl4j.capture.MultiLayerMatricesTest.base;
import static org.neardl4j.capture.MultiLayerMatricesTest.gaussian;

/**
 * Frozen layers (TransferLearning feature extractors, FrozenLayerWithBackprop) give the same matrices as the
 * unfrozen layers; a frozen batch normalisation still uses batch statistics (DL4J itself runs frozen layers in
 * inference mode, which would use the running statistics).
 */
class FrozenLayersTest {

    static final double[] GAMMA = {0.5, 1.5, 2.0, 0.7, 1.1, 0.9};
    static final double[] BETA = {0.1, -0.2, 0.3, 0.0, -0.5, 0.25};

    static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().name("d0").nIn(4).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(6).useLogStd(false).build())
                .layer(new ActivationLayer.Builder().name("act").activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("d1").nIn(6).nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.setParam("1_gamma", Nd4j.createFromArray(new double[][] {GAMMA}));
        net.setParam("1_beta", Nd4j.createFromArray(new double[][] {BETA}));
        // running statistics far from the batch's: inference-mode batch norm would give other matrices
        net.setParam("1_mean", Nd4j.valueArrayOf(new long[] {1, 6}, 3.0, DataType.DOUBLE));
        net.setParam("1_var", Nd4j.valueArrayOf(new long[] {1, 6}, 20.0, DataType.DOUBLE));
        return net;
    }

    /** The expected matrices, by hand: batch norm with batch statistics. */
    static List<Expected> expected(INDArray x, INDArray w0, INDArray b0, INDArray w1, INDArray b1, INDArray w2,
                                   INDArray b2) {
        INDArray z0 = Independent.dense(x, w0, b0);
        INDArray bn = Independent.batchNorm(z0, 1, GAMMA, BETA, 1e-5);
        INDArray act = MultiLayerMatricesTest.Transforms_tanh(bn);
        INDArray z1 = Independent.dense(act, w1, b1);
        INDArray h1 = z1.dup();
        for (long i = 0; i < h1.length(); i++) {
            h1.putScalar(i, Math.max(0, h1.getDouble(i)));
        }
        return List.of(pre("d0", z0, "FF"), pre("bn", bn, "FF"), post("act", act, "FF"),
                pre("d1", z1, "FF"), post("d1", h1, "FF"), pre("out", Independent.dense(h1, w2, b2), "FF"));
    }

    static List<String> types(NearResult r) {
        return r.matrices().stream().map(MatrixScore::layerType).collect(Collectors.toList());
    }

    @Test
    void transferLearningFeatureExtractorMultiLayer() {
        MultiLayerNetwork net = network();
        MultiLayerNetwork frozen = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().build())
                .setFeatureExtractor(3)
                .build();
        for (int i = 0; i <= 3; i++) {
            assertTrue(frozen.getLayerWiseConfigurations().getConf(i).getLayer() instanceof FrozenLayer, "layer " + i);
        }
        INDArray x = gaussian(10, 4);
        List<Expected> want = expected(x, net.getParam("0_W"), net.getParam("0_b"), net.getParam("3_W"),
                net.getParam("3_b"), net.getParam("4_W"), net.getParam("4_b"));
        NearResult r = FIRST.score(frozen, x);
        MatrixCheck.assertFirstBlocks(r, want);
        assertEquals(List.of("DenseLayer", "BatchNormalization", "ActivationLayer", "DenseLayer", "DenseLayer",
                "OutputLayer"), types(r));
        assertEquals(FIRST.score(net, x).matrices(), r.matrices(), "frozen and unfrozen networks give the same matrices");
        assertTrue(r.skipped().isEmpty(), r.skipped().toString());
    }

    @Test
    void frozenLayerWithBackprop() {
        MultiLayerNetwork plain = network();
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().name("d0").nIn(4).nOut(6)
                        .activation(Activation.IDENTITY).build()))
                .layer(new FrozenLayerWithBackprop(new BatchNormalization.Builder().name("bn").nOut(6)
                        .useLogStd(false).build()))
                .layer(new ActivationLayer.Builder().name("act").activation(Activation.TANH).build())
                .layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().name("d1").nIn(6).nOut(5)
                        .activation(Activation.RELU).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init(plain.params().dup(), false);
        INDArray x = gaussian(10, 4);
        NearResult r = FIRST.score(net, x);
        List<Expected> want = expected(x, plain.getParam("0_W"), plain.getParam("0_b"),
                plain.getParam("3_W"), plain.getParam("3_b"), plain.getParam("4_W"), plain.getParam("4_b"));
        // the wrappers got DL4J's default names (layer0, ...), which FrozenLayerWithBackprop passes to the wrapped layer
        assertEquals(List.of("layer0", "layer1", "act", "layer3", "layer3", "out"),
                r.matrices().stream().map(MatrixScore::layerName).collect(Collectors.toList()));
        assertEquals(net.getLayer(1).conf().getLayer().getLayerName(), r.matrices().get(1).layerName());
        for (int i = 0; i < want.size(); i++) {
            MatrixCheck.assertBlock(want.get(i), r.matrices().get(i), 0);
            assertEquals(want.get(i).kind, r.matrices().get(i).kind());
        }
    }

    @Test
    void transferLearningFeatureExtractorGraph() {
        MultiLayerNetwork mln = network();
        ComputationGraph g = mln.toComputationGraph();
        List<String> names = g.getConfiguration().getTopologicalOrderStr();
        // vertices: input, then the layers in order; freeze up to and including the second dense layer
        ComputationGraph frozen = new TransferLearning.GraphBuilder(g)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().build())
                .setFeatureExtractor(names.get(4))
                .build();
        ComputationGraphConfiguration c = frozen.getConfiguration();
        assertTrue(((LayerVertex) c.getVertices().get(names.get(2))).getLayerConf().getLayer() instanceof FrozenLayer,
                "batch norm is frozen");
        INDArray x = gaussian(10, 4);
        NearResult r = FIRST.score(frozen, x);
        // TransferLearning.GraphBuilder gives a FLOAT graph here: expect its own (rounded) weights, float precision
        assertEquals(DataType.FLOAT, frozen.params().dataType());
        INDArray xf = x.castTo(DataType.FLOAT).castTo(DataType.DOUBLE);
        List<Expected> want = expected(xf, frozen.getParam("0_W"), frozen.getParam("0_b"), frozen.getParam("3_W"),
                frozen.getParam("3_b"), frozen.getParam("4_W"), frozen.getParam("4_b"));
        assertEquals(want.size(), r.matrices().size());
        for (int i = 0; i < want.size(); i++) {
            MatrixCheck.assertBlock(want.get(i), r.matrices().get(i), 0, 1e-5);
            assertEquals(want.get(i).kind, r.matrices().get(i).kind());
        }
        assertEquals(types(FIRST.score(mln, x)), types(r));
    }
}
