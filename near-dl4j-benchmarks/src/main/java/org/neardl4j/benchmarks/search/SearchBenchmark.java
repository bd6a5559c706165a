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
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neardl4j.benchmarks.nb201.Nb201Data;
import org.neardl4j.cli.Cli;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Evaluation;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;
import org.neardl4j.space.Nb201Network;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.Callable;

/**
 * Zero-cost search on NAS-Bench-201 with the scores looked up in precomputed tables ({@link TableScores}): every
 * strategy of {@link ArchitectureSearch} (best of N random cells, regularised evolution, exhaustive) with NEAR, MeCo,
 * NASWOT, the rank-average of NEAR and MeCo and the other baselines, over many seeds, on CIFAR-10, CIFAR-100 and
 * ImageNet16-120: on CIFAR-10 the whole space (NEAR of all 15,625 cells), and on each dataset the 1,000 cells with
 * NEAR values and the cells where the baselines ran. The published accuracies are read only to report the outcome
 * (the accuracy of the chosen cell), never by a search. Writes {@code SEARCH.md} (above its discussion marker, which
 * is kept), {@code search/runs.csv} (one row per search), {@code search/summary.csv} (one row per setting) and one
 * figure per dataset and set into the docs folder.
 *
 * <p>Inputs under the docs folder (a missing file leaves its set out): {@code spark/nb201-cifar10-near.csv} (NEAR of
 * the whole space), {@code nb201/near-10.csv} and {@code nb201/proxies-64.csv} (CIFAR-10),
 * {@code paper/nb201-cifar100/near-100.csv} and {@code proxies-100.csv}, {@code paper/nb201-imagenet16-120/near-120.csv}
 * and {@code proxies-120.csv}; the accuracies from {@link Nb201Data#space()} (CIFAR-10, NAS-Bench-201 v1.0) and
 * {@link Nb201Data#natsAccuracy} (CIFAR-100 and ImageNet16-120, NATS-Bench).
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.search.SearchBenchmark \
 *     --docs docs --seeds 50
 * }</pre>
 */
public final class SearchBenchmark {

    /** Where the hand-written part of SEARCH.md starts (kept when the report is generated again). */
    static final String DISCUSSION_MARKER = "<!-- discussion -->";
    /** The proxies of the detailed tables, and the rank-average of NEAR and MeCo. */
    static final List<String> MAIN = List.of("near", "meco", "naswot", "near+meco");
    /** The other columns of the baselines' tables (the parameter count and the remaining proxies). */
    static final List<String> OTHERS = List.of("params", "grad_norm", "snip", "synflow", "jacob_cov", "zico");
    /** Budgets of the random and evolution searches (kept where below the size of the set). */
    static final int[] BUDGETS = {10, 100, 1000};
    /** Regularised evolution's population and tournament size. */
    static final Strategy EVOLUTION = Strategy.evolution(10, 3);
    private static final Nb201Network NETWORK = Nb201Network.defaults();

    /**
     * One cell of a set.
     *
     * @param arch  its NAS-Bench-201 index
     * @param name  its cell string ({@link Nb201Cell#toString()})
     * @param test  the published test accuracy (%) on the set's dataset
     * @param valid the published validation accuracy (%), NaN where none is bundled
     */
    record Cell(int arch, String name, double test, double valid) {
    }

    /**
     * A set of cells with the scores of some proxies.
     *
     * @param dataset   the dataset of the accuracies and of the scores' probe images
     * @param id        short name ({@code space}, {@code 1000}, {@code baselines})
     * @param title     how the page names it
     * @param cells     the cells, in table order
     * @param scores    column to cell name to value (NaN: not scored)
     * @param seconds   column to cell name to the seconds scoring took when the table was made
     * @param estimate  seconds per cell used for columns without per-cell seconds (NaN: none needed)
     * @param sources   column to the file it came from
     * @param failures  cells whose score is missing (failed when the table was made)
     */
    record CellSet(Nb201Dataset dataset, String id, String title, List<Cell> cells,
                   Map<String, Map<String, Double>> scores, Map<String, Map<String, Double>> seconds, double estimate,
                   Map<String, String> sources, List<String> failures) {

        boolean full() {
            return cells.size() == Nb201Cell.SPACE_SIZE;
        }

        double best() {
            return cells.stream().mapToDouble(Cell::test).max().orElseThrow();
        }

        double[] accuracies() {
            return cells.stream().mapToDouble(Cell::test).toArray();
        }

        List<String> fitnesses() {
            List<String> out = new ArrayList<>();
            for (String f : concat(MAIN, OTHERS)) {
                boolean ok = true;
                for (String c : f.split("\\+")) {
                    ok &= scores.containsKey(c);
                }
                if (ok) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    /**
     * One search setting.
     *
     * @param fitness  a column or columns joined by {@code +} (rank-average)
     * @param strategy the strategy
     * @param budget   candidates to score (the set's size for exhaustive)
     */
    record Setting(String fitness, Strategy strategy, int budget) {
        String label() {
            return strategy.kind().equals("exhaustive") ? "all " + budget
                    : strategy.kind() + " N=" + budget;
        }

        List<String> columns() {
            return List.of(fitness.split("\\+"));
        }
    }

    /**
     * One search.
     *
     * @param seed       its seed
     * @param chosen     the chosen cell
     * @param candidates candidates it scored
     * @param bestScored the highest test accuracy among the candidates scored (needs the accuracies: a reference)
     * @param searchMs   wall time of the search with the scores looked up (ms)
     * @param scoringS   seconds that scoring its candidates took when the tables were made
     */
    record Run(long seed, Cell chosen, int candidates, double bestScored, double searchMs, double scoringS) {
    }

    /**
     * A setting's searches.
     *
     * @param set     the set
     * @param setting the setting
     * @param runs    one per seed (one for exhaustive)
     */
    record Outcome(CellSet set, Setting setting, List<Run> runs) {
        double[] test() {
            return runs.stream().mapToDouble(r -> r.chosen().test()).toArray();
        }

        double mean(java.util.function.ToDoubleFunction<Run> f) {
            return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        int foundBest() {
            double best = set.best();
            return (int) runs.stream().filter(r -> r.chosen().test() == best).count();
        }

        double candidates() {
            return mean(Run::candidates);
        }
    }

    /**
     * NASWOT's published NAS-Bench-201 results (Mellor et al., "Neural Architecture Search without Training", ICML
     * 2021, PMLR 139, Table 2(a)): test accuracy mean and standard deviation over 500 runs of the search on CIFAR-10,
     * the chosen cell evaluated on each dataset.
     *
     * @param dataset  the dataset evaluated
     * @param naswot   N = 10, 100, 1000: {mean, sd}
     * @param optimal  the most accurate of N = 10, 100 sampled cells: {mean, sd}
     * @param random   one random cell: {mean, sd}
     * @param areaValid AREA (50 runs): validation accuracy {mean, sd} (the table gives no test accuracy for it)
     */
    record Published(Nb201Dataset dataset, double[][] naswot, double[][] optimal, double[] random, double[] areaValid) {
    }

    /** Search time of NASWOT N = 10, 100, 1000 on one GTX 1080 Ti (s), the same table. */
    static final double[] NASWOT_SECONDS = {3.05, 30.01, 306.19};

    static final List<Published> PUBLISHED = List.of(
            new Published(Nb201Dataset.CIFAR10, new double[][] {{92.44, 1.13}, {92.81, 0.99}, {92.96, 0.81}},
                    new double[][] {{93.06, 0.59}, {93.84, 0.23}}, new double[] {86.61, 13.46},
                    new double[] {91.20, 0.27}),
            new Published(Nb201Dataset.CIFAR100, new double[][] {{68.62, 2.04}, {69.48, 1.70}, {69.98, 1.22}},
                    new double[][] {{69.76, 1.25}, {71.56, 0.78}}, new double[] {60.83, 12.58},
                    new double[] {71.95, 0.99}),
            new Published(Nb201Dataset.IMAGENET16_120, new double[][] {{41.31, 4.11}, {43.10, 3.16}, {44.44, 2.10}},
                    new double[][] {{43.30, 1.87}, {45.67, 0.64}}, new double[] {33.13, 9.66},
                    new double[] {45.70, 1.05}));

    private final List<CellSet> sets;

    SearchBenchmark(List<CellSet> sets) {
        this.sets = List.copyOf(sets);
    }

    /**
     * Loads every set whose tables exist under the docs folder.
     *
     * @param docs the docs folder
     * @param out  where to print what was loaded
     * @return the benchmark
     */
    static SearchBenchmark load(Path docs, PrintStream out) {
        List<Nb201Data.Arch> space = Nb201Data.space();
        Map<Integer, Nb201Data.Arch> byArch = new LinkedHashMap<>();
        for (Nb201Data.Arch a : space) {
            byArch.put(a.arch(), a);
        }
        List<CellSet> sets = new ArrayList<>();
        Map<Integer, Double> c10 = new LinkedHashMap<>();
        Map<Integer, Double> c10valid = new LinkedHashMap<>();
        for (Nb201Data.Arch a : space) {
            c10.put(a.arch(), a.testAcc());
            c10valid.put(a.arch(), a.validAcc());
        }
        Path tenNear = docs.resolve("nb201/near-10.csv");
        double nearSeconds = Files.exists(tenNear) ? read(tenNear).stream()
                .mapToDouble(r -> Double.parseDouble(r.get("seconds"))).average().orElse(Double.NaN) : Double.NaN;
        Path spark = docs.resolve("spark/nb201-cifar10-near.csv");
        if (Files.exists(spark)) {
            sets.add(spaceSet(spark, source(docs, spark), byArch, c10, c10valid, nearSeconds));
        }
        sets.addAll(tables(docs, Nb201Dataset.CIFAR10, tenNear, docs.resolve("nb201/proxies-64.csv"), byArch, c10,
                c10valid));
        for (Nb201Dataset d : List.of(Nb201Dataset.CIFAR100, Nb201Dataset.IMAGENET16_120)) {
            String images = d == Nb201Dataset.CIFAR100 ? "100" : "120";
            Path dir = docs.resolve("paper/nb201-" + d.id());
            sets.addAll(tables(docs, d, dir.resolve("near-" + images + ".csv"), dir.resolve("proxies-" + images + ".csv"),
                    byArch, Nb201Data.natsAccuracy(d), Map.of()));
        }
        CellSet tenSet = sets.stream().filter(s -> s.dataset() == Nb201Dataset.CIFAR10 && s.id().equals("1000"))
                .findFirst().orElse(null);
        for (CellSet s : List.copyOf(sets)) {
            CellSet t = tenSet == null || s.dataset() == Nb201Dataset.CIFAR10 || !s.id().equals("1000") ? null
                    : transfer(s, tenSet);
            if (t != null) {
                sets.add(sets.indexOf(s) + 1, t);
            }
        }
        for (CellSet s : sets) {
            out.printf(Locale.ROOT, "%s %s: %d cells, scores %s%s%n", s.dataset().title(), s.id(), s.cells().size(),
                    s.scores().keySet(), s.failures().isEmpty() ? "" : ", not scored: " + s.failures().size());
        }
        return new SearchBenchmark(sets);
    }

    private static String key(String cellstr) {
        return Nb201Cell.parse(cellstr).toString();
    }

    private static CellSet spaceSet(Path csv, String source, Map<Integer, Nb201Data.Arch> byArch, Map<Integer, Double> test,
                                    Map<Integer, Double> valid, double nearSeconds) {
        List<Cell> cells = new ArrayList<>();
        Map<String, Double> near = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (CSVRecord r : read(csv)) {
            int arch = Integer.parseInt(r.get("arch"));
            Nb201Data.Arch a = byArch.get(arch);
            Preconditions.checkState(a != null && key(a.cellstr()).equals(key(r.get("cellstr"))),
                    "%s: arch %s is not NAS-Bench-201's cell %s", csv, arch, r.get("cellstr"));
            String name = key(a.cellstr());
            String v = r.get("near").strip();
            boolean ok = !v.isEmpty() && "ok".equals(r.get("status"));
            near.put(name, ok ? Double.parseDouble(v) : Double.NaN);
            if (!ok) {
                failures.add("`" + name + "` (" + r.get("error") + ")");
            }
            cells.add(new Cell(arch, name, test.get(arch), valid.getOrDefault(arch, Double.NaN)));
        }
        cells.sort(java.util.Comparator.comparingInt(Cell::arch));
        String title = cells.size() == Nb201Cell.SPACE_SIZE ? "the whole space (15,625 cells)"
                : "the " + thousands(cells.size()) + " cells of the whole-space table";
        return new CellSet(Nb201Dataset.CIFAR10, "space", title, cells, Map.of("near", near), Map.of(), nearSeconds,
                Map.of("near", source), failures);
    }

    private static String source(Path docs, Path file) {
        return "docs/" + docs.relativize(file).toString().replace('\\', '/');
    }

    private static List<CellSet> tables(Path docs, Nb201Dataset d, Path nearCsv, Path proxiesCsv,
                                        Map<Integer, Nb201Data.Arch> byArch, Map<Integer, Double> test,
                                        Map<Integer, Double> valid) {
        List<CellSet> out = new ArrayList<>();
        if (!Files.exists(nearCsv)) {
            return out;
        }
        List<Cell> cells = new ArrayList<>();
        Map<String, Double> near = new LinkedHashMap<>();
        Map<String, Double> nearSec = new LinkedHashMap<>();
        Map<Integer, Cell> byArchCell = new LinkedHashMap<>();
        for (CSVRecord r : read(nearCsv)) {
            int arch = Integer.parseInt(r.get("arch"));
            Preconditions.checkState(byArch.containsKey(arch) && test.containsKey(arch),
                    "%s: arch %s has no published %s accuracy", nearCsv, arch, d.title());
            String name = key(byArch.get(arch).cellstr());
            Cell c = new Cell(arch, name, test.get(arch), valid.getOrDefault(arch, Double.NaN));
            cells.add(c);
            byArchCell.put(arch, c);
            near.put(name, Double.parseDouble(r.get("near")));
            nearSec.put(name, Double.parseDouble(r.get("seconds")));
        }
        String nearSource = source(docs, nearCsv);
        out.add(new CellSet(d, "1000", "the " + thousands(cells.size()) + " cells with NEAR values", cells,
                Map.of("near", near), Map.of("near", nearSec), Double.NaN, Map.of("near", nearSource), List.of()));
        if (!Files.exists(proxiesCsv)) {
            return out;
        }
        List<String> cols = new ArrayList<>(OTHERS);
        cols.add("naswot");
        cols.add("meco");
        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        Map<String, Map<String, Double>> seconds = new LinkedHashMap<>();
        List<Cell> sub = new ArrayList<>();
        for (CSVRecord r : read(proxiesCsv)) {
            Cell c = r.isConsistent() ? byArchCell.get(Integer.parseInt(r.get("arch"))) : null;
            if (c == null || !complete(r, cols)) {
                continue;     // a row being written, or a cell without NEAR
            }
            sub.add(c);
            for (String col : cols) {
                scores.computeIfAbsent(col, k -> new LinkedHashMap<>()).put(c.name(), Double.parseDouble(r.get(col)));
                seconds.computeIfAbsent(col, k -> new LinkedHashMap<>()).put(c.name(),
                        Double.parseDouble(r.get("seconds_" + col)));
            }
            scores.computeIfAbsent("near", k -> new LinkedHashMap<>()).put(c.name(), near.get(c.name()));
            seconds.computeIfAbsent("near", k -> new LinkedHashMap<>()).put(c.name(), nearSec.get(c.name()));
        }
        if (sub.size() >= 2) {
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put("near", nearSource);
            for (String col : cols) {
                sources.put(col, source(docs, proxiesCsv));
            }
            out.add(new CellSet(d, "baselines", "the " + thousands(sub.size()) + " cells with the baselines' values", sub,
                    scores, seconds, Double.NaN, sources, List.of()));
        }
        return out;
    }

    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * NASWOT's protocol for CIFAR-100 and ImageNet16-120: a dataset's 1,000 cells searched with their CIFAR-10 NEAR
     * values (the CIFAR-10 network and images), the chosen cell's accuracy read on that dataset.
     *
     * @param target the dataset's 1,000-cell set
     * @param c10    CIFAR-10's 1,000-cell set
     * @return the set, or null where the two do not hold the same cells
     */
    static CellSet transfer(CellSet target, CellSet c10) {
        Map<String, Double> near = c10.scores().get("near");
        if (!target.cells().stream().allMatch(c -> near.containsKey(c.name()))) {
            return null;
        }
        Map<String, Double> v = new LinkedHashMap<>();
        Map<String, Double> sec = new LinkedHashMap<>();
        for (Cell c : target.cells()) {
            v.put(c.name(), near.get(c.name()));
            sec.put(c.name(), c10.seconds().get("near").get(c.name()));
        }
        return new CellSet(target.dataset(), "c10-near", "the " + thousands(target.cells().size())
                + " cells searched with CIFAR-10's NEAR (NASWOT's protocol)", target.cells(), Map.of("near", v),
                Map.of("near", sec), Double.NaN, c10.sources(), List.of());
    }

    private static boolean complete(CSVRecord r, List<String> cols) {
        try {
            for (String c : cols) {
                Double.parseDouble(r.get(c));
                Double.parseDouble(r.get("seconds_" + c));
            }
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private static List<CSVRecord> read(Path csv) {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The settings of a set: per fitness, random and evolution at each budget below the set's size, and exhaustive.
     *
     * @param set the set
     * @return the settings
     */
    static List<Setting> settings(CellSet set) {
        List<Setting> out = new ArrayList<>();
        int n = set.cells().size();
        for (String f : set.fitnesses()) {
            for (int b : BUDGETS) {
                if (b < n) {
                    out.add(new Setting(f, Strategy.random(), b));
                }
            }
            for (int b : BUDGETS) {
                if (b > EVOLUTION.population() && b < n) {
                    out.add(new Setting(f, EVOLUTION, b));
                }
            }
            out.add(new Setting(f, Strategy.exhaustive(), n));
        }
        return out;
    }

    /**
     * Runs one setting for seeds 1..seeds (one run for exhaustive), after one untimed run (seed 0) that warms up the
     * JIT.
     *
     * @param set   the set
     * @param s     the setting
     * @param seeds how many seeds
     * @return the outcome
     */
    static Outcome run(CellSet set, Setting s, int seeds) {
        List<Nb201Cell> cells = set.cells().stream().map(c -> Nb201Cell.parse(c.name())).toList();
        Nb201Space space = set.full() ? Nb201Space.full(NETWORK) : Nb201Space.of(NETWORK, cells);
        Map<String, Cell> byName = new LinkedHashMap<>();
        for (Cell c : set.cells()) {
            byName.put(c.name(), c);
        }
        List<String> cols = s.columns();
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (Cell c : set.cells()) {
            double[] v = new double[cols.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = set.scores().get(cols.get(i)).getOrDefault(c.name(), Double.NaN);
            }
            rows.put(c.name(), v);
        }
        TableScores<Nb201Cell> fitness = TableScores.of(cols, rows, space::name);
        int runs = s.strategy().kind().equals("exhaustive") ? 1 : seeds;
        search(space, fitness, s, 0);
        List<Run> out = new ArrayList<>();
        for (int seed = 1; seed <= runs; seed++) {
            long t = System.nanoTime();
            SearchResult<Nb201Cell> r = search(space, fitness, s, seed);
            double ms = (System.nanoTime() - t) / 1e6;
            double live = 0;
            double bestScored = Double.NEGATIVE_INFINITY;
            for (Evaluation e : r.evaluations()) {
                for (String col : cols) {
                    Map<String, Double> sec = set.seconds().get(col);
                    live += sec == null ? set.estimate() : sec.get(e.name());
                }
                bestScored = Math.max(bestScored, byName.get(e.name()).test());
            }
            out.add(new Run(seed, byName.get(space.name(r.best())), r.evaluations().size(), bestScored, ms, live));
        }
        return new Outcome(set, s, out);
    }

    private static SearchResult<Nb201Cell> search(Nb201Space space, TableScores<Nb201Cell> fitness, Setting s,
                                                  long seed) {
        return ArchitectureSearch.builder(space, fitness).strategy(s.strategy()).budget(s.budget()).seed(seed)
                .build().run();
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

    private static String pm(double[] x) {
        return f2(mean(x)) + " +- " + f2(sd(x));
    }

    private static String pm(double[] meanSd, boolean given) {
        return given ? f2(meanSd[0]) + " +- " + f2(meanSd[1]) : "-";
    }

    /**
     * Runs every setting of every set and writes the report, the CSVs and the figures.
     *
     * @param docs  the docs folder (writes {@code SEARCH.md} and {@code search/})
     * @param seeds seeds per setting
     * @param out   where progress goes
     * @return the outcomes
     * @throws IOException if a file cannot be written
     */
    List<Outcome> report(Path docs, int seeds, PrintStream out) throws IOException {
        long begun = System.nanoTime();
        List<Outcome> all = new ArrayList<>();
        for (CellSet set : sets) {
            long t = System.nanoTime();
            List<Setting> settings = settings(set);
            for (Setting s : settings) {
                all.add(run(set, s, seeds));
            }
            out.printf(Locale.ROOT, "%s %s: %d settings in %.1f s%n", set.dataset().title(), set.id(), settings.size(),
                    (System.nanoTime() - t) / 1e9);
        }
        double wall = (System.nanoTime() - begun) / 1e9;
        Path dir = docs.resolve("search");
        Files.createDirectories(dir);
        writeCsv(all, dir);
        for (CellSet set : sets) {
            if (!set.id().equals("c10-near")) {
                plot(all, set, dir.resolve(figure(set)));
            }
        }
        Files.writeString(docs.resolve("SEARCH.md"), markdown(all, seeds, wall));
        return all;
    }

    static String figure(CellSet set) {
        return "search-" + set.dataset().id() + "-" + set.id() + ".png";
    }

    private static void writeCsv(List<Outcome> all, Path dir) throws IOException {
        StringBuilder runs = new StringBuilder("dataset,set,set_size,fitness,strategy,budget,seed,candidates,"
                + "chosen_arch,test_acc,valid_acc,best_scored_test_acc,search_ms,scoring_s\n");
        StringBuilder sum = new StringBuilder("dataset,set,set_size,fitness,strategy,budget,seeds,candidates,test_mean,"
                + "test_sd,best_scored_mean,found_best,search_ms,scoring_s\n");
        for (Outcome o : all) {
            String head = String.join(",", o.set().dataset().id(), o.set().id(),
                    Integer.toString(o.set().cells().size()), o.setting().fitness(), o.setting().strategy().kind(),
                    Integer.toString(o.setting().budget()));
            for (Run r : o.runs()) {
                runs.append(head).append(',').append(r.seed()).append(',').append(r.candidates()).append(',')
                        .append(r.chosen().arch()).append(',').append(num(r.chosen().test(), 4)).append(',')
                        .append(num(r.chosen().valid(), 4)).append(',').append(num(r.bestScored(), 4)).append(',')
                        .append(num(r.searchMs(), 3)).append(',').append(num(r.scoringS(), 2)).append('\n');
            }
            double[] acc = o.test();
            sum.append(head).append(',').append(o.runs().size()).append(',').append(num(o.candidates(), 1))
                    .append(',').append(num(mean(acc), 3)).append(',').append(num(sd(acc), 3)).append(',')
                    .append(num(o.mean(Run::bestScored), 3)).append(',').append(o.foundBest()).append(',')
                    .append(num(o.mean(Run::searchMs), 3)).append(',').append(num(o.mean(Run::scoringS), 2))
                    .append('\n');
        }
        Files.writeString(dir.resolve("runs.csv"), runs.toString());
        Files.writeString(dir.resolve("summary.csv"), sum.toString());
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static void plot(List<Outcome> all, CellSet set, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(960).height(480)
                .title(set.dataset().title() + ": zero-cost search on " + set.title())
                .xAxisTitle("candidates scored (log scale)")
                .yAxisTitle("test accuracy of the chosen cell (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Map<String, List<Outcome>> series = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        for (Outcome o : all) {
            if (o.set() == set && MAIN.contains(o.setting().fitness())) {
                String kind = o.setting().strategy().kind().equals("evolution") ? "evolution" : "random / all";
                series.computeIfAbsent(o.setting().fitness() + ", " + kind, k -> new ArrayList<>()).add(o);
                lo = Math.min(lo, mean(o.test()) - sd(o.test()));
            }
        }
        for (Map.Entry<String, List<Outcome>> e : series.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(Outcome::candidates).toArray();
            double[] y = e.getValue().stream().mapToDouble(o -> mean(o.test())).toArray();
            double[] err = e.getValue().stream().mapToDouble(o -> sd(o.test())).toArray();
            XYSeries s = e.getKey().equals("near, random / all") ? chart.addSeries(e.getKey() + " (+- sd)", x, y, err)
                    : chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (e.getKey().endsWith("evolution")) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        List<Outcome> oracle = all.stream().filter(o -> o.set() == set && o.setting().fitness().equals("near")
                && !o.setting().strategy().kind().equals("evolution")).toList();
        if (!oracle.isEmpty()) {
            chart.addSeries("most accurate of the cells drawn (reference)",
                    oracle.stream().mapToDouble(Outcome::candidates).toArray(),
                    oracle.stream().mapToDouble(o -> o.mean(Run::bestScored)).toArray())
                    .setMarker(SeriesMarkers.DIAMOND);
        }
        double best = set.best();
        double[] acc = set.accuracies();
        double[] span = {EVOLUTION.population(), set.cells().size()};
        chart.addSeries("best cell of the set", span, new double[] {best, best}).setMarker(SeriesMarkers.NONE);
        chart.addSeries("random pick (mean)", span, new double[] {mean(acc), mean(acc)}).setMarker(SeriesMarkers.NONE);
        chart.getStyler().setYAxisMin(Math.floor(Math.min(lo, mean(acc)) - 1));
        chart.getStyler().setYAxisMax(Math.ceil(best + 0.5));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Outcome find(List<Outcome> all, CellSet set, String fitness, String kind, int budget) {
        for (Outcome o : all) {
            if (o.set() == set && o.setting().fitness().equals(fitness) && o.setting().strategy().kind().equals(kind)
                    && (kind.equals("exhaustive") || o.setting().budget() == budget)) {
                return o;
            }
        }
        return null;
    }

    private String markdown(List<Outcome> all, int seeds, double wall) {
        StringBuilder md = new StringBuilder();
        md.append("# Zero-cost architecture search on NAS-Bench-201\n\n");
        md.append("Generated by `org.neardl4j.benchmarks.search.SearchBenchmark` (command under *Regenerate* below) from "
                + "the score tables in `docs/`; do not edit above the discussion marker by hand.\n\n");
        md.append("## What was run\n\n");
        md.append("- **Search**: `org.neardl4j.search.ArchitectureSearch` over `Nb201Space` (`full` for the whole "
                + "space, `of(...)` for the cells of a table): *random* = best of N distinct cells drawn uniformly "
                + "(NASWOT's algorithm); *evolution* = regularised evolution (Real et al., 2019), population "
                + EVOLUTION.population() + ", tournament " + EVOLUTION.sample() + ", the oldest member removed, a "
                + "mutation changing one edge's operation (inside a table that is not the whole space: the nearest "
                + "cells of the table, fewest edges changed); *all* = exhaustive, every cell of the set. Budgets N = "
                + "10, 100, 1,000 where below the set's size (evolution from N = 100: at N = 10 it is its random "
                + "initial population, i.e. random best of 10), seeds 1.." + seeds + " per setting (one run for "
                + "exhaustive, which is deterministic).\n");
        md.append("- **Fitness**: looked up with `TableScores` in the tables the benchmarks wrote (`docs/NB201.md`, "
                + "`docs/PAPER.md`, `docs/SPARK.md`): NEAR (near-dl4j, 1 repetition), MeCo, NASWOT and the other "
                + "baselines of `ZeroCostProxies`, the parameter count (`params`), and `near+meco`, the rank-average "
                + "of NEAR and MeCo (each candidate's mean rank under the two among all candidates scored so far). "
                + "Each dataset's scores were computed on that dataset's probe images with that dataset's network "
                + "(10, 100 or 120 classes).\n");
        md.append("- **Outcome**: the published test accuracy of the chosen cell, read only after the search: CIFAR-10 "
                + "from NAS-Bench-201 v1.0's table (the table NASWOT's authors distribute; bundled for all 15,625 "
                + "cells in `near-dl4j-benchmarks/src/main/resources/nb201-space/`), CIFAR-100 and ImageNet16-120 "
                + "from NATS-Bench's table of the same 1,000 cells (`nats_tss_1000.csv`, bundled with the "
                + "command-line tool). *Most accurate drawn* is the highest accuracy among the candidates a search "
                + "scored (NASWOT's \"optimal\" for random search): a reference that needs the trained accuracies, "
                + "not a search result.\n");
        md.append("- **Time**: `search ms` is the mean wall time of one search with the scores looked up (the "
                + "strategy's own cost: sampling, mutation, ranking, the cache), measured on a 2-core x86_64 machine "
                + "with no other heavy job running, after one untimed warm-up run per setting; `scoring s` is the time "
                + "that scoring the same candidates took when the tables were made on the same kind of machine (the "
                + "sum of the tables' per-cell seconds over the candidates scored, every proxy of the fitness; network "
                + "construction excluded); `total s` = both. The whole space has no per-cell seconds (it was scored on "
                + "Spark): its scoring time is estimated as candidates x the mean of `docs/nb201/near-10.csv` (same "
                + "setting: 10 images, 1 repetition), marked `~`. All "
                + all.size() + " settings took " + String.format(Locale.ROOT, "%.1f", wall) + " s of searching.\n\n");
        md.append("Sets searched:\n\n| dataset | set | cells | scores (file) | best cell | random pick (mean +- sd) |\n"
                + "|---|---|---:|---|---:|---:|\n");
        for (CellSet set : sets) {
            List<String> src = new ArrayList<>();
            Map<String, List<String>> byFile = new LinkedHashMap<>();
            set.sources().forEach((c, f) -> byFile.computeIfAbsent(f, k -> new ArrayList<>()).add(c));
            byFile.forEach((f, c) -> src.add(String.join(", ", c.size() > 2 ? List.of("baselines") : c) + " (`" + f
                    + "`)"));
            md.append("| ").append(set.dataset().title()).append(" | ").append(set.title()).append(" | ")
                    .append(set.cells().size()).append(" | ").append(String.join("; ", src)).append(" | ")
                    .append(f2(set.best())).append(" | ").append(pm(set.accuracies())).append(" |\n");
        }
        md.append('\n');
        for (CellSet set : sets) {
            if (!set.failures().isEmpty()) {
                md.append("The whole-space table has no NEAR value for ").append(set.failures().size())
                        .append(" of its cells (their scoring failed when it was made: ")
                        .append(String.join("; ", set.failures()))
                        .append("); the searches treat them as the lowest score (never chosen), and they are counted "
                                + "in the random pick and the best cell.\n\n");
            }
        }
        md.append("Not possible: the whole space for CIFAR-100 and ImageNet16-120 (NEAR and the published accuracies "
                + "of those datasets are bundled for the 1,000-cell sample only; scoring the other 14,625 cells with "
                + "100- and 120-class networks was not run) and for the baselines on any dataset (they were scored on "
                + "at most 300 cells). The whole-space column therefore exists for NEAR on CIFAR-10 only.\n\n");
        publishedSection(md, all, seeds);
        for (Nb201Dataset d : Nb201Dataset.values()) {
            List<CellSet> ds = sets.stream().filter(s -> s.dataset() == d).toList();
            if (ds.isEmpty()) {
                continue;
            }
            md.append("## ").append(d.title()).append("\n\n");
            for (CellSet set : ds) {
                if (!set.id().equals("c10-near")) {
                    setSection(md, all, set);
                }
            }
            CellSet base = ds.stream().filter(s -> s.id().equals("baselines")).findFirst().orElse(null);
            if (base != null) {
                averageSection(md, all, base);
            }
        }
        md.append(DISCUSSION_MARKER).append('\n');
        return md.toString();
    }

    private void publishedSection(StringBuilder md, List<Outcome> all, int seeds) {
        md.append("## Compared with NASWOT's published NAS-Bench-201 results\n\n");
        md.append("NASWOT's paper (Mellor, Turner, Storkey, Crowley, \"Neural Architecture Search without Training\", "
                + "ICML 2021, PMLR 139, Table 2(a)) searches NAS-Bench-201 by best of N random cells with its score "
                + "computed on CIFAR-10 and reports the test accuracy of the chosen cell on each dataset (mean +- sd "
                + "over 500 runs; search time on one GTX 1080 Ti: " + f2(NASWOT_SECONDS[0]) + ", "
                + f2(NASWOT_SECONDS[1]) + " and " + f2(NASWOT_SECONDS[2]) + " s for N = 10, 100, 1000). Below, "
                + "near-dl4j's NEAR with the same algorithm on the largest set of each dataset (" + seeds + " seeds). "
                + "Differences to keep in mind: NASWOT draws from all 15,625 cells; here only CIFAR-10 does, the other "
                + "two draw from the 1,000-cell sample (its best cell is below the space's best); here each dataset is "
                + "searched with its own scores (NASWOT searches once on CIFAR-10); CIFAR-100 and ImageNet16-120 "
                + "accuracies here are NATS-Bench's re-run values, NASWOT's are NAS-Bench-201's.\n\n");
        md.append("| dataset | search | N=1 (a random pick) | N=10 | N=100 | N=1000 | all |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        for (Published p : PUBLISHED) {
            List<CellSet> ds = sets.stream().filter(s -> s.dataset() == p.dataset()).toList();
            CellSet set = ds.stream().filter(s -> s.id().equals("space")).findFirst()
                    .orElse(ds.stream().filter(s -> s.id().equals("1000")).findFirst().orElse(null));
            String t = p.dataset().title();
            if (set != null) {
                StringBuilder row = new StringBuilder("| " + t + " | NEAR, random (near-dl4j; "
                        + (set.full() ? "whole space" : thousands(set.cells().size()) + "-cell sample") + ") | "
                        + pm(set.accuracies()));
                StringBuilder ora = new StringBuilder("| " + t + " | most accurate of the N drawn (reference) | -");
                for (int b : BUDGETS) {
                    Outcome o = find(all, set, "near", "random", b);
                    row.append(" | ").append(o == null ? "-" : pm(o.test()));
                    ora.append(" | ").append(o == null ? "-" : f2(o.mean(Run::bestScored)));
                }
                Outcome ex = find(all, set, "near", "exhaustive", 0);
                row.append(" | ").append(ex == null ? "-" : f2(mean(ex.test()))).append(" |\n");
                ora.append(" | ").append(f2(set.best())).append(" |\n");
                Outcome evo = find(all, set, "near", "evolution", 1000);
                Outcome evo100 = find(all, set, "near", "evolution", 100);
                md.append(row).append("| ").append(t).append(" | NEAR, evolution (near-dl4j) | - | - | ")
                        .append(evo100 == null ? "-" : pm(evo100.test())).append(" | ")
                        .append(evo == null ? "-" : pm(evo.test())).append(" | - |\n").append(ora);
                CellSet tr = ds.stream().filter(s -> s.id().equals("c10-near")).findFirst().orElse(null);
                if (tr != null) {
                    md.append("| ").append(t).append(" | NEAR on CIFAR-10, random (NASWOT's protocol; same sample) | - |");
                    for (int b : BUDGETS) {
                        Outcome o = find(all, tr, "near", "random", b);
                        md.append(' ').append(o == null ? "-" : pm(o.test())).append(" |");
                    }
                    Outcome e = find(all, tr, "near", "exhaustive", 0);
                    md.append(' ').append(e == null ? "-" : f2(mean(e.test()))).append(" |\n");
                }
            }
            md.append("| ").append(t).append(" | **NASWOT, published** | ").append(pm(p.random(), true))
                    .append(" | ").append(pm(p.naswot()[0], true)).append(" | ").append(pm(p.naswot()[1], true)).append(" | ")
                    .append(pm(p.naswot()[2], true)).append(" | - |\n");
            md.append("| ").append(t).append(" | optimal of N, published | - | ").append(pm(p.optimal()[0], true))
                    .append(" | ").append(pm(p.optimal()[1], true)).append(" | - | - |\n");
        }
        md.append("\nNASWOT's AREA (its score choosing the initial population of REA, which then trains; 12,000 s, 50 "
                + "runs) is listed in the same table with validation accuracies only: ")
                .append(String.join(", ", PUBLISHED.stream().map(p -> p.dataset().title() + " "
                        + pm(p.areaValid(), true)).toList()))
                .append(". It trains networks, so it is not comparable with a zero-cost search; near-dl4j's "
                        + "evolution uses the zero-cost score as fitness and trains nothing.\n\n");
    }

    private void setSection(StringBuilder md, List<Outcome> all, CellSet set) {
        md.append("### ").append(set.dataset().title()).append(", ").append(set.title()).append("\n\n");
        md.append("Random pick ").append(pm(set.accuracies())).append("; best cell of the set ")
                .append(f2(set.best())).append(".\n\n");
        md.append("| fitness | strategy | N | seeds | test acc (mean +- sd) | most accurate drawn | found the set's best"
                + " | search ms | scoring s | total s |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        boolean estimated = set.seconds().isEmpty();
        for (Outcome o : all) {
            if (o.set() != set || !MAIN.contains(o.setting().fitness())) {
                continue;
            }
            double ms = o.mean(Run::searchMs);
            double sc = o.mean(Run::scoringS);
            String mark = estimated ? "~" : "";
            md.append("| ").append(o.setting().fitness()).append(" | ").append(o.setting().strategy()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", o.candidates())).append(" | ")
                    .append(o.runs().size()).append(" | ").append(pm(o.test())).append(" | ")
                    .append(f2(o.mean(Run::bestScored))).append(" | ").append(o.foundBest()).append('/')
                    .append(o.runs().size()).append(" | ").append(f2(ms)).append(" | ").append(mark)
                    .append(String.format(Locale.ROOT, "%.1f", sc)).append(" | ").append(mark)
                    .append(String.format(Locale.ROOT, "%.1f", sc + ms / 1000)).append(" |\n");
        }
        md.append('\n');
        List<Setting> others = settings(set).stream().filter(s -> OTHERS.contains(s.fitness())).toList();
        if (!others.isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (Setting s : others) {
                if (!labels.contains(s.label())) {
                    labels.add(s.label());
                }
            }
            md.append("The other baselines on the same cells (test accuracy of the chosen cell, mean +- sd; search ms "
                    + "and scoring s in `search/summary.csv`):\n\n| fitness | ").append(String.join(" | ", labels))
                    .append(" |\n|---|").append("---:|".repeat(labels.size())).append('\n');
            for (String f : set.fitnesses()) {
                if (!OTHERS.contains(f)) {
                    continue;
                }
                md.append("| ").append(f);
                for (String l : labels) {
                    Outcome o = all.stream().filter(x -> x.set() == set && x.setting().fitness().equals(f)
                            && x.setting().label().equals(l)).findFirst().orElse(null);
                    md.append(" | ").append(o == null ? "-" : pm(o.test()));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        md.append("![").append(set.dataset().title()).append(", ").append(set.title()).append("](search/")
                .append(figure(set)).append(")\n\n");
    }

    private void averageSection(StringBuilder md, List<Outcome> all, CellSet set) {
        md.append("#### ").append(set.dataset().title()).append(": NEAR+MeCo against each alone\n\n");
        md.append("| setting | NEAR | MeCo | NEAR+MeCo | NEAR+MeCo minus the better alone (standard error) | "
                + "verdict |\n|---|---:|---:|---:|---:|---|\n");
        int above = 0;
        int clearlyAbove = 0;
        int clearlyBelow = 0;
        int n = 0;
        for (Setting s : settings(set)) {
            if (!s.fitness().equals("near+meco")) {
                continue;
            }
            Outcome avg = find(all, set, "near+meco", s.strategy().kind(), s.budget());
            Outcome near = find(all, set, "near", s.strategy().kind(), s.budget());
            Outcome meco = find(all, set, "meco", s.strategy().kind(), s.budget());
            // compared as the table shows them (two decimals)
            double a = round2(mean(avg.test()));
            double best = round2(Math.max(mean(near.test()), mean(meco.test())));
            double worst = round2(Math.min(mean(near.test()), mean(meco.test())));
            String verdict = a > best ? "beats both" : a < worst ? "below both" : a == best && a == worst
                    ? "all three equal" : a == best ? "equals the better" : a == worst ? "equals the worse"
                    : "between them";
            above += a > best ? 1 : 0;
            n++;
            Outcome better = mean(near.test()) >= mean(meco.test()) ? near : meco;
            double se = Math.sqrt(sq(sd(avg.test())) / avg.runs().size() + sq(sd(better.test())) / better.runs().size());
            if (avg.runs().size() > 1) {
                clearlyAbove += a - best > 2 * se ? 1 : 0;
                clearlyBelow += best - a > 2 * se ? 1 : 0;
            }
            md.append("| ").append(s.label()).append(" | ").append(pm(near.test())).append(" | ")
                    .append(pm(meco.test())).append(" | ").append(pm(avg.test())).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.2f", a - best)).append(" (")
                    .append(s.strategy().kind().equals("exhaustive") ? "one run" : f2(se)).append(") | ")
                    .append(verdict).append(" |\n");
        }
        md.append("\nMeasured on ").append(set.dataset().title()).append(" (").append(set.cells().size())
                .append(" cells): the rank-average beats both NEAR and MeCo alone in ").append(above).append(" of ")
                .append(n).append(" settings; it is above the better of the two by more than two standard errors in ")
                .append(clearlyAbove).append(" and below it by more than two standard errors in ").append(clearlyBelow)
                .append(" (exhaustive: one deterministic run, no standard error).\n\n");
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * Runs the benchmark (exit code 2 for a bad command line, 1 for a failure).
     *
     * @param args {@code --docs DIR} (default {@code docs}) and {@code --seeds N} (default 50)
     */
    public static void main(String[] args) {
        Cli.main(new Command(), args);
    }

    /** The command line. */
    @CommandLine.Command(name = "SearchBenchmark", sortOptions = false, usageHelpAutoWidth = true,
            description = "Zero-cost search on NAS-Bench-201 with the precomputed score tables; writes SEARCH.md.")
    static final class Command implements Callable<Integer> {
        @Option(names = "--docs", paramLabel = "DIR", description = "the docs folder: reads the score tables, writes "
                + "SEARCH.md and search/ (default docs)")
        Path docs = Paths.get("docs");
        @Option(names = "--seeds", paramLabel = "N", description = "seeds per setting (default 50)")
        int seeds = 50;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        @Override
        public Integer call() throws IOException {
            Preconditions.checkArgument(seeds >= 2, "--seeds must be >= 2, got %s", seeds);
            Path md = docs.resolve("SEARCH.md");
            String kept = "";
            if (Files.exists(md)) {
                String old = Files.readString(md);
                int at = old.indexOf(DISCUSSION_MARKER);
                kept = at < 0 ? "" : old.substring(at + DISCUSSION_MARKER.length() + 1);
            }
            SearchBenchmark b = load(docs, System.out);
            Preconditions.checkArgument(!b.sets.isEmpty(), "no score table found under %s", docs);
            b.report(docs, seeds, System.out);
            Files.writeString(md, Files.readString(md) + kept);
            return 0;
        }
    }
}
