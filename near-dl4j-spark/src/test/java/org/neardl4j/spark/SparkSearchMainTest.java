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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of {@link SparkSearchMain}: near-cli search's options, {@code --batch}, Spark or not. */
class SparkSearchMainTest {

    private static final List<String> CELLS = List.of(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|",
            "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|nor_conv_3x3~2|",
            "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|");

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.run(new SparkSearchMain(e), args, new PrintStream(out, true, StandardCharsets.UTF_8), e);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    /** Name to NEAR value, from the JSON ranking. */
    private static Map<String, Double> values(String json) {
        JsonObject o = new JsonParser().parse(json).getAsJsonObject();
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonElement e : o.getAsJsonArray("ranking")) {
            JsonArray v = e.getAsJsonObject().getAsJsonArray("values");
            m.put(e.getAsJsonObject().get("name").getAsString(), v.get(0).getAsDouble());
        }
        return m;
    }

    @Test
    void searchesOnSparkWithNearClisOptionsAndTheValuesOfThisJvm(@TempDir Path dir) throws Exception {
        Path cells = dir.resolve("cells.txt");
        Files.write(cells, CELLS);
        // the driver on the loopback interface, without UI (SparkConf reads spark.* system properties)
        Map<String, String> conf = Map.of("spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1");
        conf.forEach(System::setProperty);
        String[] spark;
        try {
            spark = run("--space", cells.toString(), "--strategy", "exhaustive", "--batch", "3", "--seed", "5",
                    "--top", "2", "--master", "local[2]", "--json", "--quiet");
        } finally {
            conf.keySet().forEach(System::clearProperty);
        }
        assertEquals("0", spark[0], spark[2]);
        String[] here = run("--space", cells.toString(), "--strategy", "exhaustive", "--seed", "5", "--top", "2",
                "--no-spark", "--json", "--quiet");
        assertEquals("0", here[0], here[2]);
        // NEAR of each cell ranked here, independently of the command: the network and scorer seeded with --seed
        Nb201Network net = Nb201Network.builder().initialisation(Initialisation.seeded(5)).build();
        RankingResult expected = ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(1).seed(5)
                .build()).build().rank(CELLS.stream().map(c -> Candidate.ofSupplier(c, () -> net.graph(
                Nb201Cell.parse(c)))).collect(Collectors.toList()), Nb201Sources.bundledImages(10, DataType.FLOAT));
        Map<String, Double> want = new LinkedHashMap<>();
        expected.entries().forEach(e -> want.put(e.name(), e.score()));
        assertEquals(want, values(spark[1]));
        assertEquals(want, values(here[1]));
        JsonObject o = new JsonParser().parse(spark[1]).getAsJsonObject();
        assertEquals(expected.entries().get(0).name(), o.getAsJsonArray("finalists").get(0).getAsString());
        assertEquals(2, o.getAsJsonArray("finalists").size());
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        String[] r = run("--batch", "0", "--no-spark", "--quiet");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--batch"), r[2]);
        r = run("--strategy", "annealing", "--no-spark", "--quiet");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("annealing"), r[2]);
        r = run("--space", dir.resolve("missing.txt").toString(), "--no-spark", "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("missing.txt"), r[2]);
    }
}
