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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.RepetitionScore;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.tune.TuneFixtures.features;
import static org.neardl4j.tune.TuneFixtures.mlp;

/**
 * ArchitectureRanking and WidthEstimator score with their scorer's block mode and sample limit: their values equal
 * NearScorer's with those options, and differ from the defaults (a tool that ignored them would fail).
 */
class ToolOptionsTest {

    static final NearScorer OPTIONS = NearScorer.builder().blockMode(BlockMode.FIRST).maxSamples(30).repetitions(2)
            .seed(4).build();

    @Test
    void architectureRankingUsesMaxSamplesAndBlockMode() {
        INDArray x = features(90, 21);
        ArchitectureRanking ranking = ArchitectureRanking.builder().scorer(OPTIONS).build();
        RankingResult onArray = ranking.rank(List.of(Candidate.ofModel("w8", mlp(8)), Candidate.ofModel("w24", mlp(24))), x);
        INDArray labels = Nd4j.zeros(x.dataType(), 90, TuneFixtures.CLASSES);
        RankingResult onIterator = ranking.rank(List.of(Candidate.ofModel("w8", mlp(8)), Candidate.ofModel("w24", mlp(24))),
                new ListDataSetIterator<>(List.of(new DataSet(x, labels)), 1));
        for (String name : List.of("w8", "w24")) {
            MultiLayerNetwork same = mlp(name.equals("w8") ? 8 : 24);
            NearResult want = OPTIONS.score(same, x);
            for (RankingResult r : List.of(onArray, onIterator)) {
                NearResult got = r.get(name).result();
                assertEquals(want.scores(), got.scores(), name);
                assertEquals(30, got.samples(), name + ": maxSamples");
                assertTrue(got.matrices().stream().allMatch(m -> m.blockStart() == 0), name + ": FIRST blocks");
            }
            // the options change the value
            double defaults = NearScorer.builder().repetitions(2).seed(4).build().score(same, x).score();
            assertTrue(Math.abs(defaults - onArray.get(name).score()) > 1e-6, name);
        }
    }

    @Test
    void widthEstimatorUsesMaxSamplesAndBlockMode() {
        INDArray x = features(80, 22);
        int[] widths = {4, 8, 16, 32};
        WidthEstimate e = WidthEstimator.builder().widths(widths).layer("hidden").scorer(OPTIONS).build()
                .estimate(TuneFixtures::mlp, x);
        WidthEstimate defaults = WidthEstimator.builder().widths(widths).layer("hidden")
                .scorer(NearScorer.builder().repetitions(2).seed(4).build()).build().estimate(TuneFixtures::mlp, x);
        boolean differs = false;
        for (int i = 0; i < widths.length; i++) {
            NearResult r = OPTIONS.score(mlp(widths[i]), x);
            assertEquals(30, r.samples());
            double sum = 0;
            for (RepetitionScore rep : r.repetitions()) {
                for (MatrixScore m : rep.matrices()) {
                    if (m.layerName().equals("hidden")) {
                        assertEquals(0, m.blockStart());
                        sum += m.effectiveRank();
                    }
                }
            }
            assertEquals(sum / 2 / widths[i] / 2, e.points().get(i).ratio(), 1e-12, "width " + widths[i]);
            differs |= Math.abs(defaults.points().get(i).ratio() - e.points().get(i).ratio()) > 1e-9;
        }
        assertTrue(differs, "the options change the points");
    }
}
