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
package org.neardl4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.neardl4j.internal.Csv;
import org.neardl4j.internal.Json;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankCorrelation;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rank} prints and writes: the library's {@link RankingResult} (candidates by NEAR, the metric, the
 * failed candidates) with the zero-cost proxies of each candidate ({@code --proxy}) and the warnings about the
 * inputs, as a table, one JSON object and CSV. The proxies' rank correlations with the metric sit next to NEAR's.
 *
 * <pre>{@code
 * RankTable t = new RankTable(result, List.of("meco"), List.of());
 * t.proxies("w16", ProxyChoice.score(...));
 * System.out.println(t.withMetric("accuracy", values));
 * }</pre>
 */
final class RankTable {

    /** The columns of the correlation table. */
    static final List<String> CORRELATION_HEADER = List.of("measure", "Spearman's rho", "Kendall's tau", "top-k",
            "n");

    private final RankingResult result;
    private final List<String> proxyNames;
    private final List<String> inputWarnings;
    private final Map<String, Map<String, ProxyResult>> proxyValues;
    private final Map<String, String> proxyFailures;

    RankTable(RankingResult result, List<String> proxyNames, List<String> inputWarnings) {
        this(result, proxyNames, inputWarnings, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    private RankTable(RankingResult result, List<String> proxyNames, List<String> inputWarnings,
                      Map<String, Map<String, ProxyResult>> values, Map<String, String> failures) {
        this.result = result;
        this.proxyNames = List.copyOf(proxyNames);
        this.inputWarnings = List.copyOf(inputWarnings);
        this.proxyValues = values;
        this.proxyFailures = failures;
    }

    void proxies(String candidate, Map<String, ProxyResult> values) {
        proxyValues.put(candidate, Map.copyOf(values));
    }

    void proxyFailure(String candidate, String error) {
        proxyFailures.put(candidate, error);
    }

    /** The metric given to the ranking (only the values of candidates that were scored). */
    RankTable withMetric(String name, Map<String, Double> values) {
        Map<String, Double> scored = new LinkedHashMap<>();
        for (RankedCandidate c : result.entries()) {
            if (values.containsKey(c.name())) {
                scored.put(c.name(), values.get(c.name()));
            }
        }
        return new RankTable(result.withMetric(name, scored), proxyNames, inputWarnings, proxyValues, proxyFailures);
    }

    RankingResult result() {
        return result;
    }

    /** Every warning: the inputs', the ranking's (per candidate, "name: ..."), and the proxies' failures. */
    List<String> warnings() {
        List<String> w = new ArrayList<>(inputWarnings);
        w.addAll(result.warnings());
        proxyFailures.forEach((n, e) -> w.add(n + ": the proxies were not computed: " + e));
        return w;
    }

    private double proxy(String candidate, String proxy) {
        Map<String, ProxyResult> m = proxyValues.get(candidate);
        ProxyResult r = m == null ? null : m.get(proxy);
        return r == null ? Double.NaN : r.score();
    }

    /** The table of proxy values: candidate, NEAR, then one column per proxy, in rank order. */
    List<String> proxyHeader() {
        List<String> h = new ArrayList<>(List.of("rank", "candidate", "near"));
        h.addAll(proxyNames);
        return h;
    }

    List<List<String>> proxyRows() {
        List<List<String>> rows = new ArrayList<>();
        for (RankedCandidate c : result.entries()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(c.rank()), c.name(), num(c.score())));
            for (String p : proxyNames) {
                row.add(num(proxy(c.name(), p)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** NEAR's and each proxy's rank correlation with the metric (empty without a metric or proxies). */
    Map<String, RankCorrelation> correlations() {
        Map<String, RankCorrelation> out = new LinkedHashMap<>();
        if (result.correlation().isEmpty() || proxyNames.isEmpty()) {
            return out;
        }
        out.put("near", result.correlation().get());
        for (String p : proxyNames) {
            List<double[]> pairs = new ArrayList<>();
            for (RankedCandidate c : result.entries()) {
                double v = proxy(c.name(), p);
                if (c.metric().isPresent() && Double.isFinite(v)) {
                    pairs.add(new double[] {v, c.metric().getAsDouble()});
                }
            }
            if (pairs.size() >= 2) {
                double[] s = pairs.stream().mapToDouble(x -> x[0]).toArray();
                double[] m = pairs.stream().mapToDouble(x -> x[1]).toArray();
                out.put(p, RankCorrelation.of(s, m, RankCorrelation.defaultK(pairs.size())));
            }
        }
        return out;
    }

    List<List<String>> proxyCorrelationRows() {
        List<List<String>> rows = new ArrayList<>();
        correlations().forEach((n, c) -> rows.add(List.of(n, String.format(Locale.ROOT, "%.3f", c.spearman()),
                String.format(Locale.ROOT, "%.3f", c.kendall()), c.topKCommon() + " of " + c.k(),
                Integer.toString(c.n()))));
        return rows;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(result.toString());
        for (String w : inputWarnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        for (Map.Entry<String, String> f : proxyFailures.entrySet()) {
            sb.append("warning: ").append(f.getKey()).append(": the proxies were not computed: ").append(f.getValue())
                    .append('\n');
        }
        if (!proxyNames.isEmpty()) {
            sb.append('\n').append("zero-cost proxies (").append(result.provenance().repetitions())
                    .append(" repetition(s), seed ").append(result.provenance().seed()).append("):\n");
            sb.append(columns(proxyHeader(), proxyRows()));
            Map<String, RankCorrelation> corr = correlations();
            if (!corr.isEmpty()) {
                sb.append('\n').append("against ").append(result.metricName().orElse("the metric")).append(":\n");
                sb.append(columns(CORRELATION_HEADER, proxyCorrelationRows()));
            }
        }
        return sb.toString();
    }

    /** Columns padded to their widest cell; the first two left-aligned, numbers right-aligned. */
    private static String columns(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                String f = i == 1 ? "%-" + w[i] + "s" : "%" + w[i] + "s";
                sb.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, f, r.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * One JSON object: the library's ({@link RankingResult#toJson()}: candidates, metric, correlation, warnings,
     * failures, provenance) with each candidate's {@code proxies} and the {@code proxyCorrelations}.
     */
    String toJson() {
        JsonObject o = Json.readObject(result.toJson());
        JsonArray warnings = new JsonArray();
        for (String w : warnings()) {
            warnings.add(w);
        }
        o.add("warnings", warnings);
        if (!proxyNames.isEmpty()) {
            for (JsonElement e : o.getAsJsonArray("candidates")) {
                JsonObject c = e.getAsJsonObject();
                JsonObject p = new JsonObject();
                Map<String, ProxyResult> values = proxyValues.get(c.get("name").getAsString());
                for (String n : proxyNames) {
                    ProxyResult r = values == null ? null : values.get(n);
                    if (r != null) {
                        JsonObject v = new JsonObject();
                        v.addProperty("score", r.score());
                        v.add("scores", Json.numbers(r.scores()));
                        p.add(n, v);
                    }
                }
                c.add("proxies", p);
            }
            JsonObject corr = new JsonObject();
            correlations().forEach((n, c) -> {
                JsonObject j = new JsonObject();
                j.addProperty("n", c.n());
                j.addProperty("spearman", c.spearman());
                j.addProperty("kendall", c.kendall());
                j.addProperty("k", c.k());
                j.addProperty("topKCommon", c.topKCommon());
                corr.add(n, j);
            });
            if (corr.size() > 0) {
                o.add("proxyCorrelations", corr);
            }
        }
        return Json.write(o);
    }

    /**
     * CSV: {@code rank,name,score,sd,parameters}, with a metric {@code <metric>,<metric>_rank}, one column per
     * proxy, and when a candidate failed an {@code error} column (failed candidates last, without rank or score).
     */
    String toCsv() {
        String metric = result.metricName().orElse(null);
        boolean failed = !result.failures().isEmpty();
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("rank", "name", "score", "sd", "parameters"));
        if (metric != null) {
            header.add(metric);
            header.add(metric + "_rank");
        }
        header.addAll(proxyNames);
        if (failed) {
            header.add("error");
        }
        rows.add(header);
        for (RankedCandidate c : result.entries()) {
            List<Object> row = new ArrayList<>(List.of(c.rank(), c.name(), c.score(), c.standardDeviation(),
                    c.parameters()));
            if (metric != null) {
                row.add(c.metric().isPresent() ? c.metric().getAsDouble() : null);
                row.add(c.metric().isPresent() ? c.metricRank() : null);
            }
            for (String p : proxyNames) {
                double v = proxy(c.name(), p);
                row.add(Double.isFinite(v) ? v : null);
            }
            if (failed) {
                row.add(null);
            }
            rows.add(row);
        }
        for (CandidateFailure f : result.failures()) {
            List<Object> row = new ArrayList<>();
            row.add(null);
            row.add(f.name());
            while (row.size() < header.size() - 1) {
                row.add(null);
            }
            row.add(f.error());
            rows.add(row);
        }
        return Csv.rows(rows);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, Math.abs(v) >= 1e6 || (v != 0 && Math.abs(v) < 1e-3)
                ? "%.4g" : "%.4f", v) : "-";
    }
}
