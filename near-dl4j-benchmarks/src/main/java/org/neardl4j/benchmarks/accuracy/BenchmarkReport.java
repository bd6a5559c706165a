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

import org.neardl4j.cli.io.CsvTable;
import org.neardl4j.cli.report.HtmlReport;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Quantiles;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.proxy.ZeroCostProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the benchmark report ({@code docs/BENCHMARK.md}) and its scatter plots from the architectures CSV, the
 * re-runs CSV and the scores CSV: accuracy range and run-to-run spread, Spearman's rho, Kendall's tau and top-10
 * hit rate of every proxy against test accuracy (all architectures and per family group), time per proxy, and
 * NEAR after 0, 1, 2, 3 training epochs. A file {@code DISCUSSION.md} next to the plots, when present, is
 * appended as the discussion.
 *
 * <pre>{@code
 * ProxyBenchmark --report-only true     // rewrites the report from the CSVs without scoring
 * }</pre>
 */
final class BenchmarkReport {

    /** Family groups with their own correlation columns. */
    /** The HTML report: the correlation table, then each proxy against the test accuracy, then the settings. */
    private static void writeHtml(ProxyBenchmark.Settings s, HtmlReport.Builder html, List<List<String>> rows,
                                  List<String> labels, Map<String, double[]> values, double[] acc,
                                  List<Map<String, String>> archs) {
        html.paragraph("Each proxy scores every trained architecture at initialisation; Spearman's rho, Kendall's tau"
                + " and the top-10 hit rate against the test accuracy after training.");
        html.table("Rank correlation with test accuracy", List.of("proxy", "networks", "labels", "Spearman rho",
                "Kendall tau", "top-10 hit", "s / network", "non-finite"), rows);
        for (String l : labels) {
            double[] v = values.get(l);
            List<HtmlReport.Point> points = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    points.add(new HtmlReport.Point(archs.get(i).get("name"), v[i], acc[i]));
                }
            }
            if (points.size() >= 2) {
                double[] x = points.stream().mapToDouble(HtmlReport.Point::x).toArray();
                double[] y = points.stream().mapToDouble(HtmlReport.Point::y).toArray();
                html.scatter(l + " against test accuracy", l, "test accuracy", points, String.format(Locale.ROOT,
                        "Spearman's rho %s, Kendall's tau %s over the %d finite values.",
                        fmt(RankStats.spearman(x, y)), fmt(RankStats.kendall(x, y)), points.size()));
            }
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("command", s.command);
        prov.put("architectures", s.archs.toString());
        prov.put("scores", s.scores.toString());
        prov.put("repetitions", Integer.toString(s.repetitions));
        prov.put("training seed", Long.toString(s.seed));
        prov.put("proxy seed", Long.toString(s.proxySeed));
        prov.put("NEAR images", Integer.toString(s.nearSamples));
        prov.put("baseline batch", Integer.toString(s.batch));
        try {
            html.provenance(prov).build().write(s.html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("dense (mlp, graph-mlp)", List.of("mlp", "graph-mlp"));
        GROUPS.put("conv (cnn, resnet, inception)", List.of("cnn", "resnet", "inception"));
    }

    private BenchmarkReport() {
    }

    static void write(ProxyBenchmark.Settings s, List<Map<String, String>> archs, ImmutableList<String> labels,
                      ImmutableList<ZeroCostProxy> proxies) {
        int n = archs.size();
        double[] acc = new double[n];
        List<String> families = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            acc[i] = Double.parseDouble(archs.get(i).get("test_accuracy"));
            families.add(archs.get(i).get("family"));
            index.put(archs.get(i).get("name"), i);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> seconds = new LinkedHashMap<>();
        for (String l : labels) {
            double[] v = new double[n];
            java.util.Arrays.fill(v, Double.NaN);
            values.put(l, v);
            seconds.put(l, new double[n]);
        }
        int[] missing = new int[labels.size()];
        for (Map<String, String> r : CsvTable.read(s.scores).rows()) {
            Integer i = index.get(r.get("name"));
            if (i != null && values.containsKey(r.get("proxy"))) {
                values.get(r.get("proxy"))[i] = Double.parseDouble(r.get("value"));
                seconds.get(r.get("proxy"))[i] = Double.parseDouble(r.get("seconds"));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Does NEAR pick good DL4J networks? Zero-cost proxies on Fashion-MNIST\n\n");
        md.append("Generated by `org.neardl4j.benchmarks.accuracy.ProxyBenchmark` from `")
                .append(fileName(s.archs)).append("` (accuracies), `").append(fileName(s.reruns))
                .append("` (re-runs) and `").append(fileName(s.scores)).append("` (proxy scores). ")
                .append("Regenerate with the commands at the end.\n\n");

        // ---- setup
        TrainingRecipe std = TrainingRecipe.standard();
        md.append("## Setup\n\n");
        Map<String, Integer> perFamily = new TreeMap<>();
        for (String f : families) {
            perFamily.merge(f, 1, Integer::sum);
        }
        md.append("- **Search space**: ").append(n).append(" architectures (`SearchSpace`): ");
        List<String> fam = new ArrayList<>();
        perFamily.forEach((k, v) -> fam.add(v + " " + k));
        md.append(String.join(", ", fam)).append(". MLPs and CNNs are `MultiLayerNetwork`s; `resnet` (residual ")
                .append("blocks with element-wise add), `inception` (merge vertices) and `graph-mlp` are ")
                .append("`ComputationGraph`s.\n");
        md.append("- **Training** (one recipe for all): ").append(archs.isEmpty() ? std.describe() : archs.get(0).get("recipe"))
                .append(", seed ").append(s.seed).append(", Adam, Xavier initialisation, first training images in ")
                .append("file order, no augmentation; accuracy on the 10,000 test images. Training seconds are ")
                .append("wall-clock on a shared 2-core machine with one ND4J thread, and vary with the load of other jobs.\n");
        md.append("- **Proxies at initialisation**: each network is built with the training seed, so repetition 1 ")
                .append("scores exactly the weights training started from; repetitions 2..").append(s.repetitions)
                .append(" use fresh initialisations (proxy seed ").append(s.proxySeed).append("). `near` reads up to ")
                .append(s.nearSamples).append(" training images (a dense layer of width F needs F samples for a square ")
                .append("matrix); `near_").append(s.batch).append("` and every baseline get one batch of the first ")
                .append(s.batch).append(" training images with labels. Mean over ").append(s.repetitions)
                .append(" repetitions.\n");
        md.append("- **Machine**: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ND4J backend ")
                .append(Nd4j.getBackend().getClass().getSimpleName()).append(", Java ")
                .append(System.getProperty("java.version")).append(".\n\n");

        // ---- accuracy range and spread
        md.append("## Accuracy range and run-to-run spread\n\n");
        if (n > 0) {
            int lo = argExt(acc, false);
            int hi = argExt(acc, true);
            double med = Quantiles.median().compute(acc);
            double q1 = Quantiles.percentiles().index(25).compute(acc);
            double q3 = Quantiles.percentiles().index(75).compute(acc);
            md.append(String.format(Locale.ROOT, "Test accuracy ranges from %.4f (`%s`) to %.4f (`%s`); median %.4f, "
                            + "quartiles %.4f / %.4f.%n%n", acc[lo], archs.get(lo).get("name"), acc[hi],
                    archs.get(hi).get("name"), med, q1, q3));
            md.append("| family | networks | min | median | max |\n|---|---:|---:|---:|---:|\n");
            for (String f : perFamily.keySet()) {
                double[] a = subset(acc, families, List.of(f));
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f |%n", f, a.length, min(a),
                        Quantiles.median().compute(a), max(a)));
            }
            md.append('\n');
        }
        List<? extends Map<String, String>> reruns = CsvTable.read(s.reruns).rows();
        if (!reruns.isEmpty()) {
            md.append("Re-trained with another seed (same recipe; the seed changes the initial weights):\n\n");
            md.append("| architecture | seed | accuracy | seed | accuracy | difference |\n|---|---:|---:|---:|---:|---:|\n");
            double maxDiff = 0;
            double sumDiff = 0;
            int k = 0;
            for (Map<String, String> r : reruns) {
                Integer i = index.get(r.get("name"));
                if (i == null) {
                    continue;
                }
                double a2 = Double.parseDouble(r.get("test_accuracy"));
                double d = Math.abs(a2 - acc[i]);
                maxDiff = Math.max(maxDiff, d);
                sumDiff += d;
                k++;
                md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %s | %.4f | %.4f |%n", r.get("name"), s.seed,
                        acc[i], r.get("seed"), a2, d));
            }
            if (k > 0) {
                md.append(String.format(Locale.ROOT, "%nMean absolute difference %.4f, largest %.4f, against an accuracy "
                        + "range of %.4f across architectures.%n%n", sumDiff / k, maxDiff, n > 0 ? max(acc) - min(acc) : 0));
            }
        }

        // ---- main table
        md.append("## Rank correlation with test accuracy\n\n");
        md.append("Spearman's rho, Kendall's tau-b and the top-10 hit rate (how many of the 10 most accurate networks ")
                .append("are among the proxy's 10 best) over all networks, then rho within each family group. ")
                .append("Non-finite values (NASWOT's `-Infinity` for a singular kernel) rank lowest. Time: mean ")
                .append("wall-clock seconds per network for all repetitions.\n\n");
        md.append("| proxy | labels | gradients | Spearman rho | Kendall tau | top-10 hit | ");
        for (String g : GROUPS.keySet()) {
            md.append("rho ").append(g).append(" | ");
        }
        md.append("s / network | non-finite |\n|---|:-:|:-:|---:|---:|---:|");
        GROUPS.keySet().forEach(g -> md.append("---:|"));
        md.append("---:|---:|\n");
        List<List<String>> htmlRows = new ArrayList<>();
        HtmlReport.Builder html = HtmlReport.builder().title("Zero-cost proxies on Fashion-MNIST: " + n
                + " DL4J networks");
        for (int p = 0; p < labels.size(); p++) {
            String l = labels.get(p);
            double[] v = values.get(l);
            int[] have = present(v, archs, s);
            double[] vv = pick(v, have);
            double[] aa = pick(acc, have);
            List<String> ff = pick(families, have);
            int nonFinite = 0;
            for (double x : vv) {
                if (!Double.isFinite(x)) {
                    nonFinite++;
                }
            }
            missing[p] = n - have.length;
            md.append("| ").append(l).append(missing[p] > 0 ? " (" + have.length + " of " + n + ")" : "")
                    .append(" | ").append(proxies.get(p).needsLabels() ? "yes" : "no")
                    .append(" | ").append(proxies.get(p).needsGradients() ? "yes" : "no")
                    .append(" | ").append(fmt(vv.length >= 2 ? RankStats.spearman(vv, aa) : Double.NaN))
                    .append(" | ").append(fmt(vv.length >= 2 ? RankStats.kendall(vv, aa) : Double.NaN))
                    .append(" | ").append(vv.length >= 10 ? String.format(Locale.ROOT, "%.1f", RankStats.topKHitRate(vv, aa, 10))
                            : "n/a").append(" | ");
            for (List<String> g : GROUPS.values()) {
                double[] gv = subset(vv, ff, g);
                double[] ga = subset(aa, ff, g);
                md.append(fmt(gv.length >= 3 ? RankStats.spearman(gv, ga) : Double.NaN)).append(" | ");
            }
            md.append(String.format(Locale.ROOT, "%.3f", mean(pick(seconds.get(l), have)))).append(" | ")
                    .append(nonFinite).append(" |\n");
            if (vv.length >= 2) {
                ScatterPlots.write(s.plots.resolve(l + ".png"), l, ff, vv, aa);
            }
            double rho = vv.length >= 2 ? RankStats.spearman(vv, aa) : Double.NaN;
            double tau = vv.length >= 2 ? RankStats.kendall(vv, aa) : Double.NaN;
            htmlRows.add(List.of(l, Integer.toString(vv.length), proxies.get(p).needsLabels() ? "yes" : "no",
                    fmt(rho), fmt(tau), vv.length >= 10 ? String.format(Locale.ROOT, "%.1f",
                            RankStats.topKHitRate(vv, aa, 10)) : "n/a",
                    String.format(Locale.ROOT, "%.3f", mean(pick(seconds.get(l), have))), Integer.toString(nonFinite)));
        }
        md.append('\n');

        if (s.html != null) {
            writeHtml(s, html, htmlRows, labels, values, acc, archs);
        }

        // ---- NEAR during training
        List<String> epochCols = new ArrayList<>();
        if (!archs.isEmpty()) {
            for (String c : archs.get(0).keySet()) {
                if (c.startsWith("near_e")) {
                    epochCols.add(c);
                }
            }
        }
        if (!epochCols.isEmpty()) {
            md.append("## NEAR after training epochs\n\n");
            md.append("NEAR of the model during the training run (one repetition, random blocks with seed 1, the first ")
                    .append("1024 training images), after 0 (initialisation), 1, 2, ... epochs, against the final test ")
                    .append("accuracy.\n\n");
            md.append("| epoch | Spearman rho | Kendall tau | top-10 hit | ");
            for (String g : GROUPS.keySet()) {
                md.append("rho ").append(g).append(" | ");
            }
            md.append("\n|---:|---:|---:|---:|");
            GROUPS.keySet().forEach(g -> md.append("---:|"));
            md.append('\n');
            for (String c : epochCols) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.parseDouble(archs.get(i).get(c));
                }
                md.append("| ").append(c.substring("near_e".length())).append(" | ")
                        .append(fmt(n >= 2 ? RankStats.spearman(v, acc) : Double.NaN)).append(" | ")
                        .append(fmt(n >= 2 ? RankStats.kendall(v, acc) : Double.NaN)).append(" | ")
                        .append(n >= 10 ? String.format(Locale.ROOT, "%.1f", RankStats.topKHitRate(v, acc, 10)) : "n/a")
                        .append(" | ");
                for (List<String> g : GROUPS.values()) {
                    double[] gv = subset(v, families, g);
                    md.append(fmt(gv.length >= 3 ? RankStats.spearman(gv, subset(acc, families, g)) : Double.NaN))
                            .append(" | ");
                }
                md.append('\n');
                if (n >= 2) {
                    ScatterPlots.write(s.plots.resolve(c.replace("near_e", "near_epoch") + ".png"),
                            "NEAR after " + c.substring("near_e".length()) + " epoch(s)", families, v, acc);
                }
            }
            md.append('\n');
        }

        // ---- plots
        md.append("## Scatter plots\n\n");
        for (String l : labels) {
            md.append("![").append(l).append("](").append(link(s, l + ".png")).append(")\n");
        }
        for (String c : epochCols) {
            String f = c.replace("near_e", "near_epoch") + ".png";
            md.append("![").append(f).append("](").append(link(s, f)).append(")\n");
        }
        md.append('\n');

        // ---- discussion
        Path discussion = s.plots.resolve("DISCUSSION.md");
        if (Files.exists(discussion)) {
            md.append("## Discussion\n\n");
            try {
                md.append(Files.readString(discussion, StandardCharsets.UTF_8).trim()).append("\n\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // ---- commands
        md.append("## Regenerating\n\n```\n");
        md.append("mvn -B -pl near-dl4j-benchmarks -am package -DskipTests\n");
        md.append("CP=near-dl4j-benchmarks/target/near-benchmarks.jar\n");
        md.append("# training (long: hours on 2 cores; resumable, one architecture per CSV row)\n");
        md.append("OMP_NUM_THREADS=1 java -cp \"$CP\" org.neardl4j.benchmarks.accuracy.TrainArchitectures --csv ")
                .append(unix(s.archs)).append('\n');
        md.append("OMP_NUM_THREADS=1 java -cp \"$CP\" org.neardl4j.benchmarks.accuracy.TrainArchitectures --csv ")
                .append(unix(s.reruns)).append(" --train-seed 7 --only ");
        List<String> rerunNames = new ArrayList<>();
        reruns.forEach(r -> rerunNames.add(r.get("name")));
        md.append(rerunNames.isEmpty() ? "<names>" : String.join(",", rerunNames)).append('\n');
        md.append("# proxies and this report (resumable: scores already in the scores CSV are kept)\n");
        md.append("OMP_NUM_THREADS=1 java -cp \"$CP\" org.neardl4j.benchmarks.accuracy.ProxyBenchmark --archs ")
                .append(unix(s.archs)).append(" --reruns ").append(unix(s.reruns)).append(" --scores ")
                .append(unix(s.scores)).append(" --report ").append(unix(s.report)).append(" --plots ")
                .append(unix(s.plots)).append(" --repetitions ").append(s.repetitions).append('\n');
        md.append("```\n");
        try {
            if (s.report.toAbsolutePath().getParent() != null) {
                Files.createDirectories(s.report.toAbsolutePath().getParent());
            }
            Files.writeString(s.report, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indexes of the architectures with a score for this proxy. */
    private static int[] present(double[] v, List<Map<String, String>> archs, ProxyBenchmark.Settings s) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                l.add(i);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static List<String> pick(List<String> v, int[] idx) {
        List<String> out = new ArrayList<>();
        for (int i : idx) {
            out.add(v.get(i));
        }
        return out;
    }

    private static double[] subset(double[] v, List<String> families, List<String> keep) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (keep.contains(families.get(i))) {
                out.add(v[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int argExt(double[] v, boolean max) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (max ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double min(double[] v) {
        return v[argExt(v, false)];
    }

    private static double max(double[] v) {
        return v[argExt(v, true)];
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String fileName(Path p) {
        return p.getFileName().toString();
    }

    private static String unix(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static String link(ProxyBenchmark.Settings s, String file) {
        Path base = s.report.toAbsolutePath().getParent();
        return unix(base.relativize(s.plots.toAbsolutePath().resolve(file)));
    }
}
