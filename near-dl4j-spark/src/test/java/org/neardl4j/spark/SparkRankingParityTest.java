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
package org.neardl4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20 candidates ranked by {@link ArchitectureRanking} in this JVM and by {@link SparkRanking} on {@code local[1]} and
 * {@code local[2]} with 1, 3 and 7 partitions: the same ranking, every value bit for bit.
 */
class SparkRankingParityTest {

    private static final INDArray PROBE = SparkFixtures.probe(96, 5);
    private static final NearScorer SCORER = NearScorer.builder().repetitions(2).seed(77).build();
    private static final List<Candidate> LOCAL = new ArrayList<>();
    private static final List<SparkCandidate> REMOTE = new ArrayList<>();

    @BeforeAll
    static void candidates() {
        Activation[] acts = {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.ELU};
        for (int i = 0; i < 14; i++) {
            String name = "mlp-" + i;
            var conf = SparkFixtures.mlp(8 + 6 * i, 1 + i % 3, acts[i % acts.length], 100 + i);
            LOCAL.add(Candidate.ofConfiguration(name, conf));
            REMOTE.add(SparkCandidate.ofConfiguration(name, conf));
        }
        for (int i = 0; i < 6; i++) {
            String name = "res-" + i;
            var conf = SparkFixtures.residual(12 + 10 * i, 200 + i);
            LOCAL.add(Candidate.ofConfiguration(name, conf));
            REMOTE.add(SparkCandidate.ofConfiguration(name, conf));
        }
    }

    @Test
    void sparkGivesTheSingleMachineRanking() {
        RankingResult expected = ArchitectureRanking.builder().scorer(SCORER).build().rank(LOCAL, PROBE);
        assertEquals(20, expected.entries().size());
        for (String master : List.of("local[1]", "local[2]")) {
            try (JavaSparkContext sc = SparkFixtures.context(master)) {
                for (int partitions : new int[] {1, 3, 7}) {
                    RankingResult got = SparkRanking.builder()
                            .ranking(ArchitectureRanking.builder().scorer(SCORER).build()).partitions(partitions)
                            .build().rank(sc, REMOTE, PROBE);
                    String where = master + ", " + partitions + " partition(s)";
                    assertEquals(expected.names(), got.names(), where);
                    for (RankedCandidate e : expected.entries()) {
                        RankedCandidate g = got.get(e.name());
                        assertEquals(e.rank(), g.rank(), where);
                        assertEquals(e.scores(), g.scores(), where + ": " + e.name());
                        assertEquals(e.result().matrices(), g.result().matrices(), where + ": " + e.name());
                        assertEquals(e.parameters(), g.parameters(), where);
                    }
                    assertEquals(expected.toCsv(), got.toCsv(), where);
                }
            }
        }
    }

    @Test
    void theRankingsOptionsReachTheExecutors() {
        ArchitectureRanking fresh = ArchitectureRanking.builder().scorer(SCORER).freshWeights(true).build();
        List<Candidate> local = LOCAL.subList(0, 6);
        List<SparkCandidate> remote = REMOTE.subList(0, 6);
        RankingResult expected = fresh.rank(local, PROBE);
        RankingResult own = ArchitectureRanking.builder().scorer(SCORER).build().rank(local, PROBE);
        assertNotEquals(own.toCsv(), expected.toCsv(), "fresh weights must change the values of these candidates");
        SparkRanking spark = SparkRanking.builder().ranking(fresh).partitions(3).build();
        assertTrue(spark.local().freshWeights());
        assertTrue(spark.local().isolateFailures(), "the cluster always isolates failures");
        try (JavaSparkContext sc = SparkFixtures.context("local[2]")) {
            assertEquals(expected.toCsv(), spark.rank(sc, remote, PROBE).toCsv());
        }
    }
}
