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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone Spark cluster on this machine, as a user runs one: a {@code Master} and two {@code Worker} JVMs (one
 * core each) started from the build's Spark home, and the shaded jar submitted with {@code SparkSubmit}, the driver
 * in its own JVM. The ranking of 20 NAS-Bench-201 networks on 10 images equals the one {@code --no-spark}
 * ({@code ArchitectureRanking} in one JVM, same jar) writes, bit for bit: on a healthy cluster, when one executor JVM
 * is killed mid-job, and when the driver is killed mid-job and started again on the same output. Everything binds
 * 127.0.0.1.
 */
class StandaloneClusterIT {

    private static final List<String> RANK = List.of("--nb201", "20", "--max-samples", "10", "--repetitions", "1",
            "--flush-seconds", "0", "--quiet");
    private static final List<Process> DAEMONS = new ArrayList<>();
    private static String master;
    private static Path base;

    @BeforeAll
    static void startCluster(@TempDir Path dir) throws Exception {
        base = dir;
        int port = ClusterFixtures.freePort();
        master = "spark://127.0.0.1:" + port;
        List<String> jvm = List.of("-Xmx256m");
        Path masterLog = dir.resolve("master.log");
        DAEMONS.add(ClusterFixtures.java(jvm, ClusterFixtures.sparkClasspath(), "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
                        String.valueOf(ClusterFixtures.freePort())), masterLog));
        ClusterFixtures.await(() -> ClusterFixtures.logHas(masterLog, "New state: ALIVE"), Duration.ofSeconds(60),
                "the master", masterLog);
        for (int i = 1; i <= 2; i++) {
            Path work = Files.createDirectories(dir.resolve("work" + i));
            DAEMONS.add(ClusterFixtures.java(jvm, ClusterFixtures.sparkClasspath(),
                    "org.apache.spark.deploy.worker.Worker", List.of(master, "--host", "127.0.0.1", "--cores", "1",
                            "--memory", "2g", "--work-dir", work.toString(), "--webui-port",
                            String.valueOf(ClusterFixtures.freePort())), dir.resolve("worker" + i + ".log")));
        }
        ClusterFixtures.await(() -> ClusterFixtures.count(masterLog, "Registering worker") == 2,
                Duration.ofSeconds(60), "two workers", masterLog);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process p : DAEMONS) {
            for (ProcessHandle child : p.descendants().toList()) {
                ClusterFixtures.kill(child);
            }
            ClusterFixtures.kill(p.toHandle());
        }
    }

    /** {@code SparkSubmit} of the shaded jar in client mode, as a user types it. */
    private static Process submit(String out, Path log) throws Exception {
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--class", SparkRankingMain.class.getName(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--executor-memory", "1g", "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.platform.extension=",
                ClusterFixtures.shadedJar().toString()));
        args.addAll(RANK);
        args.addAll(List.of("--out", out));
        return ClusterFixtures.java(List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.platform.extension="),
                ClusterFixtures.sparkClasspath(), "org.apache.spark.deploy.SparkSubmit", args, log);
    }

    private static void finish(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "still running: " + log + "\n" + ClusterFixtures.tail(log));
        assertEquals(0, p.exitValue(), ClusterFixtures.tail(log));
    }

    /** The executor JVMs the workers started. */
    private static List<ProcessHandle> executors() {
        return DAEMONS.stream().flatMap(Process::descendants)
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    private static String executorId(ProcessHandle h) {
        String[] words = h.info().commandLine().orElse("").split(" ");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--executor-id")) {
                return words[i + 1];
            }
        }
        return "?";
    }

    private static int partsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void submittedJarRanksAsOneJvmSurvivesAKilledExecutorAndAKilledDriver() throws Exception {
        // the same ranking in one JVM: ArchitectureRanking through the same jar (--no-spark)
        String expectedOut = base.resolve("expected").toUri().toString();
        Path expectedLog = base.resolve("expected.log");
        List<String> args = new ArrayList<>(RANK);
        args.addAll(List.of("--no-spark", "--out", expectedOut));
        Process local = ClusterFixtures.java(List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.platform.extension="),
                ClusterFixtures.shadedJar() + File.pathSeparator + ClusterFixtures.sparkClasspath(),
                SparkRankingMain.class.getName(), args, expectedLog);
        finish(local, expectedLog);
        Map<String, String> expected = ClusterFixtures.scores(ClusterFixtures.rows(expectedOut));
        assertEquals(20, expected.size());
        assertTrue(new HashSet<>(expected.values()).size() >= 10, "a spread of different networks: " + expected);

        // 1. a healthy cluster
        Path healthy = base.resolve("healthy");
        Process run = submit(healthy.toUri().toString(), base.resolve("healthy.log"));
        finish(run, base.resolve("healthy.log"));
        List<CSVRecord> rows = ClusterFixtures.rows(healthy.toUri().toString());
        assertEquals(expected, ClusterFixtures.scores(rows));
        Set<String> used = new HashSet<>();
        rows.forEach(r -> used.add(r.get("executor")));
        assertEquals(Set.of("0", "1"), used, "both executors scored");

        // 2. one executor JVM killed (SIGKILL, by its pid) once the first results are written
        Path faulty = base.resolve("killed-executor");
        Path log = base.resolve("killed-executor.log");
        run = submit(faulty.toUri().toString(), log);
        ClusterFixtures.await(() -> partsIn(faulty) >= 1, Duration.ofSeconds(180), "the first result", log);
        ProcessHandle victim = executors().get(0);
        String victimId = executorId(victim);
        ClusterFixtures.kill(victim);
        int before = ClusterFixtures.rows(faulty.toUri().toString()).size();
        finish(run, log);
        assertTrue(before < 20, "killed mid-job (" + before + " of 20 written)");
        rows = ClusterFixtures.rows(faulty.toUri().toString());
        assertEquals(20, rows.size(), "no candidate lost or written twice");
        assertEquals(expected, ClusterFixtures.scores(rows), "values as on the healthy cluster");
        assertTrue(rows.subList(before, rows.size()).stream().anyMatch(r -> !r.get("executor").equals(victimId)),
                "the others finished the job after executor " + victimId + " was killed");

        // 3. the driver killed mid-job, then started again on the same output
        Path resumed = base.resolve("resumed");
        log = base.resolve("resumed-1.log");
        run = submit(resumed.toUri().toString(), log);
        ClusterFixtures.await(() -> partsIn(resumed) >= 3, Duration.ofSeconds(180), "three results", log);
        ClusterFixtures.kill(run.toHandle());
        int written = ClusterFixtures.rows(resumed.toUri().toString()).size();
        assertTrue(written < 20, "killed mid-job (" + written + " of 20 written)");
        log = base.resolve("resumed-2.log");
        run = submit(resumed.toUri().toString(), log);
        finish(run, log);
        assertTrue(ClusterFixtures.logHas(log, "scored in this run " + (20 - written) + ","), ClusterFixtures.tail(log));
        rows = ClusterFixtures.rows(resumed.toUri().toString());
        assertEquals(20, rows.size(), "no candidate lost or written twice");
        assertEquals(expected, ClusterFixtures.scores(rows));
        assertNotEquals(0, written);
    }
}
