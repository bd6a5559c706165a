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

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.score.NearScorer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolated failures, merging rankings of parts, and results that survive Java serialisation (for Spark). */
class RankingFailuresTest {

    private static final INDArray X = TuneFixtures.features(64, 3);

    /** nIn 5 where the data has 12 features: the forward pass fails, naming the layer. */
    private static MultiLayerConfiguration wrongInput() {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static List<Candidate> candidates() {
        return List.of(Candidate.ofConfiguration("w8", TuneFixtures.mlpConf(8)),
                Candidate.ofConfiguration("bad-input", wrongInput()),
                Candidate.ofConfiguration("w32", TuneFixtures.mlpConf(32)),
                Candidate.ofSupplier("throws", () -> {
                    throw new IllegalStateException("cannot build this one");
                }),
                Candidate.ofConfiguration("w16", TuneFixtures.mlpConf(16)));
    }

    private static ArchitectureRanking ranking(boolean isolate) {
        return ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(2).seed(4).build())
                .isolateFailures(isolate).build();
    }

    @Test
    void isolatedFailuresAreReportedAndTheOthersRanked() {
        RankingResult r = ranking(true).rank(candidates(), X);
        assertEquals(3, r.entries().size());
        assertEquals(List.of("bad-input", "throws"), r.failures().stream().map(CandidateFailure::name).toList());
        assertEquals("java.lang.IllegalStateException", r.failures().get(1).type());
        assertEquals("cannot build this one", r.failures().get(1).error());
        assertTrue(r.toString().contains("failed: bad-input"), r.toString());
        assertTrue(r.toJson().contains("\"failures\""));
        // the others get exactly the scores of a ranking without the failing candidates
        RankingResult clean = ranking(false).rank(List.of(candidates().get(0), candidates().get(2),
                candidates().get(4)), X);
        for (RankedCandidate c : clean.entries()) {
            assertEquals(c.scores(), r.get(c.name()).scores());
            assertEquals(c.rank(), r.get(c.name()).rank());
        }
    }

    @Test
    void withoutIsolationTheFirstFailureStopsTheRanking() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ranking(false).rank(candidates(), X));
        assertTrue(e.getMessage().contains("candidate 'bad-input'"), e.getMessage());
    }

    @Test
    void mergingOneRankingPerCandidateGivesTheWholeRanking() throws Exception {
        ArchitectureRanking ranking = ranking(true);
        RankingResult whole = ranking.rank(candidates(), X);
        List<RankingResult> parts = new ArrayList<>();
        for (Candidate c : candidates()) {
            parts.add(roundTrip(ranking.rank(List.of(c), X)));     // as a Spark executor would send it back
        }
        RankingResult merged = RankingResult.merge(parts);
        assertEquals(whole.names(), merged.names());
        assertEquals(whole.failures(), merged.failures());
        for (RankedCandidate c : whole.entries()) {
            assertEquals(c.result().scores(), merged.get(c.name()).result().scores());
            assertEquals(c.result().matrices(), merged.get(c.name()).result().matrices());
            assertEquals(c.parameters(), merged.get(c.name()).parameters());
        }
        assertThrows(IllegalArgumentException.class, () -> RankingResult.merge(List.of(parts.get(0), parts.get(0))));
        RankingResult otherSeed = ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(2).seed(5)
                .build()).build().rank(List.of(candidates().get(2)), X);
        assertThrows(IllegalArgumentException.class, () -> RankingResult.merge(List.of(parts.get(0), otherSeed)));
    }

    private static RankingResult roundTrip(RankingResult r) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RankingResult) in.readObject();
        }
    }
}
