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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's pipeline end to end on a few cells per benchmark, with small networks and few images: NAS-Bench-201 on
 * CIFAR-100 and ImageNet16-120, NAS-Bench-101, then the report. The correlations are not asserted (3 cells).
 */
class PaperPipelineTest {

    @TempDir
    Path dir;

    private static int run(Object command, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.neardl4j.cli.Cli.run(command, args, System.out, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertTrue(code != 1, err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void everyBenchmarkThenTheReport() throws Exception {
        Path paper = dir.resolve("paper");
        for (String[] d : new String[][] {{"imagenet16-120", "120"}, {"cifar100", "100"}}) {
            String[] a = {"--dataset", d[0], "--archs", "3", "--images", d[1], "--channels", "2", "--cells", "1",
                "--tasks", "near,proxies", "--subset-proxies", "2", "--out", paper.resolve("nb201-" + d[0]).toString(),
                "--code-version", "test", "--quiet"};
            assertEquals(0, run(new Nb201Benchmark.Command(a), a));
            List<ImmutableMap<String, String>> near = ResumableCsv.read(paper.resolve("nb201-" + d[0])
                    .resolve("near-" + d[1] + ".csv"));
            assertEquals(List.of("10", "31", "38"), near.stream().map(r -> r.get("arch")).toList());
            for (ImmutableMap<String, String> r : near) {
                assertEquals(d[1], r.get("images"));
                assertTrue(Double.parseDouble(r.get("near")) > 0, r.toString());
            }
            List<ImmutableMap<String, String>> prox = ResumableCsv.read(paper.resolve("nb201-" + d[0])
                    .resolve("proxies-" + d[1] + ".csv"));
            assertEquals(2, prox.size());
            for (String p : Nb201Benchmark.BASELINES) {
                assertTrue(Double.isFinite(Double.parseDouble(prox.get(1).get(p))), p + " " + prox.get(1));
            }
        }
        String[] b = {"--rows", "3", "--stem", "4", "--cells-per-stack", "1", "--images", "8", "--tasks",
            "near,proxies", "--subset-proxies", "2", "--out", paper.resolve("nb101").toString(), "--quiet"};
        assertEquals(0, run(new Nb101Benchmark.Command(b), b));
        List<ImmutableMap<String, String>> nb101 = ResumableCsv.read(paper.resolve("nb101").resolve("near-8.csv"));
        assertEquals(List.of("1", "2", "3"), nb101.stream().map(r -> r.get("id")).toList());
        // the parameter count of the small network, and the matrices of the authors' package's formula
        // (3 + 3 x 3 cells x (convolution vertices + input edges) + 1; row 1: 2 conv vertices, 1 input edge)
        assertEquals("85", Nb201Data.nb101Reference("n_matrices").get(1).intValue() + "");
        assertEquals(3 + 9 * 3 + 1, Integer.parseInt(nb101.get(0).get("matrices")));
        assertEquals(2, ResumableCsv.read(paper.resolve("nb101").resolve("proxies-8.csv")).size());
        // resumed: nothing new
        assertEquals(0, run(new Nb101Benchmark.Command(b), b));
        assertEquals(3, ResumableCsv.read(paper.resolve("nb101").resolve("near-8.csv")).size());

        // the report over what exists (CIFAR-10 from an empty folder: its cells stay empty)
        Path md = dir.resolve("PAPER.md");
        Path html = dir.resolve("paper.html");
        String[] r = {"--nb201", dir.resolve("nb201").toString(), "--out", paper.toString(), "--report", md.toString(),
            "--html", html.toString(), "--nb101-images", "8"};
        assertEquals(0, run(new PaperReport.Command(), r));
        String text = Files.readString(md);
        for (String h : List.of("## What was run", "## Rank correlation with the accuracy (the paper's table)",
                "**Not run: NATS-Bench-SSS", "## near-dl4j against the authors' package", "## Cost",
                "| NEAR (near-dl4j, 1 repetition) |", "| #Params |", "| meco |", "NATS-Bench-TSS ImageNet16-120 τ",
                "NAS-Bench-101 CIFAR-10 ρ", "![NEAR against")) {
            assertTrue(text.contains(h), () -> "report lacks '" + h + "'\n" + text);
        }
        assertTrue(Files.size(paper.resolve("nb201-imagenet16-120-near.png")) > 1000);
        String page = Files.readString(html);
        assertTrue(page.contains("NATS-Bench-TSS CIFAR-100: NEAR against the accuracy"), page);
        assertTrue(!page.contains("<script src=") && !page.contains("<link "), "self-contained");
    }

    @Test
    void badOptions() {
        String[] a = {"--dataset", "cifar100", "--tasks", "report"};
        assertEquals(2, org.neardl4j.cli.Cli.run(new Nb201Benchmark.Command(a), a, System.out, System.err));
        String[] d = {"--dataset", "svhn"};
        assertEquals(2, org.neardl4j.cli.Cli.run(new Nb201Benchmark.Command(d), d, System.out, System.err));
        String[] t = {"--tasks", "xavier"};
        assertEquals(2, org.neardl4j.cli.Cli.run(new Nb101Benchmark.Command(t), t, System.out, System.err));
    }

    /** The outcome sentence: the proxy with the lowest mean rank, and NEAR's mean and place among the proxies. */
    @Test
    void outcomeNamesTheBestAverageRankAndNearsPlace() {
        java.util.Map<String, List<Double>> ranks = new java.util.LinkedHashMap<>();
        ranks.put(PaperReport.NEAR, List.of(2.0, 3.0));     // mean 2.5
        ranks.put("#Params", List.of(3.0, 2.0, 4.0));      // mean 3.0
        ranks.put("meco", List.of(1.0, 1.0));              // mean 1.0
        ranks.put("snip", null);                           // did not run
        String s = PaperReport.outcome(ranks);
        assertTrue(s.contains("meco (1.00)") && s.contains("NEAR 2.50, place 2 of 3") && s.contains("is not reproduced"),
                s);
        ranks.put("meco", List.of(3.0, 3.0));
        s = PaperReport.outcome(ranks);
        assertTrue(s.contains("place 1 of 3") && s.contains("holds"), s);
        assertEquals(null, PaperReport.outcome(java.util.Map.of(PaperReport.NEAR, List.of(1.0))));
    }
}
