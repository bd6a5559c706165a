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
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.data.Cifar10;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.RankingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code spark-submit} entry point: ranks a list of candidates on the cluster and writes the resumable CSV of
 * {@link SparkRanking}. See {@code docs/SPARK.md}.
 *
 * <pre>{@code
 * spark-submit --class org.neardl4j.spark.SparkRankingMain near-dl4j-spark-all.jar \
 *     --candidates candidates.csv --probe cifar10.npy --normalise cifar10 --samples 64 \
 *     --repetitions 3 --seed 1 --output /shared/near/ranking.csv
 * }</pre>
 */
@Command(name = "near-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ranks candidate networks by NEAR on Apache Spark; results go to a resumable CSV file.")
public final class SparkRankingMain implements Callable<Integer> {

    @Option(names = "--candidates", paramLabel = "FILE",
            description = "CSV lines name,kind,value: kind nb201 (value: the cell), json (value: a file holding a "
                    + "MultiLayerConfiguration or ComputationGraphConfiguration JSON) or model (value: a ModelSerializer"
                    + " zip every executor can read); an optional header line name,kind,value; # starts a comment")
    Path candidates;

    @Option(names = "--nb201", paramLabel = "N|all",
            description = "instead of --candidates: the first N NB201 cells (or all 15,625) in Nb201Cell.all() order,"
                    + " named cell-<position>")
    String nb201;

    @Option(names = "--probe", paramLabel = "FILE.npy", required = true,
            description = "probe inputs (one per network input), samples first")
    List<Path> probe;

    @Option(names = "--normalise", paramLabel = "none|cifar10", defaultValue = "none",
            description = "cifar10: 0..255 NCHW images to NAS-Bench-201's normalised floats (default: none)")
    String normalise;

    @Option(names = "--samples", paramLabel = "N", description = "use only the first N samples of the probe")
    Integer samples;

    @Option(names = "--repetitions", paramLabel = "R", defaultValue = "3", description = "repetitions (default 3)")
    int repetitions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "12345", description = "seed (default 12345)")
    long seed;

    @Option(names = "--block", paramLabel = "first|random", defaultValue = "random",
            description = "block choice (default random)")
    String block;

    @Option(names = "--fresh-weights", description = "every repetition on fresh weights (networks from files)")
    boolean freshWeights;

    @Option(names = "--partitions", paramLabel = "P", description = "Spark tasks (default: one per candidate)")
    Integer partitions;

    @Option(names = "--output", paramLabel = "FILE.csv", required = true,
            description = "the resumable result file (on the driver); a restarted job skips what it holds")
    Path output;

    @Option(names = "--retry-failures", description = "score again the candidates that failed in the output file")
    boolean retryFailures;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit, e.g. local[2]")
    String master;

    @Option(names = "--no-spark", description = "rank in this JVM with ArchitectureRanking instead (same output"
            + " file format; for comparisons)")
    boolean noSpark;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "candidates printed (default 10)")
    int top;

    /**
     * Runs the command line.
     *
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkRankingMain()).execute(args));
    }

    /**
     * Ranks the candidates and prints the top of the ranking, the failures and the figures of the run.
     *
     * @return the exit code: 0 on success
     * @throws Exception when the inputs cannot be read
     */
    @Override
    public Integer call() throws Exception {
        List<SparkCandidate> list = readCandidates();
        INDArray[] x = readProbe();
        NearScorer scorer = NearScorer.builder().repetitions(repetitions).seed(seed)
                .blockMode(BlockMode.valueOf(block.toUpperCase(Locale.ROOT))).build();
        SparkRanking.Builder b = SparkRanking.builder()
                .ranking(ArchitectureRanking.builder().scorer(scorer).freshWeights(freshWeights).build()).output(output)
                .retryFailures(retryFailures);
        if (partitions != null) {
            b.partitions(partitions);
        }
        SparkRanking ranking = b.build();
        Set<String> before = namesIn(output);
        AtomicLong tasks = new AtomicLong();
        AtomicLong taskMillis = new AtomicLong();
        AtomicLong runMillis = new AtomicLong();
        long t0 = System.nanoTime();
        RankingResult result;
        if (noSpark) {
            result = localRanking(ranking, list, x);
        } else {
            SparkConf conf = new SparkConf().setAppName("near-dl4j ranking");
            if (master != null) {
                conf.setMaster(master);
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        tasks.incrementAndGet();
                        taskMillis.addAndGet(end.taskInfo().duration());
                        if (end.taskMetrics() != null) {
                            runMillis.addAndGet(end.taskMetrics().executorRunTime());
                        }
                    }
                });
                result = ranking.rank(sc, list, x);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double scoring = secondsOfNewRows(output, before);
        int fresh = countNew(output, before);
        System.out.println(top(result, top));
        for (var f : result.failures()) {
            System.out.println("failed: " + f);
        }
        System.out.printf(Locale.ROOT, "candidates %d: ranked %d, failed %d, scored in this run %d%n", list.size(),
                result.entries().size(), result.failures().size(), fresh);
        System.out.printf(Locale.ROOT, "wall %.1f s, %.1f candidates/min (this run), scoring time of the candidates"
                + " %.1f s%n", wall, fresh / wall * 60, scoring);
        if (tasks.get() > 0) {
            System.out.printf(Locale.ROOT, "spark: %d task(s), task time %.1f s (executor run time %.1f s); per task:"
                            + " %.1f ms outside the executor, %.1f ms in the executor besides scoring%n", tasks.get(),
                    taskMillis.get() / 1e3, runMillis.get() / 1e3,
                    (taskMillis.get() - runMillis.get()) / (double) tasks.get(),
                    (runMillis.get() / 1e3 - scoring) * 1e3 / tasks.get());
        }
        System.out.printf(Locale.ROOT, "memory: peak RSS %s MiB, peak heap %.0f MiB, ND4J threads %d%n", peakRssMiB(),
                peakHeapMiB(), Nd4j.getEnvironment().maxThreads());
        return 0;
    }

    private RankingResult localRanking(SparkRanking ranking, List<SparkCandidate> list, INDArray[] x)
            throws IOException {
        ResultFile file = new ResultFile(output);
        Map<String, RankingResult> done = file.read();
        file.open();
        List<RankingResult> parts = new ArrayList<>();
        var local = ranking.local();
        for (SparkCandidate c : list) {
            RankingResult p = done.get(c.name());
            if (p == null || (retryFailures && !p.failures().isEmpty())) {
                long t = System.nanoTime();
                p = local.rank(List.of(c.toCandidate()), x);
                file.append(p, (System.nanoTime() - t) / 1e9, 0, "local");
            }
            parts.add(p);
        }
        return RankingResult.merge(parts);
    }

    private List<SparkCandidate> readCandidates() throws IOException {
        if ((candidates == null) == (nb201 == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give exactly one of --candidates, --nb201");
        }
        List<SparkCandidate> list = new ArrayList<>();
        if (nb201 != null) {
            List<Nb201Cell> cells = Nb201Cell.all();
            int n = nb201.equals("all") ? cells.size() : Math.min(cells.size(), Integer.parseInt(nb201));
            for (int i = 0; i < n; i++) {
                list.add(SparkCandidate.ofNb201("cell-" + i, cells.get(i).toString()));
            }
            return list;
        }
        try (Reader in = Files.newBufferedReader(candidates, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                     .setTrim(true).build().parse(in)) {
            for (CSVRecord r : parser) {
                if (r.getRecordNumber() == 1 && r.size() >= 3 && r.get(0).equals("name") && r.get(1).equals("kind")) {
                    continue;
                }
                if (r.size() != 3) {
                    throw new IllegalArgumentException(candidates + " line " + r.getRecordNumber()
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
                        throw new IllegalArgumentException(candidates + " line " + r.getRecordNumber() + ": unknown kind '"
                                + r.get(1) + "' (nb201, json or model)");
                }
            }
        }
        return list;
    }

    private INDArray[] readProbe() {
        INDArray[] x = new INDArray[probe.size()];
        for (int i = 0; i < x.length; i++) {
            INDArray a = Nd4j.createFromNpyFile(probe.get(i).toFile());
            if (samples != null) {
                INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
                idx[0] = NDArrayIndex.interval(0, Math.min(samples, a.size(0)));
                for (int k = 1; k < idx.length; k++) {
                    idx[k] = NDArrayIndex.all();
                }
                a = a.get(idx).dup();
            }
            if (normalise.equals("cifar10")) {
                a = Cifar10.normalise(a, DataType.FLOAT);
            } else if (!normalise.equals("none")) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--normalise: none or cifar10");
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

    private static Set<String> namesIn(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        for (CSVRecord r : rows(file)) {
            names.add(r.get("name"));
        }
        return names;
    }

    private static int countNew(Path file, Set<String> before) throws IOException {
        int n = 0;
        for (CSVRecord r : rows(file)) {
            n += before.contains(r.get("name")) ? 0 : 1;
        }
        return n;
    }

    private static double secondsOfNewRows(Path file, Set<String> before) throws IOException {
        double s = 0;
        for (CSVRecord r : rows(file)) {
            if (!before.contains(r.get("name"))) {
                s += Double.parseDouble(r.get("seconds"));
            }
        }
        return s;
    }

    private static List<CSVRecord> rows(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            List<CSVRecord> out = new ArrayList<>();
            for (CSVRecord r : p) {
                if (r.isConsistent()) {
                    out.add(r);
                }
            }
            return out;
        }
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
