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

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scatter plots as inline SVG, for {@link HtmlReport}. Hand-written: the charting library of this project
 * (XChart) writes bitmaps or needs a further SVG dependency, and a scatter plot is a few dozen elements.
 */
final class Svg {

    private static final Escaper ESC = HtmlEscapers.htmlEscaper();
    private static final int W = 640;
    private static final int H = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 55;

    private Svg() {
    }

    static String scatter(String id, String xLabel, String yLabel, List<HtmlReport.Point> points) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (HtmlReport.Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                x0 = Math.min(x0, p.x());
                x1 = Math.max(x1, p.x());
                y0 = Math.min(y0, p.y());
                y1 = Math.max(y1, p.y());
                n++;
            }
        }
        if (n == 0) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        String radius = n <= 30 ? "6" : n <= 200 ? "4" : "2.5";   // many points: smaller, so they stay apart
        double[] xs = pad(x0, x1);
        double[] ys = pad(y0, y1);
        if (x0 >= 0) {
            xs[0] = Math.max(0, xs[0]);   // scores that cannot be negative: no axis below zero
        }
        if (y0 >= 0) {
            ys[0] = Math.max(0, ys[0]);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s against %s\">%n",
                id, W, H, W, H, ESC.escape(yLabel), ESC.escape(xLabel)));
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f7fafc\""
                + " stroke=\"#4a5568\"/>%n", LEFT, TOP, pw, ph));
        for (int i = 0; i <= 4; i++) {
            double fx = xs[0] + (xs[1] - xs[0]) * i / 4;
            double fy = ys[0] + (ys[1] - ys[0]) * i / 4;
            double px = LEFT + pw * i / 4.0;
            double py = TOP + ph - ph * i / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>"
                    + "<text class=\"xtick\" x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n", px, TOP, px,
                    TOP + ph, px, TOP + ph + 16, tick(fx)));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                    + "<text class=\"ytick\" x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", LEFT, py,
                    LEFT + pw, py, LEFT - 6, py + 4, tick(fy)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s"
                + "</text>%n", LEFT + pw / 2.0, H - 12, ESC.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 16 %.1f)\">%s</text>%n", TOP + ph / 2.0, TOP + ph / 2.0, ESC.escape(yLabel)));
        List<double[]> placed = new ArrayList<>();     // label boxes: x0, y0, x1, y1
        List<double[]> dots = new ArrayList<>();
        for (HtmlReport.Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                dots.add(new double[] {LEFT + pw * (p.x() - xs[0]) / (xs[1] - xs[0]),
                        TOP + ph - ph * (p.y() - ys[0]) / (ys[1] - ys[0])});
            }
        }
        for (HtmlReport.Point p : points) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                continue;
            }
            double px = LEFT + pw * (p.x() - xs[0]) / (xs[1] - xs[0]);
            double py = TOP + ph - ph * (p.y() - ys[0]) / (ys[1] - ys[0]);
            sb.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\""
                    + " fill=\"#c53030\" stroke=\"#742a2a\"%s><title>%s: %s, %s</title></circle>%n",
                    px, py, radius, n > 200 ? " stroke-width=\"0.5\" fill-opacity=\"0.7\"" : "", ESC.escape(p.label()),
                    tick(p.x()), tick(p.y())));
            if (n <= 30) {   // few points: name them on the plot too, where the label overlaps nothing
                String text = shorten(p.label());
                double w = LABEL_CHAR_WIDTH * text.length();
                // right of the point, left of it, above, below; none free: the label is left out (the title stays)
                double[][] tries = {{px + 9, py - 8}, {px - 9 - w, py - 8}, {px - w / 2, py - 22},
                        {px - w / 2, py + 8}};
                for (double[] t : tries) {
                    double[] box = {t[0], t[1], t[0] + w, t[1] + LABEL_HEIGHT};
                    if (box[0] >= LEFT && box[2] <= LEFT + pw && box[1] >= TOP && box[3] <= TOP + ph
                            && placed.stream().noneMatch(b -> overlap(b, box))
                            && dots.stream().noneMatch(d -> overlap(box, new double[] {d[0] - 6, d[1] - 6, d[0] + 6,
                            d[1] + 6}))) {
                        placed.add(box);
                        sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\""
                                + " font-size=\"11\" fill=\"#2d3748\">%s</text>%n", box[0], box[3] - 3,
                                ESC.escape(text)));
                        break;
                    }
                }
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** Generous width of a character of the 11px label font, and the height of a label's box. */
    private static final double LABEL_CHAR_WIDTH = 6.6;
    private static final double LABEL_HEIGHT = 14;

    private static boolean overlap(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static double[] pad(double lo, double hi) {
        double span = hi - lo;
        if (span <= 0) {
            span = Math.max(Math.abs(lo), 1) * 0.1;
        }
        return new double[] {lo - 0.08 * span, hi + 0.08 * span};
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a != 0 && (a < 0.01 || a >= 1e5) ? "%.2g" : a < 10 ? "%.3f" : "%.1f", v);
    }
}
