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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.math.Quantiles;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.benchmarks.accuracy.RankStats;
import org.neardl4j.benchmarks.accuracy.ScatterPlots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes {@code docs/NB201.md} and its scatter plot from the CSVs of {@link Nb201Benchmark}: rank correlations of
 * every proxy with the published CIFAR-10 test and validation accuracies, top-10 hit rates, the accuracy of what
 * each proxy ranks first, time per architecture and its projection to the whole space, the paper's figures, the
 * per-architecture comparison with the authors' package, and the studies of images, repetitions and
 * initialisation.
 */
final class Nb201Report {

    /** Published for NEAR on NATS-Bench-TSS CIFAR-10 (the paper's Table 1 as summarised with the data). */
    static final double PAPER_KENDALL = 0.70;
    static final double PAPER_SPEARMAN = 0.88;
    static final String PLOT = "near-vs-test-acc.png";

    private Nb201Report() {
    }

    /** A proxy's values by architecture index, with its mean time per architecture. */
    record Column(String label, Map<Integer, Double> values, double seconds, String timeNote) {
    }

    /** Statistics of one proxy over a set of architectures. */
    record Stats(int n, double spearmanTest, double kendallTest, double spearmanValid, double kendallValid,
                 double top10, double firstAcc, double top10Acc, double bestAcc) {
    }

    static Stats stats(Map<Integer, Double> values, List<Nb201Data.Arch> archs) {
        List<Nb201Data.Arch> a = archs.stream().filter(x -> values.containsKey(x.arch())).collect(Collectors.toList());
        int n = a.size();
        if (n < 2) {
            return new Stats(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double[] v = a.stream().mapToDouble(x -> values.get(x.arch())).toArray();
        double[] test = a.stream().mapToDouble(Nb201Data.Arch::testAcc).toArray();
        double[] valid = a.stream().mapToDouble(Nb201Data.Arch::validAcc).toArray();
        int k = Math.min(10, n);
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) ->
                Double.isNaN(v[i]) ? Double.POSITIVE_INFINITY : -v[i]).thenComparingInt(i -> i)).toArray(Integer[]::new);
        double top10Acc = 0;
        for (int i = 0; i < k; i++) {
            top10Acc += test[order[i]] / k;
        }
        double best = java.util.Arrays.stream(test).max().orElse(Double.NaN);
        return new Stats(n, RankStats.spearman(v, test), RankStats.kendall(v, test), RankStats.spearman(v, valid),
                RankStats.kendall(v, valid), RankStats.topKHitRate(v, test, k), test[order[0]], top10Acc, best);
    }

    static Map<Integer, Map<String, String>> byArch(Path csv) {
        Map<Integer, Map<String, String>> m = new HashMap<>();
        for (ImmutableMap<String, String> r : ResumableCsv.read(csv)) {
            m.put(Integer.parseInt(r.get("arch")), r);
        }
        return m;
    }

    static Map<Integer, Double> column(Map<Integer, Map<String, String>> rows, String col) {
        Map<Integer, Double> m = new HashMap<>();
        rows.forEach((k, r) -> {
            String v = r.get(col);
            if (v != null) {
                m.put(k, Double.parseDouble(v));
            }
        });
        return m;
    }

    static double mean(Map<Integer, Map<String, String>> rows, String col, double divide) {
        return rows.values().stream().map(r -> r.get(col)).filter(v -> v != null).mapToDouble(Double::parseDouble)
                .filter(Double::isFinite).average().orElse(Double.NaN) / divide;
    }

    /** Image counts n for which {@code <task>-<n>.csv} exists in the output folder, ascending. */
    static List<Integer> counts(Path out, String task) {
        List<Integer> l = new ArrayList<>();
        if (Files.isDirectory(out)) {
            try (var files = Files.list(out)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.matches(task + "-\\d+\\.csv"))
                        .map(f -> Integer.parseInt(f.substring(task.length() + 1, f.length() - 4))).sorted()
                        .forEach(l::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return l;
    }

    static Map<Integer, Map<String, String>> rows(Nb201Benchmark.Settings s, String task, int images) {
        return byArch(Nb201Benchmark.csv(s.out, task, images));
    }

    /** NEAR mean of 3 repetitions where repetition 1 and repetitions 2-3 exist. */
    static Map<Integer, Double> mean3(Map<Integer, Double> near1, Map<Integer, Map<String, String>> near23) {
        Map<Integer, Double> m = new HashMap<>();
        near23.forEach((k, r) -> {
            if (near1.containsKey(k)) {
                m.put(k, (near1.get(k) + Double.parseDouble(r.get("near_r2")) + Double.parseDouble(r.get("near_r3"))) / 3);
            }
        });
        return m;
    }

    static String imgs(int n) {
        return n + (n == 1 ? " image" : " images");
    }

    static void write(Nb201Benchmark.Settings s, List<Nb201Data.Arch> archs) {
        Map<Integer, Nb201Data.Arch> byId = new HashMap<>();
        archs.forEach(a -> byId.put(a.arch(), a));
        List<Integer> nearCounts = counts(s.out, "near");
        int main = nearCounts.contains(s.images) ? s.images
                : nearCounts.isEmpty() ? s.images : nearCounts.get(nearCounts.size() - 1);
        Map<Integer, Map<Integer, Map<String, String>>> near = new HashMap<>();
        Map<Integer, Map<Integer, Double>> near1 = new HashMap<>();
        for (int n : nearCounts) {
            near.put(n, rows(s, "near", n));
            near1.put(n, column(near.get(n), "near"));
            near1.get(n).keySet().retainAll(byId.keySet());
        }
        Map<Integer, Double> mainNear = near1.getOrDefault(main, Map.of());
        Map<Integer, Map<String, String>> mainRows = near.getOrDefault(main, Map.of());
        Map<Integer, Double> ref = new HashMap<>(Nb201Data.reference("near_reference"));
        Map<Integer, Double> refSec = new HashMap<>(Nb201Data.reference("seconds_reference"));
        ref.keySet().retainAll(byId.keySet());
        refSec.keySet().retainAll(byId.keySet());
        double refSeconds = refSec.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        Map<Integer, Double> params = new HashMap<>();
        archs.forEach(a -> params.put(a.arch(), a.paramsMb()));
        List<Integer> repCounts = counts(s.out, "near23");
        List<Integer> proxyCounts = counts(s.out, "proxies");
        List<Integer> xavierCounts = counts(s.out, "xavier");

        StringBuilder md = new StringBuilder();
        md.append("# NEAR on NAS-Bench-201: near-dl4j against the published CIFAR-10 accuracies\n\n");
        md.append("Generated by `org.neardl4j.benchmarks.nb201.Nb201Benchmark` (`--tasks report`) from the CSV files in `")
                .append(rel(s.out)).append("/`; do not edit by hand. The data (1,000 NAS-Bench-201 architectures with ")
                .append("their published accuracies, the authors' NEAR values for them, the first 512 CIFAR-10 test ")
                .append("images) are bundled in `near-dl4j-cli/src/main/resources/nb201/` with their provenance.\n\n");
        md.append("The same evaluation on CIFAR-100, ImageNet16-120 and NAS-Bench-101, shaped like the paper's tables,")
                .append(" is in [PAPER.md](PAPER.md).\n\n");

        md.append("## What was run\n\n");
        md.append("- **Architectures scored**, of the ").append(archs.size())
                .append(" rows of `nb201_cifar10_1000.csv` (a seeded random sample of the 15,625 cells): ");
        List<String> done = new ArrayList<>();
        for (int n : nearCounts) {
            done.add(near1.get(n).size() + " with NEAR on " + imgs(n));
        }
        for (int n : repCounts) {
            done.add(rows(s, "near23", n).size() + " with repetitions 2 and 3 on " + imgs(n));
        }
        for (int n : xavierCounts) {
            done.add(rows(s, "xavier", n).size() + " with XAVIER initialisation on " + imgs(n));
        }
        for (int n : proxyCounts) {
            done.add(rows(s, "proxies", n).size() + " with the baselines on one batch of " + imgs(n));
        }
        md.append(done.isEmpty() ? "none yet" : String.join("; ", done)).append(". Subsets are the first rows in file ")
                .append("order.");
        if (mainNear.size() < archs.size()) {
            md.append(" **The run is not complete: every figure below is over the rows scored so far (see the `archs` ")
                    .append("column).**");
        }
        md.append("\n");
        md.append("- **Networks**: `org.neardl4j.space.Nb201Network` (C = ").append(s.channels).append(", N = ")
                .append(s.cells).append(", 10 classes), the published macro skeleton, built as a DL4J ")
                .append("`ComputationGraph`; PyTorch-like `WeightInit.UNIFORM` (U(+-1/sqrt(fan_in)) for convolution and ")
                .append("dense weights; batch normalisation gamma 1, beta 0), weight seed = the architecture index, as ")
                .append("the reference seeds PyTorch. The classifier outputs logits (identity activation, ")
                .append("`LogitsCrossEntropy` loss): no softmax matrix the reference does not have.\n");
        md.append("- **NEAR**: `NearScorer` (random blocks, block seed = weight seed) on the first n bundled CIFAR-10 ")
                .append("test images as one batch, normalised as NAS-Bench-201 trains (x/255, minus mean (0.4914, ")
                .append("0.4822, 0.4465), divided by std (0.2470, 0.2435, 0.2616)); batch normalisation in training ")
                .append("mode (statistics of the batch), as the reference. The reference used n = 64. Repetitions 2 ")
                .append("and 3 are fresh initialisations and blocks (seeds arch + 100000 r); `x3` is the mean of the ")
                .append("three.\n");
        md.append("- **Baselines**: `org.neardl4j.proxy.ZeroCostProxies` (").append(String.join(", ", Nb201Benchmark.BASELINES))
                .append(") at the same initialisation (repetition 1) on one batch of images with their labels; ")
                .append("`params` is that class's parameter count, `params_mb` the table's.\n");
        md.append("- **Machine**: ").append(Runtime.getRuntime().availableProcessors()).append(" cores shared with ")
                .append("other jobs; every chunk of the run ran with no other heavy job on the machine. ND4J backend ")
                .append(Nd4j.getBackend().getClass().getSimpleName()).append(", Java ")
                .append(System.getProperty("java.version")).append(". Code versions (commit) that produced the rows: ")
                .append(codeVersions(s)).append(".").append(s.codeNote.isEmpty() ? "" : " " + s.codeNote)
                .append("\n\n");

        md.append("## The matrices NEAR takes from an NB201 network\n\n");
        md.append("The reference hooks every module with weights (its output) and every activation module (its ")
                .append("output) of NAS-Bench-201's PyTorch network; `Nb201Network` builds the DL4J graph so that it ")
                .append("gives the same set (`Nb201Network.expectedMatrices(cell)` lists them, a test checks it ")
                .append("against what `NearScorer` scores):\n\n")
                .append("| part | matrices | kind |\n|---|---|---|\n")
                .append("| stem | `stem_conv` (3x3, 3 -> C), `stem_bn` | pre, pre |\n")
                .append("| each `nor_conv_1x1` / `nor_conv_3x3` edge of each of the 3 x N cells | `_relu` (its own ReLU), ")
                .append("`_conv`, `_bn` | post, pre, pre |\n")
                .append("| each of the 2 reduction blocks | `_a_relu`, `_a_conv` (stride 2), `_a_bn`, `_b_relu`, `_b_conv`, ")
                .append("`_b_bn`, `_short` (1x1 after 2x2 average pooling) | post, pre, pre, post, pre, pre, pre |\n")
                .append("| head | `last_bn`, `last_relu`, `logits` (dense 4C -> 10, identity activation) | pre, post, pre |\n")
                .append("| `skip_connect`, `avg_pool_3x3`, `none`, sums, global pooling | none | |\n\n")
                .append("So a cell with k convolution edges gives 2 + 14 + 3 + 3 x N x 3k matrices (19 + 45k for N = 5). ")
                .append("Edges that leave a node only `none` edges reach are computed on zeros, as in NAS-Bench-201, and ")
                .append("give all-zero matrices (effective rank 0 in both implementations); a cell whose output node is ")
                .append("zero makes every later matrix zero.\n\n");
        md.append("## How many images NEAR needs on this network\n\n");
        md.append("A square block needs as many rows as the matrix has columns. Feature maps give one row per position ")
                .append("and image: the widest is 64 channels at 8x8 = 64 positions, so one image fills every ")
                .append("convolution and batch-normalisation block (16 channels at 32x32 need 16 of 1,024 rows). The ")
                .append("classifier's logits are one row per image and 10 columns: **10 images** give every matrix ")
                .append("its square block. Batch normalisation uses the statistics of whatever batch is given, so ")
                .append("the number of images also changes the activations; the tables compare 10 and 64.\n\n");

        // ---- main table
        List<Column> cols = new ArrayList<>();
        for (int n : nearCounts) {
            cols.add(new Column("NEAR, 1 repetition, " + imgs(n) + " (near-dl4j)", near1.get(n),
                    mean(near.get(n), "seconds", 1), ""));
        }
        for (int n : repCounts) {
            if (near1.containsKey(n)) {
                Map<Integer, Map<String, String>> r23 = rows(s, "near23", n);
                cols.add(new Column("NEAR, mean of 3 repetitions, " + imgs(n) + " (near-dl4j)", mean3(near1.get(n), r23),
                        mean(near.get(n), "seconds", 1) + mean(r23, "seconds", 1), ""));
            }
        }
        cols.add(new Column("NEAR, authors' package, 1 repetition, 64 images (PyTorch)", ref, refSeconds, " (a)"));
        cols.add(new Column("params_mb (the table's parameter count)", params, Double.NaN, ""));
        md.append("## Rank correlation with the published accuracies\n\n");
        md.append("Each row over the architectures it has been computed on (`archs`):\n\n");
        table(md, cols, archs);
        md.append("\n(a) the reference's own time on a busy 2-core machine of this kind, measured elsewhere, not side by ")
                .append("side with this run. Top-10 hit rate: the share of the 10 most accurate of these architectures ")
                .append("among the 10 a proxy ranks highest. Time: mean seconds per architecture for one proxy value ")
                .append("(for x3 all three repetitions; network initialisation excluded); the last column multiplies it ")
                .append("by 15,625 architectures.\n\n");
        Stats rs = stats(ref, archs);
        md.append(String.format(Locale.ROOT, "**The paper's values** (NATS-Bench-TSS CIFAR-10, the whole space): Kendall "
                + "%.2f, Spearman %.2f. The authors' package on these rows: Spearman %.3f, Kendall %.3f.", PAPER_KENDALL,
                PAPER_SPEARMAN, rs.spearmanTest, rs.kendallTest));
        double bestRho = -1;
        int bestN = -1;
        for (Column c : cols) {
            if (c.label.startsWith("NEAR") && c.label.endsWith("(near-dl4j)") && c.values.size() == archs.size()) {
                double r = stats(c.values, archs).spearmanTest;
                if (r > bestRho) {
                    bestRho = r;
                }
            }
        }
        bestN = cols.stream().filter(c -> c.label.endsWith("(near-dl4j)")).mapToInt(c -> c.values.size()).max().orElse(0);
        md.append(" Goal: near-dl4j's Spearman >= 0.85 with the test accuracy over all ").append(archs.size())
                .append(" rows: ");
        if (bestN < archs.size()) {
            md.append("not decided (at most ").append(bestN).append(" rows scored so far).\n\n");
        } else {
            md.append(bestRho >= 0.85 ? String.format(Locale.ROOT, "reached (best %.3f).%n%n", bestRho)
                    : String.format(Locale.ROOT, "**not reached** (best %.3f).%n%n", bestRho));
        }
        md.append("![NEAR against test accuracy](").append(Nb201Benchmark.relativeToReport(s, s.out.resolve(PLOT)))
                .append(")\n\n");
        md.append("NEAR (1 repetition, ").append(imgs(main)).append(") against the test accuracy.\n\n");
        plot(s, archs, mainNear);

        // ---- baselines
        for (int pn : proxyCounts) {
            Map<Integer, Map<String, String>> proxies = rows(s, "proxies", pn);
            List<Nb201Data.Arch> set = archs.stream().filter(a -> proxies.containsKey(a.arch())).collect(Collectors.toList());
            if (set.isEmpty()) {
                continue;
            }
            List<Column> b = new ArrayList<>();
            for (Column c : cols) {
                b.add(c);
            }
            for (String p : Nb201Benchmark.BASELINES) {
                b.add(new Column(p + " (" + imgs(pn) + ")", column(proxies, p), mean(proxies, "seconds_" + p, 1), ""));
            }
            md.append("## NEAR and the baselines on the ").append(set.size()).append(" architectures with baselines (")
                    .append(imgs(pn)).append(")\n\n");
            table(md, b, set);
            long failed = proxies.values().stream().flatMap(r -> Nb201Benchmark.BASELINES.stream().map(r::get))
                    .filter(v -> v.equals("NaN")).count();
            md.append("\nA value that could not be computed ranks lowest (NaN values here: ").append(failed)
                    .append(").\n\n");
        }

        // ---- per architecture against the reference
        int cmp = near1.containsKey(64) ? 64 : main;
        Map<Integer, Double> cmpNear = near1.getOrDefault(cmp, Map.of());
        md.append("## near-dl4j against the authors' package, architecture by architecture\n\n");
        List<Integer> common = archs.stream().map(Nb201Data.Arch::arch).filter(i -> ref.containsKey(i)
                && cmpNear.containsKey(i)).collect(Collectors.toList());
        if (common.size() >= 2) {
            double[] d = common.stream().mapToDouble(cmpNear::get).toArray();
            double[] r = common.stream().mapToDouble(ref::get).toArray();
            md.append(String.format(Locale.ROOT, "near-dl4j with 1 repetition on %s against the reference's 1 repetition "
                            + "on the first 64 images (each with its own random initialisation and blocks, so values "
                            + "agree in distribution, not digit for digit): Spearman %.3f, Kendall %.3f between the two "
                            + "over %d architectures.%n%n", imgs(cmp), RankStats.spearman(d, r), RankStats.kendall(d, r),
                    common.size()));
            md.append("Ratio near-dl4j / reference (quantiles):\n\n| architectures | n | 5% | 25% | median | 75% | 95% | ")
                    .append("within 5% | within 10% |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            ratioRow(md, "all", common, cmpNear, ref);
            ratioRow(md, "cell output zero", common.stream().filter(i -> byId.get(i).cell().outputIsZero())
                    .collect(Collectors.toList()), cmpNear, ref);
            ratioRow(md, "cell output not zero", common.stream().filter(i -> !byId.get(i).cell().outputIsZero())
                    .collect(Collectors.toList()), cmpNear, ref);
            md.append('\n');
            Map<Integer, Map<String, String>> cr = near.get(cmp);
            double zeroLogits = cr.values().stream().filter(m -> byId.containsKey(Integer.parseInt(m.get("arch")))
                    && byId.get(Integer.parseInt(m.get("arch"))).cell().outputIsZero())
                    .mapToDouble(m -> Double.parseDouble(m.get("logits_erank"))).average().orElse(Double.NaN);
            double otherLogits = cr.values().stream().filter(m -> byId.containsKey(Integer.parseInt(m.get("arch")))
                    && !byId.get(Integer.parseInt(m.get("arch"))).cell().outputIsZero())
                    .mapToDouble(m -> Double.parseDouble(m.get("logits_erank"))).average().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "Mean effective rank of the logits matrix in near-dl4j: %.3f on cells whose "
                    + "output is zero, %.3f on the others.%n%n", zeroLogits, otherLogits));
        }

        // ---- fewer images
        if (nearCounts.size() > 1 || Files.exists(Nb201Benchmark.csv(s, "images"))) {
            Map<Integer, Map<String, String>> imgRows = byArch(Nb201Benchmark.csv(s, "images"));
            Map<Integer, Map<Integer, Double>> byCount = new java.util.TreeMap<>(near1);
            for (int n : s.imageCounts) {
                if (!byCount.containsKey(n) && !imgRows.isEmpty() && imgRows.values().iterator().next().containsKey("near_" + n)) {
                    byCount.put(n, column(imgRows, "near_" + n));
                }
            }
            List<Nb201Data.Arch> sub = archs.stream().filter(a -> byCount.values().stream()
                    .allMatch(m -> m.containsKey(a.arch()))).collect(Collectors.toList());
            if (sub.size() >= 2 && byCount.size() > 1) {
                int top = ((java.util.TreeMap<Integer, Map<Integer, Double>>) byCount).lastKey();
                double[] topv = sub.stream().mapToDouble(a -> byCount.get(top).get(a.arch())).toArray();
                md.append("## Fewer images\n\n");
                md.append("Repetition 1 (same weights and block seed) on the first n images, over the ").append(sub.size())
                        .append(" architectures scored with every n:\n\n| images | Spearman test | Kendall test | ")
                        .append("Spearman with the ").append(top).append("-image value | median ratio to it |\n")
                        .append("|---:|---:|---:|---:|---:|\n");
                for (Map.Entry<Integer, Map<Integer, Double>> e : byCount.entrySet()) {
                    Stats st = stats(e.getValue(), sub);
                    double[] v = sub.stream().mapToDouble(a -> e.getValue().get(a.arch())).toArray();
                    double[] ratio = IntStream.range(0, v.length).filter(i -> topv[i] != 0).mapToDouble(i -> v[i] / topv[i])
                            .toArray();
                    md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), st.spearmanTest,
                            st.kendallTest, RankStats.spearman(v, topv),
                            ratio.length == 0 ? Double.NaN : Quantiles.median().compute(ratio)));
                }
                md.append('\n');
            }
        }

        // ---- repetitions
        for (int n : repCounts) {
            if (!near1.containsKey(n)) {
                continue;
            }
            Map<Integer, Map<String, String>> r23 = rows(s, "near23", n);
            Map<Integer, Double> m3 = mean3(near1.get(n), r23);
            List<Nb201Data.Arch> both = archs.stream().filter(a -> m3.containsKey(a.arch())).collect(Collectors.toList());
            if (both.size() < 2) {
                continue;
            }
            Map<Integer, Double> r2 = column(r23, "near_r2");
            double[] a1 = both.stream().mapToDouble(a -> near1.get(n).get(a.arch())).toArray();
            double[] a2 = both.stream().mapToDouble(a -> r2.get(a.arch())).toArray();
            md.append("## Repetitions (").append(imgs(n)).append(")\n\n");
            md.append(String.format(Locale.ROOT, "Over the %d architectures with 3 repetitions: Spearman with the test "
                            + "accuracy %.3f (repetition 1), %.3f (repetition 2 alone), %.3f (mean of 3); repetition 1 "
                            + "against repetition 2: Spearman %.3f.%n%n", both.size(), stats(near1.get(n), both).spearmanTest,
                    stats(r2, both).spearmanTest, stats(m3, both).spearmanTest, RankStats.spearman(a1, a2)));
        }

        // ---- initialisation
        for (int n : xavierCounts) {
            if (!near1.containsKey(n)) {
                continue;
            }
            Map<Integer, Double> xv = column(rows(s, "xavier", n), "near");
            List<Nb201Data.Arch> sub = archs.stream().filter(a -> xv.containsKey(a.arch())
                    && near1.get(n).containsKey(a.arch())).collect(Collectors.toList());
            if (sub.size() < 2) {
                continue;
            }
            Stats u = stats(near1.get(n), sub);
            Stats x = stats(xv, sub);
            double[] a1 = sub.stream().mapToDouble(a -> near1.get(n).get(a.arch())).toArray();
            double[] a2 = sub.stream().mapToDouble(a -> xv.get(a.arch())).toArray();
            md.append("## Initialisation (").append(imgs(n)).append(")\n\n");
            md.append(String.format(Locale.ROOT, "Repetition 1 over the %d architectures of this study: PyTorch-like "
                            + "`UNIFORM` (the benchmark's) Spearman %.3f / Kendall %.3f with the test accuracy; DL4J's "
                            + "default `XAVIER` Spearman %.3f / Kendall %.3f; the two rankings agree with Spearman %.3f.%n%n",
                    sub.size(), u.spearmanTest, u.kendallTest, x.spearmanTest, x.kendallTest, RankStats.spearman(a1, a2)));
        }

        discussion(md, archs, byId, near1, ref, cmp, near.get(cmp));
        md.append("\n## Regenerate\n\n```bash\nmvn -B -q -pl near-dl4j-benchmarks -am package -DskipTests\n")
                .append("CP=near-dl4j-benchmarks/target/near-benchmarks.jar; B=org.neardl4j.benchmarks.nb201.Nb201Benchmark\n")
                .append("# each call scores for about 7 minutes and can be repeated until every task is complete\n")
                .append("java -cp \"$CP\" $B --images 10 --tasks near,near23,xavier,images --budget-seconds 420 --code-version $(git rev-parse --short HEAD)\n")
                .append("java -cp \"$CP\" $B --images 64 --tasks near,proxies --budget-seconds 420 --code-version $(git rev-parse --short HEAD)\n")
                .append("java -cp \"$CP\" $B --tasks report --html docs/nb201/report.html   # and the HTML report\n```\n");
        try {
            if (s.report.toAbsolutePath().getParent() != null) {
                Files.createDirectories(s.report.toAbsolutePath().getParent());
            }
            Files.write(s.report, md.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The discussion, with the figures it quotes computed from the CSVs. */
    private static void discussion(StringBuilder md, List<Nb201Data.Arch> archs, Map<Integer, Nb201Data.Arch> byId,
                                   Map<Integer, Map<Integer, Double>> near1, Map<Integer, Double> ref, int cmp,
                                   Map<Integer, Map<String, String>> cmpRows) {
        md.append("## Discussion\n\n");
        Map<Integer, Double> v = near1.getOrDefault(cmp, Map.of());
        List<Integer> zero = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (Nb201Data.Arch a : archs) {
            if (v.containsKey(a.arch()) && ref.containsKey(a.arch()) && ref.get(a.arch()) != 0) {
                (a.cell().outputIsZero() ? zero : other).add(a.arch());
            }
        }
        if (other.size() >= 2) {
            double[] q = other.stream().mapToDouble(i -> v.get(i) / ref.get(i)).toArray();
            Map<Integer, Double> p = Quantiles.percentiles().indexes(5, 50, 95).compute(q);
            md.append(String.format(Locale.ROOT, "**No systematic offset against the reference.** On the %d cells whose "
                            + "output is not zero, near-dl4j's value (%s) divided by the reference's has median %.3f; 90%% "
                            + "of the ratios lie in [%.3f, %.3f]. That spread is what two independent random "
                            + "initialisations and block choices give: near-dl4j cannot draw the same random numbers as "
                            + "PyTorch, so the two agree per architecture in distribution (rank correlation in the table "
                            + "above), not digit for digit. The deviation shrinks as the value grows (more matrices, each "
                            + "contributing less of the total).", other.size(), imgs(cmp), p.get(50), p.get(5), p.get(95)));
            md.append(" Both count the same matrices: a matrix counted by one and missed by the other would shift every ")
                    .append("ratio of the cells that have it by its share of the total (one 3x3-edge block of 16 channels ")
                    .append("is about 1% of a typical total; a whole edge of 3 matrices in each of 15 cells much more), ")
                    .append("and the median is within a few tenths of a percent of 1.\n\n");
        }
        if (zero.size() >= 1) {
            double[] d = zero.stream().mapToDouble(i -> v.get(i) - ref.get(i)).toArray();
            double logits = cmpRows == null ? Double.NaN : cmpRows.values().stream()
                    .filter(m -> zero.contains(Integer.parseInt(m.get("arch"))))
                    .mapToDouble(m -> Double.parseDouble(m.get("logits_erank"))).max().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "**Cells whose output is zero** (%d of these rows) "
                            + "differ by %.2f on median (near-dl4j minus reference). Their network computes "
                            + "only the stem and the first cell's edges before every value becomes zero, so the total is "
                            + "small and the random block choices weigh more. One matrix differs systematically: the "
                            + "classifier's output is its bias alone, the same for every image. PyTorch initialises that "
                            + "bias from U(-1/8, 1/8), a rank-1 matrix with effective rank 1; DL4J initialises biases to a "
                            + "constant, 0, so near-dl4j's logits matrix is all zero and counts 0 (largest value of it "
                            + "here: %.1f). On the other cells the bias adds one small rank-1 term to the logits; the "
                            + "ratios above show no effect of it.%n%n", zero.size(), Quantiles.median().compute(d), logits));
        }
        md.append("**Images.** Every matrix of an NB201 network is square with 10 images (the classifier has 10 ")
                .append("outputs), and the rank correlations barely move between 10 and 64 images (tables above): ")
                .append("batch-normalisation statistics from 10 images instead of 64 change the values by about a ")
                .append("percent, not the ranking. NEAR's cost grows with the number of images, so 10 is the cheapest ")
                .append("setting that follows the method.\n\n");
        md.append("**Cost.** NEAR's time per network here is almost all the forward pass in training mode on 2 ")
                .append("cores (the effective ranks of these matrices, at most 64 x 64, take milliseconds); convolution ")
                .append("and batch normalisation run through near-dl4j's own ND4J forward passes (`capture`), which ")
                .append("reach oneDNN with the oneDNN build. The baselines need DL4J's own forward and backward passes ")
                .append("(gradients, Jacobians). With DL4J's own layer code these took about a minute per network (22 s ")
                .append("for one forward and backward pass of the conv-heavy cell); the proxies give their working ")
                .append("copies DL4J's native helpers for convolution and batch normalisation (oneDNN with the oneDNN ")
                .append("build), about ten times faster (the speed benchmark's `proxies` suite in docs/PERFORMANCE.md ")
                .append("measures it). Which code and build produced the rows: Machine, above.\n\n");
    }

    private static String codeVersions(Nb201Benchmark.Settings s) {
        Set<String> v = new TreeSet<>();
        if (Files.isDirectory(s.out)) {
            try (var files = Files.list(s.out)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".csv")).sorted()::iterator) {
                    Set<String> c = new TreeSet<>();
                    for (ImmutableMap<String, String> r : ResumableCsv.read(f)) {
                        c.add(r.get("code"));
                    }
                    v.add("`" + f.getFileName() + "`: " + String.join(", ", c));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return v.isEmpty() ? "none yet" : String.join("; ", v);
    }

    private static void table(StringBuilder md, List<Column> cols, List<Nb201Data.Arch> archs) {
        // each row over the architectures in both the set and its own values
        md.append("| proxy | archs | Spearman test | Kendall test | Spearman valid | Kendall valid | top-10 hit | ")
                .append("test acc of its #1 | mean test acc of its top 10 | best of these | s / arch | 15,625 archs |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Column c : cols) {
            Stats st = stats(c.values, archs);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.0f%% | %.2f | %.2f | %.2f | %s | %s |%n",
                    c.label, st.n, st.spearmanTest, st.kendallTest, st.spearmanValid, st.kendallValid, 100 * st.top10,
                    st.firstAcc, st.top10Acc, st.bestAcc,
                    Double.isFinite(c.seconds) ? String.format(Locale.ROOT, "%.3f%s", c.seconds, c.timeNote) : "-",
                    Double.isFinite(c.seconds) ? String.format(Locale.ROOT, "%.1f h", c.seconds * 15_625 / 3600) : "-"));
        }
    }

    private static void ratioRow(StringBuilder md, String label, List<Integer> ids, Map<Integer, Double> a,
                                 Map<Integer, Double> b) {
        double[] q = ids.stream().filter(i -> b.get(i) != 0).mapToDouble(i -> a.get(i) / b.get(i)).toArray();
        if (q.length == 0) {
            md.append("| ").append(label).append(" | 0 | | | | | | | |\n");
            return;
        }
        Map<Integer, Double> p = Quantiles.percentiles().indexes(5, 25, 50, 75, 95).compute(q);
        long w5 = java.util.Arrays.stream(q).filter(x -> Math.abs(x - 1) <= 0.05).count();
        long w10 = java.util.Arrays.stream(q).filter(x -> Math.abs(x - 1) <= 0.10).count();
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f%% | %.0f%% |%n", label,
                q.length, p.get(5), p.get(25), p.get(50), p.get(75), p.get(95), 100.0 * w5 / q.length,
                100.0 * w10 / q.length));
    }

    private static void plot(Nb201Benchmark.Settings s, List<Nb201Data.Arch> scored, Map<Integer, Double> near1) {
        if (scored.size() < 2) {
            return;
        }
        List<String> fam = scored.stream().map(a -> a.cell().outputIsZero() ? "cell output zero" : "other cells")
                .collect(Collectors.toList());
        double[] v = scored.stream().mapToDouble(a -> near1.get(a.arch())).toArray();
        double[] acc = scored.stream().mapToDouble(Nb201Data.Arch::testAcc).toArray();
        ScatterPlots.write(s.out.resolve(PLOT), "NEAR (near-dl4j, 1 repetition)", fam, v, acc);
    }

    private static String rel(Path p) {
        return p.toString().replace('\\', '/');
    }
}
