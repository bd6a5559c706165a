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
package org.neardl4j.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML reports opened in headless Chromium ({@link Chromium}): {@code rank --html} renders (not blank), with their tables and scatter plots visible, found both in the
 * rendered DOM ({@code --dump-dom}) and in the screenshot's pixels (the table header's blue above the plot's red
 * points). The speed benchmark's report is opened the same way by {@code NearBenchmarkTest}, the NB201 reports'
 * by {@code Nb201ReportBrowserTest} and {@code Nb201BenchmarkPipelineTest}. Skipped with a message when Chromium is not installed, except under
 * {@code CI=true}, where it fails.
 */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    @Test
    void reportRendersTableAndPlotInChromium() throws Exception {
        Chromium chromium = Chromium.require();
        Path html = ReportFixture.rankWithHtml(dir);
        Chromium.assertSelfContained(html);

        Chromium.Page page = chromium.open(html, dir.resolve("browser"), 1200, 2600);
        String dom = page.dom();
        assertTrue(dom.contains("<table id=\"ranking\""), dom);
        assertEquals(ReportFixture.WIDTHS.length + 1,
                Chromium.count(Chromium.section(dom, "<table id=\"ranking\"", "</table>"), "<tr>"),
                "header + one row per candidate");
        assertEquals(ReportFixture.WIDTHS.length, page.count("<circle class=\"point\""), "one point per candidate");
        assertTrue(dom.contains("Spearman's rho") && dom.contains("Kendall's tau"), dom);
        assertEquals(3, page.count("<table class=\"layers\""), "per-layer tables of the top 3");
        assertTrue(dom.contains("<table id=\"provenance\"") && dom.contains("DL4J 1.0.0-M2.1"), dom);
        // three points of radius 6: about 3 * 113 pixels of their fill colour
        page.assertTableAndPlotDrawn(150);
    }

    /**
     * NB201 cells ranked on 8 images with one repetition: the short (non-square) matrices are marked in the table
     * and listed, the long cell names stay inside the table (shortened, the full name in the title), "-" for the
     * standard deviation of one repetition, no NEAR axis below zero, and the command with its arguments in the
     * provenance.
     */
    @Test
    void nb201ReportShowsWarningsAndFitsTheWindow() throws Exception {
        Chromium chromium = Chromium.require();
        Path table = dir.resolve("nb201.csv");
        try (var in = getClass().getClassLoader().getResourceAsStream("nb201/nb201_cifar10_1000.csv")) {
            Files.copy(in, table);
        }
        List<String> lines = Files.readAllLines(table);
        List<String> args = new ArrayList<>(List.of("rank"));
        for (String line : lines.subList(2, 6)) {
            args.add("--nb201");
            args.add(line.split(",")[1]);
        }
        Path html = dir.resolve("nb201.html");
        args.addAll(List.of("-n", "8", "-r", "1", "--accuracies", table + ":cifar10_test_acc", "--html",
                html.toString(), "--quiet"));
        ReportFixture.run(args);
        String text = Chromium.assertSelfContained(html);

        String ranking = Chromium.section(text, "<table id=\"ranking\"", "</table>");
        String listed = Chromium.section(text, "<ul class=\"warnings\">", "</ul>");
        assertTrue(listed.contains("give at least"), text);
        int warned = 0;
        for (String line : lines.subList(2, 6)) {
            warned += listed.contains("<li>" + line.split(",")[1] + ": ") ? 1 : 0;
        }
        assertTrue(warned > 0, listed);
        assertEquals(warned, Chromium.count(ranking, "<span class=\"warn\""), "a marker per network with warnings");
        for (String line : lines.subList(2, 6)) {
            assertTrue(ranking.contains("title=\"" + line.split(",")[1] + "\""), "full name in the title");
        }
        // rank, name, NEAR, sd, ...: one repetition has no standard deviation
        Matcher rows = Pattern.compile("<tr><td class=\"num\">\\d+</td><td class=\"name\".*?</td><td[^>]*>[^<]*"
                + "</td><td[^>]*>([^<]*)</td>", Pattern.DOTALL).matcher(ranking);
        int n = 0;
        while (rows.find()) {
            assertEquals("-", rows.group(1));
            n++;
        }
        assertEquals(4, n, ranking);
        String provenance = Chromium.section(text, "<table id=\"provenance\"", "</table>");
        assertTrue(provenance.contains("near-cli rank --nb201") && provenance.contains("-n 8 -r 1")
                && provenance.contains(":cifar10_test_acc"), provenance);
        assertNoNegativeTick(text);

        Map<String, Double> m = chromium.measure(html, dir.resolve("browser"), 1000);
        assertTrue(m.get("tableRight") <= m.get("viewport"), "the ranking fits the window: " + m);
        assertEquals(0.0, m.get("cellOverflow"), "no cell content wider than its cell: " + m);
        assertEquals(0.0, m.get("labelOverlaps"), m.toString());
    }

    /** Twenty close points with long names: the labels shown overlap neither each other nor other points. */
    @Test
    void scatterLabelsDoNotOverlap() throws Exception {
        Chromium chromium = Chromium.require();
        List<HtmlReport.Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(new HtmlReport.Point("candidate-with-a-long-name-" + i, 10 + 0.3 * i + (i % 3) * 0.2,
                    0.8 + 0.004 * i));
        }
        points.add(new HtmlReport.Point("far", 40, 0.2));
        Path html = dir.resolve("scatter.html");
        HtmlReport.builder().scatter("NEAR against accuracy", "NEAR", "accuracy", points, (org.neardl4j.tune
                .RankCorrelation) null).build().write(html);
        assertNoNegativeTick(Files.readString(html, StandardCharsets.UTF_8));
        Map<String, Double> m = chromium.measure(html, dir.resolve("browser"), 1000);
        assertTrue(m.get("labels") >= 2, "some labels are shown: " + m);
        assertEquals(0.0, m.get("labelOverlaps"), m.toString());
        assertEquals(0.0, m.get("labelsOnPoints"), m.toString());
    }

    /** The axis ticks of every scatter plot: none below zero when no value is. */
    private static void assertNoNegativeTick(String html) {
        String svg = Chromium.section(html, "<svg", "</svg>");
        Matcher t = Pattern.compile("<text[^>]*>(-?[0-9.eE+-]+)</text>").matcher(svg);
        int ticks = 0;
        while (t.find()) {
            assertFalse(t.group(1).startsWith("-"), "negative tick " + t.group(1));
            ticks++;
        }
        assertTrue(ticks >= 10, svg);
    }
}
