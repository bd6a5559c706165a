package org.neardl4j.samples.benchmark;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
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
import java.util.stream.Collectors;

/**
 * The proxy benchmark: scores every trained architecture of the architectures CSV (see {@link TrainArchitectures})
 * at initialisation (the same seed as in training, so repetition 1 sees exactly the weights training started
 * from) with NEAR and every baseline of {@link ZeroCostProxies}, and writes the scores CSV, scatter plots and the
 * report (see {@link BenchmarkReport}). Scores already in the scores CSV are reused, so an interrupted run can be
 * continued.
 *
 * <pre>{@code
 * java -cp "samples/target/near-cli.jar:samples/target/lib/*" org.neardl4j.samples.benchmark.ProxyBenchmark \
 *      --archs docs/benchmark/architectures.csv --reruns docs/benchmark/reruns.csv \
 *      --scores docs/benchmark/proxy-scores.csv --report docs/BENCHMARK.md --plots docs/benchmark
 * }</pre>
 *
 * <p>Options: {@code --repetitions R} (3), {@code --batch N} (128: the batch of labelled training images every
 * baseline and {@code near_128} get), {@code --near-samples N} (1024: the images NEAR may read, in batches of
 * 128), {@code --seed S} (42: the training seed, selects CSV rows and builds the networks), {@code --proxy-seed S}
 * (1), {@code --only a,b}, {@code --proxies p,q} (default: all), {@code --report-only true}.
 */
public final class ProxyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ProxyBenchmark.class);

    /** Columns of the scores CSV. */
    static final List<String> SCORE_HEADER = List.of("name", "family", "proxy", "value", "std", "repetitions",
            "samples", "seconds", "values");

    private ProxyBenchmark() {
    }

    /** The settings of one benchmark run. */
    static final class Settings {
        Path archs = Paths.get("docs/benchmark/architectures.csv");
        Path reruns = Paths.get("docs/benchmark/reruns.csv");
        Path scores = Paths.get("docs/benchmark/proxy-scores.csv");
        Path report = Paths.get("docs/BENCHMARK.md");
        Path plots = Paths.get("docs/benchmark");
        int repetitions = 3;
        int batch = 128;
        int nearSamples = 1024;
        long seed = 42;
        long proxySeed = 1;
        List<String> only = null;
        List<String> proxies = null;
        boolean reportOnly = false;
        String command = "";
    }

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args);
        Settings s = new Settings();
        s.archs = Paths.get(opt.getOrDefault("archs", s.archs.toString()));
        s.reruns = Paths.get(opt.getOrDefault("reruns", s.reruns.toString()));
        s.scores = Paths.get(opt.getOrDefault("scores", s.scores.toString()));
        s.report = Paths.get(opt.getOrDefault("report", s.report.toString()));
        s.plots = Paths.get(opt.getOrDefault("plots", s.plots.toString()));
        s.repetitions = Options.intOpt(opt, "repetitions", s.repetitions);
        s.batch = Options.intOpt(opt, "batch", s.batch);
        s.nearSamples = Options.intOpt(opt, "near-samples", s.nearSamples);
        s.seed = Options.longOpt(opt, "seed", s.seed);
        s.proxySeed = Options.longOpt(opt, "proxy-seed", s.proxySeed);
        if (opt.containsKey("only")) {
            s.only = Splitter.on(',').trimResults().omitEmptyStrings().splitToList(opt.get("only"));
        }
        if (opt.containsKey("proxies")) {
            s.proxies = Splitter.on(',').trimResults().omitEmptyStrings().splitToList(opt.get("proxies"));
        }
        s.reportOnly = Boolean.parseBoolean(opt.getOrDefault("report-only", "false"));
        s.command = "ProxyBenchmark " + String.join(" ", args);
        run(s);
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
        for (Map<String, String> a : archs) {
            i++;
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
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : Double.toString(v);
    }
}
