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
package org.neardl4j.benchmarks.accuracy;

import com.google.common.base.Preconditions;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scatter plots (PNG, XChart) of a proxy against test accuracy, one series per architecture family. Positive
 * values spanning more than a factor of 20 are drawn on a log axis; non-finite values are left out.
 *
 * <pre>{@code
 * ScatterPlots.write(dir.resolve("near.png"), "NEAR", families, nearValues, accuracies);
 * }</pre>
 */
public final class ScatterPlots {

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private ScatterPlots() {
    }

    /**
     * @param file       the PNG to write
     * @param title      the x-axis title (the proxy)
     * @param families   family of each architecture
     * @param proxy      proxy value of each architecture
     * @param accuracy   test accuracy of each architecture
     */
    public static void write(Path file, String title, List<String> families, double[] proxy, double[] accuracy) {
        Preconditions.checkArgument(families.size() == proxy.length && proxy.length == accuracy.length,
                "families, proxy and accuracy must have the same length");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : proxy) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean log = min > 0 && max / min > 20;
        XYChart chart = new XYChartBuilder().width(560).height(400).title(title + " vs test accuracy")
                .xAxisTitle(title + (log ? " (log scale)" : "")).yAxisTitle("test accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        if (log) {
            chart.getStyler().setXAxisDecimalPattern("0.#E0");
        }
        Map<String, List<double[]>> byFamily = new LinkedHashMap<>();
        for (int i = 0; i < proxy.length; i++) {
            if (Double.isFinite(proxy[i])) {
                byFamily.computeIfAbsent(families.get(i), k -> new ArrayList<>()).add(new double[] {proxy[i], accuracy[i]});
            }
        }
        int c = 0;
        for (Map.Entry<String, List<double[]>> e : byFamily.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLORS[c++ % COLORS.length]);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
