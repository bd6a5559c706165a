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
package org.neardl4j.benchmarks.nb201;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.cli.report.Chromium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NB201 benchmark end to end on 5 architectures, small networks (C = 4, N = 1) and 10 images: every task
 * writes one row per architecture, a second run adds nothing, the report and the plot are written. The
 * correlations themselves are not asserted (5 architectures).
 */
class Nb201BenchmarkPipelineTest {

    private static String[] args(Path dir, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--archs", "5", "--images", "10", "--channels", "4",
                "--cells", "1", "--subset-proxies", "5", "--subset-xavier", "5", "--subset-images", "5",
                "--image-counts", "4", "--out", dir.resolve("nb201").toString(), "--report",
                dir.resolve("NB201.md").toString(), "--code-version", "test"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void allTasksThenReport(@TempDir Path dir) throws Exception {
        Nb201Benchmark.main(args(dir));
        Path out = dir.resolve("nb201");
        for (String f : List.of("near-10.csv", "near23-10.csv", "xavier-10.csv", "images.csv", "proxies-10.csv")) {
            List<ImmutableMap<String, String>> rows = ResumableCsv.read(out.resolve(f));
            assertEquals(5, rows.size(), f);
            assertEquals("10", rows.get(0).get("arch"), f);
            assertEquals("46", rows.get(4).get("arch"), f);
            assertEquals("test", rows.get(4).get("code"), f);
        }
        List<ImmutableMap<String, String>> near = ResumableCsv.read(out.resolve("near-10.csv"));
        for (ImmutableMap<String, String> r : near) {
            assertTrue(Double.parseDouble(r.get("near")) > 0, r.toString());
            assertEquals("10", r.get("images"));
        }
        List<ImmutableMap<String, String>> proxies = ResumableCsv.read(out.resolve("proxies-10.csv"));
        for (String p : Nb201Benchmark.BASELINES) {
            assertTrue(proxies.get(1).containsKey(p) && proxies.get(1).containsKey("seconds_" + p), p);
        }
        assertTrue(Files.size(out.resolve(Nb201Report.PLOT)) > 1000);
        String md = Files.readString(dir.resolve("NB201.md"), StandardCharsets.UTF_8);
        for (String h : List.of("## What was run", "## Rank correlation with the published accuracies",
                "## NEAR and the baselines on the 5 architectures", "## near-dl4j against the authors' package",
                "## Fewer images", "## Repetitions (10 images)", "## Initialisation (10 images)", "## Discussion",
                "![NEAR against test accuracy](nb201/" + Nb201Report.PLOT + ")")) {
            assertTrue(md.contains(h), () -> "report lacks '" + h + "'");
        }
        assertTrue(md.contains("| NEAR, 1 repetition, 10 images (near-dl4j) | 5 |"), md);
        assertTrue(!md.contains("The run is not complete"), md);
        // every baseline computed on every architecture, also where a cell has unread nodes (arch 10)
        assertTrue(md.contains("(NaN values here: 0)"), md);

        // resumed: nothing new to score; the report is written again, also as HTML
        Path html = dir.resolve("nb201.html");
        Nb201Benchmark.main(args(dir, "--tasks", "near,report", "--html", html.toString()));
        assertEquals(5, ResumableCsv.read(out.resolve("near-10.csv")).size());
        String page = Chromium.assertSelfContained(html);
        assertTrue(page.contains("<td>NEAR, 1 repetition, 10 images (near-dl4j)</td><td class=\"num\">5</td>"), page);
        assertTrue(page.contains("<h2>NEAR and the baselines on the 5 architectures with baselines (10 images)</h2>"),
                page);
        assertTrue(page.contains("<tr><td>code versions of the rows</td><td>images.csv: test;"), page);
        Chromium.Page shown = Chromium.require().open(html, dir.resolve("browser"), 1400, 3000);
        assertEquals(5, Chromium.count(Chromium.section(shown.dom(), "<svg id=\"scatter\"", "</svg>"),
                "<circle class=\"point\""), "one point per architecture");
        assertTrue(shown.count("<table class=\"data\"") >= 3, "proxies, baselines and ratio tables");
        shown.assertTableAndPlotDrawn(150);
    }

    @Test
    void limitAndFromCutTheRunIntoChunks(@TempDir Path dir) {
        Nb201Benchmark.main(args(dir, "--tasks", "near", "--limit", "2"));
        Path f = dir.resolve("nb201").resolve("near-10.csv");
        assertEquals(List.of("10", "31"), new ResumableCsv(f, List.of("arch", "near", "seconds", "matrices",
                "zero_matrices", "logits_erank", "images", "code")).keys("arch"));
        Nb201Benchmark.main(args(dir, "--tasks", "near", "--from", "4"));
        assertEquals(List.of("10", "31", "46"), ResumableCsv.read(f).stream().map(r -> r.get("arch")).toList());
    }

    @Test
    void badOptionsAndForeignCsv(@TempDir Path dir) throws IOException {
        assertEquals(2, run(new String[] {"--tasks", "nope"}).code);
        assertTrue(run(new String[] {"--tasks", "nope"}).err.contains("unknown task 'nope'"));
        assertEquals(2, run(new String[] {"--colour", "red"}).code);
        assertEquals(2, run(new String[] {"--images", "0"}).code);
        Path out = dir.resolve("nb201");
        Files.createDirectories(out);
        Files.writeString(out.resolve("near-10.csv"), "a,b\n1,2\n");
        Result r = run(args(dir, "--tasks", "near"));
        assertEquals(1, r.code);
        assertTrue(r.err.contains("near-10.csv has the columns [a, b]"), r.err);
    }

    private record Result(int code, String err) {
    }

    private static Result run(String[] args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.neardl4j.cli.Cli.run(new Nb201Benchmark.Command(args), args, System.out,
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }
}
