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
package org.neardl4j.benchmarks.nb201;

import com.google.common.collect.ImmutableMap;
import com.google.common.math.Quantiles;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.benchmarks.accuracy.RankStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The HTML report of the NB201 benchmark ({@code --html FILE}), from the same CSVs as {@link Nb201Report} and with
 * the same statistics ({@link Nb201Report#stats}): the table of NEAR, the authors' package, the parameter count and
 * the baselines against the published accuracies (Spearman, Kendall, top-10 hit rate, ...), NEAR against the test
 * accuracy as a scatter plot with rho and tau, near-dl4j against the authors' values architecture by architecture,
 * and the provenance of the rows. Reads CSVs only; it scores nothing.
 *
 * <pre>{@code
 * java ... Nb201Benchmark --tasks report --html docs/nb201/report.html
 * }</pre>
 */
final class Nb201Html {

    private Nb201Html() {
    }

    /** Writes the report of the rows in {@code s.out} to {@code s.html}. */
    static void write(Nb201Benchmark.Settings s, List<Nb201Data.Arch> archs) {
        try {
            build(s, archs).write(s.html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + s.html, e);
        }
    }

    static HtmlReport build(Nb201Benchmark.Settings s, List<Nb201Data.Arch> archs) {
        Map<Integer, Nb201Data.Arch> byId = new HashMap<>();
        archs.forEach(a -> byId.put(a.arch(), a));
        List<Integer> nearCounts = Nb201Report.counts(s.out, "near");
        int main = nearCounts.contains(s.images) ? s.images
                : nearCounts.isEmpty() ? s.images : nearCounts.get(nearCounts.size() - 1);
        Map<Integer, Map<Integer, Map<String, String>>> near = new HashMap<>();
        Map<Integer, Map<Integer, Double>> near1 = new HashMap<>();
        for (int n : nearCounts) {
            near.put(n, Nb201Report.rows(s, "near", n));
            Map<Integer, Double> v = Nb201Report.column(near.get(n), "near");
            v.keySet().retainAll(byId.keySet());
            near1.put(n, v);
        }
        Map<Integer, Double> ref = new HashMap<>(Nb201Data.reference("near_reference"));
        Map<Integer, Double> refSec = new HashMap<>(Nb201Data.reference("seconds_reference"));
        ref.keySet().retainAll(byId.keySet());
        refSec.keySet().retainAll(byId.keySet());
        Map<Integer, Double> params = new HashMap<>();
        archs.forEach(a -> params.put(a.arch(), a.paramsMb()));

        List<Nb201Report.Column> cols = new ArrayList<>();
        for (int n : nearCounts) {
            cols.add(new Nb201Report.Column("NEAR, 1 repetition, " + Nb201Report.imgs(n) + " (near-dl4j)", near1.get(n),
                    Nb201Report.mean(near.get(n), "seconds", 1), ""));
        }
        for (int n : Nb201Report.counts(s.out, "near23")) {
            if (near1.containsKey(n)) {
                Map<Integer, Map<String, String>> r23 = Nb201Report.rows(s, "near23", n);
                cols.add(new Nb201Report.Column("NEAR, mean of 3 repetitions, " + Nb201Report.imgs(n) + " (near-dl4j)",
                        Nb201Report.mean3(near1.get(n), r23), Nb201Report.mean(near.get(n), "seconds", 1)
                        + Nb201Report.mean(r23, "seconds", 1), ""));
            }
        }
        cols.add(new Nb201Report.Column("NEAR, authors' package, 1 repetition, 64 images (PyTorch)", ref,
                refSec.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), " (a)"));
        cols.add(new Nb201Report.Column("params_mb (the table's parameter count)", params, Double.NaN, ""));

        HtmlReport.Builder html = HtmlReport.builder().title("NEAR on NAS-Bench-201: near-dl4j against the published"
                + " CIFAR-10 accuracies").generator("Nb201Benchmark").topLayers(0);
        Map<Integer, Double> mainNear = near1.getOrDefault(main, Map.of());
        html.paragraph(String.format(Locale.ROOT, "%d NAS-Bench-201 architectures (a seeded random sample of the 15,625"
                + " cells) scored at initialisation, against their published CIFAR-10 test and validation accuracies;"
                + " NEAR with 1 repetition on %s: %d of %d scored.%s", archs.size(), Nb201Report.imgs(main),
                mainNear.size(), archs.size(), mainNear.size() < archs.size()
                        ? " The run is not complete: every figure is over the rows scored so far (column archs)." : ""));
        html.table("Rank correlation with the published accuracies", header(), rows(cols, archs));
        html.paragraph("(a) the reference's own time, measured elsewhere, not side by side with this run. Top-10 hit:"
                + " the share of the 10 most accurate of these architectures among the 10 a proxy ranks highest. Time:"
                + " mean seconds per architecture for one proxy value; the last column multiplies it by 15,625.");
        Nb201Report.Stats rs = Nb201Report.stats(ref, archs);
        html.paragraph(String.format(Locale.ROOT, "The paper's values (NATS-Bench-TSS CIFAR-10, the whole space): Kendall"
                + " %.2f, Spearman %.2f. The authors' package on these rows: Spearman %.3f, Kendall %.3f.",
                Nb201Report.PAPER_KENDALL, Nb201Report.PAPER_SPEARMAN, rs.spearmanTest(), rs.kendallTest()));

        List<Nb201Data.Arch> scored = archs.stream().filter(a -> mainNear.containsKey(a.arch()))
                .collect(Collectors.toList());
        if (scored.size() >= 2) {
            List<HtmlReport.Point> points = new ArrayList<>();
            for (Nb201Data.Arch a : scored) {
                points.add(new HtmlReport.Point("arch " + a.arch() + " " + a.cellstr(), mainNear.get(a.arch()),
                        a.testAcc()));
            }
            Nb201Report.Stats st = Nb201Report.stats(mainNear, scored);
            html.scatter("NEAR against the test accuracy", "NEAR (near-dl4j, 1 repetition, " + Nb201Report.imgs(main)
                    + ")", "CIFAR-10 test accuracy (%)", points, String.format(Locale.ROOT, "One point per architecture:"
                    + " Spearman's rho %.3f, Kendall's tau %.3f (n = %d).", st.spearmanTest(), st.kendallTest(),
                    st.n()));
        }

        for (int pn : Nb201Report.counts(s.out, "proxies")) {
            Map<Integer, Map<String, String>> proxies = Nb201Report.rows(s, "proxies", pn);
            List<Nb201Data.Arch> set = archs.stream().filter(a -> proxies.containsKey(a.arch()))
                    .collect(Collectors.toList());
            if (set.isEmpty()) {
                continue;
            }
            List<Nb201Report.Column> b = new ArrayList<>(cols);
            for (String p : Nb201Benchmark.BASELINES) {
                b.add(new Nb201Report.Column(p + " (" + Nb201Report.imgs(pn) + ")", Nb201Report.column(proxies, p),
                        Nb201Report.mean(proxies, "seconds_" + p, 1), ""));
            }
            html.table("NEAR and the baselines on the " + set.size() + " architectures with baselines ("
                    + Nb201Report.imgs(pn) + ")", header(), rows(b, set));
        }

        int cmp = near1.containsKey(64) ? 64 : main;
        Map<Integer, Double> cmpNear = near1.getOrDefault(cmp, Map.of());
        List<Integer> common = archs.stream().map(Nb201Data.Arch::arch).filter(i -> ref.containsKey(i)
                && cmpNear.containsKey(i)).collect(Collectors.toList());
        if (common.size() >= 2) {
            double[] d = common.stream().mapToDouble(cmpNear::get).toArray();
            double[] r = common.stream().mapToDouble(ref::get).toArray();
            List<HtmlReport.Point> points = new ArrayList<>();
            for (int i : common) {
                points.add(new HtmlReport.Point("arch " + i, ref.get(i), cmpNear.get(i)));
            }
            html.scatter("near-dl4j against the authors' package, architecture by architecture",
                    "NEAR, authors' package (1 repetition, 64 images)", "NEAR, near-dl4j (1 repetition, "
                            + Nb201Report.imgs(cmp) + ")", points, String.format(Locale.ROOT, "Each with its own random"
                            + " initialisation and blocks, so values agree in distribution, not digit for digit:"
                            + " Spearman's rho %.3f, Kendall's tau %.3f over %d architectures.",
                            RankStats.spearman(d, r), RankStats.kendall(d, r), common.size()));
            List<List<String>> ratioRows = new ArrayList<>();
            ratioRows.add(ratioRow("all", common, cmpNear, ref));
            ratioRows.add(ratioRow("cell output zero", common.stream().filter(i -> byId.get(i).cell().outputIsZero())
                    .collect(Collectors.toList()), cmpNear, ref));
            ratioRows.add(ratioRow("cell output not zero", common.stream()
                    .filter(i -> !byId.get(i).cell().outputIsZero()).collect(Collectors.toList()), cmpNear, ref));
            html.table("Ratio near-dl4j / reference (quantiles)", List.of("architectures", "n", "5%", "25%", "median",
                    "75%", "95%", "within 5%", "within 10%"), ratioRows);
        }

        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("command", s.command);
        prov.put("CSV folder", s.out.toString().replace('\\', '/'));
        prov.put("rows", rowCounts(s.out));
        prov.put("code versions of the rows", codeVersions(s.out) + (s.codeNote.isEmpty() ? "" : " " + s.codeNote));
        prov.put("network", "org.neardl4j.space.Nb201Network, C = " + s.channels + ", N = " + s.cells
                + ", 10 classes, WeightInit.UNIFORM, weight seed = architecture index");
        prov.put("NEAR", "NearScorer, random blocks, block seed = weight seed, first n bundled CIFAR-10 test images as"
                + " one batch; repetitions 2 and 3: seeds arch + 100000 r");
        prov.put("data", "near-dl4j-cli/src/main/resources/nb201/ (1,000 architectures with their published accuracies, the"
                + " authors' NEAR values, the first 512 CIFAR-10 test images)");
        return html.provenance(prov).build();
    }

    private static List<String> header() {
        return List.of("proxy", "archs", "Spearman test", "Kendall test", "Spearman valid", "Kendall valid",
                "top-10 hit", "test acc of its #1", "mean test acc of its top 10", "best of these", "s / arch",
                "15,625 archs");
    }

    private static List<List<String>> rows(List<Nb201Report.Column> cols, List<Nb201Data.Arch> archs) {
        List<List<String>> rows = new ArrayList<>();
        for (Nb201Report.Column c : cols) {
            Nb201Report.Stats st = Nb201Report.stats(c.values(), archs);
            boolean timed = Double.isFinite(c.seconds());
            rows.add(List.of(c.label(), Integer.toString(st.n()), f3(st.spearmanTest()), f3(st.kendallTest()),
                    f3(st.spearmanValid()), f3(st.kendallValid()), String.format(Locale.ROOT, "%.0f%%", 100 * st.top10()),
                    f2(st.firstAcc()), f2(st.top10Acc()), f2(st.bestAcc()),
                    timed ? String.format(Locale.ROOT, "%.3f%s", c.seconds(), c.timeNote()) : "-",
                    timed ? String.format(Locale.ROOT, "%.1f h", c.seconds() * 15_625 / 3600) : "-"));
        }
        return rows;
    }

    private static List<String> ratioRow(String label, List<Integer> ids, Map<Integer, Double> a,
                                         Map<Integer, Double> b) {
        double[] q = ids.stream().filter(i -> b.get(i) != 0).mapToDouble(i -> a.get(i) / b.get(i)).toArray();
        if (q.length == 0) {
            return List.of(label, "0", "-", "-", "-", "-", "-", "-", "-");
        }
        Map<Integer, Double> p = Quantiles.percentiles().indexes(5, 25, 50, 75, 95).compute(q);
        long w5 = java.util.Arrays.stream(q).filter(x -> Math.abs(x - 1) <= 0.05).count();
        long w10 = java.util.Arrays.stream(q).filter(x -> Math.abs(x - 1) <= 0.10).count();
        return List.of(label, Integer.toString(q.length), f3(p.get(5)), f3(p.get(25)), f3(p.get(50)), f3(p.get(75)),
                f3(p.get(95)), String.format(Locale.ROOT, "%.0f%%", 100.0 * w5 / q.length),
                String.format(Locale.ROOT, "%.0f%%", 100.0 * w10 / q.length));
    }

    /** Rows per CSV file of the folder. */
    private static String rowCounts(Path out) {
        List<String> l = new ArrayList<>();
        for (Path f : csvFiles(out)) {
            l.add(f.getFileName() + ": " + ResumableCsv.read(f).size());
        }
        return l.isEmpty() ? "none yet" : String.join("; ", l);
    }

    private static String codeVersions(Path out) {
        List<String> l = new ArrayList<>();
        for (Path f : csvFiles(out)) {
            Set<String> c = new TreeSet<>();
            for (ImmutableMap<String, String> r : ResumableCsv.read(f)) {
                c.add(r.get("code"));
            }
            l.add(f.getFileName() + ": " + String.join(", ", c));
        }
        return l.isEmpty() ? "none yet" : String.join("; ", l);
    }

    private static List<Path> csvFiles(Path out) {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (var files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".csv")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
