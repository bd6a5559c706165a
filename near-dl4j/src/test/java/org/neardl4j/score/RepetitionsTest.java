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
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R repetitions: the first with the model's weights, the others with freshly initialised copies (the
 * configuration's own weight and bias init, seeds derived from the scorer's seed); deterministic for a seed,
 * different between repetitions; mean and sample standard deviation.
 */
class RepetitionsTest {

    static MultiLayerNetwork mlp(WeightInit init) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().name("d").nIn(5).nOut(5).weightInit(init).biasInit(0.5)
                        .activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    static final INDArray X = Nd4j.randn(DataType.DOUBLE, 12, 5);

    @Test
    void firstRepetitionUsesTheModelsWeightsOthersTheConfiguredInit() {
        // the configuration initialises "d" to the identity with bias 0.5; the user's model has other weights
        MultiLayerNetwork net = mlp(WeightInit.IDENTITY);
        INDArray userW = Nd4j.randn(DataType.DOUBLE, 5, 5);
        net.setParam("0_W", userW);
        NearResult r = NearScorer.builder().repetitions(3).blockMode(BlockMode.FIRST).seed(1)
                .rankMethod(EffectiveRank.Method.SVD_DOUBLE).build().score(net, X);
        assertEquals(3, r.repetitions().size());
        double userPre = Independent.erank(Independent.block(Independent.matrix(
                Independent.dense(X, userW, net.getParam("0_b")), "FF"), 0));
        assertEquals(userPre, r.repetitions().get(0).matrices().get(0).effectiveRank(), 1e-9 * userPre);
        assertEquals(r.matrices(), r.repetitions().get(0).matrices());
        // fresh copies: Z = X I + 0.5
        double freshPre = Independent.erank(Independent.block(Independent.matrix(X.add(0.5), "FF"), 0));
        for (int rep = 1; rep < 3; rep++) {
            assertEquals(freshPre, r.repetitions().get(rep).matrices().get(0).effectiveRank(), 1e-9 * freshPre,
                    "repetition " + rep);
        }
        assertTrue(Math.abs(freshPre - userPre) > 1e-3, "the test can tell the two apart");
        // the first repetition is what a single-repetition scorer gives
        NearResult one = NearScorer.builder().blockMode(BlockMode.FIRST).seed(1)
                .rankMethod(EffectiveRank.Method.SVD_DOUBLE).build().score(net, X);
        assertEquals(one.score(), r.scores().get(0), 0.0);
        assertEquals(userW, net.getParam("0_W"), "the user's weights are untouched");
    }

    @Test
    void deterministicForASeedDifferentBetweenRepetitions() {
        MultiLayerNetwork net = mlp(WeightInit.XAVIER);
        for (BlockMode mode : BlockMode.values()) {
            NearScorer s = NearScorer.builder().repetitions(4).blockMode(mode).seed(42).build();
            NearResult a = s.score(net, X);
            NearResult b = s.score(net, X);
            assertEquals(a.repetitions(), b.repetitions(), mode + ": same seed, same result");
            Set<Double> distinct = new HashSet<>(a.scores());
            assertEquals(4, distinct.size(), mode + ": repetitions differ " + a.scores());
            NearResult c = s.toBuilder().seed(43).build().score(net, X);
            for (int rep = 1; rep < 4; rep++) {
                assertNotEquals(a.scores().get(rep), c.scores().get(rep), mode + ": another seed, other weights");
            }
            if (mode == BlockMode.FIRST) {
                assertEquals(a.scores().get(0), c.scores().get(0), 0.0, "the model's own weights do not depend on the seed");
            }
        }
    }

    @Test
    void randomBlocksAreDrawnAfreshEachRepetition() {
        MultiLayerNetwork net = mlp(WeightInit.XAVIER);
        INDArray many = Nd4j.randn(DataType.DOUBLE, 200, 5);
        NearResult r = NearScorer.builder().repetitions(6).blockMode(BlockMode.RANDOM).seed(3).build().score(net, many);
        Set<Long> starts = new HashSet<>();
        for (RepetitionScore rep : r.repetitions()) {
            MatrixScore m = rep.matrices().get(0);
            assertEquals(0, m.blockStart() % 5);
            assertTrue(m.blockStart() + 5 <= 200);
            starts.add(m.blockStart());
        }
        assertTrue(starts.size() > 1, "block starts " + starts);
    }

    @Test
    void meanAndStandardDeviation() {
        NearResult r = NearScorer.builder().repetitions(5).seed(8).build().score(mlp(WeightInit.XAVIER), X);
        List<Double> s = r.scores();
        double mean = 0;
        for (double v : s) {
            mean += v;
        }
        mean /= s.size();
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (s.size() - 1));
        assertEquals(mean, r.score(), 1e-12 * mean);
        assertEquals(sd, r.standardDeviation(), 1e-9 * sd);
        assertTrue(sd > 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(r.repetitions().get(i).total(), s.get(i), 0.0);
            double sum = r.repetitions().get(i).matrices().stream().mapToDouble(MatrixScore::effectiveRank).sum();
            assertEquals(sum, s.get(i), 1e-12 * sum);
        }
        NearResult single = NearScorer.builder().build().score(mlp(WeightInit.XAVIER), X);
        assertEquals(0.0, single.standardDeviation(), 0.0);
        assertEquals(single.scores().get(0), single.score(), 0.0);
        assertTrue(r.toString().contains("5 repetitions"), r.toString());
    }
}
