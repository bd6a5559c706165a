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
package org.neardl4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rank} with a candidate that does not fit (isolated, named, listed in every output, exit code 3) and with
 * metric files that are checked before anything is scored ({@code FILE} and {@code FILE:COLUMN}).
 */
class RankFailuresAndMetricsTest {

    @TempDir
    Path dir;

    static MultiLayerNetwork mlp(int nIn, int width) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(width).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(width).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** w4, w16 (24 inputs) and "wide" (30 inputs: does not fit the [64, 24] input). */
    private List<String> models() {
        List<String> files = new ArrayList<>();
        files.add(TestFiles.save(mlp(24, 4), dir.resolve("w4.zip")).toString());
        files.add(TestFiles.save(mlp(30, 8), dir.resolve("wide.zip")).toString());
        files.add(TestFiles.save(mlp(24, 16), dir.resolve("w16.zip")).toString());
        return files;
    }

    private String input() {
        return TestFiles.npy(TestFiles.gaussian(3, 64, 24), dir.resolve("x.npy")).toString();
    }

    private static List<String> args(List<String> models, String... more) {
        List<String> a = new ArrayList<>(List.of("rank", "--models"));
        a.addAll(models);
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void aCandidateThatDoesNotFitIsNamedAndTheOthersAreRanked() throws IOException {
        List<String> files = models();
        String x = input();
        Path csv = dir.resolve("r.csv");
        Path html = dir.resolve("r.html");
        CliRun json = CliRun.of(args(files, "--input", x, "-r", "2", "--seed", "5", "--block", "first", "--json",
                "--csv", csv.toString(), "--html", html.toString(), "--quiet").toArray(new String[0]));
        assertEquals(NearCli.EXIT_PARTIAL, json.code, json.toString());
        assertTrue(json.err.contains("wide") && json.err.contains("1 of 3"), json.err);
        JsonObject o = new JsonParser().parse(json.out).getAsJsonObject();
        JsonArray failures = o.getAsJsonArray("failures");
        assertEquals(1, failures.size(), o.toString());
        String error = failures.get(0).getAsJsonObject().get("error").getAsString();
        assertEquals("wide", failures.get(0).getAsJsonObject().get("name").getAsString());
        assertTrue(error.contains("wide.zip") && error.contains("[64, 24]"), error);

        // the other two as the library ranks them alone
        RankingResult want = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(2).seed(5).blockMode(BlockMode.FIRST).build())
                .freshWeights(true).build().rank(List.of(Candidate.ofModel("w4", mlp(24, 4)),
                        Candidate.ofModel("w16", mlp(24, 16))), TestFiles.gaussian(3, 64, 24));
        JsonArray got = o.getAsJsonArray("candidates");
        assertEquals(2, got.size());
        for (int i = 0; i < 2; i++) {
            JsonObject c = got.get(i).getAsJsonObject();
            assertEquals(want.entries().get(i).name(), c.get("name").getAsString());
            assertEquals(want.entries().get(i).score(), c.get("score").getAsDouble(), 1e-9);
        }

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(csv))).getRecords();
        assertEquals(3, rows.size());
        assertEquals("wide", rows.get(2).get("name"));
        assertEquals("", rows.get(2).get("score"));
        assertTrue(rows.get(2).get("error").contains("[64, 24]"), rows.get(2).toString());
        assertEquals("", rows.get(0).get("error"));

        String page = Files.readString(html, StandardCharsets.UTF_8);
        String failed = org.neardl4j.cli.report.Chromium.section(page, "<table id=\"failures\"", "</table>");
        assertTrue(failed.contains("<td>wide</td>") && failed.contains("[64, 24]"), page);

        CliRun table = CliRun.of(args(files, "--input", x, "-r", "2", "--quiet").toArray(new String[0]));
        assertEquals(NearCli.EXIT_PARTIAL, table.code, table.toString());
        assertTrue(table.out.contains("failed: wide: "), table.out);
        assertTrue(table.out.contains("w16") && table.out.contains("w4"), table.out);
    }

    @Test
    void aBadMetricFileIsReportedBeforeAnythingIsScored() throws IOException {
        List<String> files = models();
        String x = input();
        // "wide" would fail when scored; a metric file with an unknown name must be reported first, and alone
        Path unknown = Files.writeString(dir.resolve("acc.csv"), "name,accuracy\nw4,0.61\nw16,0.74\nw61,0.70\n");
        String msg = CliRun.of(args(files, "--input", x, "--accuracies", unknown.toString()).toArray(new String[0]))
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("w61") && msg.contains("unknown") && !msg.contains("wide.zip:"), msg);

        // a table of several columns without ':COLUMN': the columns are named and the form is suggested
        Path table = Files.writeString(dir.resolve("nb.csv"), "arch,cellstr,acc\n1,w4,0.5\n2,w16,0.6\n");
        msg = CliRun.of(args(files, "--input", x, "--accuracies", table.toString()).toArray(new String[0]))
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("arch, cellstr, acc") && msg.contains(table + ":acc"), msg);
        msg = CliRun.of(args(files, "--input", x, "--accuracies", table + ":accuracy").toArray(new String[0]))
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("no column 'accuracy'"), msg);
    }

    @Test
    void theRankingIsPrintedAndWrittenWhenOnlyTheMetricFails() throws IOException {
        List<String> files = models();
        String x = input();
        // values for w4 and wide; wide fails, so one scored candidate has a value: the metric part fails
        Path acc = Files.writeString(dir.resolve("acc.csv"), "w4,0.61\nwide.zip,0.74\n");
        Path csv = dir.resolve("r.csv");
        CliRun r = CliRun.of(args(files, "--input", x, "--accuracies", acc.toString(), "--csv", csv.toString(),
                "--json", "--quiet").toArray(new String[0]));
        assertEquals(NearCli.EXIT_BAD_INPUT, r.code, r.toString());
        assertTrue(r.err.startsWith("error: accuracies ") && r.err.contains("at least 2"), r.err);
        JsonObject o = new JsonParser().parse(r.out).getAsJsonObject();
        assertEquals(2, o.getAsJsonArray("candidates").size());
        assertEquals(4, Files.readAllLines(csv).size(), "header + the two ranked + the failed one");
    }

    /**
     * The bundled NB201 table as it is ({@code FILE:COLUMN}, matched by cell string): two of its cells ranked
     * with their published accuracies, and their parameters counted as NAS-Bench-201 counts them.
     */
    @Test
    void theBundledNb201TableWorksAsItIs() throws IOException {
        Path table = dir.resolve("nb201_cifar10_1000.csv");
        try (var in = getClass().getClassLoader().getResourceAsStream("nb201/nb201_cifar10_1000.csv")) {
            Files.copy(in, table);
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(table))).getRecords();
        // arch 31 (0.344346 M parameters) and the next row
        Map<String, CSVRecord> byCell = new HashMap<>();
        List<String> cells = new ArrayList<>();
        for (CSVRecord rec : rows.subList(1, 3)) {
            byCell.put(rec.get("cellstr"), rec);
            cells.add(rec.get("cellstr"));
        }
        CliRun r = CliRun.of("rank", "--nb201", cells.get(0), "--nb201", cells.get(1), "-n", "8", "-r", "1",
                "--accuracies", table + ":cifar10_test_acc", "--json", "--quiet");
        JsonObject o = r.json();
        assertEquals("cifar10_test_acc", o.get("metricName").getAsString());
        for (JsonElement e : o.getAsJsonArray("candidates")) {
            JsonObject c = e.getAsJsonObject();
            CSVRecord want = byCell.get(c.get("name").getAsString());
            assertEquals(Double.parseDouble(want.get("cifar10_test_acc")), c.get("metric").getAsDouble(), 0.0);
            assertEquals(Math.round(Double.parseDouble(want.get("params_mb")) * 1e6),
                    c.get("parameters").getAsLong(), "trainable parameters of " + want.get("arch"));
        }
        long arch31 = -1;
        for (JsonElement e : o.getAsJsonArray("candidates")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(rows.get(1).get("cellstr"))) {
                arch31 = e.getAsJsonObject().get("parameters").getAsLong();
            }
        }
        assertEquals("31", rows.get(1).get("arch"));
        assertEquals(344_346L, arch31, "NAS-Bench-201's published count (DL4J's numParams() says 347,130)");
        assertFalse(o.has("failures"));
    }
}
