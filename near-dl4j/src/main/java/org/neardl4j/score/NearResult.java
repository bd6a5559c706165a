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
package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.neardl4j.capture.SkippedLayer;
import org.neardl4j.internal.Json;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link NearScorer}: the NEAR score averaged over repetitions, each repetition's score and
 * per-matrix breakdown, the layers that gave no matrix, warnings, and how it was computed. Prints
 * as a table ({@link #toString()}) and serialises to JSON ({@link #toJson()}).
 *
 * <pre>{@code
 * NearResult r = NearScorer.builder().repetitions(3).build().score(net, features);
 * System.out.println(r);                 // table
 * double mean = r.score(), sd = r.standardDeviation();
 * String json = r.toJson();
 * }</pre>
 *
 * @param repetitions every repetition with its breakdown, the first with the model's own weights
 * @param skipped     layers and vertices that gave no matrix, with the reason
 * @param warnings    things the user should know, e.g. a layer that had fewer rows than columns
 * @param provenance  how the result was computed
 * @serial exclude
 */
public record NearResult(List<RepetitionScore> repetitions, List<SkippedLayer> skipped, List<String> warnings,
                         Provenance provenance) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the lists into immutable ones and checks them.
     *
     * @param provenance  how the result was computed; not null
     * @param repetitions every repetition, the first with the model's own weights; not null, at least one
     * @param skipped     layers and vertices that gave no matrix; not null, may be empty
     * @param warnings    one line of text per warning; not null, may be empty
     * @throws IllegalArgumentException without a repetition
     * @throws NullPointerException     for a missing value
     */
    public NearResult {
        repetitions = ImmutableList.copyOf(Preconditions.checkNotNull(repetitions, "repetitions"));
        Preconditions.checkArgument(!repetitions.isEmpty(), "at least one repetition");
        skipped = ImmutableList.copyOf(Preconditions.checkNotNull(skipped, "skipped"));
        warnings = ImmutableList.copyOf(Preconditions.checkNotNull(warnings, "warnings"));
        Preconditions.checkNotNull(provenance, "provenance");
    }

    /**
     * The NEAR score.
     *
     * @return the mean NEAR score over the repetitions
     */
    public double score() {
        return stats().mean();
    }

    /**
     * How much the repetitions disagree.
     *
     * @return the sample standard deviation of the repetitions' scores (0 for a single repetition)
     */
    public double standardDeviation() {
        return repetitions.size() < 2 ? 0.0 : stats().sampleStandardDeviation();
    }

    /**
     * Each repetition's score.
     *
     * @return each repetition's total, the first with the model's own weights
     */
    public List<Double> scores() {
        ImmutableList.Builder<Double> b = ImmutableList.builder();
        for (RepetitionScore s : repetitions) {
            b.add(s.total());
        }
        return b.build();
    }

    /**
     * The first repetition's matrices (the model's own weights), in forward order.
     *
     * @return the first repetition's per-matrix breakdown
     */
    public List<MatrixScore> matrices() {
        return ImmutableList.copyOf(repetitions.get(0).matrices());     // the same list: it is immutable already
    }

    /**
     * Samples that went through the network in the first repetition.
     *
     * @return {@link Provenance#samples()}
     */
    public long samples() {
        return provenance.samples();
    }

    private Stats stats() {
        return Stats.of(scores());
    }

    /**
     * The result as one JSON object: {@code score, standardDeviation, scores, matrices, skipped, warnings,
     * provenance} (see the README for the fields).
     *
     * @return the JSON text
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("score", score());
        o.addProperty("standardDeviation", standardDeviation());
        o.add("scores", Json.numbers(scores()));
        JsonArray matrices = new JsonArray();
        for (MatrixScore m : matrices()) {
            matrices.add(ScoreJson.matrix(m));
        }
        o.add("matrices", matrices);
        JsonArray sk = new JsonArray();
        for (SkippedLayer s : skipped) {
            sk.add(ScoreJson.skipped(s));
        }
        o.add("skipped", sk);
        o.add("warnings", Json.strings(warnings));
        o.add("provenance", Json.readObject(provenance.toJson()));
        return Json.write(o);
    }

    /** A readable table: the score, then one line per matrix, then skipped layers and warnings. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "NEAR score %.4f", score()));
        if (repetitions.size() > 1) {
            sb.append(String.format(Locale.ROOT, " +- %.4f (%d repetitions)", standardDeviation(), repetitions.size()));
        }
        sb.append(String.format(Locale.ROOT, "  [block %s, seed %d, %d samples, %s on %s]%n",
                provenance.blockMode().name().toLowerCase(Locale.ROOT), provenance.seed(), provenance.samples(),
                provenance.backend(), provenance.device()));
        int nameWidth = 5;
        int typeWidth = 4;
        for (MatrixScore m : matrices()) {
            nameWidth = Math.max(nameWidth, m.layerName().length());
            typeWidth = Math.max(typeWidth, m.layerType().length());
        }
        String fmt = "%5s  %-" + nameWidth + "s  %-" + typeWidth + "s  %-4s  %11s  %7s  %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "index", "layer", "type", "kind", "rows x cols", "samples", "erank"));
        for (MatrixScore m : matrices()) {
            sb.append(String.format(Locale.ROOT, fmt, m.layerIndex(), m.layerName(), m.layerType(), m.kind().label(),
                    m.rows() + " x " + m.cols(), m.samples(), String.format(Locale.ROOT, "%.6f", m.effectiveRank())));
        }
        for (SkippedLayer s : skipped) {
            sb.append(String.format(Locale.ROOT, "skipped: %s%n", s));
        }
        for (String w : warnings) {
            sb.append(String.format(Locale.ROOT, "warning: %s%n", w));
        }
        return sb.toString();
    }
}
