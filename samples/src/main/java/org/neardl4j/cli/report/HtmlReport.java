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

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import org.neardl4j.cli.VersionInfo;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.tune.RankCorrelation;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One self-contained HTML file a person would rather read than a table: sections of tables and scatter plots
 * (inline SVG), the ranked candidates of a {@link RankingResult} with NEAR against the measured metric and the
 * per-layer breakdown of the top candidates, and the provenance (versions, backend, seed, inputs). No scripts, no
 * style sheets or fonts from elsewhere: the file opens the same offline. Immutable once built.
 *
 * <p>Elements a test (or a reader's tooling) can find: {@code table#ranking}, {@code svg#scatter} (one per scatter
 * section: {@code svg.scatter}), {@code table.layers}, {@code table#provenance}.
 *
 * <pre>{@code
 * HtmlReport.builder().title("NEAR ranking").ranking(result).provenance(Map.of("seed", "12345")).build()
 *         .write(Paths.get("report.html"));
 * }</pre>
 */
public final class HtmlReport {

    private static final Escaper ESC = HtmlEscapers.htmlEscaper();

    private final String html;

    private HtmlReport(String html) {
        this.html = html;
    }

    /**
     * A new report builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The whole document.
     *
     * @return the HTML text
     */
    public String html() {
        return html;
    }

    /**
     * Writes the document (UTF-8), replacing the file and creating its folder.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        Preconditions.checkNotNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** A point of a scatter plot. */
    public record Point(String label, double x, double y) {
        /**
         * A labelled point.
         *
         * @param label shown on hover (SVG title)
         * @param x     horizontal value
         * @param y     vertical value
         */
        public Point {
            Preconditions.checkNotNull(label, "label");
        }
    }

    /**
     * Builds a report section by section, in the order the calls are made.
     *
     * <pre>{@code
     * HtmlReport r = HtmlReport.builder().title("Proxies").table("Correlations", header, rows).build();
     * }</pre>
     */
    public static final class Builder {
        private String title = "NEAR report";
        private final StringBuilder body = new StringBuilder();
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private int topLayers = 3;
        private int scatterCount;

        private Builder() {
        }

        /**
         * The page title (also the first heading).
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Preconditions.checkNotNull(title, "title");
            return this;
        }

        /**
         * How many of the best candidates get a per-layer table in {@link #ranking} (default 3).
         *
         * @param k at least 0
         * @return this builder
         */
        public Builder topLayers(int k) {
            Preconditions.checkArgument(k >= 0, "topLayers must be >= 0, got %s", k);
            this.topLayers = k;
            return this;
        }

        /**
         * A paragraph of text.
         *
         * @param text plain text (escaped)
         * @return this builder
         */
        public Builder paragraph(String text) {
            body.append("<p>").append(ESC.escape(text)).append("</p>\n");
            return this;
        }

        /**
         * A table section.
         *
         * @param heading its heading
         * @param header  column names
         * @param rows    rows of cells (plain text, escaped), each as long as the header
         * @return this builder
         */
        public Builder table(String heading, List<String> header, List<List<String>> rows) {
            body.append("<h2>").append(ESC.escape(heading)).append("</h2>\n");
            body.append(tableHtml(null, "data", header, rows));
            return this;
        }

        /**
         * A scatter plot section (inline SVG), with Spearman's rho and Kendall's tau in its caption when given.
         *
         * @param heading     its heading
         * @param xLabel      horizontal axis
         * @param yLabel      vertical axis
         * @param points      the points (non-finite ones are left out)
         * @param correlation rho and tau of the points, or null
         * @return this builder
         */
        public Builder scatter(String heading, String xLabel, String yLabel, List<Point> points,
                               RankCorrelation correlation) {
            body.append("<h2>").append(ESC.escape(heading)).append("</h2>\n");
            String id = scatterCount++ == 0 ? "scatter" : "scatter-" + scatterCount;
            body.append(Svg.scatter(id, xLabel, yLabel, points));
            if (correlation != null) {
                body.append(String.format(Locale.ROOT, "<p class=\"caption\">Spearman's rho %.3f, Kendall's tau %.3f,"
                                + " top-%d overlap %d of %d (n = %d)</p>%n", correlation.spearman(),
                        correlation.kendall(), correlation.k(), correlation.topKCommon(), correlation.k(),
                        correlation.n()));
            }
            return this;
        }

        /**
         * A scatter plot section (inline SVG) with a caption of its own (e.g. correlations computed elsewhere).
         *
         * @param heading its heading
         * @param xLabel  horizontal axis
         * @param yLabel  vertical axis
         * @param points  the points (non-finite ones are left out)
         * @param caption plain text under the plot
         * @return this builder
         */
        public Builder scatter(String heading, String xLabel, String yLabel, List<Point> points, String caption) {
            scatter(heading, xLabel, yLabel, points, (RankCorrelation) null);
            body.append("<p class=\"caption\">").append(ESC.escape(caption)).append("</p>\n");
            return this;
        }

        /**
         * The sections of a ranking: the ranked table ({@code table#ranking}), NEAR against the metric when the
         * ranking has one, and the per-layer breakdown of the {@link #topLayers} best candidates.
         *
         * @param r the ranking
         * @return this builder
         */
        public Builder ranking(RankingResult r) {
            Preconditions.checkNotNull(r, "ranking");
            String metric = r.metricName().orElse(null);
            body.append("<h2>Ranking</h2>\n");
            r.correlation().ifPresent(c -> body.append(String.format(Locale.ROOT, "<p class=\"summary\">NEAR against"
                            + " %s: Spearman's rho <b>%.3f</b>, Kendall's tau <b>%.3f</b>, top-%d overlap %d of %d.</p>%n",
                    ESC.escape(metric), c.spearman(), c.kendall(), c.k(), c.topKCommon(), c.k())));
            List<String> header = new ArrayList<>(List.of("rank", "candidate", "NEAR (mean)", "sd", "parameters"));
            if (metric != null) {
                header.add(metric);
                header.add(metric + " rank");
            }
            List<List<String>> rows = new ArrayList<>();
            for (RankedCandidate c : r.entries()) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(c.rank()), c.name(), num(c.score()),
                        num(c.standardDeviation()), Long.toString(c.parameters())));
                if (metric != null) {
                    OptionalDouble m = c.metric();
                    row.add(m.isPresent() ? num(m.getAsDouble()) : "-");
                    row.add(m.isPresent() ? Integer.toString(c.metricRank()) : "-");
                }
                rows.add(row);
            }
            body.append(tableHtml("ranking", "data", header, rows));
            if (metric != null) {
                List<Point> points = new ArrayList<>();
                for (RankedCandidate c : r.entries()) {
                    if (c.metric().isPresent()) {
                        points.add(new Point(c.name(), c.score(), c.metric().getAsDouble()));
                    }
                }
                scatter("NEAR against " + metric, "NEAR", metric, points, r.correlation().orElse(null));
            }
            int k = Math.min(topLayers, r.entries().size());
            if (k > 0) {
                body.append("<h2>Per-layer breakdown of the top ").append(k).append("</h2>\n");
                body.append("<p>Effective rank of every matrix of the first repetition, in forward order.</p>\n");
            }
            for (int i = 0; i < k; i++) {
                RankedCandidate c = r.entries().get(i);
                body.append("<h3>").append(c.rank()).append(". ").append(ESC.escape(c.name())).append(" (NEAR ")
                        .append(num(c.score())).append(")</h3>\n");
                body.append(layerTable(c));
            }
            return this;
        }

        /**
         * Adds provenance entries (shown last, after the versions and the backend).
         *
         * @param entries name and value of each, in order
         * @return this builder
         */
        public Builder provenance(Map<String, String> entries) {
            Preconditions.checkNotNull(entries, "entries");
            provenance.putAll(entries);
            return this;
        }

        /**
         * The report.
         *
         * @return the finished, immutable report
         */
        public HtmlReport build() {
            StringBuilder sb = new StringBuilder();
            sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>").append(ESC.escape(title)).append("</title>\n<style>\n").append(CSS)
                    .append("</style>\n</head>\n<body>\n<h1>").append(ESC.escape(title)).append("</h1>\n");
            sb.append("<p class=\"generated\">Generated by near-cli on ")
                    .append(ESC.escape(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                    .append(". NEAR: Network Expressivity by Activation Rank (higher predicts better accuracy).</p>\n");
            sb.append(body);
            sb.append("<h2>Provenance</h2>\n");
            Map<String, String> all = new LinkedHashMap<>();
            String[] versions = new VersionInfo().getVersion();
            for (String v : versions) {
                int sp = v.startsWith("backend: ") ? "backend:".length() : v.indexOf(' ');
                all.put(v.substring(0, sp).replace(":", ""), v.substring(sp + 1).trim());
            }
            all.putAll(provenance);
            List<List<String>> rows = new ArrayList<>();
            all.forEach((k, v) -> rows.add(List.of(k, v)));
            sb.append(tableHtml("provenance", "provenance", List.of("what", "value"), rows));
            sb.append("</body>\n</html>\n");
            return new HtmlReport(sb.toString());
        }
    }

    private static String layerTable(RankedCandidate c) {
        ImmutableList<MatrixScore> ms = c.result().matrices();
        double max = ms.stream().mapToDouble(MatrixScore::effectiveRank).max().orElse(1);
        StringBuilder sb = new StringBuilder("<table class=\"layers\">\n<thead><tr><th>index</th><th>layer</th>"
                + "<th>type</th><th>kind</th><th>rows x cols</th><th>effective rank</th><th></th></tr></thead>\n<tbody>\n");
        for (MatrixScore m : ms) {
            double w = max > 0 ? 100 * m.effectiveRank() / max : 0;
            sb.append("<tr><td>").append(m.layerIndex()).append("</td><td>").append(ESC.escape(m.layerName()))
                    .append("</td><td>").append(ESC.escape(m.layerType())).append("</td><td>")
                    .append(ESC.escape(m.kind().label())).append("</td><td>").append(m.rows()).append(" x ")
                    .append(m.cols()).append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4f",
                            m.effectiveRank())).append("</td><td class=\"bar\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", w)).append("%\"></span></td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return sb.toString();
    }

    private static String tableHtml(String id, String cls, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table");
        if (id != null) {
            sb.append(" id=\"").append(id).append('"');
        }
        sb.append(" class=\"").append(cls).append("\">\n<thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(ESC.escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            Preconditions.checkArgument(r.size() == header.size(), "a row has %s cells, the header %s", r.size(),
                    header.size());
            sb.append("<tr>");
            for (String cell : r) {
                sb.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(ESC.escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return sb.toString();
    }

    private static boolean isNumber(String s) {
        return s.matches("-?[0-9][0-9.,eE+-]*");
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a != 0 && (a < 1e-3 || a >= 1e7) ? "%.4g" : "%.4f", v);
    }

    private static final String CSS = String.join("\n",
            "body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; background: #fff; }",
            "h1 { font-size: 1.6em; border-bottom: 3px solid #2b6cb0; padding-bottom: .3em; }",
            "h2 { font-size: 1.25em; margin-top: 1.6em; color: #2b6cb0; }",
            "table { border-collapse: collapse; margin: .5em 0 1em; }",
            "th, td { border: 1px solid #cbd5e0; padding: .25em .6em; text-align: left; }",
            "th { background: #2b6cb0; color: #fff; }",
            "tbody tr:nth-child(even) { background: #ebf4ff; }",
            "td.num { text-align: right; font-variant-numeric: tabular-nums; }",
            "td.bar { width: 220px; } td.bar span { display: inline-block; height: .8em; background: #dd6b20; }",
            "table.provenance td:first-child { font-weight: bold; }",
            "p.generated, p.caption { color: #555; font-size: .9em; }",
            "svg.scatter { background: #fff; border: 1px solid #cbd5e0; }",
            "") + "\n";
}
