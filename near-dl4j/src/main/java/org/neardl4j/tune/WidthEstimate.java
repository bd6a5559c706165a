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

import java.util.List;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.neardl4j.internal.Json;
import org.neardl4j.score.Provenance;

import java.util.Locale;

/**
 * The result of a {@link WidthEstimator}: the measured points, the fitted curve {@code a + b x^c} and the width
 * {@code x* = t^(1/(c-1))} where the curve's slope has fallen to the fraction {@code t} of its slope at width 1.
 * Immutable; prints as a table, serialises to JSON, plots with {@link WidthPlot}.
 *
 * <pre>{@code
 * WidthEstimate e = estimator.estimate(width -> mlp(width), features);
 * int width = e.suggestedWidth();           // ceil(x*)
 * System.out.println(e);
 * }</pre>
 */
public final class WidthEstimate {

    private final String layer;
    private final double threshold;
    private final Provenance provenance;
    private final ImmutableList<WidthPoint> points;
    private final PowerLawFit fit;
    private final double optimalWidth;
    private final ImmutableList<String> warnings;

    WidthEstimate(String layer, double threshold, Provenance provenance, Iterable<WidthPoint> points,
                  PowerLawFit fit, Iterable<String> warnings) {
        this.layer = Preconditions.checkNotNull(layer, "layer");
        this.threshold = threshold;
        this.provenance = Preconditions.checkNotNull(provenance, "provenance");
        this.points = ImmutableList.copyOf(points);
        this.fit = Preconditions.checkNotNull(fit, "fit");
        this.optimalWidth = fit.xAtSlopeRatio(threshold);
        this.warnings = ImmutableList.copyOf(warnings);
    }

    /**
     * The studied layer, as given to the estimator (name or index).
     *
     * @return the studied layer, as given to the estimator (name or index)
     */
    public String layer() {
        return layer;
    }

    /**
     * The slope threshold {@code t}.
     *
     * @return the slope threshold {@code t}
     */
    public double threshold() {
        return threshold;
    }

    /**
     * How the estimate was computed: the scorer's options, backend, device, the most samples a width used, the
     * time of the whole study, the library version.
     *
     * @return the provenance of the whole study (all widths together)
     */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * One point per width, in the order the widths were given.
     *
     * @return one point per width, in the order the widths were given
     */
    public List<WidthPoint> points() {
        return points;
    }

    /**
     * The fit.
     *
     * @return the curve {@code a + b x^c} fitted to {@link #points()}, with its R^2 and RMS
     */
    public PowerLawFit fit() {
        return fit;
    }

    /**
     * {@code x* = t^(1/(c-1))}, a real number.
     *
     * @return {@code x* = t^(1/(c-1))}, a real number
     */
    public double optimalWidth() {
        return optimalWidth;
    }

    /**
     * {@code ceil(x*)}: the smallest whole width at or above the estimate.
     *
     * @return {@code ceil(x*)}: the smallest whole width at or above the estimate
     */
    public int suggestedWidth() {
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(optimalWidth));
    }

    /**
     * E.g. x* outside the widths tried, short probe data.
     *
     * @return one line of text per warning (a poor fit, x* outside the widths tried, ...); empty if none
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The estimate as one JSON object.
     *
     * @return the estimate as one JSON object
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("layer", layer);
        o.addProperty("threshold", threshold);
        JsonArray pts = new JsonArray();
        for (WidthPoint p : points) {
            JsonObject j = new JsonObject();
            j.addProperty("width", p.width());
            j.addProperty("layerScore", p.layerScore());
            j.addProperty("matrices", p.matrices());
            j.addProperty("ratio", p.ratio());
            j.addProperty("ratioStandardDeviation", p.ratioStandardDeviation());
            j.addProperty("parameters", p.parameters());
            pts.add(j);
        }
        o.add("points", pts);
        JsonObject f = new JsonObject();
        f.addProperty("a", fit.a());
        f.addProperty("b", fit.b());
        f.addProperty("c", fit.c());
        f.addProperty("rSquared", fit.rSquared());
        f.addProperty("rms", fit.rms());
        f.addProperty("anchor", fit.isConstrained() ? "constraint" : "point");
        if (!fit.isConstrained()) {
            f.addProperty("anchorWeight", fit.anchorWeight());
        }
        o.add("fit", f);
        o.addProperty("optimalWidth", optimalWidth);
        o.addProperty("suggestedWidth", suggestedWidth());
        o.add("warnings", Json.strings(warnings));
        o.add("provenance", Json.readObject(provenance.toJson()));
        return Json.write(o);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Width estimate for layer %s (t = %s, %d repetition(s))%n", layer, threshold,
                provenance.repetitions()));
        sb.append(String.format(Locale.ROOT, "%8s  %12s  %8s  %12s  %10s  %11s%n", "width", "layer NEAR", "matrices",
                "per neuron", "sd", "parameters"));
        for (WidthPoint p : points) {
            sb.append(String.format(Locale.ROOT, "%8d  %12.4f  %8d  %12.6f  %10.6f  %11d%n", p.width(), p.layerScore(),
                    p.matrices(), p.ratio(), p.ratioStandardDeviation(), p.parameters()));
        }
        sb.append("fit: ").append(fit).append('\n');
        sb.append(String.format(Locale.ROOT, "x* = t^(1/(c-1)) = %.2f  ->  width %d%n", optimalWidth, suggestedWidth()));
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
