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

import org.apache.commons.csv.CSVRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Evaluation;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark's {@code local-cluster[2,1,2048]} master: a Master and two Workers in this JVM whose executors are two
 * separate JVMs started from the build's Spark home ({@code target/spark-home/jars}), with this JVM's classes. The ranking of 20 NAS-Bench-201 networks on 10 images is {@code ArchitectureRanking}'s, bit for
 * bit; a candidate that kills its executor's JVM on every attempt is reported as failed and the others are ranked;
 * a search whose batches a {@link SparkFitness} scores in the executor JVMs has the history of the same search
 * scored in this JVM.
 */
class LocalClusterIT {

    private static final List<SparkCandidate> CELLS = new ArrayList<>();
    private static final INDArray PROBE = Nb201Sources.bundledImages(10, DataType.FLOAT);
    private static final SparkRanking RANKING = SparkRanking.builder()
            .ranking(ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(1).seed(7).build()).build())
            .build();
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        for (Nb201Cell c : SparkRankingMain.spread(Nb201Cell.all(), 20)) {
            CELLS.add(SparkCandidate.ofNb201(c.toString(), c.toString()));
        }
        SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,2048]").setAppName("near-dl4j-local-cluster")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "1g")
                .set("spark.task.maxFailures", "2")
                // the executors run the classes of this JVM (as Spark's own test suites do): results cross the
                // process boundary as the same classes (the shaded jar, Guava relocated, is StandaloneClusterIT's)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        ClusterFixtures.sparkHome();
        sc = new JavaSparkContext(conf);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void executorJvmsRankAsArchitectureRankingBitForBit(@TempDir Path dir) throws Exception {
        RankingResult expected = RANKING.local().rank(CELLS.stream().map(SparkCandidate::toCandidate).toList(), PROBE);
        String out = dir.resolve("out").toUri().toString();
        RankingResult r = SparkRanking.builder().ranking(RANKING.local()).output(out).build().rank(sc, CELLS, PROBE);
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertEquals(expected.names(), r.names());
        for (RankedCandidate c : r.entries()) {
            assertEquals(expected.get(c.name()).scores(), c.scores(), c.name());
            assertEquals(expected.get(c.name()).result().matrices(), c.result().matrices(), c.name());
        }
        List<CSVRecord> rows = ClusterFixtures.rows(out);
        assertEquals(20, rows.size());
        Set<String> executors = new TreeSet<>();
        for (CSVRecord row : rows) {
            executors.add(row.get("executor"));
        }
        assertFalse(executors.contains("driver"), "every candidate was scored in an executor JVM: " + executors);
    }

    @Test
    void aCandidateThatKillsItsExecutorEveryTimeIsReportedAndTheOthersRanked() {
        List<SparkCandidate> list = new ArrayList<>(CELLS.subList(0, 3));
        list.add(1, SparkCandidate.of("exits", new ExitOnBuild()));   // its executor JVM dies on every attempt
        RankingResult expected = RANKING.local().rank(CELLS.subList(0, 3).stream().map(SparkCandidate::toCandidate)
                .toList(), PROBE);
        RankingResult r = RANKING.rank(sc, list, PROBE);
        assertEquals(expected.names(), r.names());
        for (RankedCandidate c : r.entries()) {
            assertEquals(expected.get(c.name()).scores(), c.scores(), c.name());
        }
        assertEquals(1, r.failures().size());
        CandidateFailure f = r.failures().get(0);
        assertEquals("exits", f.name());
        assertEquals(SparkRanking.TaskFailedException.class.getName(), f.type());
        assertTrue(f.error().contains("failed on all 2 attempt(s)") && f.error().contains("exited"), f.error());
    }

    @Test
    void aSearchScoredInExecutorJvmsHasTheHistoryOfThisJvm() {
        Nb201Space space = Nb201Space.full(Nb201Network.builder().initialisation(Initialisation.seeded(7)).build());
        Strategy evolution = Strategy.evolution(4, 2);
        SearchResult<Nb201Cell> remote = ArchitectureSearch.builder(space,
                        SparkFitness.builder(sc, space, PROBE).ranking(RANKING).build())
                .strategy(evolution).budget(8).batch(4).seed(3).build().run();
        // the same search scored here, one candidate at a time, by ArchitectureRanking's public API
        Fitness<Nb201Cell> here = new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of("near");
            }

            @Override
            public double[] score(Nb201Cell c) {
                RankingResult r = RANKING.local().rank(List.of(Candidate.ofSupplier(c.toString(),
                        () -> space.build(c))), PROBE);
                return new double[] {r.get(c.toString()).score()};
            }
        };
        SearchResult<Nb201Cell> local = ArchitectureSearch.builder(space, here).strategy(evolution).budget(8).batch(4)
                .seed(3).build().run();
        assertEquals(history(local), history(remote));
    }

    private static List<String> history(SearchResult<?> r) {
        List<String> out = new ArrayList<>();
        for (Evaluation e : r.evaluations()) {
            out.add(e.index() + " " + e.name() + " " + e.origin() + " " + e.values());
        }
        return out;
    }
}
