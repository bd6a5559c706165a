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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Headless Chromium (Debian's {@code chromium}) for the tests of the HTML reports: the rendered DOM
 * ({@code --dump-dom}), a screenshot, and what its pixels show (not blank, the tables' blue headers, the plots' red
 * points). {@link #require()} skips the calling test with a message when Chromium is not installed, except under
 * {@code CI=true}, where it fails. Set {@code NEAR_REPORT_KEEP} to a folder to keep every page and screenshot.
 */
public final class Chromium {

    /** The table header colour of {@link HtmlReport}. */
    public static final int HEADER_BLUE = 0x2b6cb0;
    /** The scatter point colour of {@link HtmlReport}. */
    public static final int POINT_RED = 0xc53030;

    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    /**
     * The installed Chromium.
     *
     * @return it; the calling test is skipped (or fails under CI=true) when there is none
     */
    public static Chromium require() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (new File(c).canExecute()) {
                return new Chromium(c);
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("chromium is not installed (CI=true): apt-get install chromium");
        }
        Assumptions.abort("chromium is not installed: skipping the browser check of the HTML report");
        return null;
    }

    /** What a page looks like in the browser: its DOM and the screenshot's colours. */
    public record Page(String dom, int width, int height, long nonWhite, int colours, long blue, int blueTop,
                       long red, int redTop) {

        /**
         * How often a text occurs in the DOM.
         *
         * @param what the text
         * @return the count
         */
        public int count(String what) {
            return Chromium.count(dom, what);
        }

        /** Asserts the page is not blank and shows table headers and plotted points, the table first. */
        public void assertTableAndPlotDrawn(long minRedPixels) {
            long pixels = (long) width * height;
            assertTrue(nonWhite > pixels / 50 && colours > 50, "blank page? non-white " + nonWhite + " of " + pixels
                    + ", " + colours + " colours");
            assertTrue(blue > 2_000, "table headers not drawn: " + blue + " blue pixels");
            assertTrue(red > minRedPixels, "scatter points not drawn: " + red + " red pixels");
            assertTrue(blueTop < redTop, "a table (blue header at y " + blueTop + ") comes before the plot (y "
                    + redTop + ")");
        }
    }

    /**
     * Opens a page: its DOM, then a screenshot of the given size.
     *
     * @param html   the page
     * @param work   a folder for profiles and the screenshot
     * @param width  window width
     * @param height window height
     * @return what it shows
     * @throws Exception when Chromium fails
     */
    public Page open(Path html, Path work, int width, int height) throws Exception {
        Files.createDirectories(work);
        String dom = run(List.of("--dump-dom", html.toUri().toString()), work.resolve("profile-dom"));
        Path png = work.resolve(html.getFileName() + ".png");
        run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, html.toUri().toString()),
                work.resolve("profile-shot"));
        String keep = System.getenv("NEAR_REPORT_KEEP");   // a folder to keep the report and screenshot in
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(html, Path.of(keep, html.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(png, Path.of(keep, png.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() == width, "screenshot " + png);
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
        return new Page(dom, img.getWidth(), img.getHeight(), nonWhite, colours.size(), blue, blueTop, red, redTop);
    }

    /**
     * Layout facts of a page as the browser lays it out in a window of the given width: a copy of the page with a
     * measuring script is opened ({@code --dump-dom} runs it) and what it found is read back. Keys: {@code viewport}
     * (the page's width), {@code tableRight} (right edge of {@code table#ranking}, -1 without one),
     * {@code cellOverflow} (table cells whose content is wider than the cell), {@code labels} (scatter labels),
     * {@code labelOverlaps} (pairs of scatter labels whose boxes intersect), {@code labelsOnPoints} (labels over a
     * point of another candidate).
     *
     * @param html  the page
     * @param work  a folder for the copy and the profile
     * @param width window width
     * @return the facts, by key
     * @throws Exception when Chromium fails
     */
    public java.util.Map<String, Double> measure(Path html, Path work, int width) throws Exception {
        Files.createDirectories(work);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Path copy = work.resolve("measured-" + html.getFileName());
        Files.writeString(copy, page.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);
        String dom = run(List.of("--window-size=" + width + ",2000", "--dump-dom", copy.toUri().toString()),
                work.resolve("profile-measure"));
        Matcher m = Pattern.compile("data-measure=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), "the measuring script did not run: " + dom.substring(0, Math.min(300, dom.length())));
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String kv : m.group(1).split(";")) {
            String[] p = kv.split("=");
            out.put(p[0], Double.parseDouble(p[1]));
        }
        return out;
    }

    /** Scatter labels: the text elements in the plots' label colour (the axis texts are black). */
    private static final String MEASURE = "<script>(function(){"
            + "var r=[];var t=document.getElementById('ranking');"
            + "r.push('viewport='+document.documentElement.clientWidth);"
            + "r.push('tableRight='+(t?t.getBoundingClientRect().right:-1));"
            + "var o=0;document.querySelectorAll('td').forEach(function(c){if(c.scrollWidth>c.clientWidth+1)o++;});"
            + "r.push('cellOverflow='+o);"
            + "var b=[];document.querySelectorAll('svg text[fill=\"#2d3748\"]').forEach(function(e){"
            + "var x=e.getBBox();b.push([x.x,x.y,x.x+x.width,x.y+x.height]);});"
            + "var n=0;for(var i=0;i<b.length;i++)for(var j=i+1;j<b.length;j++)"
            + "if(b[i][0]<b[j][2]&&b[j][0]<b[i][2]&&b[i][1]<b[j][3]&&b[j][1]<b[i][3])n++;"
            + "var p=[];document.querySelectorAll('svg circle.point').forEach(function(c){"
            + "var x=+c.getAttribute('cx'),y=+c.getAttribute('cy'),q=+c.getAttribute('r');p.push([x-q,y-q,x+q,y+q]);});"
            + "var k=0;for(var i=0;i<b.length;i++)for(var j=0;j<p.length;j++)"
            + "if(b[i][0]<p[j][2]&&p[j][0]<b[i][2]&&b[i][1]<p[j][3]&&p[j][1]<b[i][3])k++;"
            + "r.push('labels='+b.length);r.push('labelOverlaps='+n);r.push('labelsOnPoints='+k);"
            + "document.body.setAttribute('data-measure',r.join(';'));})();</script>";

    /**
     * Asserts the file is self-contained: no scripts, nothing loaded from elsewhere (the SVG namespace is a name,
     * not a fetch).
     *
     * @param html the page
     * @return its text
     * @throws IOException when it cannot be read
     */
    public static String assertSelfContained(Path html) throws IOException {
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(!text.contains("<script") && !text.contains("src=") && !text.contains("href=")
                && !text.contains("@import") && !text.contains("url("), "external resources in " + html);
        return text;
    }

    /**
     * The part of a text from the first {@code from} to the next {@code to}.
     *
     * @param s    the text
     * @param from where it starts
     * @param to   where it ends
     * @return the part, empty when either is missing
     */
    public static String section(String s, String from, String to) {
        int i = s.indexOf(from);
        int j = s.indexOf(to, i);
        return i < 0 || j < 0 ? "" : s.substring(i, j);
    }

    /**
     * How often a text occurs.
     *
     * @param s    where
     * @param what the text
     * @return the count
     */
    public static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean near(int rgb, int want) {
        int dr = ((rgb >> 16) & 0xff) - ((want >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((want >> 8) & 0xff);
        int db = (rgb & 0xff) - (want & 0xff);
        return Math.abs(dr) <= 12 && Math.abs(dg) <= 12 && Math.abs(db) <= 12;
    }

    private String run(List<String> extra, Path profile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
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
}
