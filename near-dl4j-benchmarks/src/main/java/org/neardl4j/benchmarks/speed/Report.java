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

import org.neardl4j.cli.report.HtmlReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of one benchmark run: Markdown, printed as it grows and written into its own marked block of a file
 * (other text of the file is kept); the same sections, with its tables and plots, as an {@link HtmlReport}.
 *
 * <pre>{@code
 * Report r = new Report();
 * r.say("### Title\n");
 * r.table(new Table("n", "time (s)").row(512, Table.sec(0.046)));
 * Report.writeBlock(Paths.get("docs/performance/RUNS.md"), "suite-full-cpu", r.text());
 * r.html(HtmlReport.builder().title("Speed")).build().write(Paths.get("speed.html"));
 * }</pre>
 */
final class Report {

    /** A part of the report in order: Markdown text, a table, or a plot (HTML only). */
    private sealed interface Part permits Text, TablePart, Plot {
    }

    private record Text(String markdown) implements Part {
    }

    private record TablePart(Table table) implements Part {
    }

    private record Plot(String heading, String xLabel, String yLabel, List<HtmlReport.Point> points, String caption)
            implements Part {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Part> parts = new ArrayList<>();

    /** Prints {@code s} on stdout and adds it to the report. */
    void say(String s) {
        System.out.print(s);
        text.append(s);
        parts.add(new Text(s));
    }

    /** Prints a table (Markdown) and adds it to the report. */
    void table(Table t) {
        String md = t.toString();
        System.out.print(md);
        text.append(md);
        parts.add(new TablePart(t));
    }

    /** A scatter plot for the HTML report (the Markdown report has the table the points come from). */
    void scatter(String heading, String xLabel, String yLabel, List<HtmlReport.Point> points, String caption) {
        parts.add(new Plot(heading, xLabel, yLabel, List.copyOf(points), caption));
    }

    String text() {
        return text.toString();
    }

    /**
     * Adds the report's sections to an HTML report: Markdown headings become headings, list items bullets, other
     * lines paragraphs (Markdown marks removed), tables tables and plots plots.
     */
    HtmlReport.Builder html(HtmlReport.Builder b) {
        List<String> bullets = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Text t) {
                for (String line : t.markdown().split("\n")) {
                    String l = line.strip();
                    if (l.startsWith("- ")) {
                        bullets.add(plain(l.substring(2)));
                        continue;
                    }
                    flush(b, bullets);
                    if (l.startsWith("#")) {
                        b.heading(plain(l.replaceFirst("^#+\\s*", "")));
                    } else if (!l.isEmpty()) {
                        b.paragraph(plain(l));
                    }
                }
            } else {
                flush(b, bullets);
                if (p instanceof TablePart t) {
                    b.table(null, t.table().header(), t.table().rows());
                } else if (p instanceof Plot g && g.points().size() >= 2) {
                    b.scatter(g.heading(), g.xLabel(), g.yLabel(), g.points(), g.caption());
                }
            }
        }
        flush(b, bullets);
        return b;
    }

    private static void flush(HtmlReport.Builder b, List<String> bullets) {
        if (!bullets.isEmpty()) {
            b.bullets(List.copyOf(bullets));
            bullets.clear();
        }
    }

    /** Markdown code and emphasis marks removed: the HTML report shows plain text. */
    private static String plain(String md) {
        return md.replace("`", "").replace("**", "");
    }

    /** Writes an HTML report of the run: its sections, then the provenance entries. */
    void writeHtml(Path file, String title, Map<String, String> provenance) throws IOException {
        html(HtmlReport.builder().title(title).generator("NearBenchmark")).provenance(provenance).build().write(file);
    }

    /** Replaces the block between this key's markers in {@code file} (appends it when absent). */
    static void writeBlock(Path file, String key, String body) throws IOException {
        String begin = "<!-- near-bench:begin " + key + " -->";
        String end = "<!-- near-bench:end " + key + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Speed benchmark runs\n\n";
        String block = begin + "\n" + body.trim() + "\n" + end;
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            text = text.substring(0, i) + block + text.substring(j + end.length());
        } else {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
