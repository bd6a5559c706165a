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
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.progress.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.proxy.NearProxy;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The proxy benchmark: scores every trained architecture of the architectures CSV (see {@link TrainArchitectures})
 * at initialisation (the same seed as in training, so repetition 1 sees exactly the weights training started
 * from) with NEAR and every baseline of {@link ZeroCostProxies}, and writes the scores CSV, scatter plots and the
 * report (see {@link BenchmarkReport}). Scores already in the scores CSV are reused, so an interrupted run can be
 * continued.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.accuracy.ProxyBenchmark \
 *      --archs docs/benchmark/architectures.csv --reruns docs/benchmark/reruns.csv \
 *      --scores docs/benchmark/proxy-scores.csv --report docs/BENCHMARK.md --plots docs/benchmark
 * }</pre>
 *
 * <p>Options: {@code --repetitions R} (3), {@code --batch N} (128: the batch of labelled training images every
 * baseline and {@code near_128} get), {@code --near-samples N} (1024: the images NEAR may read, in batches of
 * 128), {@code --train-seed S} (42: the training seed, selects CSV rows and builds the networks), {@code --seed S}
 * (1: the proxies' own random choices), {@code --only a,b}, {@code --proxies p,q} (default: all),
 * {@code --report-only}, {@code --html FILE}, {@code --quiet}; {@code --help} lists them.
 */
public final class ProxyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ProxyBenchmark.class);

    /** Columns of the scores CSV. */
    static final List<String> SCORE_HEADER = List.of("name", "family", "proxy", "value", "std", "repetitions",
            "samples", "seconds", "values");

    private ProxyBenchmark() {
    }

    /** The settings of one benchmark run. */
    /**
     * What one run reads, scores and writes: the command line's options (a picocli mixin of {@link Command}, so the
     * options and their defaults are written once) plus what the command derives; tests fill it directly.
     */
    static final class Settings {
        @Option(names = "--archs", paramLabel = "FILE.csv", description = "trained architectures (default"
                + " docs/benchmark/architectures.csv)")
        Path archs = Paths.get("docs/benchmark/architectures.csv");
        @Option(names = "--reruns", paramLabel = "FILE.csv", description = "re-runs with another training seed"
                + " (default docs/benchmark/reruns.csv)")
        Path reruns = Paths.get("docs/benchmark/reruns.csv");
        @Option(names = "--scores", paramLabel = "FILE.csv", description = "proxy scores, appended (default"
                + " docs/benchmark/proxy-scores.csv)")
        Path scores = Paths.get("docs/benchmark/proxy-scores.csv");
        @Option(names = "--report", paramLabel = "FILE.md", description = "the report (default docs/BENCHMARK.md)")
        Path report = Paths.get("docs/BENCHMARK.md");
        @Option(names = "--html", paramLabel = "FILE.html", description = "also a self-contained HTML report")
        Path html = null;
        @Option(names = "--plots", paramLabel = "DIR", description = "scatter plots (default docs/benchmark)")
        Path plots = Paths.get("docs/benchmark");
        @Option(names = "--repetitions", paramLabel = "R", description = "repetitions of every proxy (default 3)")
        int repetitions = 3;
        @Option(names = "--batch", paramLabel = "N", description = "labelled images every baseline gets (default 128)")
        int batch = 128;
        @Option(names = "--near-samples", paramLabel = "N", description = "images NEAR may read, in batches of 128"
                + " (default 1024)")
        int nearSamples = 1024;
        @Option(names = "--train-seed", paramLabel = "S", description = "the training seed: selects the CSV rows and"
                + " builds the networks (default 42)")
        long seed = 42;
        @Option(names = "--seed", paramLabel = "S", description = "seed of the proxies' random choices (NEAR: block"
                + " choice and fresh initialisations; default 1)")
        long proxySeed = 1;
        @Option(names = "--only", paramLabel = "NAME,...", split = ",", description = "only these architectures")
        List<String> only = null;
        @Option(names = "--proxies", paramLabel = "P,...", split = ",", description = "only these proxies")
        List<String> proxies = null;
        @Option(names = "--report-only", description = "score nothing, rewrite the report from the CSVs")
        boolean reportOnly = false;
        /** Progress display (from {@code --quiet} and the terminal). */
        Progress.Mode progress = Progress.Mode.NONE;
        /** The command line, for the report. */
        String command = "";
    }

    public static void main(String[] args) {
        Cli.main(new Command(args), args);
    }

    /** The command line of the benchmark (picocli, like every program of this module). */
    @picocli.CommandLine.Command(name = "ProxyBenchmark", sortOptions = false, usageHelpAutoWidth = true,
            description = "NEAR and the baseline zero-cost proxies against the trained accuracies.")
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
            Cli.atLeast("--repetitions", s.repetitions, 1);
            Cli.atLeast("--batch", s.batch, 1);
            Cli.atLeast("--near-samples", s.nearSamples, 1);
            s.progress = Progress.Mode.detect(run.quiet());
            s.command = "ProxyBenchmark " + String.join(" ", args);
            ProxyBenchmark.run(s);
            return 0;
        }
    }

    /** The proxies of the benchmark, by label: NEAR (on up to near-samples images), NEAR on one batch, the baselines. */
    static List<Labelled> proxies(Settings s) {
        NearScorer scorer = NearScorer.builder().repetitions(s.repetitions).seed(s.proxySeed).build();
        ProxyOptions o = ProxyOptions.of(scorer);
        NearProxy near = new NearProxy(scorer);
        List<Labelled> l = new ArrayList<>();
        l.add(new Labelled("near", near, true));
        l.add(new Labelled("near_" + s.batch, near, false));
        for (ZeroCostProxy p : ZeroCostProxies.all(o)) {
            if (!p.name().equals("near")) {
                l.add(new Labelled(p.name(), p, false));
            }
        }
        if (s.proxies != null) {
            l.removeIf(p -> !s.proxies.contains(p.label));
        }
        return l;
    }

    /** A proxy under the name it has in the benchmark, and whether it reads the whole iterator. */
    static final class Labelled {
        final String label;
        final ZeroCostProxy proxy;
        final boolean iterator;

        Labelled(String label, ZeroCostProxy proxy, boolean iterator) {
            this.label = label;
            this.proxy = proxy;
            this.iterator = iterator;
        }
    }

    static void run(Settings s) {
        List<Map<String, String>> archs = CsvTable.read(s.archs).rows().stream()
                .filter(r -> Long.parseLong(r.get("seed")) == s.seed)
                .filter(r -> s.only == null || s.only.contains(r.get("name")))
                .collect(Collectors.toList());
        List<Labelled> proxies = proxies(s);
        if (!s.reportOnly) {
            score(s, archs, proxies);
        }
        BenchmarkReport.write(s, archs, proxies.stream().map(p -> p.label).collect(ImmutableList.toImmutableList()),
                proxies.stream().map(p -> p.proxy).collect(ImmutableList.toImmutableList()));
    }

    private static void score(Settings s, List<Map<String, String>> archs, List<Labelled> proxies) {
        Set<String> done = new HashSet<>();
        for (Map<String, String> r : CsvTable.read(s.scores).rows()) {
            done.add(r.get("name") + "/" + r.get("proxy"));
        }
        DataSet data = FashionMnist.load(FashionMnist.Split.TRAIN, Math.max(s.batch, s.nearSamples));
        DataSet batch = (DataSet) data.getRange(0, s.batch);
        DataSet nearData = (DataSet) data.getRange(0, s.nearSamples);
        int i = 0;
        try (Progress progress = Progress.start("proxies", "architectures", archs.size(), s.progress, System.err)) {
        for (Map<String, String> a : archs) {
            i++;
            progress.stepTo(i - 1);
            String name = a.get("name");
            Model net = null;
            for (Labelled p : proxies) {
                if (done.contains(name + "/" + p.label)) {
                    continue;
                }
                if (net == null) {
                    net = SearchSpace.byName(name).build(s.seed);
                }
                ProxyResult r = p.iterator ? p.proxy.score(net, new ViewIterator(nearData, 128))
                        : p.proxy.score(net, batch);
                CsvTable.append(s.scores, SCORE_HEADER, List.of(name, a.get("family"), p.label, num(r.score()),
                        num(r.standardDeviation()), Integer.toString(r.repetitions()), Long.toString(r.samples()),
                        String.format(Locale.ROOT, "%.4f", r.elapsed().toNanos() / 1e9),
                        r.scores().stream().map(ProxyBenchmark::num).collect(Collectors.joining(";"))));
                log.info("[{}/{}] {} {} = {} ({} ms)", i, archs.size(), name, p.label, num(r.score()),
                        r.elapsed().toMillis());
            }
        }
        progress.stepTo(archs.size());
        }
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : Double.toString(v);
    }
}
