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

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
