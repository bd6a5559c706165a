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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.cli.report.Chromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NB201 benchmark's HTML report opened in headless Chromium ({@link Chromium}). Skipped with a message when
 * Chromium is not installed, except under {@code CI=true}, where it fails.
 */
class Nb201ReportBrowserTest {

    @TempDir
    Path dir;

    /**
     * The NB201 benchmark's report from the committed CSVs (docs/nb201, copied: the report task also writes its
     * plot next to them): the proxy table, NEAR against the test accuracy with one point per scored architecture,
     * near-dl4j against the authors' values, the provenance. Reads CSVs only, scores nothing.
     */
    @Test
    void nb201ReportFromTheCommittedCsvsRenders() throws Exception {
        Chromium chromium = Chromium.require();
        Path committed = Paths.get("../docs/nb201");
        Path out = Files.createDirectories(dir.resolve("nb201"));
        try (Stream<Path> csvs = Files.list(committed)) {
            for (Path f : (Iterable<Path>) csvs.filter(f -> f.toString().endsWith(".csv"))::iterator) {
                Files.copy(f, out.resolve(f.getFileName()));
            }
        }
        long scored = Files.lines(out.resolve("near-64.csv")).count() - 1;
        Path html = dir.resolve("nb201.html");
        Nb201Benchmark.main(new String[] {"--tasks", "report", "--out", out.toString(), "--report",
                dir.resolve("NB201.md").toString(), "--html", html.toString(), "--quiet"});
        Chromium.assertSelfContained(html);

        Chromium.Page page = chromium.open(html, dir.resolve("browser"), 1200, 3200);
        String dom = page.dom();
        String table = Chromium.section(dom, "Rank correlation with the published accuracies", "</table>");
        assertTrue(table.contains("NEAR, 1 repetition, 64 images (near-dl4j)")
                && table.contains("NEAR, authors' package") && table.contains("params_mb"), table);
        // the NEAR rows of the table come from the same CSV rows as NB201.md's
        String md = Files.readString(dir.resolve("NB201.md"));
        String mdRow = Chromium.section(md, "| NEAR, 1 repetition, 64 images (near-dl4j) |", "\n");
        String[] cells = mdRow.split("\\|");
        assertTrue(table.contains("<td class=\"num\">" + cells[3].trim() + "</td>"), mdRow + " vs " + table);
        assertTrue(page.count("<svg id=\"scatter\"") == 1 && page.count("<svg id=\"scatter-2\"") == 1, "two plots");
        assertTrue(Chromium.count(Chromium.section(dom, "<svg id=\"scatter\"", "</svg>"), "<circle class=\"point\"")
                == scored, "one point per architecture with NEAR on 64 images: " + scored);
        assertTrue(dom.contains("Spearman's rho") && dom.contains("Kendall's tau"), "rho and tau");
        assertTrue(dom.contains("<table id=\"provenance\"") && dom.contains("near-64.csv: " + scored), "provenance");
        page.assertTableAndPlotDrawn(500);
    }
}
