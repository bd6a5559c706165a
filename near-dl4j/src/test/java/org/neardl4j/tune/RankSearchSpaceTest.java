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
package org.neardl4j.tune;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ChoiceSpace;
import org.neardl4j.search.Nb101Space;
import org.neardl4j.space.Nb101Network;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.tune.TuneFixtures.features;
import static org.neardl4j.tune.TuneFixtures.mlp;
import static org.neardl4j.tune.TuneFixtures.mlpConf;

/** Ranking every candidate of a search space; variants as a space of one choice. */
class RankSearchSpaceTest {

    private static final INDArray X = features(64, 5);
    private static final NearScorer SCORER = NearScorer.builder().repetitions(2).seed(4).build();
    private static final ArchitectureRanking RANKING = ArchitectureRanking.builder().scorer(SCORER).build();

    private static ChoiceSpace space() {
        return ChoiceSpace.builder()
                .choice("width", List.of(4, 16))
                .choice("activation", List.of(Activation.RELU, Activation.TANH, Activation.IDENTITY))
                .template(c -> mlp(mlpConf(c.get("width", Integer.class), c.get("activation", Activation.class),
                        WeightInit.XAVIER, 42)))
                .build();
    }

    @Test
    void everyCandidateOfAChoiceSpaceIsScoredAsOnItsOwn() {
        RankingResult r = RANKING.rank(space(), X);
        assertEquals(6, r.entries().size());
        List<String> expected = new ArrayList<>();
        for (int w : new int[] {4, 16}) {
            for (Activation a : List.of(Activation.RELU, Activation.TANH, Activation.IDENTITY)) {
                String name = "width=" + w + ",activation=" + a;
                expected.add(name);
                double direct = SCORER.score(mlp(mlpConf(w, a, WeightInit.XAVIER, 42)), X).score();
                assertEquals(direct, r.get(name).score(), 1e-9, name);
            }
        }
        assertTrue(r.names().containsAll(expected));
        for (int i = 1; i < r.entries().size(); i++) {
            assertTrue(r.entries().get(i - 1).score() >= r.entries().get(i).score());
        }
        // the same ranking on batches from an iterator holding the same data
        RankingResult it = RANKING.rank(space(), new ListDataSetIterator<>(List.of(new DataSet(X,
                Nd4j.zeros(64, TuneFixtures.CLASSES))), 1));
        for (String name : expected) {
            assertEquals(r.get(name).score(), it.get(name).score(), 1e-6, name);
        }
    }

    @Test
    void aSpaceThatDoesNotListItsCandidatesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RANKING.rank(Nb101Space.full(Nb101Network.defaults()), X));
        assertTrue(e.getMessage().contains("nb101") && e.getMessage().contains("does not list"), e.getMessage());
    }

    @Test
    void oneVariantIsRankedAlone() {
        SelectionResult<Activation> s = RANKING.rankVariants(List.of(Activation.TANH),
                a -> mlp(mlpConf(8, a, WeightInit.XAVIER, 42)), X);
        assertEquals(Activation.TANH, s.best());
        assertEquals(List.of("TANH"), s.ranking().names());
        assertEquals(SCORER.score(mlp(mlpConf(8, Activation.TANH, WeightInit.XAVIER, 42)), X).score(),
                s.ranking().best().score(), 1e-9);
    }

    @Test
    void variantsRankAsTheirOneChoiceSpace() {
        List<WeightInit> inits = List.of(WeightInit.XAVIER, WeightInit.RELU, WeightInit.UNIFORM);
        SelectionResult<WeightInit> s = RANKING.rankVariants(inits, w -> mlp(mlpConf(8, Activation.RELU, w, 42)), X);
        ChoiceSpace one = ChoiceSpace.builder().choice("init", inits)
                .template(c -> mlp(mlpConf(8, Activation.RELU, c.get("init", WeightInit.class), 42))).build();
        RankingResult r = RANKING.rank(one, X);
        for (int i = 0; i < inits.size(); i++) {
            assertEquals("init=" + s.ranked().get(i), r.names().get(i));
            assertEquals(s.ranking().entries().get(i).score(), r.entries().get(i).score(), 0);
        }
    }
}
