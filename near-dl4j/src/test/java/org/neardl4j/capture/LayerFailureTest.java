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

import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.neardl4j.score.NearScorer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MultiLayerMatricesTest.base;
import static org.neardl4j.capture.MultiLayerMatricesTest.gaussian;

/**
 * A layer whose forward pass fails is named with the reason: ND4J's native convolution prints "wrong shape of weights
 * array" to the console and throws only "Op validation failed", so the message also gives the input's shape and the
 * channel count the layer was configured for.
 */
class LayerFailureTest {

    @Test
    void aConvolutionFedTheWrongChannelCountSaysSo() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new Convolution1DLayer.Builder(3).name("conv1d_1").nIn(5).nOut(6).activation(Activation.RELU).build())
                .build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearScorer.builder().build().score(net, gaussian(4, 10, 7)));
        String m = e.getMessage();
        assertTrue(m.contains("'conv1d_1' (Convolution1DLayer, index 0)"), m);
        assertTrue(m.contains("Op validation failed"), "the cause chain: " + m);
        assertTrue(m.contains("input shape [4, 10, 7], NCW"), m);
        assertTrue(m.contains("the input has 10 channels on axis 1, the layer is configured for nIn = 5"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    @Test
    void aDenseLayerFedTheWrongWidthSaysSo() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().name("d").nIn(3).nOut(2).build())
                .build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearScorer.builder().build().score(net, gaussian(4, 5)));
        String m = e.getMessage();
        assertTrue(m.contains("'d'") && m.contains("DenseLayer"), m);
    }
}
