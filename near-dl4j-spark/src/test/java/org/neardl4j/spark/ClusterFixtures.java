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
import org.apache.hadoop.conf.Configuration;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the cluster tests share: the Spark home and the shaded jar the build made ({@code -Pshade,cluster}), JVMs
 * started from them, and the rows of an output directory.
 */
final class ClusterFixtures {

    /** The flags Spark documents for Java 17 (the JVMs started here are not started by Spark's launcher). */
    static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar").stream()
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    private ClusterFixtures() {
    }

    /** The Spark home of the build: {@code target/spark-home}, whose {@code jars/} holds Spark and its dependencies. */
    static Path sparkHome() {
        Path home = Paths.get(System.getProperty("near.spark.home", "target/spark-home")).toAbsolutePath();
        assertTrue(Files.isDirectory(home.resolve("jars")), home + "/jars is missing: build with -Pshade,cluster");
        return home;
    }

    /** The application jar of the build ({@code -Pshade}). */
    static Path shadedJar() {
        Path jar = Paths.get(System.getProperty("near.spark.jar", "target/near-dl4j-spark-0.1.0-SNAPSHOT-all.jar"))
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build with -Pshade,cluster");
        return jar;
    }

    /** A free TCP port on the loopback interface. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code java [jvm options] -cp classpath mainClass args}, loopback only, output to {@code log}.
     */
    static Process java(List<String> jvm, String classpath, String mainClass, List<String> args, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(OPENS);
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome().toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_TESTING");
        pb.environment().put("OMP_NUM_THREADS", "1");       // the same ND4J thread count in every JVM of a test
        return pb.start();
    }

    /** Spark's jars: the classpath of the Master, the Workers and {@code SparkSubmit}. */
    static String sparkClasspath() {
        return sparkHome().resolve("jars") + File.separator + "*";
    }

    /** Waits until {@code condition} holds, failing after {@code timeout} with {@code what} and the log. */
    static void await(BooleanSupplier condition, Duration timeout, String what, Path log) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what + "; log " + log + ":\n" + tail(log));
            }
            Thread.sleep(20);
        }
    }

    /** The last lines of a log. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** Whether the log holds {@code text} (false while it cannot be read). */
    static boolean logHas(Path log, String text) {
        return count(log, text) > 0;
    }

    /** The lines of the log holding {@code text}. */
    static int count(Path log, String text) {
        try {
            return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text))
                    .count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Every row of an output directory, oldest part first. */
    static List<CSVRecord> rows(String uri) throws IOException {
        return new ResultStore(uri, new Configuration(), 0).rows();
    }

    /** The candidates of an output directory, each with its repetitions' totals (exact decimals), in file order. */
    static Map<String, String> scores(List<CSVRecord> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (CSVRecord r : rows) {
            m.put(r.get("name"), r.get("status") + " " + r.get("scores"));
        }
        return m;
    }

    /** Kills a process (SIGKILL) and waits for it. */
    static void kill(ProcessHandle p) throws Exception {
        p.destroyForcibly();
        p.onExit().get();
    }
}
