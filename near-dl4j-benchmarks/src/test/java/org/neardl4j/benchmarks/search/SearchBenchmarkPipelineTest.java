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
package org.neardl4j.benchmarks.search;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search benchmark end to end on a few cells per dataset: small score tables written here (the values chosen so
 * that each proxy's and the rank-average's choice is known by hand), the published accuracies of the bundled tables.
 */
class SearchBenchmarkPipelineTest {

    @TempDir
    Path docs;

    /** The 12 first cells of the bundled 1,000-cell tables (NAS-Bench-201 indices). */
    private static final int[] ARCHS = {10, 31, 38, 40, 46, 65, 73, 97, 102, 120, 141, 159};
    /** The cells of the baselines' tables: A..E. */
    private static final int[] BASE = {31, 38, 40, 46, 65};
    private static final String PROXY_HEADER = "arch,params,seconds_params,naswot,seconds_naswot,grad_norm,"
            + "seconds_grad_norm,snip,seconds_snip,synflow,seconds_synflow,jacob_cov,seconds_jacob_cov,zico,seconds_zico,"
            + "meco,seconds_meco,code";

    /** NEAR of a cell: 102 is the highest of the 12; on A..E NEAR ranks A > B > D > E > C. */
    private static double near(int arch) {
        return switch (arch) {
            case 102 -> 500;
            case 31 -> 10;
            case 38 -> 9;
            case 46 -> 2;
            case 65 -> 1;
            case 40 -> 0;
            default -> 5;
        };
    }

    /** MeCo on A..E: C > B > D > E > A, so the mean rank is highest for B (4 of 5 under both). */
    private static double meco(int arch) {
        return switch (arch) {
            case 40 -> 10;
            case 38 -> 9;
            case 46 -> 2;
            case 65 -> 1;
            default -> 0;
        };
    }

    private void tables(String folder, int images, boolean partialRow) throws IOException {
        Path dir = docs.resolve(folder);
        Files.createDirectories(dir);
        StringBuilder n = new StringBuilder("arch,near,seconds,matrices,zero_matrices,logits_erank,images,code\n");
        for (int a : ARCHS) {
            n.append(a).append(',').append(near(a)).append(",0.25,1,0,1,").append(images).append(",test\n");
        }
        Files.writeString(dir.resolve("near-" + images + ".csv"), n.toString());
        StringBuilder p = new StringBuilder(PROXY_HEADER + "\n");
        for (int a : BASE) {
            double v = near(a);
            p.append(a).append(',');
            for (int i = 0; i < 7; i++) {
                p.append(v).append(",0.5,");
            }
            p.append(meco(a)).append(",0.5,test\n");
        }
        if (partialRow) {
            p.append("97,1.0,0.1,3.0");     // a row still being written: left out
        }
        Files.writeString(dir.resolve("proxies-" + (folder.startsWith("nb201") ? 64 : images) + ".csv"),
                p.toString());
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    private static CSVRecord only(List<CSVRecord> rows, Map<String, String> where) {
        List<CSVRecord> hit = rows.stream().filter(r -> where.entrySet().stream()
                .allMatch(e -> r.get(e.getKey()).equals(e.getValue()))).toList();
        assertEquals(1, hit.size(), where.toString());
        return hit.get(0);
    }

    @Test
    void everyDatasetEndToEnd() throws Exception {
        // the whole-space table's layout with 120 cells (arch 0..119), cell 3 failed, cell 7 the highest NEAR
        StringBuilder space = new StringBuilder("near_rank,cellstr,arch,near,cifar10_test_acc,params_mb,status,error\n");
        List<CSVRecord> all;
        try (Reader r = new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(getClass()
                .getResourceAsStream("/nb201-space/nb201_cifar10_all.csv.gz")), StandardCharsets.UTF_8)) {
            all = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
        for (int a = 0; a < 120; a++) {
            String cell = all.get(a).get("cellstr");
            if (a == 3) {
                space.append(",").append(cell).append(",3,,0,0,failed,Java heap space (java.lang.OutOfMemoryError)\n");
            } else {
                double v = a == 7 ? 1000 : (a * 37) % 101;
                space.append("1,").append(cell).append(',').append(a).append(',').append(v).append(",0,0,ok,\n");
            }
        }
        Files.createDirectories(docs.resolve("spark"));
        Files.writeString(docs.resolve("spark/nb201-cifar10-near.csv"), space.toString());
        tables("nb201", 10, false);
        tables("paper/nb201-cifar100", 100, true);
        tables("paper/nb201-imagenet16-120", 120, false);
        Files.writeString(docs.resolve("SEARCH.md"), "old\n" + SearchBenchmark.DISCUSSION_MARKER
                + "\n## Kept\n\nhand-written text\n");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--docs", docs.toString(), "--seeds", "3"};
        int code = Cli.run(new SearchBenchmark.Command(), args, System.out, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        List<CSVRecord> runs = csv(docs.resolve("search/runs.csv"));
        // exhaustive NEAR on the whole-space table: cell 7, CIFAR-10 test accuracy 91.99 (NAS-Bench-201 v1.0)
        CSVRecord ex = only(runs, Map.of("dataset", "cifar10", "set", "space", "fitness", "near",
                "strategy", "exhaustive"));
        assertEquals("7", ex.get("chosen_arch"));
        assertEquals(91.99, Double.parseDouble(ex.get("test_acc")), 1e-9);
        assertEquals(120, Integer.parseInt(ex.get("candidates")));
        // random N=10 and evolution N=100: one row per seed, never the failed cell, the chosen cell among those drawn
        for (String s : List.of("random", "evolution")) {
            List<CSVRecord> r = runs.stream().filter(x -> x.get("set").equals("space") && x.get("strategy").equals(s)
                    && x.get("budget").equals(s.equals("random") ? "10" : "100")).toList();
            assertEquals(List.of("1", "2", "3"), r.stream().map(x -> x.get("seed")).toList());
            for (CSVRecord x : r) {
                assertTrue(!x.get("chosen_arch").equals("3"), x.toString());
                assertTrue(Double.parseDouble(x.get("best_scored_test_acc")) >= Double.parseDouble(x.get("test_acc")));
            }
        }
        // every dataset: NEAR over the 12 cells chooses 102; over A..E NEAR chooses A (31), MeCo C (40), the
        // rank-average B (38)
        Map<String, double[]> acc = Map.of("cifar10", new double[] {92.1967, 90.92, 75.4433, 92.2333},
                "cifar100", new double[] {68.84, 65.1867, 46.6067, 68.1933},
                "imagenet16-120", new double[] {42.7444, 36.4444, 15.4333, 35.2889});
        for (Map.Entry<String, double[]> e : acc.entrySet()) {
            String d = e.getKey();
            CSVRecord n = only(runs, Map.of("dataset", d, "set", "1000", "fitness", "near", "strategy", "exhaustive"));
            assertEquals("102", n.get("chosen_arch"));
            assertEquals(e.getValue()[0], Double.parseDouble(n.get("test_acc")), 1e-9);
            if (!d.equals("cifar10")) {
                // NASWOT's protocol: the CIFAR-10 NEAR values of the same cells, the accuracy on this dataset
                CSVRecord t = only(runs, Map.of("dataset", d, "set", "c10-near", "strategy", "exhaustive"));
                assertEquals("102", t.get("chosen_arch"));
                assertEquals(e.getValue()[0], Double.parseDouble(t.get("test_acc")), 1e-9);
            }
            String[][] picks = {{"near", "31"}, {"meco", "40"}, {"near+meco", "38"}, {"synflow", "31"}};
            for (int i = 0; i < picks.length; i++) {
                CSVRecord b = only(runs, Map.of("dataset", d, "set", "baselines", "fitness", picks[i][0],
                        "strategy", "exhaustive"));
                assertEquals(picks[i][1], b.get("chosen_arch"), d + " " + picks[i][0]);
                assertEquals(e.getValue()[i == 3 ? 1 : i + 1], Double.parseDouble(b.get("test_acc")), 1e-9);
                assertEquals("5", b.get("candidates"));
            }
            // the candidates' scoring time from the tables: 5 cells x (NEAR 0.25 s + MeCo 0.5 s)
            CSVRecord avg = only(csv(docs.resolve("search/summary.csv")), Map.of("dataset", d, "set", "baselines",
                    "fitness", "near+meco", "strategy", "exhaustive"));
            assertEquals(3.75, Double.parseDouble(avg.get("scoring_s")), 1e-9);
            assertTrue(Files.size(docs.resolve("search/search-" + d + "-1000.png")) > 1000);
            assertTrue(Files.size(docs.resolve("search/search-" + d + "-baselines.png")) > 1000);
        }
        String md = Files.readString(docs.resolve("SEARCH.md"));
        for (String h : List.of("## What was run", "## Compared with NASWOT's published NAS-Bench-201 results",
                "| CIFAR-100 | NEAR on CIFAR-10, random (NASWOT's protocol; same sample) |", "## CIFAR-10\n",
                "## CIFAR-100\n", "## ImageNet16-120\n", "#### CIFAR-100: NEAR+MeCo against each alone",
                "| CIFAR-10 | **NASWOT, published** | 86.61 +- 13.46 | 92.44 +- 1.13 | 92.81 +- 0.99 | 92.96 +- 0.81 |",
                "no NEAR value for 1 of its cells", "| synflow |", "(search/search-cifar10-space.png)",
                SearchBenchmark.DISCUSSION_MARKER + "\n## Kept\n\nhand-written text\n")) {
            assertTrue(md.contains(h), () -> "SEARCH.md lacks '" + h + "'\n" + md);
        }
        assertTrue(!md.startsWith("old"));
        assertEquals(md.indexOf(SearchBenchmark.DISCUSSION_MARKER), md.lastIndexOf(SearchBenchmark.DISCUSSION_MARKER));
    }

    @Test
    void badOptions() {
        String[] a = {"--seeds", "1"};
        assertEquals(1, Cli.run(new SearchBenchmark.Command(), a, System.out, System.err));
        String[] b = {"--docs", docs.resolve("empty").toString()};
        assertTrue(Cli.run(new SearchBenchmark.Command(), b, System.out, System.err) != 0);
        String[] c = {"--bogus"};
        assertEquals(2, Cli.run(new SearchBenchmark.Command(), c, System.out, System.err));
    }
}
