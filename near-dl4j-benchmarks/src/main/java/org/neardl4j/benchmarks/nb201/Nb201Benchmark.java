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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.DatasetOption;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Dataset;
import org.neardl4j.space.Nb201Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The NAS-Bench-201 benchmark: scores the 1,000 bundled NB201 architectures at initialisation with NEAR and the
 * baseline proxies on the bundled CIFAR-10 images, and writes {@code docs/NB201.md} (see {@link Nb201Report}).
 * Every task appends one CSV row per architecture and skips the architectures already in its CSV, so the run can
 * be cut into chunks ({@code --limit}, {@code --budget-seconds}) and resumed.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.nb201.Nb201Benchmark \
 *      --tasks near --budget-seconds 420 --code-version $(git rev-parse --short HEAD)
 * java ... Nb201Benchmark --tasks report
 * }</pre>
 *
 * <p>Tasks (in this order by default; {@code --tasks a,b}):
 * <ul>
 * <li>{@code near}: NEAR, repetition 1: the network initialised with seed = the architecture index (PyTorch-like
 * {@code UNIFORM} initialisation), block seed the same, on the first {@code --images} (64) images as one batch;</li>
 * <li>{@code near23}: repetitions 2 and 3 (weight and block seeds {@code arch + 100000 r});</li>
 * <li>{@code xavier}: repetition 1 with DL4J's default {@code XAVIER} initialisation, on the first
 * {@code --subset-xavier} (200) architectures;</li>
 * <li>{@code images}: repetition 1 on fewer images ({@code --image-counts}, default 10,16,32), first
 * {@code --subset-images} (200) architectures;</li>
 * <li>{@code proxies}: the baselines of {@link ZeroCostProxies} (not NEAR) on one batch of the first
 * {@code --images} images with labels, first {@code --subset-proxies} (300) architectures;</li>
 * <li>{@code report}: {@code --report} (docs/NB201.md) and the plot, from the CSVs in {@code --out}
 * (docs/nb201); with {@code --html FILE} also a self-contained HTML report of the same figures
 * ({@link Nb201Html}).</li>
 * </ul>
 * Other options: {@code --archs N} (only the first N rows), {@code --from K} (start at row K), {@code --limit N}
 * (at most N new architectures per task in this run), {@code --budget-seconds S} (start no new architecture after
 * S seconds), {@code --channels C} and {@code --cells N} (network options; NB201's are 16 and 5),
 * {@code --code-version V} (recorded in every row), {@code --quiet}, {@code --verbose}; {@code --help} lists them.
 */
public final class Nb201Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Nb201Benchmark.class);

    /** Seed offset between repetitions. */
    static final int REPETITION_SEED_STEP = 100_000;

    /** The tasks in their default order. */
    static final List<String> TASKS = List.of("near", "near23", "xavier", "images", "proxies", "report");

    /** The baselines the {@code proxies} task runs. */
    static final List<String> BASELINES = ZeroCostProxies.NAMES.stream().filter(n -> !n.equals("near"))
            .collect(ImmutableList.toImmutableList());

    private Nb201Benchmark() {
    }

    /**
     * The settings of one run: the command line's options (a picocli mixin of {@link Command}, so the options and
     * their defaults are written once) plus what the command derives; tests fill it directly.
     */
    static final class Settings {
        @Option(names = "--tasks", paramLabel = "T,...", split = ",", description = "tasks in this order: near, near23,"
                + " xavier, images, proxies, report (default all)")
        List<String> tasks = TASKS;
        @Option(names = "--out", paramLabel = "DIR", description = "the CSV files and the plot (default docs/nb201)")
        Path out = Paths.get("docs/nb201");
        @Option(names = "--report", paramLabel = "FILE.md", description = "the report (default docs/NB201.md)")
        Path report = Paths.get("docs/NB201.md");
        @Option(names = "--html", paramLabel = "FILE.html", description = "the report task also writes a"
                + " self-contained HTML report (tables, scatter plots, provenance)")
        Path html = null;
        @Option(names = "--images", paramLabel = "N", description = "images NEAR and the baselines get (default 64)")
        int images = 64;
        @Option(names = "--dataset", paramLabel = "D", converter = DatasetOption.class, description = "cifar10"
                + " (default), cifar100 or imagenet16-120: the network's classes and input size and the bundled"
                + " images; the report task needs cifar10 (the paper's tables: PaperReport)")
        Nb201Dataset dataset = Nb201Dataset.CIFAR10;
        @Option(names = "--archs", paramLabel = "N", description = "only the first N rows of the table")
        int archs = Integer.MAX_VALUE;
        @Option(names = "--subset-proxies", paramLabel = "N", description = "architectures of the proxies task (300)")
        int subsetProxies = 300;
        @Option(names = "--subset-xavier", paramLabel = "N", description = "architectures of the xavier task (300)")
        int subsetXavier = 300;
        @Option(names = "--subset-images", paramLabel = "N", description = "architectures of the images task (200)")
        int subsetImages = 200;
        @Option(names = "--image-counts", paramLabel = "N,...", split = ",", description = "image counts of the"
                + " images task (default 10,16,32)")
        List<Integer> imageCounts = List.of(10, 16, 32);
        @Option(names = "--channels", paramLabel = "C", description = "channels of the first stage (default 16)")
        int channels = 16;
        @Option(names = "--cells", paramLabel = "N", description = "cells per stage (default 5)")
        int cells = 5;
        @Mixin
        ResumableCsv.Range range = new ResumableCsv.Range();
        @Option(names = "--code-note", paramLabel = "TEXT", description = "a sentence the report adds about the code"
                + " versions of the rows")
        String codeNote = "";
        /** The command line, for the report. */
        String command = "";

        Nb201Network network(WeightInit init, long seed) {
            return Nb201Network.builder().dataset(dataset).channels(channels).cellsPerStage(cells)
                    .initialisation(Initialisation.builder().weightInit(init).seed(seed).build()).build();
        }

        INDArray images(int n) {
            return Nb201Data.images(dataset, n);
        }
    }

    /**
     * Runs the benchmark (exit code 2 for a bad command line, 1 for a failure).
     *
     * @param args options, see the class comment; {@code --help} lists them
     */
    public static void main(String[] args) {
        Cli.main(new Command(args), args);
    }

    /** The command line (picocli, like every program of this module). */
    @CommandLine.Command(name = "Nb201Benchmark", sortOptions = false, usageHelpAutoWidth = true,
            description = "NEAR and the baseline proxies on the 1,000 bundled NAS-Bench-201 architectures.")
    static final class Command implements Callable<Integer> {
        private final String[] args;

        @Mixin
        Settings settings;
        @Mixin
        RunOptions run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        Command(String[] args) {
            this.args = args.clone();
        }

        @Override
        public Integer call() throws CliException {
            Settings s = settings;
            for (String t : s.tasks) {
                if (!TASKS.contains(t)) {
                    throw CliException.usage("unknown task '" + t + "'; known: " + String.join(", ", TASKS));
                }
            }
            Cli.atLeast("--images", s.images, 1);
            Cli.atLeast("--archs", s.archs, 1);
            s.range.check();
            Cli.atLeast("--channels", s.channels, 1);
            Cli.atLeast("--cells", s.cells, 1);
            if (s.dataset != Nb201Dataset.CIFAR10 && s.tasks.contains("report")) {
                throw CliException.usage("the report task covers cifar10; the other datasets are reported by"
                        + " PaperReport (run --tasks near,proxies here)");
            }
            s.command = "Nb201Benchmark " + String.join(" ", args);
            Nb201Benchmark.run(s);
            return 0;
        }
    }

    static void run(Settings s) {
        List<Nb201Data.Arch> all = Nb201Data.archs();
        List<Nb201Data.Arch> archs = all.subList(0, Math.min(all.size(), s.archs));
        for (String t : s.tasks) {
            switch (t) {
                case "near" -> near(s, archs);
                case "near23" -> near23(s, archs);
                case "xavier" -> xavier(s, archs.subList(0, Math.min(archs.size(), s.subsetXavier)));
                case "images" -> images(s, archs.subList(0, Math.min(archs.size(), s.subsetImages)));
                case "proxies" -> proxies(s, archs.subList(0, Math.min(archs.size(), s.subsetProxies)));
                case "report" -> {
                    Nb201Report.write(s, archs);
                    if (s.html != null) {
                        Nb201Html.write(s, archs);
                    }
                }
                default -> throw new IllegalStateException(t);
            }
        }
    }

    /** The CSV of a task: {@code <task>-<images>.csv} ({@code images.csv} for the image-count study). */
    static Path csv(Settings s, String task) {
        return csv(s.out, task, s.images);
    }

    static Path csv(Path out, String task, int images) {
        return out.resolve(task.equals("images") ? "images.csv" : task + "-" + images + ".csv");
    }

    /** One row per architecture of a task. */
    interface RowTask {
        List<String> row(Nb201Data.Arch a);
    }

    /** Runs a task over the architectures not yet in its CSV, within --from, --limit and --budget-seconds. */
    private static void each(Settings s, String task, List<String> header, List<Nb201Data.Arch> items, RowTask f) {
        List<String> h = new ArrayList<>(header);
        h.add("code");
        new ResumableCsv(csv(s, task), h).fill(task, s.range,
                "arch", items, a -> Integer.toString(a.arch()), f::row);
    }

    /** A path as the report links it: relative to the report's folder, with forward slashes. */
    static String relativeToReport(Settings s, Path target) {
        Path base = s.report.toAbsolutePath().getParent();
        return base.relativize(target.toAbsolutePath()).toString().replace('\\', '/');
    }

    static long seed(int arch, int repetition) {
        return arch + (long) REPETITION_SEED_STEP * (repetition - 1);
    }

    /** NEAR of one repetition: [value, seconds, matrices, zero matrices, logits erank]. */
    static double[] nearOnce(Settings s, Nb201Data.Arch a, WeightInit init, int repetition, INDArray x) {
        long seed = seed(a.arch(), repetition);
        ComputationGraph g = s.network(init, seed).graph(a.cell());
        NearScorer scorer = NearScorer.builder().repetitions(1).seed(seed).build();
        long t0 = System.nanoTime();
        NearResult r = scorer.score(g, x);
        double sec = (System.nanoTime() - t0) / 1e9;
        long zeros = r.matrices().stream().filter(m -> m.effectiveRank() == 0).count();
        double logits = r.matrices().stream().filter(m -> m.layerName().equals(Nb201Network.OUTPUT))
                .mapToDouble(MatrixScore::effectiveRank).sum();
        return new double[] {r.score(), sec, r.matrices().size(), zeros, logits};
    }

    private static void near(Settings s, List<Nb201Data.Arch> archs) {
        INDArray x = s.images(s.images);
        each(s, "near", List.of("arch", "near", "seconds", "matrices", "zero_matrices", "logits_erank", "images"),
                archs, a -> {
                    double[] r = nearOnce(s, a, WeightInit.UNIFORM, 1, x);
                    return List.of(Integer.toString(a.arch()), num(r[0]), sec(r[1]), Long.toString((long) r[2]),
                            Long.toString((long) r[3]), num(r[4]), Integer.toString(s.images));
                });
    }

    private static void near23(Settings s, List<Nb201Data.Arch> archs) {
        INDArray x = s.images(s.images);
        each(s, "near23", List.of("arch", "near_r2", "near_r3", "seconds"), archs, a -> {
            double[] r2 = nearOnce(s, a, WeightInit.UNIFORM, 2, x);
            double[] r3 = nearOnce(s, a, WeightInit.UNIFORM, 3, x);
            return List.of(Integer.toString(a.arch()), num(r2[0]), num(r3[0]), sec(r2[1] + r3[1]));
        });
    }

    private static void xavier(Settings s, List<Nb201Data.Arch> archs) {
        INDArray x = s.images(s.images);
        each(s, "xavier", List.of("arch", "near", "seconds"), archs, a -> {
            double[] r = nearOnce(s, a, WeightInit.XAVIER, 1, x);
            return List.of(Integer.toString(a.arch()), num(r[0]), sec(r[1]));
        });
    }

    private static void images(Settings s, List<Nb201Data.Arch> archs) {
        List<String> header = new ArrayList<>(List.of("arch"));
        for (int n : s.imageCounts) {
            header.add("near_" + n);
            header.add("seconds_" + n);
        }
        each(s, "images", header, archs, a -> {
            List<String> row = new ArrayList<>(List.of(Integer.toString(a.arch())));
            for (int n : s.imageCounts) {
                double[] r = nearOnce(s, a, WeightInit.UNIFORM, 1, s.images(n));
                row.add(num(r[0]));
                row.add(sec(r[1]));
            }
            return row;
        });
    }

    private static void proxies(Settings s, List<Nb201Data.Arch> archs) {
        DataSet batch = new DataSet(s.images(s.images), Nb201Data.labels(s.dataset, s.images));
        List<String> header = new ArrayList<>(List.of("arch"));
        for (String p : BASELINES) {
            header.add(p);
            header.add("seconds_" + p);
        }
        each(s, "proxies", header, archs, a -> {
            ComputationGraph g = s.network(WeightInit.UNIFORM, a.arch()).graph(a.cell());
            ProxyOptions o = ProxyOptions.of(NearScorer.builder().repetitions(1).seed(a.arch()).build());
            List<String> row = new ArrayList<>(List.of(Integer.toString(a.arch())));
            for (String p : BASELINES) {
                try {
                    ProxyResult r = ZeroCostProxies.byName(p, o).score(g, batch);
                    row.add(num(r.score()));
                    row.add(sec(r.elapsed().toNanos() / 1e9));
                } catch (RuntimeException e) {
                    log.warn("arch {}: {} failed: {}", a.arch(), p, e.toString());
                    row.add("NaN");
                    row.add("NaN");
                }
            }
            return row;
        });
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : Double.toString(v);
    }

    static String sec(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
