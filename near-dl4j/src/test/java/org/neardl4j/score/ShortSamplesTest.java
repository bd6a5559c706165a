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
package org.neardl4j.score;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fewer rows than neurons: the rectangular matrix is scored and a warning names the layer and how many samples
 * a square matrix needs.
 */
class ShortSamplesTest {

    /** Compared at 1e-9 with an independent SVD: the exact route, not the default AUTO (within 1e-6). */
    private static final EffectiveRank.Method EXACT = EffectiveRank.Method.SVD_DOUBLE;

    static MultiLayerNetwork mlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().name("wide").nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(8).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    static List<String> warningsAbout(NearResult r, String layer) {
        return r.warnings().stream().filter(w -> w.contains("'" + layer + "'")).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void denseLayerWithTooFewSamples() {
        MultiLayerNetwork net = mlp();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 4);
        NearResult r = NearScorer.builder().blockMode(BlockMode.RANDOM).rankMethod(EXACT).build().score(net, x);
        MatrixScore pre = r.matrices().get(0);
        assertEquals(5, pre.rows());
        assertEquals(8, pre.cols());
        assertFalse(pre.isSquare());
        assertEquals(0, pre.blockStart());
        double want = Independent.erank(Independent.matrix(Independent.dense(x, net.getParam("0_W"),
                net.getParam("0_b")), "FF"));
        assertEquals(want, pre.effectiveRank(), 1e-9 * want);
        assertTrue(pre.effectiveRank() <= 5 + 1e-9, "bounded by the number of rows");
        List<String> w = warningsAbout(r, "wide");
        assertEquals(2, w.size(), "one warning per matrix (pre and post): " + r.warnings());
        for (String s : w) {
            assertTrue(s.contains("at least 8 samples"), s);
            assertTrue(s.contains("5 x 8"), s);
        }
        assertTrue(warningsAbout(r, "out").isEmpty(), "the 3-neuron output layer had enough rows");
        assertTrue(r.matrices().get(2).isSquare());
    }

    @Test
    void maxSamplesCanMakeALayerShort() {
        MultiLayerNetwork net = mlp();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, 4);
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).maxSamples(6).rankMethod(EXACT).build().score(net, x);
        assertEquals(6, r.samples());
        assertEquals(6, r.matrices().get(0).rows());
        double want = Independent.erank(Independent.matrix(Independent.dense(
                x.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()), net.getParam("0_W"), net.getParam("0_b")), "FF"));
        assertEquals(want, r.matrices().get(0).effectiveRank(), 1e-9 * want);
        assertEquals(2, warningsAbout(r, "wide").size());
    }

    @Test
    void convolutionNeedsSamplesByRowsPerImage() {
        // 10 channels on 2x2 maps: 4 rows per image, 3 images for 10 rows
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2)
                .dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv").nOut(10).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(3, 3, 1))
                .build());
        net.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 1, 3, 3);
        NearResult r = NearScorer.builder().build().score(net, x);
        MatrixScore conv = r.matrices().get(0);
        assertEquals(8, conv.rows());
        assertEquals(10, conv.cols());
        List<String> w = warningsAbout(r, "conv");
        assertEquals(1, w.size(), r.warnings().toString());
        assertTrue(w.get(0).contains("at least 3 samples"), w.get(0));
        assertTrue(warningsAbout(r, "out").isEmpty(), "2 samples, 2 neurons: " + r.warnings());
        // three images are enough: no warning for conv
        NearResult enough = NearScorer.builder().build().score(net, Nd4j.randn(DataType.DOUBLE, 3, 1, 3, 3));
        assertTrue(warningsAbout(enough, "conv").isEmpty(), enough.warnings().toString());
        assertTrue(enough.matrices().get(0).isSquare());
    }
}
