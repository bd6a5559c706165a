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
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.sampling.BlockMode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scoring leaves ND4J's global random generator alone: the block choice uses the scorer's own seeded generator,
 * fresh initialisations run on a thread of their own, and dropout / weight noise (which draw from ND4J's
 * generator) are removed from the working copy. Proven by drawing the same sequence with and without scoring.
 */
class GlobalRandomTest {

    /** Dropout on a dense layer, weight noise, and dropout inside Bidirectional and LastTimeStep wrappers. */
    static MultiLayerNetwork noisyNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).list()
                .layer(new Bidirectional(new LSTM.Builder().nIn(3).nOut(4).dropOut(0.5).build()))
                .layer(new LastTimeStep(new LSTM.Builder().nIn(8).nOut(6).dropOut(0.5).build()))
                .layer(new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.RELU).dropOut(0.5)
                        .weightNoise(new DropConnect(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    static double[] draw() {
        return Nd4j.rand(DataType.DOUBLE, 1, 6).toDoubleVector();
    }

    static void assertGlobalSequenceUnchanged(Runnable scoring) {
        Nd4j.getRandom().setSeed(20240501L);
        double[] want = draw();
        Nd4j.getRandom().setSeed(20240501L);
        scoring.run();
        assertEquals(20240501L, Nd4j.getRandom().getSeed(), "seed of the calling thread");
        double[] got = draw();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 0.0, "draw " + i + " after scoring");
        }
    }

    @Test
    void multiLayerNetwork() {
        MultiLayerNetwork net = noisyNetwork();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3, 4);
        for (int reps : new int[] {1, 3}) {
            NearScorer s = NearScorer.builder().repetitions(reps).blockMode(BlockMode.RANDOM).seed(9).build();
            assertGlobalSequenceUnchanged(() -> s.score(net, x));
        }
    }

    @Test
    void computationGraph() {
        ComputationGraph g = noisyNetwork().toComputationGraph();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3, 4);
        NearScorer s = NearScorer.builder().repetitions(3).blockMode(BlockMode.RANDOM).seed(9).build();
        assertGlobalSequenceUnchanged(() -> s.score(g, x));
    }

    /** Without dropout in the copy, scoring twice gives the same matrices (random blocks included). */
    @Test
    void noiseIsRemovedSoScoresRepeat() {
        MultiLayerNetwork net = noisyNetwork();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3, 4);
        NearScorer s = NearScorer.builder().repetitions(2).blockMode(BlockMode.RANDOM).seed(9).build();
        NearResult a = s.score(net, x);
        Nd4j.getRandom().setSeed(777);
        NearResult b = s.score(net, x);
        assertEquals(a.repetitions(), b.repetitions());
    }
}
