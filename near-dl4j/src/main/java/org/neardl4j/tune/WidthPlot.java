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
package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a {@link WidthEstimate} as a PNG: the measured NEAR per neuron (and per matrix) at each width, the point (1, 1), the fitted
 * curve and the estimate {@code x*}, on a logarithmic width axis. Uses XChart, an optional dependency of
 * near-dl4j: add {@code org.knowm.xchart:xchart} to use this class. Works headless
 * ({@code -Djava.awt.headless=true}).
 *
 * <pre>{@code
 * WidthPlot.write(estimate, Paths.get("docs/width-estimate.png"));
 * }</pre>
 */
public final class WidthPlot {

    private static final int CURVE_POINTS = 200;

    private WidthPlot() {
    }

    /**
     * Writes the plot, 720 x 480 pixels.
     *
     * @param estimate the estimate to draw, from {@link WidthEstimator}; not null
     * @param png      the PNG file to write; not null, created, or replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public static void write(WidthEstimate estimate, Path png) throws IOException {
        write(estimate, png, 720, 480);
    }

    /**
     * Writes the plot with the given size in pixels.
     *
     * @param estimate the estimate to draw, from {@link WidthEstimator}; not null
     * @param png      the PNG file to write; not null, created, or replaced if it exists
     * @param width    the image width in pixels, at least 100
     * @param height   the image height in pixels, at least 100
     * @throws IOException if the file cannot be written
     */
    public static void write(WidthEstimate estimate, Path png, int width, int height) throws IOException {
        Preconditions.checkNotNull(png, "png");
        Files.write(png, BitmapEncoder.getBitmapBytes(chart(estimate, width, height), BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * The chart, for callers who want to restyle or show it.
     *
     * @param estimate the estimate to draw; not null
     * @param width    the chart width in pixels, at least 100
     * @param height   the chart height in pixels, at least 100
     * @return a new XChart chart with the fitted curve, the measured points, the point (1, 1) and a line at x*
     * @throws IllegalArgumentException if the width or the height is below 100
     */
    public static XYChart chart(WidthEstimate estimate, int width, int height) {
        Preconditions.checkNotNull(estimate, "estimate");
        Preconditions.checkArgument(width >= 100 && height >= 100, "plot size must be at least 100 x 100, got %s x %s",
                width, height);
        PowerLawFit fit = estimate.fit();
        double xStar = estimate.optimalWidth();
        double[] xs = fit.x();
        double[] ys = fit.y();
        double xMax = Math.max(xStar, max(xs)) * 1.5;

        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("Layer " + estimate.layer() + ": NEAR per neuron vs width")
                .xAxisTitle("width (neurons)").yAxisTitle("layer NEAR / (width x matrices)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.00");

        double[] cx = new double[CURVE_POINTS];
        double[] cy = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            cx[i] = Math.exp(Math.log(xMax) * i / (CURVE_POINTS - 1));
            cy[i] = fit.value(cx[i]);
        }
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "fit %.3f + %.3f x^%.3f", fit.a(), fit.b(), fit.c()),
                cx, cy);
        curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(new Color(0x1f, 0x77, 0xb4));

        XYSeries measured = chart.addSeries("measured", xs, ys);
        measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        measured.setMarker(SeriesMarkers.CIRCLE);
        measured.setMarkerColor(new Color(0xd6, 0x27, 0x28));

        XYSeries anchor = chart.addSeries("(1, 1)", new double[] {1}, new double[] {1});
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        anchor.setMarker(SeriesMarkers.DIAMOND);
        anchor.setMarkerColor(Color.DARK_GRAY);

        double yLow = Math.min(min(cy), min(ys));
        XYSeries star = chart.addSeries(String.format(Locale.ROOT, "x* = %.1f (t = %s)", xStar, estimate.threshold()),
                new double[] {xStar, xStar}, new double[] {yLow, 1});
        star.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        star.setMarker(SeriesMarkers.NONE);
        star.setLineColor(new Color(0x2c, 0xa0, 0x2c));
        return chart;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }
}
