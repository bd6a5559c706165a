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
package org.neardl4j.listener;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener scores with its scorer's options (block mode, sample limit, seed) and with the probe given in each
 * form (arrays, DataSet, MultiDataSet): each compared with NearScorer on the same model, and shown to matter.
 */
class ListenerOptionsTest {

    static INDArray gaussian(long seed, int n, int f) {
        Random r = new Random(seed);
        float[] x = new float[n * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, new long[] {n, f}, 'c');
    }

    static ListDataSetIterator<DataSet> batches(INDArray x) {
        List<DataSet> b = new ArrayList<>();
        for (int i = 0; i < x.size(0); i += 16) {
            INDArray f = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 16),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            INDArray y = Nd4j.zeros(f.dataType(), 16, 3);
            for (int k = 0; k < 16; k++) {
                y.putScalar(k, (i + k) % 3, 1);
            }
            b.add(new DataSet(f, y));
        }
        return new ListDataSetIterator<>(b, 1);
    }

    /** The record at the start (untrained model) and at the end of the first epoch, with the model at each. */
    static List<NearRecord> startAndFirstEpoch(NearListener listener, MultiLayerNetwork net, INDArray train,
                                               List<MultiLayerNetwork> states) {
        states.add(net.clone());
        net.setListeners(listener);
        net.fit(batches(train), 1);
        states.add(net.clone());
        return listener.history().records();
    }

    @Test
    void blockModeMaxSamplesAndSeedOfTheScorer() {
        INDArray probe = gaussian(1, 64, 20);
        INDArray train = gaussian(2, 64, 20);
        for (NearScorer options : List.of(NearScorer.builder().blockMode(BlockMode.FIRST).maxSamples(24).seed(5).build(),
                NearScorer.builder().blockMode(BlockMode.RANDOM).maxSamples(40).seed(11).build())) {
            List<MultiLayerNetwork> states = new ArrayList<>();
            List<NearRecord> records = startAndFirstEpoch(NearListener.builder().probe(probe).scorer(options)
                    .everyEpochs(1).atStart().failOnError(true).build(), NearListenerTest.mlp(), train, states);
            assertEquals(2, records.size());
            for (int i = 0; i < 2; i++) {
                NearResult got = records.get(i).result();
                NearResult want = options.score(states.get(i), probe);
                assertEquals(want.scores(), got.scores(), "record " + i + " = NearScorer with the same options");
                assertEquals(options.maxSamples(), got.samples(), "maxSamples");
                assertEquals(options.blockMode(), got.provenance().blockMode());
                assertEquals(options.seed(), got.provenance().seed());
                for (int m = 0; m < got.matrices().size(); m++) {
                    assertEquals(want.matrices().get(m).blockStart(), got.matrices().get(m).blockStart());
                }
            }
            // each option changes the value: a listener that ignored it would not have matched above
            MultiLayerNetwork start = states.get(0);
            double value = records.get(0).score();
            assertTrue(Math.abs(value - options.toBuilder().maxSamples(Long.MAX_VALUE).build().score(start, probe)
                    .score()) > 1e-6, "maxSamples");
            if (options.blockMode() == BlockMode.FIRST) {
                assertTrue(records.get(0).result().matrices().stream().allMatch(m -> m.blockStart() == 0));
                NearResult random = options.toBuilder().blockMode(BlockMode.RANDOM).build().score(start, probe);
                assertTrue(random.matrices().stream().mapToLong(MatrixScore::blockStart).anyMatch(b -> b != 0));
                assertTrue(Math.abs(value - random.score()) > 1e-6, "blockMode");
            } else {
                assertTrue(Math.abs(value - options.toBuilder().seed(12).build().score(start, probe).score()) > 1e-6,
                        "the seed of the block choice");
            }
        }
    }

    @Test
    void probeAsArraysDataSetOrMultiDataSet() {
        INDArray probe = gaussian(3, 32, 20);
        INDArray labels = Nd4j.ones(probe.dataType(), 32, 3);
        INDArray other = gaussian(4, 32, 20);
        NearScorer scorer = NearScorer.builder().seed(9).build();
        MultiLayerNetwork untrained = NearListenerTest.mlp();
        double expected = scorer.score(untrained, probe).score();
        assertTrue(Math.abs(expected - scorer.score(untrained, other).score()) > 1e-6, "another probe scores otherwise");
        for (NearListener.Builder b : List.of(NearListener.builder().probe(probe),
                NearListener.builder().probe(new DataSet(probe, labels)))) {
            NearListener l = b.scorer(scorer).everyEpochs(1).atStart().failOnError(true).build();
            MultiLayerNetwork net = NearListenerTest.mlp();
            net.setListeners(l);
            net.fit(batches(other), 1);
            assertEquals(expected, l.history().records().get(0).score(), 0, "the probe, not the training batch");
        }
        ComputationGraph g0 = NearListenerTest.graph();
        double graphExpected = scorer.score(g0, probe).score();
        NearListener l = NearListener.builder().probe(new MultiDataSet(new INDArray[] {probe}, new INDArray[] {labels}))
                .scorer(scorer).everyEpochs(1).atStart().failOnError(true).build();
        ComputationGraph g = NearListenerTest.graph();
        g.setListeners(l);
        g.fit(batches(other), 1);
        assertEquals(graphExpected, l.history().records().get(0).score(), 0);
        assertEquals(scorer.score(g, probe).score(), l.history().last().score(), 0);
    }
}
