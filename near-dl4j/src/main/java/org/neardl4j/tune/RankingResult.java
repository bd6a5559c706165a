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
import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.internal.Csv;
import org.neardl4j.internal.Json;
import org.neardl4j.score.Provenance;

import java.io.IOException;
import java.io.Serializable;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Candidates ranked by NEAR (highest first), optionally next to a measured metric with the rank correlation between
 * the two. Immutable: {@link #withMetric} returns a new result. Prints as a table ({@link #toString()}), writes CSV
 * ({@link #toCsv()}, {@link #writeCsv(Path)}) and JSON ({@link #toJson()}).
 *
 * <pre>{@code
 * RankingResult r = ArchitectureRanking.builder().repetitions(3).build().rank(candidates, features);
 * r = r.withMetric("accuracy", Map.of("small", 0.81, "wide", 0.86, "deep", 0.84));
 * System.out.println(r);                       // table + "Spearman rho ..., Kendall tau ..., top-k overlap"
 * r.writeCsv(Paths.get("ranking.csv"));
 * }</pre>
 */
public final class RankingResult implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Entries.
     */
    private final ImmutableList<RankedCandidate> entries;
    /**
     * Provenance.
     */
    private final Provenance provenance;
    /**
     * Metric name.
     */
    private final String metricName;
    /**
     * Higher is better.
     */
    private final boolean higherIsBetter;
    /**
     * Correlation.
     */
    private final RankCorrelation correlation;
    /**
     * Warnings of the scoring (short probe data, ...).
     */
    private final ImmutableList<String> warnings;
    /**
     * The metric's warning about candidates without a value, or null: replaced with the metric.
     */
    private final String metricWarning;
    /**
     * Failures.
     */
    private final ImmutableList<CandidateFailure> failures;

    private RankingResult(List<RankedCandidate> entries, Provenance provenance, String metricName,
                          boolean higherIsBetter, RankCorrelation correlation, List<String> warnings,
                          String metricWarning, List<CandidateFailure> failures) {
        this.entries = ImmutableList.copyOf(entries);
        this.failures = ImmutableList.copyOf(failures);
        this.provenance = Preconditions.checkNotNull(provenance, "provenance");
        this.metricName = metricName;
        this.higherIsBetter = higherIsBetter;
        this.correlation = correlation;
        this.warnings = ImmutableList.copyOf(warnings);
        this.metricWarning = metricWarning;
    }

    /** Sorts the scored candidates by NEAR, highest first (ties keep the input order), and numbers them. */
    static RankingResult of(List<RankedCandidate> scored, Provenance provenance, List<String> warnings) {
        return of(scored, provenance, warnings, List.of());
    }

    /** {@link #of(List, Provenance, List)} with the candidates that failed (then {@code scored} may be empty). */
    static RankingResult of(List<RankedCandidate> scored, Provenance provenance, List<String> warnings,
                            List<CandidateFailure> failures) {
        Preconditions.checkArgument(!scored.isEmpty() || !failures.isEmpty(), "no candidates");
        List<RankedCandidate> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble((RankedCandidate c) -> -c.score()));
        List<RankedCandidate> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).withRank(i + 1));
        }
        return new RankingResult(ranked, provenance, null, true, null, warnings, null, failures);
    }

    /**
     * One ranking of the candidates of several rankings made with the same scorer options (for example one per
     * candidate, computed on different machines): the entries of every part, sorted by NEAR again (ties keep the
     * order of the parts, and within a part the rank order), the warnings and failures of every part. Ranking the
     * candidates one at a time and merging the parts in the candidates' order gives exactly what one ranking of all
     * of them gives. The merged provenance is the first part's, with the most samples of any part and the sum of
     * their times.
     *
     * <pre>{@code
     * RankingResult all = RankingResult.merge(List.of(ranking.rank(List.of(a), x), ranking.rank(List.of(b), x)));
     * }</pre>
     *
     * @param parts rankings without a metric, all with the same repetitions and seed, no candidate name twice
     * @return the merged ranking
     * @throws IllegalArgumentException if there are no parts, they differ in repetitions or seed, one has a metric,
     *                                  or a name comes twice
     */
    public static RankingResult merge(List<RankingResult> parts) {
        Preconditions.checkNotNull(parts, "parts");
        Preconditions.checkArgument(!parts.isEmpty(), "no rankings to merge");
        RankingResult first = parts.get(0);
        List<RankedCandidate> scored = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<CandidateFailure> failures = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long samples = 0;
        Duration elapsed = Duration.ZERO;
        for (RankingResult p : parts) {
            Preconditions.checkArgument(p != null, "a ranking to merge is null");
            Provenance a = first.provenance;
            Provenance b = p.provenance;
            Preconditions.checkArgument(a.repetitions() == b.repetitions() && a.seed() == b.seed(),
                    "rankings with different options cannot be merged: %s repetition(s), seed %s vs %s repetition(s),"
                            + " seed %s", a.repetitions(), a.seed(), b.repetitions(), b.seed());
            Preconditions.checkArgument(p.metricName == null, "merge rankings before adding a metric (%s)",
                    p.metricName);
            for (RankedCandidate c : p.entries) {
                Preconditions.checkArgument(names.add(c.name()), "candidate '%s' is in two rankings", c.name());
                scored.add(c);
            }
            for (CandidateFailure f : p.failures) {
                Preconditions.checkArgument(names.add(f.name()), "candidate '%s' is in two rankings", f.name());
                failures.add(f);
            }
            warnings.addAll(p.warnings);
            samples = Math.max(samples, b.samples());
            elapsed = elapsed.plus(b.elapsed());
        }
        return of(scored, first.provenance.with(samples, elapsed), warnings, failures);
    }

    /**
     * The candidates, highest NEAR first.
     *
     * @return the scored candidates, rank 1 (highest NEAR) first; failed candidates are in {@link #failures()}
     */
    public List<RankedCandidate> entries() {
        return entries;
    }

    /**
     * The candidate with the highest NEAR score.
     *
     * @return the rank-1 entry of {@link #entries()}
     * @throws IllegalStateException if no candidate was scored (all failed)
     */
    public RankedCandidate best() {
        Preconditions.checkState(!entries.isEmpty(), "no candidate was scored; failures: %s", failures);
        return entries.get(0);
    }

    /**
     * The candidate of that name.
     *
     * @param name a scored candidate's name, exactly as given to the ranking
     * @return the entry with that name, with its rank, score and (after {@link #withMetric}) metric value
     * @throws IllegalArgumentException if no scored candidate has that name (a failed one has no entry)
     */
    public RankedCandidate get(String name) {
        for (RankedCandidate c : entries) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no candidate named '" + name + "'; candidates: " + names());
    }

    /**
     * Candidate names in rank order.
     *
     * @return the names of {@link #entries()}, rank 1 first (failed candidates are not included)
     */
    public List<String> names() {
        ImmutableList.Builder<String> b = ImmutableList.builder();
        entries.forEach(c -> b.add(c.name()));
        return b.build();
    }

    /**
     * How the ranking was computed: the scorer's options, backend, device, the most samples a candidate used,
     * the time of the whole ranking, the library version.
     *
     * @return the provenance of the whole ranking (after {@link #merge}: the first part's, most samples, summed time)
     */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Name of the metric given with {@link #withMetric}, if any.
     *
     * @return the metric's name, or empty if {@link #withMetric} has not been called
     */
    public Optional<String> metricName() {
        return Optional.ofNullable(metricName);
    }

    /**
     * Correlation between NEAR and the metric, over the candidates that have a metric value.
     *
     * @return NEAR against the metric (sign-flipped when lower is better), or empty without a metric
     */
    public Optional<RankCorrelation> correlation() {
        return Optional.ofNullable(correlation);
    }

    /**
     * The candidates that could not be built or scored, in the order they were given (empty unless failures were
     * isolated, see {@link ArchitectureRanking.Builder#isolateFailures}).
     *
     * @return one entry per candidate that failed, with its name and the error; empty if none did
     */
    public List<CandidateFailure> failures() {
        return failures;
    }

    /**
     * Things to know: candidates without a metric value, short probe data, ...
     *
     * @return one line of text per warning, in the order they arose; empty if there are none
     */
    public List<String> warnings() {
        return metricWarning == null ? warnings
                : ImmutableList.<String>builder().addAll(warnings).add(metricWarning).build();
    }

    /**
     * {@link #withMetric(String, Map, boolean, int)} for a metric where higher is better, k = top quarter.
     *
     * @param name   the metric's name, for the table, the CSV header and the JSON; not null
     * @param values metric value per candidate name, not null; candidates without a value are listed in the warnings
     * @return a new result with the metric (this one is unchanged); k is {@link RankCorrelation#defaultK} of the
     *         number of candidates with a value
     * @throws IllegalArgumentException as {@link #withMetric(String, Map, boolean, int)}
     */
    public RankingResult withMetric(String name, Map<String, ? extends Number> values) {
        long n = entries.stream().filter(c -> values != null && values.containsKey(c.name())).count();
        return withMetric(name, values, true, RankCorrelation.defaultK((int) Math.max(1, n)));
    }

    /**
     * This ranking next to a measured metric (e.g. accuracy after training), with Spearman's rho, Kendall's tau
     * and the top-k overlap between NEAR and the metric over the candidates that have a value.
     *
     * @param name           the metric's name, for the table
     * @param values         metric value per candidate name; candidates without a value are listed in the warnings
     * @param higherIsBetter false for a loss or an error rate: the metric is then negated for the correlations, so
     *                       that a positive rho always means NEAR predicts the better candidates
     * @param topK           size of the top sets compared, in [1, candidates with a value]
     * @return a new result (this one is unchanged): each entry with its metric value and rank by the metric, and
     *         the correlation
     * @throws IllegalArgumentException for a name that is no candidate's, a non-finite value, fewer than 2
     *                                  candidates with a value, or a {@code topK} out of range
     */
    public RankingResult withMetric(String name, Map<String, ? extends Number> values, boolean higherIsBetter,
                                    int topK) {
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkNotNull(values, "values");
        Set<String> known = new HashSet<>(names());
        Set<String> unknown = new TreeSet<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        }
        Preconditions.checkArgument(unknown.isEmpty(), "metric '%s' has values for unknown candidates %s; candidates: %s",
                name, unknown, names());
        List<RankedCandidate> with = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RankedCandidate c : entries) {
            Number v = values.get(c.name());
            if (v == null) {
                missing.add(c.name());
            } else {
                Preconditions.checkArgument(Double.isFinite(v.doubleValue()), "metric '%s' of candidate '%s' is not finite: %s",
                        name, c.name(), v);
                with.add(c);
            }
        }
        Preconditions.checkArgument(with.size() >= 2, "metric '%s': at least 2 candidates need a value, got %s", name,
                with.size());
        double sign = higherIsBetter ? 1 : -1;
        // place by metric among the candidates with a value
        List<RankedCandidate> byMetric = new ArrayList<>(with);
        byMetric.sort(Comparator.comparingDouble((RankedCandidate c) -> -sign * values.get(c.name()).doubleValue()));
        Map<String, Integer> metricRank = new LinkedHashMap<>();
        for (int i = 0; i < byMetric.size(); i++) {
            metricRank.put(byMetric.get(i).name(), i + 1);
        }
        double[] s = new double[with.size()];
        double[] m = new double[with.size()];
        for (int i = 0; i < with.size(); i++) {
            s[i] = with.get(i).score();
            m[i] = sign * values.get(with.get(i).name()).doubleValue();
        }
        RankCorrelation corr = RankCorrelation.of(s, m, topK);
        List<RankedCandidate> updated = new ArrayList<>();
        for (RankedCandidate c : entries) {
            Number v = values.get(c.name());
            updated.add(v == null ? c.withMetric(OptionalDouble.empty(), 0)
                    : c.withMetric(OptionalDouble.of(v.doubleValue()), metricRank.get(c.name())));
        }
        String missingWarning = missing.isEmpty() ? null
                : "no " + name + " for " + missing + ": left out of the correlation";
        return new RankingResult(updated, provenance, name, higherIsBetter, corr, warnings, missingWarning, failures);
    }

    // ------------------------------------------------------------------------------------------ output

    /**
     * CSV (commons-csv, RFC 4180: a name with a comma or a quote is quoted): {@code rank,name,score,sd,parameters}
     * and, with a metric, {@code <metric>,<metric>_rank} (empty for a candidate without a value).
     *
     * @return CSV: {@code rank,name,score,sd,parameters} and, with a metric, {@code <metric>,<metric>_rank}
     */
    public String toCsv() {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("rank", "name", "score", "sd", "parameters"));
        if (metricName != null) {
            header.add(metricName);
            header.add(metricName + "_rank");
        }
        rows.add(header);
        for (RankedCandidate c : entries) {
            List<Object> row = new ArrayList<>(List.of(c.rank(), c.name(), c.score(), c.standardDeviation(),
                    c.parameters()));
            if (metricName != null) {
                row.add(c.metric().isPresent() ? c.metric().getAsDouble() : null);
                row.add(c.metric().isPresent() ? c.metricRank() : null);
            }
            rows.add(row);
        }
        return Csv.rows(rows);
    }

    /**
     * Writes {@link #toCsv()} to a file (replacing it).
     *
     * @param file the file to write, in UTF-8; created, or replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        Preconditions.checkNotNull(file, "file");
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }

    /**
     * One JSON object: candidates in rank order, the metric and the correlation when given, warnings.
     *
     * @return the JSON text: {@code candidates} in rank order, the metric and the correlation when given,
     *         {@code warnings}, {@code failures} when there are any, and {@code provenance}
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        JsonArray arr = new JsonArray();
        for (RankedCandidate c : entries) {
            JsonObject j = new JsonObject();
            j.addProperty("rank", c.rank());
            j.addProperty("name", c.name());
            j.addProperty("score", c.score());
            j.addProperty("standardDeviation", c.standardDeviation());
            j.add("scores", Json.numbers(c.scores()));
            j.addProperty("parameters", c.parameters());
            if (c.metric().isPresent()) {
                j.addProperty("metric", c.metric().getAsDouble());
                j.addProperty("metricRank", c.metricRank());
            }
            arr.add(j);
        }
        o.add("candidates", arr);
        if (metricName != null) {
            o.addProperty("metricName", metricName);
            o.addProperty("higherIsBetter", higherIsBetter);
        }
        if (correlation != null) {
            JsonObject c = new JsonObject();
            c.addProperty("n", correlation.n());
            c.addProperty("spearman", correlation.spearman());
            c.addProperty("kendall", correlation.kendall());
            c.addProperty("k", correlation.k());
            c.addProperty("topKCommon", correlation.topKCommon());
            c.addProperty("topKOverlap", correlation.topKOverlap());
            o.add("correlation", c);
        }
        o.add("warnings", Json.strings(warnings()));
        if (!failures.isEmpty()) {
            JsonArray f = new JsonArray();
            for (CandidateFailure x : failures) {
                JsonObject j = new JsonObject();
                j.addProperty("name", x.name());
                j.addProperty("type", x.type());
                j.addProperty("error", x.error());
                f.add(j);
            }
            o.add("failures", f);
        }
        o.add("provenance", Json.readObject(provenance.toJson()));
        return Json.write(o);
    }

    /** The ranking as a table, then the correlation and the warnings. */
    @Override
    public String toString() {
        int nameWidth = "candidate".length();
        for (RankedCandidate c : entries) {
            nameWidth = Math.max(nameWidth, c.name().length());
        }
        String metricHeader = metricName == null ? "" : metricName;
        int metricWidth = Math.max(10, metricHeader.length());
        StringBuilder sb = new StringBuilder();
        String head = "%4s  %-" + nameWidth + "s  %12s  %10s  %11s";
        sb.append(String.format(Locale.ROOT, head, "rank", "candidate", "NEAR", "sd", "parameters"));
        if (metricName != null) {
            sb.append(String.format(Locale.ROOT, "  %" + metricWidth + "s  %6s", metricHeader, "rank"));
        }
        sb.append('\n');
        for (RankedCandidate c : entries) {
            sb.append(String.format(Locale.ROOT, head, c.rank(), c.name(), String.format(Locale.ROOT, "%.4f", c.score()),
                    c.scores().size() > 1 ? String.format(Locale.ROOT, "%.4f", c.standardDeviation()) : "-", c.parameters()));
            if (metricName != null) {
                sb.append(String.format(Locale.ROOT, "  %" + metricWidth + "s  %6s",
                        c.metric().isPresent() ? String.format(Locale.ROOT, "%.4f", c.metric().getAsDouble()) : "-",
                        c.metric().isPresent() ? Integer.toString(c.metricRank()) : "-"));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "(NEAR averaged over %d repetition(s), seed %d)%n", provenance.repetitions(),
                provenance.seed()));
        if (correlation != null) {
            sb.append(metricName).append(higherIsBetter ? "" : " (lower is better)").append(": ").append(correlation)
                    .append('\n');
        }
        for (String w : warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        for (CandidateFailure f : failures) {
            sb.append("failed: ").append(f).append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads metric values from a CSV file of {@code name,value} lines (the first line is skipped as a header when
     * its value is not a number; blank lines and lines starting with {@code #} too; a name with a comma in double
     * quotes), read with commons-csv. For the CLI's {@code --accuracies}.
     *
     * @param file a UTF-8 CSV file of {@code name,value} lines
     * @return the value per name, in the file's order; never empty
     * @throws IllegalArgumentException naming the line for a malformed line, a value that is not a finite number,
     *                                  or a name given twice; or if the file holds no {@code name,value} line
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Double> readMetricCsv(Path file) throws IOException {
        Preconditions.checkNotNull(file, "file");
        Map<String, Double> out = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).build();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                Preconditions.checkArgument(r.size() == 2, "%s line %s: expected 'name,value', got %s field(s): %s",
                        file, line, r.size(), r.toList());
                String name = r.get(0);
                String value = r.get(1);
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    if (r.getRecordNumber() == 1) {
                        continue;       // only the first record may be a header
                    }
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s line %d: '%s' is not a number",
                            file, line, value));
                }
                Preconditions.checkArgument(Double.isFinite(v), "%s line %s: value %s is not finite", file, line, value);
                Preconditions.checkArgument(out.put(name, v) == null, "%s line %s: '%s' is given twice", file, line,
                        name);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Preconditions.checkArgument(!out.isEmpty(), "%s holds no 'name,value' line", file);
        return out;
    }
}
