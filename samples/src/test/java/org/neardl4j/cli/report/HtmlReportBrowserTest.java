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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code rank --html} opened in headless Chromium (Debian's {@code chromium}): the page renders (not blank), with the
 * ranked table and the scatter plot visible, found both in the rendered DOM ({@code --dump-dom}) and in the
 * screenshot's pixels (the table header's blue above the plot's red points). Skipped with a message when Chromium
 * is not installed, except under {@code CI=true}, where it fails.
 */
class HtmlReportBrowserTest {

    private static final int HEADER_BLUE = 0x2b6cb0;
    private static final int POINT_RED = 0xc53030;

    @TempDir
    Path dir;

    static String chromium() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    @Test
    void reportRendersTableAndPlotInChromium() throws Exception {
        String chromium = chromium();
        if (chromium == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("chromium is not installed (CI=true): apt-get install chromium");
            }
            Assumptions.abort("chromium is not installed: skipping the browser check of the HTML report");
        }
        Path html = ReportFixture.rankWithHtml(dir);
        String text = Files.readString(html, StandardCharsets.UTF_8);
        // self-contained: no scripts, nothing loaded from elsewhere (the SVG namespace is a name, not a fetch)
        assertTrue(!text.contains("<script") && !text.contains("src=") && !text.contains("href=")
                && !text.contains("@import") && !text.contains("url("), "external resources in the report");

        String dom = run(chromium, List.of("--dump-dom", html.toUri().toString()), dir.resolve("profile-dom"));
        assertTrue(dom.contains("<table id=\"ranking\""), dom);
        assertEquals(ReportFixture.WIDTHS.length + 1, count(section(dom, "<table id=\"ranking\"", "</table>"), "<tr>"),
                "header + one row per candidate");
        assertEquals(ReportFixture.WIDTHS.length, count(dom, "<circle class=\"point\""), "one point per candidate");
        assertTrue(dom.contains("Spearman's rho") && dom.contains("Kendall's tau"), dom);
        assertEquals(3, count(dom, "<table class=\"layers\""), "per-layer tables of the top 3");
        assertTrue(dom.contains("<table id=\"provenance\"") && dom.contains("DL4J 1.0.0-M2.1"), dom);

        Path png = dir.resolve("report.png");
        run(chromium, List.of("--screenshot=" + png, "--window-size=1200,2600", html.toUri().toString()),
                dir.resolve("profile-shot"));
        String keep = System.getenv("NEAR_REPORT_KEEP");   // a folder to keep the report and screenshot in
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(html, Path.of(keep, "report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(png, Path.of(keep, "report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() == 1200, "screenshot " + png);
        long nonWhite = 0;
        Set<Integer> colours = new HashSet<>();
        int blueTop = Integer.MAX_VALUE;
        int redTop = Integer.MAX_VALUE;
        long blue = 0;
        long red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
                if (near(rgb, HEADER_BLUE)) {
                    blue++;
                    blueTop = Math.min(blueTop, y);
                }
                if (near(rgb, POINT_RED)) {
                    red++;
                    redTop = Math.min(redTop, y);
                }
            }
        }
        long pixels = (long) img.getWidth() * img.getHeight();
        assertTrue(nonWhite > pixels / 50 && colours.size() > 50, "blank page? non-white " + nonWhite + " of " + pixels
                + ", " + colours.size() + " colours");
        assertTrue(blue > 2_000, "table headers not drawn: " + blue + " blue pixels");
        // three points of radius 6: about 3 * 113 pixels of their fill colour
        assertTrue(red > 150, "scatter points not drawn: " + red + " red pixels");
        assertTrue(blueTop < redTop, "the ranked table (blue header at y " + blueTop + ") comes before the plot (y "
                + redTop + ")");
    }

    private static boolean near(int rgb, int want) {
        int dr = ((rgb >> 16) & 0xff) - ((want >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((want >> 8) & 0xff);
        int db = (rgb & 0xff) - (want & 0xff);
        return Math.abs(dr) <= 12 && Math.abs(dg) <= 12 && Math.abs(db) <= 12;
    }

    private static String run(String chromium, List<String> extra, Path profile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(extra);
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish: " + cmd);
        assertEquals(0, p.exitValue(), "chromium failed: " + cmd);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String section(String s, String from, String to) {
        int i = s.indexOf(from);
        int j = s.indexOf(to, i);
        return i < 0 || j < 0 ? "" : s.substring(i, j);
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
