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

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code near-cli search}. */
class SearchCommandTest {

    private static final List<String> CELLS = List.of(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|",
            "|skip_connect~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|",
            "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|");

    @Test
    void tableScoresPickTheRowWithTheBestValueOrRankAverage(@TempDir Path dir) throws Exception {
        Path space = dir.resolve("cells.txt");
        Files.write(space, CELLS);
        Path table = dir.resolve("t.csv");
        double[] a = {3.0, 7.5, 1.0, 2.0};
        double[] b = {4.0, 1.0, 3.0, 2.0};
        StringBuilder sb = new StringBuilder("cellstr,a,b\n");
        for (int i = 0; i < CELLS.size(); i++) {
            sb.append(CELLS.get(i)).append(',').append(a[i]).append(',').append(b[i]).append('\n');
        }
        Files.writeString(table, sb.toString());
        JsonObject o = CliRun.of("search", "--space", space.toString(), "--table", table.toString(), "--proxy", "a",
                "--strategy", "exhaustive", "--top", "2", "--json", "--quiet").json();
        assertEquals(CELLS.get(1), o.getAsJsonArray("finalists").get(0).getAsString());
        assertEquals(CELLS.get(0), o.getAsJsonArray("finalists").get(1).getAsString());
        // rank-average: a ranks (3, 4, 1, 2), b ranks (4, 1, 3, 2): means 3.5, 2.5, 2, 2 -> cell 0
        Path csv = dir.resolve("r.csv");
        o = CliRun.of("search", "--space", space.toString(), "--table", table.toString(), "--proxy", "a,b",
                "--strategy", "random", "--budget", "4", "--seed", "3", "--csv", csv.toString(), "--json", "--quiet")
                .json();
        assertEquals(CELLS.get(0), o.getAsJsonArray("finalists").get(0).getAsString());
        assertEquals(3.5, o.getAsJsonArray("ranking").get(0).getAsJsonObject().get("fitness").getAsDouble());
        assertTrue(Files.readString(csv).startsWith("rank,name,fitness,a,b,"));
    }

    @Test
    void liveScoresWithTheParameterCount(@TempDir Path dir) throws Exception {
        Path space = dir.resolve("cells.txt");
        Files.write(space, CELLS);
        Nb201Network net = Nb201Network.builder().initialisation(Initialisation.seeded(ScoringOptions.DEFAULT_SEED)).build();
        String most = CELLS.stream().max(Comparator.comparingLong(c -> net.parameterCount(Nb201Cell.parse(c))))
                .orElseThrow();
        CliRun r = CliRun.of("search", "--space", space.toString(), "--proxy", "params", "--strategy", "exhaustive",
                "--quiet");
        assertEquals(NearCli.EXIT_OK, r.code, r.err);
        assertTrue(r.out.contains("chosen: " + most), r.out);
        assertTrue(r.out.contains("why: highest params"), r.out);
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        String m = CliRun.of("search", "--strategy", "annealing", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("annealing"), m);
        m = CliRun.of("search", "--proxy", "snip", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("labels"), m);
        m = CliRun.of("search", "--space", dir.resolve("missing.txt").toString(), "--quiet")
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(m.contains("missing.txt"), m);
    }

    // ------------------------------------------------------------------------------------------ NAS-Bench-101

    @Test
    void nb101TableRowsKeyedByIdOrByCell(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("nb101.csv");
        try (InputStream in = SearchCommandTest.class.getResourceAsStream("/nb101/nb101_cifar10_200.csv")) {
            Files.copy(in, table);
        }
        // the best row by the benchmark's validation accuracy, read here from the file
        double best = Double.NEGATIVE_INFINITY;
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(table, StandardCharsets.UTF_8))) {
            for (CSVRecord r : p) {
                double v = Double.parseDouble(r.get("val_acc_108"));
                best = Math.max(best, v);
            }
        }
        JsonObject o = CliRun.of("search", "--space", "nb101", "--table", table.toString(), "--proxy", "val_acc_108",
                "--strategy", "exhaustive", "--json", "--quiet").json();
        assertEquals(200, o.get("scored").getAsInt());
        assertTrue(o.get("space").getAsString().startsWith("nb101-subset(200,"), o.get("space").getAsString());
        assertEquals(best, o.getAsJsonArray("ranking").get(0).getAsJsonObject().getAsJsonArray("values").get(0)
                .getAsDouble(), 1e-9);
        // evolution inside the table: every candidate is a row of it
        o = CliRun.of("search", "--space", "nb101", "--table", table.toString(), "--proxy", "val_acc_108",
                "--strategy", "evolution", "--budget", "30", "--seed", "2", "--json", "--quiet").json();
        assertEquals(30, o.get("scored").getAsInt());
        assertTrue(o.get("reason").getAsString().contains("val_acc_108"), o.get("reason").getAsString());
        // a table of readable cells keyed by the cell itself
        Path cells = dir.resolve("cells.csv");
        Files.writeString(cells, "cell,score\n" + SearchSpacesTest.NB101 + ",2\n\"" + SearchSpacesTest.NB101_B
                + "\",5\nconv3x3(0) output(1),1\n");
        o = CliRun.of("search", "--space", "nb101", "--table", cells.toString(), "--key", "cell", "--proxy",
                "score", "--strategy", "exhaustive", "--json", "--quiet").json();
        assertEquals(Nb101Cell.parse(SearchSpacesTest.NB101_B).toString(),
                o.getAsJsonArray("finalists").get(0).getAsString());
    }

    @Test
    void nb101LiveSearchSamplesValidCells() {
        // params needs no forward pass: three samples of NAS-Bench-101's space, the largest chosen
        JsonObject o = CliRun.of("search", "--space", "nb101", "--proxy", "params", "--budget", "3", "--seed", "4",
                "--json", "--quiet").json();
        assertEquals("nb101(423624)", o.get("space").getAsString());
        Nb101Network net = Nb101Network.builder().initialisation(Initialisation.seeded(ScoringOptions.DEFAULT_SEED)).build();
        Set<String> names = new HashSet<>();
        long most = -1;
        String largest = null;
        for (var e : o.getAsJsonArray("ranking")) {
            String name = e.getAsJsonObject().get("name").getAsString();
            Nb101Cell c = Nb101Cell.parse(name);
            assertTrue(c.vertices() <= 7 && c.edgeCount() <= 9, name);
            names.add(name);
            long n = net.parameterCount(c);
            assertEquals(n, e.getAsJsonObject().getAsJsonArray("values").get(0).getAsDouble(), 0, name);
            if (n > most) {
                most = n;
                largest = name;
            }
        }
        assertEquals(3, names.size());
        assertEquals(largest, o.getAsJsonArray("finalists").get(0).getAsString());
        String m = CliRun.of("search", "--space", "nb101", "--strategy", "exhaustive", "--quiet")
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(m.contains("does not list"), m);
    }

    /** Two cheap cells (skip connections, pooling, one 1x1 or 3x3 convolution): they train in seconds. */
    private static final List<String> CHEAP = List.of(CELLS.get(2), CELLS.get(3));

    @Test
    void trainingTheFinalistsNamesTheWinnerInTheJsonAndTheHtml(@TempDir Path dir) throws Exception {
        Path space = dir.resolve("cells.txt");
        Files.write(space, CHEAP);
        Path html = dir.resolve("report.html");
        Path csv = dir.resolve("finalists.csv");
        CliRun r = CliRun.of("search", "--space", space.toString(), "--proxy", "params", "--strategy", "exhaustive",
                "--top", "2", "--train-epochs", "1", "--train-images", "20", "--train-csv", csv.toString(), "--html",
                html.toString(), "--json", "--quiet");
        assertEquals(NearCli.EXIT_OK, r.code, r.err);
        JsonObject o = r.json();
        String winner = o.get("winner").getAsString();
        assertTrue(CHEAP.contains(winner), winner);
        assertEquals(2, o.getAsJsonArray("finalists").size());
        assertEquals(1, o.getAsJsonObject("training").get("max_epochs").getAsInt());
        String page = Files.readString(html);
        assertTrue(page.contains("<table id=\"finalists\""), "training section");
        assertTrue(page.contains("<table id=\"search-ranking\""), "search section");
        assertTrue(page.contains("Winner: <b>" + winner + "</b>"), page);
        assertTrue(page.contains(winner + " \u2714 winner"), "winner marked in the table");
        for (var f : o.getAsJsonArray("finalists")) {
            String name = f.getAsJsonObject().get("name").getAsString();
            assertTrue(page.contains(name), name);
            assertEquals(1, f.getAsJsonObject().get("epochs").getAsInt());
        }
        for (var f : o.getAsJsonObject("search").getAsJsonArray("finalists")) {
            assertTrue(page.contains(f.getAsString() + " \u2605 finalist"), f.getAsString());
        }
        assertTrue(page.contains(o.get("reason").getAsString()), "the reason");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("rank,name,fitness,params,epochs,best_epoch,validation_accuracy"),
                lines.get(0));
    }

    @Test
    void htmlWithoutTrainingHasTheSearchAndNoTrainingSection(@TempDir Path dir) throws Exception {
        Path space = dir.resolve("cells.txt");
        Files.write(space, CELLS);
        Path html = dir.resolve("out/search.html");
        JsonObject o = CliRun.of("search", "--space", space.toString(), "--proxy", "params", "--strategy",
                "random", "--budget", "3", "--top", "2", "--seed", "4", "--html", html.toString(), "--json",
                "--quiet").json();
        String page = Files.readString(html);
        String chosen = o.getAsJsonArray("finalists").get(0).getAsString();
        assertTrue(page.contains("Chosen: <b>" + chosen + "</b>"), page);
        assertTrue(page.contains(o.getAsJsonArray("finalists").get(1).getAsString() + " \u2605 finalist"));
        assertTrue(page.contains(o.get("reason").getAsString()));
        assertTrue(page.contains("near-cli search --space"), "the command in the provenance");
        assertFalse(page.contains("Finalists trained"));
        for (var e : o.getAsJsonArray("ranking")) {
            assertTrue(page.contains("<td>" + e.getAsJsonObject().get("origin").getAsString() + "</td>"));
        }
        String table = page.substring(page.indexOf("id=\"search-ranking\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(1 + 3, table.split("<tr>").length - 1, "a header and the 3 candidates scored");
    }

    @Test
    void badTrainingOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path space = dir.resolve("cells.txt");
        Files.write(space, CHEAP);
        String m = CliRun.of("search", "--train-epochs", "-1", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("--train-epochs"), m);
        m = CliRun.of("search", "--train-epochs", "1", "--train-images", "513", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("--train-images") && m.contains("512"), m);
        m = CliRun.of("search", "--train-epochs", "1", "--patience", "0", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("--patience"), m);
        m = CliRun.of("search", "--train-csv", dir.resolve("t.csv").toString(), "--quiet")
                .failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("--train-csv needs --train-epochs"), m);
        m = CliRun.of("search", "--space", space.toString(), "--proxy", "params", "--strategy", "exhaustive",
                "--top", "3", "--train-epochs", "1", "--quiet").failure(NearCli.EXIT_USAGE);
        assertTrue(m.contains("--top 3 is larger than the 2 cells"), m);
    }
}
