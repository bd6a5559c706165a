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

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The NAS-Bench-101 benchmark: scores the 200 bundled NAS-Bench-101 cells ({@link Nb201Data#nb101()}) at
 * initialisation with NEAR (and, optionally, the baselines) on the bundled CIFAR-10 images with NAS-Bench-101's
 * normalisation, one CSV row per cell; rows already in the CSV are skipped, so the run can be cut into chunks and
 * resumed. {@link PaperReport} turns the CSVs into the paper's tables.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.nb201.Nb101Benchmark \
 *      --tasks near --budget-seconds 420 --code-version $(git rev-parse --short HEAD)
 * }</pre>
 *
 * <p>Tasks: {@code near}: NEAR, 1 repetition, the network initialised with seed = the row id ({@code UNIFORM},
 * PyTorch's distribution), block seed the same, on the first {@code --images} (64) images as one batch, as the
 * authors' package was run on these rows; {@code proxies}: the baselines of {@link ZeroCostProxies} on the same
 * batch with labels, on the first {@code --subset-proxies} rows. Options {@code --rows N}, {@code --from K},
 * {@code --limit N}, {@code --budget-seconds S}, {@code --stem C} and {@code --cells-per-stack N} (network options;
 * NAS-Bench-101's are 128 and 3), {@code --out DIR} (docs/paper/nb101), {@code --code-version V}.
 */
public final class Nb101Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Nb101Benchmark.class);

    /** The tasks in their default order. */
    static final List<String> TASKS = List.of("near", "proxies");

    private Nb101Benchmark() {
    }

    /** The command line's options (a picocli mixin). */
    static final class Settings {
        @Option(names = "--tasks", paramLabel = "T,...", split = ",", description = "near, proxies (default near)")
        List<String> tasks = List.of("near");
        @Option(names = "--out", paramLabel = "DIR", description = "the CSV files (default docs/paper/nb101)")
        Path out = Paths.get("docs/paper/nb101");
        @Option(names = "--images", paramLabel = "N", description = "images NEAR and the baselines get (default 64)")
        int images = 64;
        @Option(names = "--rows", paramLabel = "N", description = "only the first N rows of the table")
        int rows = Integer.MAX_VALUE;
        @Option(names = "--subset-proxies", paramLabel = "N", description = "rows of the proxies task (default 200)")
        int subsetProxies = 200;
        @Option(names = "--stem", paramLabel = "C", description = "stem channels (default 128)")
        int stem = 128;
        @Option(names = "--cells-per-stack", paramLabel = "N", description = "cells per stack (default 3)")
        int cellsPerStack = 3;
        @Mixin
        ResumableCsv.Range range = new ResumableCsv.Range();

        Nb101Network network(long seed) {
            return Nb101Network.builder().stemChannels(stem).cellsPerStack(cellsPerStack).initialisation(Initialisation.seeded(seed)).build();
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

    /** The command line. */
    @CommandLine.Command(name = "Nb101Benchmark", sortOptions = false, usageHelpAutoWidth = true,
            description = "NEAR and the baseline proxies on the 200 bundled NAS-Bench-101 cells.")
    static final class Command implements Callable<Integer> {
        @Mixin
        Settings settings;
        @Mixin
        RunOptions run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        Command(String[] args) {
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
            Cli.atLeast("--rows", s.rows, 1);
            s.range.check();
            Cli.atLeast("--stem", s.stem, 1);
            Cli.atLeast("--cells-per-stack", s.cellsPerStack, 1);
            run(s);
            return 0;
        }
    }

    static void run(Settings s) {
        List<Nb201Data.Nb101Row> all = Nb201Data.nb101();
        List<Nb201Data.Nb101Row> rows = all.subList(0, Math.min(all.size(), s.rows));
        for (String t : s.tasks) {
            if (t.equals("near")) {
                near(s, rows);
            } else {
                proxies(s, rows.subList(0, Math.min(rows.size(), s.subsetProxies)));
            }
        }
    }

    /** The CSV of a task. */
    static Path csv(Settings s, String task) {
        return s.out.resolve(task + "-" + s.images + ".csv");
    }

    private interface RowTask {
        List<String> row(Nb201Data.Nb101Row r);
    }

    /** Runs a task over the rows not yet in its CSV, within --from, --limit and --budget-seconds. */
    private static void each(Settings s, String task, List<String> header, List<Nb201Data.Nb101Row> items, RowTask f) {
        List<String> h = new ArrayList<>(header);
        h.add("code");
        new ResumableCsv(csv(s, task), h).fill(task, s.range,
                "id", items, r -> Integer.toString(r.id()), f::row);
    }

    private static void near(Settings s, List<Nb201Data.Nb101Row> rows) {
        INDArray x = Nb201Data.nb101Images(s.images);
        each(s, "near", List.of("id", "near", "seconds", "matrices", "zero_matrices", "params", "images"), rows, r -> {
            Nb101Network nb = s.network(r.id());
            ComputationGraph g = nb.graph(r.cell());
            NearScorer scorer = NearScorer.builder().repetitions(1).seed(r.id()).build();
            long t0 = System.nanoTime();
            NearResult res = scorer.score(g, x);
            double sec = (System.nanoTime() - t0) / 1e9;
            long zeros = res.matrices().stream().filter(m -> m.effectiveRank() == 0).count();
            return List.of(Integer.toString(r.id()), Nb201Benchmark.num(res.score()), Nb201Benchmark.sec(sec),
                    Integer.toString(res.matrices().size()), Long.toString(zeros),
                    Long.toString(nb.parameterCount(r.cell())), Integer.toString(s.images));
        });
    }

    private static void proxies(Settings s, List<Nb201Data.Nb101Row> rows) {
        INDArray x = Nb201Data.nb101Images(s.images);
        DataSet batch = new DataSet(x, Nb201Data.labels(s.images));
        List<String> header = new ArrayList<>(List.of("id"));
        for (String p : Nb201Benchmark.BASELINES) {
            header.add(p);
            header.add("seconds_" + p);
        }
        each(s, "proxies", header, rows, r -> {
            ComputationGraph g = s.network(r.id()).graph(r.cell());
            ProxyOptions o = ProxyOptions.of(NearScorer.builder().repetitions(1).seed(r.id()).build());
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.id())));
            for (String p : Nb201Benchmark.BASELINES) {
                try {
                    ProxyResult res = ZeroCostProxies.byName(p, o).score(g, batch);
                    row.add(Nb201Benchmark.num(res.score()));
                    row.add(Nb201Benchmark.sec(res.elapsed().toNanos() / 1e9));
                } catch (RuntimeException e) {
                    log.warn("id {}: {} failed: {}", r.id(), p, e.toString());
                    row.add("NaN");
                    row.add("NaN");
                }
            }
            return row;
        });
    }
}
