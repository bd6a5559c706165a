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

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on {@code local[2]} (tasks retried up to 3 times): results, failure isolation (bad JSON, NaN
 * activations, an out-of-memory error), a lost task retried with the same result, and a restarted job on the same
 * output that skips what is already there.
 */
class SparkRankingEndToEndTest {

    /** Networks built by the factories of this test (local mode: the executors run in this JVM). */
    static final AtomicInteger BUILT = new AtomicInteger();

    private static final INDArray PROBE = SparkFixtures.probe(64, 9);
    private static final NearScorer SCORER = NearScorer.builder().repetitions(2).seed(3).build();

    private static MultiLayerNetwork mlp(int width) {
        BUILT.incrementAndGet();
        MultiLayerNetwork n = new MultiLayerNetwork(SparkFixtures.mlp(width, 2, Activation.RELU, width));
        n.init();
        return n;
    }

    private static SparkCandidate good(int width) {
        return SparkCandidate.of("w" + width, () -> mlp(width));
    }

    private static List<SparkCandidate> firstRun() {
        List<SparkCandidate> c = new ArrayList<>();
        c.add(good(6));
        c.add(SparkCandidate.ofJson("bad-json", "{\"confs\": [ this is not json"));
        c.add(good(12));
        c.add(SparkCandidate.of("nan-weights", () -> {
            MultiLayerNetwork n = mlp(7);
            n.setParams(Nd4j.valueArrayOf(n.numParams(), Double.NaN));
            return n;
        }));
        c.add(SparkCandidate.of("out-of-memory", () -> {
            throw new OutOfMemoryError("simulated: cannot allocate the activations");
        }));
        c.add(SparkCandidate.of("lost-once", () -> {
            if (TaskContext.get() != null && TaskContext.get().attemptNumber() == 0) {
                throw new AssertionError("simulated task loss on the first attempt");   // not isolated: the task fails
            }
            return mlp(9);
        }));
        c.add(SparkCandidate.of("fails-every-time", () -> {
            throw new AssertionError("simulated error on every attempt");          // not isolated either
        }));
        c.add(good(20));
        return c;
    }

    @Test
    void ranksIsolatesFailuresRetriesLostTasksAndResumes(@TempDir Path dir) throws Exception {
        String out = dir.resolve("out").toUri().toString();     // file:///...: through Hadoop's FileSystem
        assertTrue(out.startsWith("file:/"), out);
        SparkRanking ranking = SparkRanking.builder()
                .ranking(ArchitectureRanking.builder().scorer(SCORER).build()).output(out).build();
        MultiLayerNetwork saved = mlp(14);
        Path zip = dir.resolve("saved.zip");
        ModelSerializer.writeModel(saved, zip.toFile(), false);
        // expected values, computed in this JVM without Spark
        RankingResult expected = ranking.local().rank(List.of(good(6).toCandidate(), good(12).toCandidate(),
                SparkCandidate.of("lost-once", () -> mlp(9)).toCandidate(), good(20).toCandidate(),
                good(30).toCandidate(), Candidate.ofModel("from-file", saved)), PROBE);
        try (JavaSparkContext sc = SparkFixtures.context("local[2,3]")) {
            RankingResult first = ranking.rank(sc, firstRun(), PROBE);
            assertEquals(List.of("w6", "w12", "lost-once", "w20").stream().sorted().toList(),
                    first.names().stream().sorted().toList());
            for (RankedCandidate c : first.entries()) {
                assertEquals(expected.get(c.name()).scores(), c.scores(), c.name());
                assertEquals(expected.get(c.name()).result().matrices(), c.result().matrices(), c.name());
            }
            List<CandidateFailure> failures = first.failures();
            assertEquals(List.of("bad-json", "nan-weights", "out-of-memory", "fails-every-time"),
                    failures.stream().map(CandidateFailure::name).toList());
            assertTrue(failures.get(1).error().contains("NaN"), failures.get(1).toString());
            assertEquals("java.lang.OutOfMemoryError", failures.get(2).type());
            // reported after the 3 attempts of local[2,3], with the error it threw
            assertTrue(failures.get(3).error().contains("java.lang.AssertionError: simulated error on every attempt")
                    && failures.get(3).error().contains("3 attempt(s)"), failures.get(3).toString());
            List<Path> parts = parts(dir.resolve("out"));
            assertEquals(1, parts.size(), "one part: everything arrived within the flush interval");
            List<String> rows = Files.readAllLines(parts.get(0), StandardCharsets.UTF_8);
            assertEquals(String.join(",", ResultStore.HEADER), rows.get(0));
            assertEquals(1 + 8, rows.size(), String.join("\n", rows));
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("lost-once,ok,") && r.contains(",1,driver,")),
                    "the lost task's row comes from its second attempt");
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("fails-every-time,failed,") && r.contains(",2,driver,")),
                    "reported on the third attempt");

            // a driver that died while writing a part left it under its hidden name; the job is restarted with two
            // more candidates
            Files.writeString(dir.resolve("out").resolve("_part-0000000000000-00000.csv"),
                    String.join(",", ResultStore.HEADER) + "\r\nw99,ok,12.5,0.1,\"12", StandardCharsets.UTF_8);
            int builtBefore = BUILT.get();
            List<SparkCandidate> more = new ArrayList<>(firstRun());
            more.add(good(30));
            more.add(SparkCandidate.ofModelFile("from-file", zip.toString()));
            RankingResult second = ranking.rank(sc, more, PROBE);
            assertEquals(1, BUILT.get() - builtBefore, "only the new candidates are scored");
            assertEquals(6, second.entries().size());
            assertEquals(4, second.failures().size());
            for (RankedCandidate c : second.entries()) {
                assertEquals(expected.get(c.name()).scores(), c.scores(), c.name());
            }
            assertEquals(expected.names(), second.names());
            assertEquals(2, parts(dir.resolve("out")).size());
        }
    }

    @Test
    void limitScoresAChunkAndTheNextCallTheRest(@TempDir Path dir) throws Exception {
        String out = dir.resolve("chunks").toUri().toString();
        SparkRanking chunk = SparkRanking.builder().ranking(ArchitectureRanking.builder().scorer(SCORER).build())
                .output(out).flushInterval(java.time.Duration.ZERO).limit(2).build();
        List<SparkCandidate> all = List.of(good(5), good(8), good(11));
        RankingResult expected = chunk.local().rank(all.stream().map(SparkCandidate::toCandidate).toList(), PROBE);
        try (JavaSparkContext sc = SparkFixtures.context("local[2]")) {
            RankingResult first = chunk.rank(sc, all, PROBE);
            assertEquals(List.of("w5", "w8"), first.names().stream().sorted().toList());
            assertEquals(2, parts(dir.resolve("chunks")).size(), "flush interval 0: one part per result");
            RankingResult second = chunk.rank(sc, all, PROBE);
            assertEquals(expected.names(), second.names());
            for (RankedCandidate c : second.entries()) {
                assertEquals(expected.get(c.name()).scores(), c.scores(), c.name());
            }
            assertEquals(3, parts(dir.resolve("chunks")).size());
        }
    }

    @Test
    void aJobAbortedByATaskFailingEveryAttemptNamesThatPartition() {
        // Spark 3.5's message when a task has failed spark.task.maxFailures times (an executor dying each time)
        RuntimeException e = new RuntimeException("Job aborted due to stage failure: Task 7 in stage 3.0 failed 4"
                + " times, most recent failure: Lost task 7.3 in stage 3.0 (TID 41) (10.0.0.5 executor 6):"
                + " ExecutorLostFailure (executor 6 exited caused by one of the running tasks) Reason: Command exited"
                + " with code 134\nDriver stacktrace:");
        assertEquals(java.util.Map.of(7, "Lost task 7.3 in stage 3.0 (TID 41) (10.0.0.5 executor 6): ExecutorLostFailure"
                + " (executor 6 exited caused by one of the running tasks) Reason: Command exited with code 134"),
                SparkRanking.exhausted(new IllegalStateException("wrapped", e), 8));
        assertEquals(java.util.Map.of(), SparkRanking.exhausted(e, 5), "not a partition of this job");
        assertEquals(java.util.Map.of(), SparkRanking.exhausted(new RuntimeException("Job 3 cancelled"), 8));
    }

    private static List<Path> parts(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }
}
