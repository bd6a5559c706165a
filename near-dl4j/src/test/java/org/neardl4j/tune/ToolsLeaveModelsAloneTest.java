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
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.Untouched;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;

import static org.neardl4j.tune.TuneFixtures.features;
import static org.neardl4j.tune.TuneFixtures.mlp;

/**
 * ArchitectureRanking and WidthEstimator leave the caller's models (trained: updater state and counters set) and
 * the caller's arrays and DataSets (labels and masks included) as they were, bit for bit.
 */
class ToolsLeaveModelsAloneTest {

    static MultiLayerNetwork trained(int width, INDArray x) {
        MultiLayerNetwork net = mlp(width);
        INDArray y = Nd4j.zeros(x.dataType(), x.size(0), TuneFixtures.CLASSES);
        for (int i = 0; i < x.size(0); i++) {
            y.putScalar(i, i % TuneFixtures.CLASSES, 1);
        }
        net.fit(x, y);
        net.fit(x, y);
        net.incrementEpochCount();
        return net;
    }

    static DataSet withLabelsAndMasks(INDArray x) {
        long n = x.size(0);
        return new DataSet(x, Nd4j.zeros(x.dataType(), n, TuneFixtures.CLASSES), Nd4j.ones(x.dataType(), n, 1),
                Nd4j.ones(x.dataType(), n, TuneFixtures.CLASSES));
    }

    @Test
    void architectureRanking() {
        INDArray x = features(40, 5);
        MultiLayerNetwork a = trained(8, x);
        MultiLayerNetwork b = trained(16, x);
        DataSet ds = withLabelsAndMasks(features(40, 6));
        Untouched.Snapshot before = Untouched.of(a, b, x, ds);
        for (boolean fresh : new boolean[] {false, true}) {
            ArchitectureRanking r = ArchitectureRanking.builder().freshWeights(fresh)
                    .scorer(NearScorer.builder().repetitions(2).seed(4).build()).build();
            r.rank(List.of(Candidate.ofModel("a", a), Candidate.ofModel("b", b)), x);
            r.rank(List.of(Candidate.ofModel("a", a), Candidate.ofModel("b", b)), new ListDataSetIterator<>(List.of(ds), 1));
            before.assertUnchanged();
        }
    }

    @Test
    void widthEstimator() {
        INDArray x = features(70, 7);
        DataSet ds = withLabelsAndMasks(features(70, 8));
        List<Model> built = new ArrayList<>();
        List<Untouched.Snapshot> snapshots = new ArrayList<>();
        WidthEstimator e = WidthEstimator.builder().widths(4, 8, 16, 32).layer("hidden")
                .scorer(NearScorer.builder().repetitions(2).seed(3).build()).build();
        Untouched.Snapshot callers = Untouched.of(x, ds);
        e.estimate(w -> {
            MultiLayerNetwork net = trained(w, x);
            built.add(net);
            snapshots.add(Untouched.of(net));
            return net;
        }, x);
        e.estimate(w -> {
            MultiLayerNetwork net = trained(w, x);
            built.add(net);
            snapshots.add(Untouched.of(net));
            return net;
        }, new ListDataSetIterator<>(List.of(ds), 1));
        callers.assertUnchanged();
        snapshots.forEach(Untouched.Snapshot::assertUnchanged);
        org.junit.jupiter.api.Assertions.assertEquals(8, built.size());
    }
}
