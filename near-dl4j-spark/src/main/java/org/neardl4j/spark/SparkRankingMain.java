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
package org.neardl4j.spark;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.ScoringOptions;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.io.NpyFiles;
import org.neardl4j.data.Cifar10;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.RankingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code spark-submit} entry point: ranks a list of candidates on the cluster and writes the resumable output of
 * {@link SparkRanking}. Options as {@code near-cli rank} names them ({@code --input}, {@code --max-samples},
 * {@code --repetitions}, {@code --seed}, {@code --block}, {@code --quiet}, {@code --verbose}); exit codes and error
 * messages as {@code near-cli}'s. See {@code docs/SPARK.md}.
 *
 * <pre>{@code
 * spark-submit --class org.neardl4j.spark.SparkRankingMain near-dl4j-spark-all.jar \
 *     --nb201 all --max-samples 10 --repetitions 1 --out hdfs://namenode:8020/near/nb201
 * }</pre>
 */
@Command(name = "near-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ranks candidate networks by NEAR on Apache Spark; results go to a resumable directory of CSV"
                + " files on any Hadoop file system.")
public final class SparkRankingMain implements Callable<Integer> {

    @Option(names = "--candidates", paramLabel = "FILE",
            description = "CSV lines name,kind,value: kind nb201 (value: the cell), json (value: a file holding a "
                    + "MultiLayerConfiguration or ComputationGraphConfiguration JSON) or model (value: a ModelSerializer"
                    + " zip every executor can read); an optional header line name,kind,value; # starts a comment")
    Path candidates;

    @Option(names = "--nb201", paramLabel = "N|all|CELL|FILE",
            description = "instead of --candidates, NAS-Bench-201 CIFAR-10 networks named by their cell string: N cells"
                    + " spread evenly over the space, all 15,625, one cell string, or a file of them (one per line, or"
                    + " a CSV with a cellstr column); without --input scored on the bundled CIFAR-10 test images")
    String nb201;

    @Option(names = "--input", paramLabel = "FILE.npy",
            description = "input array shaped as the networks' input, samples first; one per network input"
                    + " (repeatable)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--normalise", paramLabel = "none|cifar10", defaultValue = "none",
            description = "cifar10: --input holds 0..255 NCHW images, normalised as NAS-Bench-201 trains (default:"
                    + " none)")
    String normalise;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--fresh-weights", description = "every repetition on fresh weights (networks from files)")
    boolean freshWeights;

    @Option(names = "--partitions", paramLabel = "P", description = "Spark tasks (default: one per candidate)")
    Integer partitions;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "the resumable output: a directory of CSV part files, a path or a file://, hdfs:// or s3a://"
                    + " URI (Hadoop FileSystem); a restarted job skips the candidates it holds")
    String out;

    @Option(names = "--flush-seconds", paramLabel = "S", defaultValue = "30",
            description = "results wait at most S seconds on the driver before they are written (default 30)")
    int flushSeconds;

    @Option(names = "--limit", paramLabel = "N",
            description = "score at most N candidates not yet in --out, then stop (run again to continue)")
    Integer limit;

    @Option(names = "--retry-failures", description = "score again the candidates that failed in --out")
    boolean retryFailures;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit, e.g. local[2] or spark://host:7077")
    String master;

    @Option(names = "--no-spark", description = "rank in this JVM with ArchitectureRanking instead (same output"
            + " format; for comparisons)")
    boolean noSpark;

    @Option(names = "--accuracies", paramLabel = "FILE.csv", description = "name,value lines of a measured metric"
            + " (higher is better): Spearman's rho, Kendall's tau and the top-k overlap with the ranking")
    Path accuracies;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "also write the ranking (with --accuracies, the"
            + " metric too) as CSV")
    Path csv;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "candidates printed (default 10)")
    int top;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line ({@code near-cli}'s exit codes: 0 success, 1 bad input, 2 usage).
     *
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        Cli.main(new SparkRankingMain(), args);
    }

    /**
     * Ranks the candidates and prints the top of the ranking, the failures and the figures of the run.
     *
     * @return the exit code: 0 on success
     * @throws Exception when the inputs cannot be read
     */
    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<SparkCandidate> list = readCandidates();
        INDArray[] x = readProbe();
        NearScorer scorer = NearScorer.builder().repetitions(scoring.repetitions(3)).seed(scoring.seed())
                .blockMode(scoring.block()).build();
        SparkRanking.Builder b = SparkRanking.builder()
                .ranking(ArchitectureRanking.builder().scorer(scorer).freshWeights(freshWeights).build()).output(out)
                .flushInterval(Duration.ofSeconds(Cli.atLeast("--flush-seconds", flushSeconds, 0)))
                .retryFailures(retryFailures);
        if (partitions != null) {
            b.partitions((int) Cli.atLeast("--partitions", partitions, 1));
        }
        if (limit != null) {
            b.limit((int) Cli.atLeast("--limit", limit, 1));
        }
        SparkRanking ranking = b.build();
        AtomicLong tasks = new AtomicLong();
        AtomicLong taskMillis = new AtomicLong();
        AtomicLong runMillis = new AtomicLong();
        long t0 = System.nanoTime();
        RankingResult result;
        Set<String> before;
        ResultStore store;
        if (noSpark) {
            store = new ResultStore(out, new Configuration(), ranking.flushMillis());
            before = store.read().keySet();
            result = localRanking(ranking, store, list, x);
        } else {
            SparkConf conf = new SparkConf().setAppName("near-dl4j ranking")
                    .setIfMissing("spark.log.level", run.verbose() ? "INFO" : "WARN");
            if (master != null) {
                conf.setMaster(master);
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                store = new ResultStore(out, sc.hadoopConfiguration(), ranking.flushMillis());
                before = store.read().keySet();
                int pending = (int) list.stream().filter(c -> !before.contains(c.name())).count();
                sc.sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        long n = tasks.incrementAndGet();
                        taskMillis.addAndGet(end.taskInfo().duration());
                        if (end.taskMetrics() != null) {
                            runMillis.addAndGet(end.taskMetrics().executorRunTime());
                        }
                        if (!run.quiet() && (n % 100 == 0 || n == pending)) {
                            stderr.printf(Locale.ROOT, "%d task(s) done, %.0f s%n", n,
                                    (System.nanoTime() - t0) / 1e9);
                        }
                    }
                });
                result = ranking.rank(sc, list, x);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (accuracies != null) {
            try {
                result = result.withMetric("accuracy", RankingResult.readMetricCsv(accuracies));
            } catch (IOException | RuntimeException e) {
                throw CliException.badInput("--accuracies " + accuracies + ": " + CliException.oneLine(e), e);
            }
        }
        if (csv != null) {
            try {
                result.writeCsv(csv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + csv + ": " + CliException.oneLine(e), e);
            }
        }
        int fresh = 0;
        double scoring = 0;
        for (CSVRecord r : store.rows()) {
            if (!before.contains(r.get("name"))) {
                fresh++;
                scoring += Double.parseDouble(r.get("seconds"));
            }
        }
        stdout.println(top(result, top));
        for (var f : result.failures()) {
            stdout.println("failed: " + f);
        }
        result.correlation().ifPresent(c -> stdout.println("against " + accuracies + ": " + c));
        int inOut = result.entries().size() + result.failures().size();
        stdout.printf(Locale.ROOT, "candidates %d: ranked %d, failed %d, scored in this run %d, left for the next"
                        + " run %d (output %s)%n", list.size(), result.entries().size(), result.failures().size(),
                fresh, list.size() - inOut, store.location());
        stdout.printf(Locale.ROOT, "wall %.1f s, %.1f candidates/min (this run), scoring time of the candidates"
                + " %.1f s%n", wall, fresh / wall * 60, scoring);
        if (tasks.get() > 0) {
            stdout.printf(Locale.ROOT, "spark: %d task(s), task time %.1f s (executor run time %.1f s); per task:"
                            + " %.1f ms outside the executor, %.1f ms in the executor besides scoring%n", tasks.get(),
                    taskMillis.get() / 1e3, runMillis.get() / 1e3,
                    (taskMillis.get() - runMillis.get()) / (double) tasks.get(),
                    (runMillis.get() / 1e3 - scoring) * 1e3 / tasks.get());
        }
        stdout.printf(Locale.ROOT, "memory: peak RSS %s MiB, peak heap %.0f MiB, ND4J threads %d%n", peakRssMiB(),
                peakHeapMiB(), Nd4j.getEnvironment().maxThreads());
        return 0;
    }

    private RankingResult localRanking(SparkRanking ranking, ResultStore store, List<SparkCandidate> list,
                                       INDArray[] x) throws IOException {
        Map<String, RankingResult> done = store.read();
        ranking.checkOptions(done);
        List<RankingResult> parts = new ArrayList<>();
        var local = ranking.local();
        int scored = 0;
        try {
            for (SparkCandidate c : list) {
                RankingResult p = done.get(c.name());
                if (p == null || (retryFailures && !p.failures().isEmpty())) {
                    if (limit != null && scored >= limit) {
                        continue;
                    }
                    long t = System.nanoTime();
                    p = local.rank(List.of(c.toCandidate()), x);
                    store.add(p, (System.nanoTime() - t) / 1e9, 0, "driver", "local");
                    scored++;
                }
                parts.add(p);
            }
        } finally {
            store.flush();
        }
        return RankingResult.merge(parts);
    }

    /**
     * {@code n} cells spread evenly over {@code all}: positions {@code floor(i * size / n)}.
     *
     * @param all the cells in a fixed order
     * @param n   how many, 1..size
     * @return the chosen cells, in order
     */
    static List<Nb201Cell> spread(List<Nb201Cell> all, int n) {
        List<Nb201Cell> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }

    private List<SparkCandidate> readCandidates() throws Exception {
        if ((candidates == null) == (nb201 == null)) {
            throw CliException.usage("give exactly one of --candidates, --nb201");
        }
        List<SparkCandidate> list = new ArrayList<>();
        if (nb201 != null) {
            List<Nb201Cell> all = Nb201Cell.all();
            List<Nb201Cell> cells;
            if (nb201.equals("all")) {
                cells = all;
            } else if (nb201.matches("\\d+")) {
                long n = Cli.atLeast("--nb201", Long.parseLong(nb201), 1);
                if (n > all.size()) {
                    throw CliException.usage("--nb201: the space has " + all.size() + " cells, got " + n);
                }
                cells = spread(all, (int) n);
            } else {
                try {
                    cells = Nb201Sources.cells(nb201);
                } catch (InvalidInputException e) {
                    throw CliException.badInput(e.getMessage(), e);
                }
            }
            Set<String> seen = new HashSet<>();
            for (Nb201Cell cell : cells) {
                if (seen.add(cell.toString())) {
                    list.add(SparkCandidate.ofNb201(cell.toString(), cell.toString()));
                }
            }
            return list;
        }
        if (!Files.isRegularFile(candidates)) {
            throw CliException.badInput("--candidates " + candidates + ": file not found");
        }
        try (Reader in = Files.newBufferedReader(candidates, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                     .setTrim(true).build().parse(in)) {
            for (CSVRecord r : parser) {
                if (r.getRecordNumber() == 1 && r.size() >= 3 && r.get(0).equals("name") && r.get(1).equals("kind")) {
                    continue;
                }
                if (r.size() != 3) {
                    throw CliException.badInput(candidates + " line " + r.getRecordNumber()
                            + ": expected name,kind,value, got " + r.size() + " field(s)");
                }
                String name = r.get(0);
                String value = r.get(2);
                switch (r.get(1)) {
                    case "nb201":
                        list.add(SparkCandidate.ofNb201(name, value));
                        break;
                    case "json":
                        list.add(SparkCandidate.ofJson(name, Files.readString(Path.of(value), StandardCharsets.UTF_8)));
                        break;
                    case "model":
                        list.add(SparkCandidate.ofModelFile(name, value));
                        break;
                    default:
                        throw CliException.badInput(candidates + " line " + r.getRecordNumber() + ": unknown kind '"
                                + r.get(1) + "' (nb201, json or model)");
                }
            }
        }
        if (list.isEmpty()) {
            throw CliException.badInput("--candidates " + candidates + " names no candidate");
        }
        return list;
    }

    private INDArray[] readProbe() throws CliException {
        long max = scoring.maxSamples();
        if (inputs.isEmpty()) {
            if (nb201 == null) {
                throw CliException.usage("--candidates needs at least one --input FILE.npy");
            }
            if (!normalise.equals("none")) {
                throw CliException.usage("--normalise applies to --input; the bundled images are normalised");
            }
            int n = (int) Math.min(max, 512);
            return new INDArray[] {Nb201Sources.bundledImages(max == Long.MAX_VALUE ? Nb201Sources.DEFAULT_IMAGES : n,
                    DataType.FLOAT)};
        }
        if (!normalise.equals("none") && !normalise.equals("cifar10")) {
            throw CliException.usage("--normalise: none or cifar10, got '" + normalise + "'");
        }
        List<INDArray> raw = new ArrayList<>();
        for (Path p : inputs) {
            try {
                raw.add(NpyFiles.read(p));
            } catch (InvalidInputException e) {
                throw CliException.badInput(e.getMessage(), e);
            }
        }
        List<INDArray> cut = ScoringOptions.firstSamples(raw, max);
        INDArray[] x = new INDArray[cut.size()];
        for (int i = 0; i < x.length; i++) {
            INDArray a = cut.get(i);
            if (normalise.equals("cifar10")) {
                a = Cifar10.normalise(a, DataType.FLOAT);
            } else if (!a.dataType().isFPType()) {
                a = a.castTo(DataType.FLOAT);
            }
            x[i] = a;
        }
        return x;
    }

    private static String top(RankingResult r, int k) {
        String table = r.toString();
        String[] lines = table.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i <= k || !lines[i].matches("\\s*\\d+\\s.*")) {
                if (!lines[i].startsWith("failed: ")) {
                    sb.append(lines[i]).append('\n');
                }
            }
        }
        return sb.toString().trim();
    }

    private static String peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }

    private static double peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }
}
