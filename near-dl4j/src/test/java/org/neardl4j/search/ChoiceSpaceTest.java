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
package org.neardl4j.search;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.proxy.NearProxy;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.SelectionResult;
import org.neardl4j.tune.Variants;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user's space of named choices. */
class ChoiceSpaceTest {

    private static MultiLayerNetwork mlp(int width, Activation act) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(width).activation(act).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static ChoiceSpace space() {
        return ChoiceSpace.builder()
                .choice("width", List.of(4, 8, 16))
                .choice("activation", List.of(Activation.RELU, Activation.TANH))
                .choice("skip", List.of(false, true))
                .template(c -> mlp(c.get("width", Integer.class), c.get("activation", Activation.class)))
                .build();
    }

    @Test
    void enumerateSampleMutateParse() {
        ChoiceSpace s = space();
        assertEquals(12, s.size());
        List<Choices> all = s.enumerate().orElseThrow();
        assertEquals(12, all.size());
        assertEquals(12, all.stream().distinct().count());
        assertEquals("width=4,activation=RELU,skip=false", s.name(all.get(0)));
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 50; i++) {
            Choices p = s.sample(rng);
            Choices c = s.mutate(p, rng);
            long changed = p.values().keySet().stream().filter(k -> !p.values().get(k).equals(c.values().get(k)))
                    .count();
            assertEquals(1, changed);
            assertEquals(c, s.parse(s.name(c)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.parse("width=5,activation=RELU,skip=false"));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChoiceSpace.builder().choice("a", List.of(1, 1)));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void aOneChoiceSpaceSearchedExhaustivelyRanksAsRankVariants() {
        Random r = new Random(3);
        float[] x = new float[32 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        INDArray f = Nd4j.create(x, new long[] {32, 8}, 'c');
        List<Activation> acts = Variants.activations().subList(0, 4);
        NearScorer scorer = NearScorer.builder().repetitions(1).seed(5).build();
        SelectionResult<Activation> ranked = ArchitectureRanking.builder().scorer(scorer).build()
                .rankVariants(acts, a -> mlp(8, a), f);
        ChoiceSpace s = ChoiceSpace.builder().choice("activation", acts).template(c -> mlp(8,
                c.get("activation", Activation.class))).build();
        SearchResult<Choices> found = ArchitectureSearch.builder(s, ProxyFitness.of(s, List.of(new NearProxy(scorer)),
                new DataSet(f, null))).strategy(Strategy.exhaustive()).top(4).build().run();
        assertEquals(ranked.best(), found.best().get("activation", Activation.class));
        for (int i = 0; i < 4; i++) {
            assertEquals(ranked.ranking().entries().get(i).name(),
                    String.valueOf(found.finalists().get(i).get("activation", Activation.class)));
            assertEquals(ranked.ranking().entries().get(i).score(), found.ranking().get(i).fitness(), 1e-9);
        }
    }
}
