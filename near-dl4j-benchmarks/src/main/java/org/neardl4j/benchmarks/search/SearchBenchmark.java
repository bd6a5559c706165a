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
package org.neardl4j.benchmarks.search;

import com.google.common.base.Preconditions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neardl4j.benchmarks.nb201.Nb201Data;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Evaluation;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;

import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zero-cost search on NAS-Bench-201 (CIFAR-10) with scores looked up in the precomputed tables of
 * {@code docs/nb201/} ({@link TableScores}): every strategy of {@link ArchitectureSearch} with NEAR, MeCo, NASWOT and
 * the rank-average of NEAR and MeCo, over many seeds, on the 1,000 architectures with NEAR values and on the 300
 * with the baselines. The published accuracies are read only to report the test accuracy of the chosen cell,
 * never by the search. Writes {@code SEARCH.md}, {@code search/runs.csv} and the figures into the docs folder.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.search.SearchBenchmark docs 50
 * }</pre>
 */
public final class SearchBenchmark {

    /** One search setting. */
    record Setting(String set, String fitness, List<String> columns, Strategy strategy, int budget) {
        String label() {
            return strategy.kind() + (strategy.kind().equals("exhaustive") ? "" : " N=" + budget);
        }
    }

    /** Outcome of one setting over the seeds. */
    record Outcome(Setting setting, double[] testAcc, double[] validAcc, int foundBest, double searchMs,
                   double scoringSeconds, int scored) {
    }

    private final Map<String, List<Nb201Data.Arch>> sets = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> tables = new LinkedHashMap<>();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Map<String, Nb201Data.Arch> byCell = new LinkedHashMap<>();

    /**
     * Loads the tables.
     *
     * @param nb201 the folder with {@code near-10.csv} and {@code proxies-64.csv}
     */
    SearchBenchmark(Path nb201) {
        List<Nb201Data.Arch> archs = Nb201Data.archs();
        Map<Integer, Nb201Data.Arch> byArch = new LinkedHashMap<>();
        for (Nb201Data.Arch a : archs) {
            byArch.put(a.arch(), a);
            byCell.put(a.cell().toString(), a);
        }
        Map<String, double[]> near = new LinkedHashMap<>();
        List<Nb201Data.Arch> all = new ArrayList<>();
        for (CSVRecord r : read(nb201.resolve("near-10.csv"))) {
            Nb201Data.Arch a = byArch.get(Integer.parseInt(r.get("arch")));
            Preconditions.checkState(a != null, "arch %s of near-10.csv is not in the NB201 table", r.get("arch"));
            near.put(a.cell().toString(), new double[] {Double.parseDouble(r.get("near")), Double.NaN, Double.NaN});
            seconds.put(a.cell().toString(), Double.parseDouble(r.get("seconds")));
            all.add(a);
        }
        List<Nb201Data.Arch> three = new ArrayList<>();
        for (CSVRecord r : read(nb201.resolve("proxies-64.csv"))) {
            Nb201Data.Arch a = byArch.get(Integer.parseInt(r.get("arch")));
            double[] v = near.get(a.cell().toString());
            v[1] = Double.parseDouble(r.get("meco"));
            v[2] = Double.parseDouble(r.get("naswot"));
            three.add(a);
        }
        sets.put("1000", all);
        sets.put("300", three);
        tables.put("1000", near);
        Map<String, double[]> sub = new LinkedHashMap<>();
        for (Nb201Data.Arch a : three) {
            sub.put(a.cell().toString(), near.get(a.cell().toString()));
        }
        tables.put("300", sub);
    }

    private static List<CSVRecord> read(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** The settings of the report. */
    static List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        Strategy evo = Strategy.evolution(10, 3);
        for (int n : new int[] {10, 100}) {
            out.add(new Setting("1000", "near", List.of("near"), Strategy.random(), n));
        }
        out.add(new Setting("1000", "near", List.of("near"), evo, 100));
        out.add(new Setting("1000", "near", List.of("near"), evo, 300));
        out.add(new Setting("1000", "near", List.of("near"), Strategy.exhaustive(), 1000));
        for (String[] f : new String[][] {{"near"}, {"meco"}, {"naswot"}, {"near", "meco"}}) {
            String name = String.join("+", f);
            for (int n : new int[] {10, 100}) {
                out.add(new Setting("300", name, List.of(f), Strategy.random(), n));
            }
            out.add(new Setting("300", name, List.of(f), evo, 100));
            out.add(new Setting("300", name, List.of(f), Strategy.exhaustive(), 300));
        }
        return out;
    }

    /**
     * Runs one setting for seeds 1..seeds.
     *
     * @param s     the setting
     * @param seeds how many seeds
     * @return the outcome
     */
    Outcome run(Setting s, int seeds) {
        List<Nb201Cell> cells = sets.get(s.set()).stream().map(Nb201Data.Arch::cell).toList();
        Nb201Space space = Nb201Space.of(Nb201Network.defaults(), cells);
        Map<String, double[]> all = tables.get(s.set());
        List<String> cols = List.of("near", "meco", "naswot");
        Map<String, double[]> rows = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            double[] w = new double[s.columns().size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = v[cols.indexOf(s.columns().get(i))];
            }
            rows.put(k, w);
        });
        TableScores<Nb201Cell> fitness = TableScores.of(s.columns(), rows, space::name);
        double best = sets.get(s.set()).stream().mapToDouble(Nb201Data.Arch::testAcc).max().orElseThrow();
        int runs = s.strategy().kind().equals("exhaustive") ? 1 : seeds;
        double[] test = new double[runs];
        double[] valid = new double[runs];
        int found = 0;
        double ms = 0;
        double live = 0;
        int scored = 0;
        for (int seed = 1; seed <= runs; seed++) {
            long t = System.nanoTime();
            SearchResult<Nb201Cell> r = ArchitectureSearch.builder(space, fitness).strategy(s.strategy())
                    .budget(s.budget()).seed(seed).build().run();
            ms += (System.nanoTime() - t) / 1e6;
            Nb201Data.Arch a = byCell.get(r.best().toString());
            test[seed - 1] = a.testAcc();
            valid[seed - 1] = a.validAcc();
            found += a.testAcc() == best ? 1 : 0;
            for (Evaluation e : r.evaluations()) {
                live += seconds.get(e.name());
            }
            scored += r.evaluations().size();
        }
        return new Outcome(s, test, valid, found, ms / runs, live / runs, scored / runs);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * Runs every setting and writes the report.
     *
     * @param docs  the docs folder (reads {@code nb201/}, writes {@code SEARCH.md} and {@code search/})
     * @param seeds seeds per setting
     * @return the outcomes
     * @throws IOException if a file cannot be written
     */
    List<Outcome> report(Path docs, int seeds) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (Setting s : settings()) {
            out.add(run(s, seeds));
        }
        Path dir = docs.resolve("search");
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("set,fitness,strategy,budget,seeds,test_mean,test_sd,valid_mean,"
                + "valid_sd,found_best,search_ms,scoring_seconds\n");
        for (Outcome o : out) {
            csv.append(String.join(",", o.setting().set(), o.setting().fitness(), o.setting().strategy().toString()
                            .replace(",", ";"), Integer.toString(o.scored()), Integer.toString(o.testAcc().length),
                    f2(mean(o.testAcc())), f2(sd(o.testAcc())), f2(mean(o.validAcc())), f2(sd(o.validAcc())),
                    Integer.toString(o.foundBest()), String.format(Locale.ROOT, "%.3f", o.searchMs()),
                    String.format(Locale.ROOT, "%.1f", o.scoringSeconds()))).append('\n');
        }
        Files.writeString(dir.resolve("runs.csv"), csv.toString());
        for (String set : sets.keySet()) {
            plot(out, set, dir.resolve("search-" + set + ".png"));
        }
        Files.writeString(docs.resolve("SEARCH.md"), markdown(out, seeds));
        return out;
    }

    private void plot(List<Outcome> out, String set, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(420)
                .title("Zero-cost search on " + set + " NAS-Bench-201 cells (CIFAR-10)")
                .xAxisTitle("candidates scored (log scale)").yAxisTitle("test accuracy of the chosen cell (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        Map<String, List<Outcome>> series = new LinkedHashMap<>();
        for (Outcome o : out) {
            if (o.setting().set().equals(set)) {
                String kind = o.setting().strategy().kind().equals("evolution") ? "evolution" : "random/all";
                series.computeIfAbsent(o.setting().fitness() + ", " + kind, k -> new ArrayList<>()).add(o);
            }
        }
        for (Map.Entry<String, List<Outcome>> e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(Outcome::scored).toArray();
            double[] y = e.getValue().stream().mapToDouble(o -> mean(o.testAcc())).toArray();
            double[] err = e.getValue().stream().mapToDouble(o -> sd(o.testAcc())).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y, err);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        List<Nb201Data.Arch> archs = sets.get(set);
        double best = archs.stream().mapToDouble(Nb201Data.Arch::testAcc).max().orElseThrow();
        double[] acc = archs.stream().mapToDouble(Nb201Data.Arch::testAcc).toArray();
        chart.addSeries("best cell of the set", new double[] {10, archs.size()}, new double[] {best, best})
                .setMarker(SeriesMarkers.NONE);
        chart.addSeries("random pick (mean)", new double[] {10, archs.size()}, new double[] {mean(acc), mean(acc)})
                .setMarker(SeriesMarkers.NONE);
        chart.getStyler().setYAxisMin(84.0);
        chart.getStyler().setYAxisMax(95.0);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private String markdown(List<Outcome> out, int seeds) {
        StringBuilder md = new StringBuilder();
        md.append("# Zero-cost architecture search on NAS-Bench-201\n\n");
        md.append("Generated by `org.neardl4j.benchmarks.search.SearchBenchmark` from the proxy tables in "
                + "`docs/nb201/`; do not edit by hand.\n\n");
        md.append("## What was run\n\n");
        md.append("- **Search**: `org.neardl4j.search.ArchitectureSearch` over `Nb201Space.of(...)`, the NAS-Bench-201 "
                + "cells of a table: *random* = best of N distinct cells drawn uniformly (NASWOT's algorithm); "
                + "*evolution* = regularised evolution (Real et al., 2019), population 10, tournament 3, the oldest "
                + "member removed, a mutation changing one edge's operation (inside a table, the nearest cells of the "
                + "table: fewest edges changed); *exhaustive* = every cell of the table. Seeds 1.." + seeds
                + " per setting (one run for exhaustive).\n");
        md.append("- **Fitness**: looked up with `TableScores` in the tables that `docs/NB201.md` describes: NEAR "
                + "(near-dl4j, 1 repetition, 10 images, `near-10.csv`), MeCo and NASWOT (64 images, "
                + "`proxies-64.csv`), and the rank-average of NEAR and MeCo (`near+meco`: each candidate's mean rank "
                + "under the two among all candidates scored so far). The published accuracies are read only to report "
                + "the chosen cell's CIFAR-10 test (and cifar10-valid) accuracy, never by the search.\n");
        md.append("- **Sets**: `1000` = the 1,000 cells with NEAR values (a seeded random sample of the 15,625); "
                + "`300` = the first 300 of them, which have the baselines. A search therefore runs on a subset of "
                + "the space: its best cell reaches " + f2(bestOf("1000")) + " (1000) and " + f2(bestOf("300"))
                + " (300), against 94.37 for the whole space.\n");
        md.append("- **Time**: `search ms` is the mean wall time of one search with the scores looked up (the "
                + "strategy's own cost) on a 2-core x86_64 machine, measured while no other heavy job ran; `scoring s` "
                + "is the time that scoring the same candidates live took when the tables were made (sum of "
                + "`near-10.csv`'s per-architecture seconds over the candidates scored: NEAR only, network "
                + "initialisation excluded).\n\n");
        for (String set : sets.keySet()) {
            List<Nb201Data.Arch> archs = sets.get(set);
            double[] acc = archs.stream().mapToDouble(Nb201Data.Arch::testAcc).toArray();
            md.append("## ").append(set).append(" cells\n\n");
            md.append("Reference points: a random pick (no proxy) has mean test accuracy ").append(f2(mean(acc)))
                    .append(" +- ").append(f2(sd(acc))).append("; the best cell of the set ").append(f2(bestOf(set)))
                    .append(".\n\n");
            md.append("| fitness | strategy | candidates scored | seeds | test acc (mean +- sd) | valid acc (mean +- sd)"
                    + " | found the set's best | search ms | scoring s |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Outcome o : out) {
                if (!o.setting().set().equals(set)) {
                    continue;
                }
                md.append("| ").append(o.setting().fitness()).append(" | ").append(o.setting().strategy()).append(" | ")
                        .append(o.scored()).append(" | ").append(o.testAcc().length).append(" | ")
                        .append(f2(mean(o.testAcc()))).append(" +- ").append(f2(sd(o.testAcc()))).append(" | ")
                        .append(f2(mean(o.validAcc()))).append(" +- ").append(f2(sd(o.validAcc()))).append(" | ")
                        .append(o.foundBest()).append('/').append(o.testAcc().length).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", o.searchMs())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", o.scoringSeconds())).append(" |\n");
            }
            md.append("\n![search on ").append(set).append(" cells](search/search-").append(set).append(".png)\n\n");
        }
        md.append(DISCUSSION_MARKER).append('\n');
        return md.toString();
    }

    /** Where the hand-written part of SEARCH.md starts (kept when the report is generated again). */
    static final String DISCUSSION_MARKER = "<!-- discussion -->";

    private double bestOf(String set) {
        return sets.get(set).stream().mapToDouble(Nb201Data.Arch::testAcc).max().orElseThrow();
    }

    /**
     * Runs the benchmark.
     *
     * @param args docs folder (default {@code docs}) and seeds per setting (default 50)
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path docs = Paths.get(args.length > 0 ? args[0] : "docs");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path md = docs.resolve("SEARCH.md");
        String kept = "";
        if (Files.exists(md)) {
            String old = Files.readString(md);
            int at = old.indexOf(DISCUSSION_MARKER);
            kept = at < 0 ? "" : old.substring(at + DISCUSSION_MARKER.length() + 1);
        }
        new SearchBenchmark(docs.resolve("nb201")).report(docs, seeds);
        Files.writeString(md, Files.readString(md) + kept);
    }
}
