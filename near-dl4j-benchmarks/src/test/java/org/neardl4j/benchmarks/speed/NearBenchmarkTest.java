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
package org.neardl4j.benchmarks.speed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.cli.report.Chromium;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark program itself: its timing helper, its report block in a Markdown file, and one run of its small
 * {@code ci} suite end to end (the full suites take tens of minutes and are run by hand, see
 * {@code docs/performance/RUNS.md}).
 */
class NearBenchmarkTest {

    private static final Path PARITY = Paths.get("../near-dl4j/src/test/resources/parity");
    private static final Path RUNS = Paths.get("../docs/performance/RUNS.md");

    /**
     * Timed on a clock the tasks advance themselves (no wall clock: a busy machine cannot make it fail): the order of
     * the runs and the medians are exactly those of the durations the tasks report.
     */
    @Test
    void pairedTimesAlternatesTheOrderAndReturnsEachTasksMedian() {
        long[] now = {0};
        Timing bench = new Timing(2, 3, () -> now[0]);
        StringBuilder calls = new StringBuilder();
        // the first run of each (together over half a second: no warm-up loop), then 3 pairs
        long[] aMillis = {300, 500, 100, 350};
        long[] bMillis = {260, 700, 200, 270};
        int[] ia = {0};
        int[] ib = {0};
        double[] t = bench.pairedTimes(3, () -> {
            calls.append('a');
            now[0] += aMillis[ia[0]++] * 1_000_000L;
        }, () -> {
            calls.append('b');
            now[0] += bMillis[ib[0]++] * 1_000_000L;
        });
        assertEquals("ab" + "ab" + "ba" + "ab", calls.toString());
        assertEquals(0.350, t[0], 1e-12, "median of a's 500, 100, 350 ms");
        assertEquals(0.270, t[1], 1e-12, "median of b's 700, 200, 270 ms");
    }

    /** Pairs under half a second are warmed up for warmupSeconds and repeated to fill measureSeconds. */
    @Test
    void shortPairsAreWarmedUpAndRepeated() {
        long[] now = {0};
        Timing bench = new Timing(1, 2, () -> now[0]);
        int[] runs = {0, 0};
        double[] t = bench.pairedTimes(3, () -> {
            runs[0]++;
            now[0] += 100_000_000L;   // 0.1 s
        }, () -> {
            runs[1]++;
            now[0] += 50_000_000L;    // 0.05 s
        });
        // once (0.15 s), warm-up until 1 s has passed on the clock, then ceil(2 / 0.15) = 14 -> 15 (odd) pairs
        int warmup = (int) Math.ceil(1.0 / 0.15 - 1e-9);
        assertEquals(1 + warmup + 15, runs[0]);
        assertEquals(runs[0], runs[1]);
        assertEquals(0.1, t[0], 1e-12);
        assertEquals(0.05, t[1], 1e-12);
    }

    @Test
    void writeBlockReplacesItsOwnBlockAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("PERF.md");
        Files.writeString(file, "# Title\n\nhand-written text\n", StandardCharsets.UTF_8);
        Report.writeBlock(file, "suite-x-cpu", "first run");
        Report.writeBlock(file, "suite-y-cpu", "other suite");
        Report.writeBlock(file, "suite-x-cpu", "second run");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Title\n\nhand-written text\n"), text);
        assertTrue(text.contains("<!-- near-bench:begin suite-x-cpu -->\nsecond run\n<!-- near-bench:end suite-x-cpu -->"),
                text);
        assertTrue(!text.contains("first run") && text.contains("other suite"), text);
        assertEquals(text.indexOf("near-bench:begin suite-x-cpu"), text.lastIndexOf("near-bench:begin suite-x-cpu"));
    }

    /**
     * The project's record of runs holds only generated blocks between its markers (one per key, each one run with
     * its command), so that a new run replaces exactly its own block and no hand-written text; replacing one block of
     * a copy changes nothing else.
     */
    @Test
    void theRecordOfRunsHasOneWellFormedBlockPerSuite(@TempDir Path dir) throws Exception {
        String text = Files.readString(RUNS, StandardCharsets.UTF_8);
        Matcher begin = Pattern.compile("<!-- near-bench:begin (suite-([a-z0-9]+)-([a-z]+)) -->\n").matcher(text);
        int blocks = 0;
        String firstKey = null;
        while (begin.find()) {
            String key = begin.group(1);
            String end = "<!-- near-bench:end " + key + " -->";
            int j = text.indexOf(end);
            assertTrue(j > begin.end(), "no end marker after " + key);
            assertEquals(begin.start(), text.lastIndexOf("<!-- near-bench:begin " + key + " -->"), "two blocks " + key);
            assertEquals(j, text.lastIndexOf(end), "two end markers " + key);
            String body = text.substring(begin.end(), j);
            assertTrue(body.startsWith("## Results: suite `" + begin.group(2) + "`, " + begin.group(3) + "\n"),
                    key + " starts with its run's heading:\n" + body);
            assertEquals(1, Pattern.compile("(?m)^## ").matcher(body).results().count(),
                    key + " holds one run, no other section");
            assertTrue(body.contains("\n- command: `NearBenchmark --suite " + begin.group(2) + " --runs "),
                    key + " names its command");
            firstKey = firstKey == null ? key : firstKey;
            blocks++;
        }
        assertTrue(blocks >= 3, "blocks in " + RUNS + ": " + blocks);

        Path copy = dir.resolve("RUNS.md");
        Files.copy(RUNS, copy);
        Report.writeBlock(copy, firstKey, "## Results: suite `x`, cpu\nnew run");
        String after = Files.readString(copy, StandardCharsets.UTF_8);
        String b = "<!-- near-bench:begin " + firstKey + " -->";
        String e = "<!-- near-bench:end " + firstKey + " -->";
        assertEquals(text.substring(0, text.indexOf(b)), after.substring(0, after.indexOf(b)), "text before the block");
        assertEquals(text.substring(text.indexOf(e)), after.substring(after.indexOf(e)), "text after the block");
        assertTrue(after.contains(b + "\n## Results: suite `x`, cpu\nnew run\n" + e), after);
    }

    @Test
    void ciSuiteWritesEveryTableWithMeasuredNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("PERFORMANCE.md");
        Path html = dir.resolve("speed.html");
        NearBenchmark.main(new String[] {"--suite", "ci", "--runs", "1", "--parity", PARITY.toString(),
                "--out", file.toString(), "--html", html.toString(), "--quiet"});
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\n- command: `NearBenchmark --suite ci --runs 1`\n"),
                "the block names its command:\n" + text);
        for (String heading : new String[] {"### Effective rank of an n x n float matrix",
                "### Workloads: NEAR vs the forward pass alone", "### Where NEAR's time goes",
                "### Accuracy: largest relative difference", "### DL4J zoo models at initialisation",
                "### NAS-Bench-201 CIFAR-10 networks, 64 images",
                "### Gradient proxies on NAS-Bench-201 networks: native layer helpers on and off"}) {
            assertTrue(text.contains(heading), "missing " + heading + " in\n" + text);
        }
        // the MLP row: forward and NEAR are positive times, NEAR includes the forward pass it needs
        Matcher mlp = Pattern.compile("\\| \\(a\\) MLP 784-100-10, 100 images \\| 4 \\(0\\) \\| 100 \\| ([0-9.]+) \\| ([0-9.]+) \\|")
                .matcher(text);
        assertTrue(mlp.find(), text);
        double forward = Double.parseDouble(mlp.group(1));
        double near = Double.parseDouble(mlp.group(2));
        assertTrue(forward > 0 && near > 0, mlp.group());
        // AUTO stays within 1e-6 of the double SVD on the parity matrices (the accuracy table's AUTO column)
        Matcher parity = Pattern.compile("\\| parity erank matrices \\| \\d+ \\| \\d+ \\| ([0-9.e+-]+) \\|").matcher(text);
        assertTrue(parity.find(), text);
        assertTrue(Double.parseDouble(parity.group(1)) <= 1e-6, parity.group());
        // the proxies row: both times measured, the helpers change grad_norm by float rounding only
        Matcher proxies = Pattern.compile("\\| \\d+ \\| [0-9/]+ \\| grad_norm \\| ([0-9.]+) \\| ([0-9.]+) \\| [^|]+ \\| [^|]+ \\| ([0-9.e+-]+) \\|")
                .matcher(text);
        assertTrue(proxies.find(), text);
        assertTrue(Double.parseDouble(proxies.group(1)) > 0 && Double.parseDouble(proxies.group(2)) > 0, proxies.group());
        assertTrue(Double.parseDouble(proxies.group(3)) <= 1e-3, proxies.group());

        // the same run as HTML: every Markdown table is a table, the headings are there, two plots, provenance
        String page = Chromium.assertSelfContained(html);
        assertEquals(Chromium.count(text, "\n|---"), Chromium.count(page, "<table class=\"data\""), "one HTML table per"
                + " Markdown table");
        assertTrue(page.contains("<h2>Workloads: NEAR vs the forward pass alone</h2>"), page);
        assertTrue(Pattern.compile("<td>\\(a\\) MLP 784-100-10, 100 images</td><td[^>]*>4 \\(0\\)</td><td[^>]*>100</td>"
                + "<td[^>]*>" + Pattern.quote(mlp.group(1)) + "</td><td[^>]*>" + Pattern.quote(mlp.group(2)) + "</td>")
                .matcher(page).find(), "the MLP row with the Markdown table's times");
        for (String key : new String[] {"near-dl4j", "command", "backend", "native build", "ND4J threads", "runs", "suite"}) {
            assertTrue(page.contains("<tr><td>" + key + "</td>"), "provenance lacks " + key);
        }
        assertTrue(page.contains("<tr><td>runs</td><td>1 per measurement"), "--runs 1 in the provenance");
        assertTrue(page.contains("<svg id=\"scatter\"") && page.contains("<svg id=\"scatter-2\""), "two plots");

        Chromium.Page shown = Chromium.require().open(html, dir.resolve("browser"), 1400, 9000);
        assertEquals(Chromium.count(text, "\n|---"), shown.count("<table class=\"data\""));
        assertTrue(shown.count("<circle class=\"point\"") >= 5, "workload and NB201 points");
        shown.assertTableAndPlotDrawn(150);
    }

}
