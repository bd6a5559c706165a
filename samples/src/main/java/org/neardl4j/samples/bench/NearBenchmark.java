package org.neardl4j.samples.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.rank.EffectiveRank.Method;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * NEAR's speed and memory next to the forward pass alone, on any ND4J backend.
 *
 * <p>Suites: {@code erank} (effective-rank methods, n = 256 ... 4096, accuracy on the parity matrices),
 * {@code workloads} (MLP, LeNet-5, ResNet-18, zoo ResNet50, ranking 100 candidates; thread scaling),
 * {@code zoo} (every DL4J zoo model that builds without a download), {@code full} (erank + workloads),
 * {@code all} (full + zoo) and {@code ci} (a small, fast subset). Each suite prints Markdown tables and, with
 * {@code --out FILE}, replaces its own generated block in that file (other text is kept).
 *
 * <pre>{@code
 * mvn -B -q -pl samples -am package -DskipTests
 * java -Xmx8g -cp "samples/target/near-dl4j-samples-0.1.0-SNAPSHOT.jar:samples/target/lib/*" \
 *     org.neardl4j.samples.bench.NearBenchmark --suite full --out docs/PERFORMANCE.md
 * }</pre>
 */
public final class NearBenchmark {

    /** The authors' PyTorch implementation on a 2-core machine (another run; compare as ratios only). */
    private static final Map<Integer, Double> REFERENCE_ERANK = Map.of(512, 0.046, 1024, 0.32, 2048, 3.5);

    /** Largest n for which {@code GRAM_HOST} (scalar Java, O(n^3)) is measured. */
    private static final int HOST_LIMIT = 1024;

    private final String suite;
    private final int reps;
    private final Path out;
    private final Path parityDir;
    private final List<String> zooNames;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Warm-up and measuring time of tasks under half a second (shorter in the {@code ci} suite). */
    private final double warmupSeconds;
    private final double measureSeconds;
    private final StringBuilder report = new StringBuilder();
    /** Real network blocks collected by the workloads, for the accuracy table. */
    private final Map<String, List<INDArray>> networkBlocks = new LinkedHashMap<>();

    NearBenchmark(String suite, int reps, Path out, Path parityDir, List<String> zooNames) {
        this.suite = suite;
        this.reps = reps;
        this.out = out;
        this.parityDir = parityDir;
        this.zooNames = zooNames;
        boolean ci = suite.equals("ci");
        this.warmupSeconds = ci ? 0.2 : 2;
        this.measureSeconds = ci ? 0.5 : 3;
    }

    public static void main(String[] args) throws Exception {
        String suite = "full";
        int reps = 5;
        Path out = null;
        Path parity = Paths.get("near-dl4j/src/test/resources/parity");
        List<String> zoo = ZooBench.ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--suite": suite = args[++i]; break;
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--out": out = Paths.get(args[++i]); break;
                case "--parity": parity = Paths.get(args[++i]); break;
                case "--zoo": zoo = Arrays.asList(args[++i].split(",")); break;
                default:
                    System.err.println("usage: NearBenchmark [--suite ci|erank|workloads|precision|zoo|full|all] [--reps N]"
                            + " [--out docs/PERFORMANCE.md] [--parity DIR] [--zoo LeNet,SimpleCNN,...]");
                    System.exit(2);
            }
        }
        if (suite.equals("ci") && zoo == ZooBench.ALL) {
            zoo = List.of("LeNet", "SimpleCNN");
        }
        new NearBenchmark(suite, reps, out, parity, zoo).run();
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        String load0 = loadAverage();
        heading("## Results: suite `" + suite + "`, " + backendName() + "\n");
        say(String.format(Locale.ROOT, "- date %s; backend `%s`; device: %s; %d cores; JVM %s, max heap %d MiB%n",
                LocalDate.now(), Nd4j.getBackend().getClass().getSimpleName(), device(), cores,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        say("- inputs: " + (Workloads.realImages() ? "Fashion-MNIST training images" : "uniform random pixels (Fashion-MNIST files not found)")
                + "; times are medians of " + reps + " runs after a warm-up unless a table says otherwise; "
                + "a workload's NEAR and forward pass are timed in alternation; tasks under 0.5 s: "
                + String.format(Locale.ROOT, "%.1f s of warm-up, then about %.1f s of runs (at most 101)%n",
                warmupSeconds, measureSeconds));
        say("- load average before: " + load0 + "\n");
        boolean ci = suite.equals("ci");
        if (ci || suite.equals("erank") || suite.equals("full") || suite.equals("all")) {
            erankSuite(ci ? new int[] {256, 512} : new int[] {256, 512, 1024, 2048, 4096});
        }
        if (ci || suite.equals("workloads") || suite.equals("full") || suite.equals("all")) {
            workloadSuite(ci);
        }
        if (suite.equals("erank") || suite.equals("workloads") || suite.equals("full") || suite.equals("all") || ci) {
            accuracySuite();
        }
        if (suite.equals("precision") || suite.equals("all")) {
            precisionSuite();
        }
        if (ci || suite.equals("zoo") || suite.equals("all")) {
            heading("\n### DL4J zoo models at initialisation\n");
            say(new ZooBench(this, zooNames).run());
        }
        say(String.format(Locale.ROOT, "%n- load average after: %s; suite took %.0f s%n", loadAverage(),
                (System.nanoTime() - t0) / 1e9));
        if (out != null) {
            writeBlock(out, "suite-" + suite + "-" + backendName(), report.toString());
            System.out.println("written to " + out);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // effective rank

    private void erankSuite(int[] sizes) {
        heading("\n### Effective rank of an n x n float matrix (i.i.d. Gaussian), by method\n");
        say("Seconds per matrix (median; n <= 1024 with the warm-up of short tasks); `err` = relative difference "
                + "from `SVD_DOUBLE` on the same matrix. `1 thr` / `2 thr`: ND4J and BLAS limited to 1 / 2 threads. Reference: the authors' float SVD (other run).\n\n");
        Table t = new Table("n", "method", "1 thr (s)", "2 thr (s)", "err", "speed-up vs SVD_DOUBLE (2 thr)",
                "reference (s)", "reference / this (2 thr)");
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            setThreads(threads);
            for (int n : sizes) {
                Nd4j.getRandom().setSeed(n);
                INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
                int r = n <= 512 ? reps : n <= 2048 ? Math.max(1, reps / 2) : 1;
                double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
                for (Method m : Method.values()) {
                    if (m == Method.GRAM_HOST && n > HOST_LIMIT) {
                        continue;   // scalar Java O(n^3): minutes at n = 4096
                    }
                    double[] v = new double[1];
                    Runnable rank = () -> v[0] = EffectiveRank.of(a, m);
                    double s = n <= 1024 ? adaptiveTime(r, rank) : medianTime(0, r, rank);
                    times.computeIfAbsent(n + " " + m, k -> new double[2])[threads - 1] = s;
                    errors.put(n + " " + m, Math.abs(v[0] - exact) / exact);
                }
                System.out.printf(Locale.ROOT, "  erank n=%d done with %d thread(s)%n", n, threads);
            }
        }
        setThreads(cores);
        for (int n : sizes) {
            double svd = times.get(n + " " + Method.SVD_DOUBLE)[1];
            for (Method m : Method.values()) {
                double[] s = times.get(n + " " + m);
                if (s == null) {
                    t.row(n, m, "-", "-", "-", "-", "-", "-");
                    continue;
                }
                Double ref = REFERENCE_ERANK.get(n);
                t.row(n, m, Table.sec(s[0]), Table.sec(s[1]), Table.err(errors.get(n + " " + m)), Table.x(svd / s[1]),
                        ref == null ? "-" : Table.sec(ref), ref == null ? "-" : Table.x(ref / s[1]));
            }
        }
        say(t.toString());
    }

    /** Maximum relative error of each method vs SVD_DOUBLE on the parity matrices, synthetic hard cases, real blocks. */
    private void accuracySuite() throws IOException {
        heading("\n### Accuracy: largest relative difference from `SVD_DOUBLE`\n");
        Map<String, List<INDArray>> sets = new LinkedHashMap<>();
        if (Files.isDirectory(parityDir)) {
            sets.put("parity erank matrices", parityMatrices("erank", "matrices", "file"));
            List<INDArray> net = new ArrayList<>(parityMatrices("mlp", "matrices", "sampled_file"));
            net.addAll(parityMatrices("cnn", "matrices", "sampled_file"));
            sets.put("parity network blocks", net);
        } else {
            say("(parity files not found in " + parityDir + ": run from the repository root)\n\n");
        }
        sets.put("synthetic hard cases", hardCases());
        sets.putAll(networkBlocks);
        Table t = new Table("matrices", "count", "largest n", "AUTO", "AUTO fell back to SVD", "GRAM_DOUBLE",
                "GRAM_HOST (n <= " + HOST_LIMIT + ")", "SVD_FLOAT", "GRAM_FLOAT");
        for (Map.Entry<String, List<INDArray>> e : sets.entrySet()) {
            double[] worst = new double[Method.values().length];
            int fallbacks = 0;
            long largest = 0;
            for (INDArray a : e.getValue()) {
                largest = Math.max(largest, Math.min(a.rows(), a.columns()));
                double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
                for (Method m : Method.values()) {
                    if (m == Method.GRAM_HOST && Math.min(a.rows(), a.columns()) > HOST_LIMIT) {
                        continue;
                    }
                    double v = EffectiveRank.of(a, m);
                    double err = exact == 0 ? Math.abs(v) : Math.abs(v - exact) / exact;
                    worst[m.ordinal()] = Math.max(worst[m.ordinal()], err);
                }
                double[] g = EffectiveRank.singularValues(a, Method.GRAM_DOUBLE);
                if (EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE) {
                    fallbacks++;
                }
            }
            t.row(e.getKey(), e.getValue().size(), largest, Table.err(worst[Method.AUTO.ordinal()]), fallbacks,
                    Table.err(worst[Method.GRAM_DOUBLE.ordinal()]), Table.err(worst[Method.GRAM_HOST.ordinal()]),
                    Table.err(worst[Method.SVD_FLOAT.ordinal()]),
                    Table.err(worst[Method.GRAM_FLOAT.ordinal()]));
        }
        say(t.toString());
    }

    private List<INDArray> parityMatrices(String caseName, String array, String fileKey) throws IOException {
        Path dir = parityDir.resolve(caseName);
        JsonObject expected = new JsonParser().parse(Files.readString(dir.resolve("expected.json"))).getAsJsonObject();
        JsonArray ms = expected.getAsJsonArray(array);
        List<INDArray> list = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            list.add(Nd4j.createFromNpyFile(dir.resolve(ms.get(i).getAsJsonObject().get(fileKey).getAsString()).toFile()));
        }
        return list;
    }

    /** Matrices where squaring hurts: identical rows (blank image regions), rank one, low rank, a spike over noise. */
    static List<INDArray> hardCases() {
        List<INDArray> list = new ArrayList<>();
        Nd4j.getRandom().setSeed(5);
        for (int n : new int[] {16, 64, 256}) {
            for (double frac : new double[] {0.5, 0.9}) {
                for (double mag : new double[] {1, 100}) {
                    INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
                    INDArray row = Nd4j.randn(DataType.FLOAT, 1, n).muli(mag);
                    for (int i = 0; i < (int) (n * frac); i++) {
                        a.putRow(i, row);
                    }
                    list.add(a);
                }
            }
            list.add(Nd4j.randn(DataType.FLOAT, n, 1).mmul(Nd4j.randn(DataType.FLOAT, 1, n)));
            list.add(Nd4j.randn(DataType.FLOAT, n, n / 4).mmul(Nd4j.randn(DataType.FLOAT, n / 4, n)));
            list.add(Nd4j.randn(DataType.FLOAT, n, n).addi(
                    Nd4j.randn(DataType.FLOAT, n, 1).mmul(Nd4j.randn(DataType.FLOAT, 1, n)).muli(1000)));
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------------------------
    // workloads

    /** One benchmark workload: a model and its input batches. */
    private static final class Workload {
        final String name;
        final Supplier<Model> model;
        final List<INDArray> batches;
        final double refNear;
        final double refForward;
        final boolean keepBlocks;

        Workload(String name, Supplier<Model> model, List<INDArray> batches, double refNear, double refForward,
                 boolean keepBlocks) {
            this.name = name;
            this.model = model;
            this.batches = batches;
            this.refNear = refNear;
            this.refForward = refForward;
            this.keepBlocks = keepBlocks;
        }
    }

    private void workloadSuite(boolean ci) {
        List<Workload> ws = new ArrayList<>();
        ws.add(new Workload("(a) MLP 784-100-10, 100 images", () -> Workloads.mlp(784, 100, 10),
                List.of(Workloads.fashionMnist(100)), 0.013, 0.0008, false));
        ws.add(new Workload("(b) LeNet-5, 64 images", Workloads::lenet5,
                List.of(Workloads.fashionMnistImages(64)), Double.NaN, Double.NaN, false));
        ws.add(new Workload("(b') LeNet-5, 128 images in batches of 64", Workloads::lenet5,
                split(Workloads.fashionMnistImages(128), 64), 0.036, 0.015, true));
        if (!ci) {
            ws.add(new Workload("(c) ResNet-18 (torchvision layout) 32x32, 512 images in batches of 64",
                    () -> Workloads.resnet18(3, 10), split(Workloads.fashionMnist32x3(512), 64), 3.4, 1.75, true));
            ws.add(new Workload("(c') ResNet-18 (CIFAR stem) 32x32, up to 512 images in batches of 64",
                    () -> Workloads.resnet18(3, 10, false), split(Workloads.fashionMnist32x3(512), 64), Double.NaN,
                    Double.NaN, false));
            ws.add(new Workload("(d) zoo ResNet50 224x224, 128 images (8 batches of 16)",
                    () -> ZooBench.build("ResNet50").model,
                    split(Workloads.randomImages(42, 128, 3, 224, 224), 16), Double.NaN, Double.NaN, true));
        }
        heading("\n### Workloads: NEAR vs the forward pass alone\n");
        say("`forward`: DL4J's own forward pass (`output(x, true)`: training mode, batch statistics, as NEAR) over the "
                + "same batches NEAR consumed; `NEAR`: `NearScorer.builder().build().score(...)` (random blocks, "
                + "defaults: `AUTO` effective rank, plain-Java blocks as many at a time as ND4J has threads), "
                + "including the private copy of the "
                + "model; `own` = NEAR - forward. Memory: peaks above the level before the run (see below). "
                + "Reference: the authors' PyTorch implementation on a 2-core machine (other run; ratios only).\n\n");
        Table t = new Table("workload", "matrices (short)", "samples", "forward (s)", "NEAR (s)", "own (s)",
                "own / forward", "NEAR heap (MiB)", "NEAR off-heap (MiB)", "NEAR RSS (MiB)", "forward off-heap (MiB)",
                "ref NEAR (s)", "ref / this");
        Table parts = new Table("workload", "copy of model (s)", "forward + capture (s)", "effective ranks (s)",
                "of which SVD fallbacks (s)", "largest block", "AUTO fallbacks", "own / forward without fallbacks");
        for (Workload w : ws) {
            System.out.println("  workload " + w.name);
            Model model = w.model.get();
            NearScorer scorer = NearScorer.builder().build();
            NearResult[] last = new NearResult[1];
            int r = w.name.startsWith("(d)") ? Math.max(3, reps / 2) : reps;    // (d): 3 pairs at least, noise
            last[0] = score(scorer, model, w.batches);
            long samples = last[0].samples();
            List<INDArray> used = usedBatches(w.batches, samples);
            double[] nf = pairedTimes(r, () -> last[0] = score(scorer, model, w.batches), () -> forward(model, used));
            double near = nf[0];
            double fwd = nf[1];
            MemoryProbe.Peak mNear = MemoryProbe.measure(() -> score(scorer, model, w.batches));
            MemoryProbe.Peak mFwd = MemoryProbe.measure(() -> forward(model, used));
            long shortBlocks = last[0].matrices().stream().filter(m -> !m.isSquare()).count();
            t.row(w.name, last[0].matrices().size() + " (" + shortBlocks + ")", samples, Table.sec(fwd), Table.sec(near),
                    Table.sec(near - fwd), Table.pct((near - fwd) / fwd), Table.mib(mNear.heapMiB()),
                    Table.mib(mNear.offHeapMiB()), Table.mib(mNear.rssMiB()), Table.mib(mFwd.offHeapMiB()),
                    Double.isNaN(w.refNear) ? "-" : Table.sec(w.refNear) + " (fwd " + Table.sec(w.refForward) + ")",
                    Double.isNaN(w.refNear) ? "-" : Table.x(w.refNear / near));
            BlockCollector.Blocks b = BlockCollector.collect(model, w.batches);
            long t0 = System.nanoTime();
            long fallbackNanos = 0;
            int fallbacks = 0;
            long largest = 0;
            for (INDArray block : b.blocks) {
                double[] g = EffectiveRank.singularValues(block, Method.GRAM_DOUBLE);
                if (EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE) {
                    long f0 = System.nanoTime();
                    EffectiveRank.singularValues(block, Method.SVD_DOUBLE);
                    fallbackNanos += System.nanoTime() - f0;
                    fallbacks++;
                }
                largest = Math.max(largest, block.columns());
            }
            double rankSec = (System.nanoTime() - t0) / 1e9;
            double fallbackSec = fallbackNanos / 1e9;
            parts.row(w.name, Table.sec(b.copySeconds), Table.sec(b.captureSeconds), Table.sec(rankSec),
                    Table.sec(fallbackSec), largest, fallbacks + " of " + b.blocks.size(),
                    Table.pct((near - fwd - fallbackSec) / fwd));
            if (w.keepBlocks) {
                networkBlocks.put("blocks of " + w.name, b.blocks);
            }
        }
        ranking(ci ? 20 : 100, t);
        say(t.toString());
        heading("\n### Where NEAR's time goes (one run, sequential, " + cores + " ND4J threads)\n");
        say("`SVD fallbacks`: the part of the effective ranks spent recomputing, with `SVD_DOUBLE`, the blocks whose "
                + "Gram error estimate exceeded " + EffectiveRank.AUTO_TOLERANCE + "; `own / forward without fallbacks`: "
                + "the workload table's own cost less that time, i.e. what `rankMethod(GRAM_DOUBLE)` (unchecked) would "
                + "cost.\n\n");
        say(parts.toString());
        if (!ci) {
            threadSuite(ws);
        }
    }

    /** Ranking {@code count} candidates: sequentially (default scorer) and two candidates at a time. */
    private void ranking(int count, Table t) {
        System.out.println("  ranking " + count + " candidates");
        List<MultiLayerNetwork> cands = Workloads.candidates(count, 7);
        INDArray x = Workloads.fashionMnist(256);
        NearScorer scorer = NearScorer.builder().build();
        int r = Math.max(1, reps / 2);
        double[] sf = pairedTimes(r, () -> cands.forEach(c -> scorer.score(c, x)),
                () -> cands.forEach(c -> c.output(x, true)));
        double seq = sf[0];
        double fwd = sf[1];
        MemoryProbe.Peak m = MemoryProbe.measure(() -> cands.forEach(c -> scorer.score(c, x)));
        MemoryProbe.Peak mf = MemoryProbe.measure(() -> cands.forEach(c -> c.output(x, true)));
        t.row("(e) ranking " + count + " MLP candidates, 256 images", "-", 256, Table.sec(fwd), Table.sec(seq),
                Table.sec(seq - fwd), Table.pct((seq - fwd) / fwd), Table.mib(m.heapMiB()), Table.mib(m.offHeapMiB()),
                Table.mib(m.rssMiB()), Table.mib(mf.offHeapMiB()), "-", "-");
    }

    private void threadSuite(List<Workload> ws) {
        heading("\n### Threads: 1 vs 2\n");
        say("`ND4J`: threads of libnd4j and of BLAS/LAPACK (`Nd4j.getEnvironment().setMaxThreads`, "
                + "`setMaxMasterThreads`, BLAS `setMaxThreads`); NEAR with its defaults (native work on the calling "
                + "thread, blocks solved in plain Java as many at a time as ND4J has threads). Speed-up: NEAR with 1 "
                + "ND4J thread / with 2.\n\n");
        Table t = new Table("workload", "forward, ND4J 1 thread (s)", "forward, ND4J 2 threads (s)",
                "NEAR, ND4J 1 thread (s)", "NEAR, ND4J 2 threads (s)", "NEAR speed-up");
        for (Workload w : ws) {
            if (w.name.startsWith("(a)") || w.name.startsWith("(b") || w.name.startsWith("(c')")) {
                continue;
            }
            System.out.println("  threads " + w.name);
            Model model = w.model.get();
            int r = w.name.startsWith("(d)") ? 1 : Math.max(1, reps / 2);
            NearScorer scorer = NearScorer.builder().build();
            NearResult res = score(scorer, model, w.batches);
            List<INDArray> used = usedBatches(w.batches, res.samples());
            setThreads(1);
            double[] one = pairedTimes(r, () -> forward(model, used), () -> score(scorer, model, w.batches));
            setThreads(2);
            double[] two = pairedTimes(r, () -> forward(model, used), () -> score(scorer, model, w.batches));
            setThreads(cores);
            double[] cells = {one[0], two[0], one[1], two[1]};
            t.row(w.name, Table.sec(cells[0]), Table.sec(cells[1]), Table.sec(cells[2]), Table.sec(cells[3]),
                    Table.x(cells[2] / cells[3]));
        }
        // ranking: 100 small candidates one after the other
        List<MultiLayerNetwork> cands = Workloads.candidates(100, 7);
        INDArray x = Workloads.fashionMnist(256);
        NearScorer scorer = NearScorer.builder().build();
        int r = Math.max(1, reps / 2);
        setThreads(1);
        double[] t1 = pairedTimes(r, () -> cands.forEach(c -> c.output(x, true)),
                () -> cands.forEach(c -> scorer.score(c, x)));
        setThreads(2);
        double[] t2 = pairedTimes(r, () -> cands.forEach(c -> c.output(x, true)),
                () -> cands.forEach(c -> scorer.score(c, x)));
        setThreads(cores);
        double fwd1 = t1[0];
        double one = t1[1];
        double fwd2 = t2[0];
        double two = t2[1];
        t.row("(e) ranking 100 MLP candidates, 256 images", Table.sec(fwd1), Table.sec(fwd2), Table.sec(one),
                Table.sec(two), Table.x(one / two));
        say(t.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // precision: how much of an effective rank is the forward pass's own rounding

    /**
     * Zoo ResNet50 (the (d) workload's model, images and blocks) scored from a single-precision forward pass and
     * from the same network converted to double precision: the difference is what the float forward pass's own
     * rounding does to each effective rank, next to the error of the Gram route ({@code GRAM_DOUBLE} against
     * {@code SVD_DOUBLE} on the same float block). Blocks are grouped by whether {@code AUTO} falls back to the SVD.
     */
    private void precisionSuite() {
        System.out.println("  precision: zoo ResNet50, float and double forward passes");
        ComputationGraph model = (ComputationGraph) ZooBench.build("ResNet50").model;
        List<INDArray> floats = split(Workloads.randomImages(42, 128, 3, 224, 224), 16);
        List<INDArray> doubles = new ArrayList<>();
        for (INDArray b : floats) {
            doubles.add(b.castTo(DataType.DOUBLE));
        }
        BlockCollector.Blocks f = BlockCollector.collect(model, floats);
        BlockCollector.Blocks d = BlockCollector.collect(model.convertDataType(DataType.DOUBLE), doubles);
        double[][] worst = new double[2][3];   // [fallback?][forward rounding max, gram max, count]
        double[][] median = new double[2][];
        List<List<Double>> rounding = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < f.blocks.size(); i++) {
            INDArray x = f.blocks.get(i);
            double exact = EffectiveRank.of(x, Method.SVD_DOUBLE);
            double fromDouble = EffectiveRank.of(d.blocks.get(i), Method.SVD_DOUBLE);
            double[] g = EffectiveRank.singularValues(x, Method.GRAM_DOUBLE);
            int k = EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE ? 1 : 0;
            double r = Math.abs(exact - fromDouble) / fromDouble;
            worst[k][0] = Math.max(worst[k][0], r);
            worst[k][1] = Math.max(worst[k][1], Math.abs(EffectiveRank.ofSingularValues(g) - exact) / exact);
            worst[k][2]++;
            rounding.get(k).add(r);
        }
        for (int k = 0; k < 2; k++) {
            List<Double> v = rounding.get(k);
            v.sort(null);
            median[k] = new double[] {v.isEmpty() ? Double.NaN : v.get(v.size() / 2),
                    v.isEmpty() ? Double.NaN : v.get(0)};
        }
        heading("\n### Precision: the forward pass's own rounding against the Gram route's error (zoo ResNet50)\n");
        say("The blocks of workload (d) (same images, same block choice) from DL4J's single-precision forward pass "
                + "and from the same network converted to double (`convertDataType(DOUBLE)`), each scored with "
                + "`SVD_DOUBLE`: the relative difference is what single-precision rounding in the forward pass does to "
                + "the effective rank. `Gram error`: `GRAM_DOUBLE` against `SVD_DOUBLE` on the float block.\n\n");
        Table t = new Table("blocks", "count", "float vs double forward: min", "median", "max",
                "Gram error (max)");
        String[] names = {"Gram estimate within " + EffectiveRank.AUTO_TOLERANCE + " (AUTO keeps the Gram result)",
                "Gram estimate above " + EffectiveRank.AUTO_TOLERANCE + " (AUTO recomputes with SVD_DOUBLE)"};
        for (int k = 0; k < 2; k++) {
            t.row(names[k], (long) worst[k][2], Table.err(median[k][1]), Table.err(median[k][0]),
                    Table.err(worst[k][0]), Table.err(worst[k][1]));
        }
        say(t.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers (package-private: used by ZooBench)

    static NearResult score(NearScorer scorer, Model model, List<INDArray> batches) {
        INDArray all = batches.size() == 1 ? batches.get(0) : Nd4j.concat(0, batches.toArray(new INDArray[0]));
        ViewIterator it = new ViewIterator(new DataSet(all, Nd4j.zeros(DataType.FLOAT, all.size(0), 1)),
                (int) batches.get(0).size(0));
        if (model instanceof MultiLayerNetwork) {
            return scorer.score((MultiLayerNetwork) model, it);
        }
        return scorer.score((ComputationGraph) model, it);
    }

    static void forward(Model model, List<INDArray> batches) {
        for (INDArray b : batches) {
            if (model instanceof MultiLayerNetwork) {
                ((MultiLayerNetwork) model).output(b, true);
            } else {
                ((ComputationGraph) model).output(true, b);
            }
        }
    }

    static List<INDArray> usedBatches(List<INDArray> batches, long samples) {
        List<INDArray> used = new ArrayList<>();
        long n = 0;
        for (INDArray b : batches) {
            if (n >= samples) {
                break;
            }
            used.add(b);
            n += b.size(0);
        }
        return used;
    }

    static List<INDArray> split(INDArray x, int batch) {
        List<INDArray> list = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += batch) {
            long end = Math.min(x.size(0), i + batch);
            list.add(x.get(NDArrayIndex.interval(i, end)).dup());
        }
        return list;
    }

    /**
     * Median time of {@code r}: after one warm-up run, short tasks (under half a second) are warmed up for two
     * seconds more (JIT compilation of the plain-Java routes, ND4J's caches) and repeated for about three seconds (at
     * least {@code reps}, at most 101 times), so that sub-millisecond differences are not noise ({@code ci} suite:
     * 0.2 and 0.5 seconds).
     */
    double adaptiveTime(int reps, Runnable r) {
        double once = time(r);
        if (once >= 0.5) {
            return medianTime(0, reps, r);
        }
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        double fastest = once;
        while (System.nanoTime() < until) {
            fastest = Math.min(fastest, time(r));
        }
        int n = (int) Math.min(101, Math.max(reps, Math.ceil(measureSeconds / Math.max(fastest, 1e-4))));
        return medianTime(0, n | 1, r);
    }

    /**
     * Median times of {@code a} and {@code b} measured in alternation (a b, b a, a b, ...), so that a slow spell of a
     * shared machine falls on both and their ratio is not skewed by it. After one run of each, pairs taking under
     * half a second are warmed up and repeated as in {@link #adaptiveTime}; longer ones are repeated {@code reps}
     * times.
     *
     * @return {@code {median of a, median of b}}
     */
    double[] pairedTimes(int reps, Runnable a, Runnable b) {
        double once = time(a) + time(b);
        int n = reps;
        if (once < 0.5) {
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            double fastest = once;
            while (System.nanoTime() < until) {
                fastest = Math.min(fastest, time(a) + time(b));
            }
            n = (int) Math.min(101, Math.max(reps, Math.ceil(measureSeconds / Math.max(fastest, 1e-4))));
        }
        n |= 1;
        double[] ta = new double[n];
        double[] tb = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                ta[i] = time(a);
                tb[i] = time(b);
            } else {
                tb[i] = time(b);
                ta[i] = time(a);
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return new double[] {ta[n / 2], tb[n / 2]};
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double medianTime(int warmup, int reps, Runnable r) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
    }

    static void setThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    static String backendName() {
        String b = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return b.contains("cuda") || b.contains("jcublas") ? "cuda" : b.contains("cpu") ? "cpu" : b;
    }

    static String device() {
        try {
            Object props = Nd4j.getExecutioner().getEnvironmentInformation();
            if (props instanceof java.util.Properties) {
                java.util.Properties p = (java.util.Properties) props;
                Object devices = p.get("cuda.devicesInformation");
                if (devices != null) {
                    return String.valueOf(devices);
                }
                Object blas = p.get("blas.vendor");
                return "CPU, " + p.getOrDefault("cores", Runtime.getRuntime().availableProcessors()) + " cores, BLAS "
                        + (blas == null ? "?" : blas) + " (" + Nd4j.factory().blas().getMaxThreads() + " threads)";
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return "?";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void heading(String s) {
        say(s);
    }

    void say(String s) {
        System.out.print(s);
        report.append(s);
    }

    /** Replaces the block between this key's markers in {@code file} (appends it when absent). */
    static void writeBlock(Path file, String key, String body) throws IOException {
        String begin = "<!-- near-bench:begin " + key + " -->";
        String end = "<!-- near-bench:end " + key + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Performance\n\n";
        String block = begin + "\n" + body.trim() + "\n" + end;
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            text = text.substring(0, i) + block + text.substring(j + end.length());
        } else {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
