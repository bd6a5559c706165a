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
package org.neardl4j.benchmarks.speed;

import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.NearCli;
import org.neardl4j.cli.NativeBuild;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.cli.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * NEAR's speed and memory next to the forward pass alone, on any ND4J backend.
 *
 * <p>Suites ({@link Suite}): {@code erank} (effective-rank methods, n = 256 ... 4096, accuracy on the parity
 * matrices), {@code workloads} (MLP, LeNet-5, ResNet-18, zoo ResNet50, ranking 100 candidates; thread scaling),
 * {@code precision}, {@code nb201} (NAS-Bench-201 networks on CIFAR-10 images, against the authors' package),
 * {@code proxies} (the gradient proxies with and without DL4J's native layer helpers), {@code zoo} (every DL4J zoo
 * model that builds without a download), {@code full} (erank + workloads), {@code all} (every part) and {@code ci}
 * (a small, fast subset). Each suite prints Markdown tables and, with {@code --out FILE}, replaces its own generated
 * block in that file (other text is kept; the project keeps its runs in {@code docs/performance/RUNS.md}, summarised
 * in {@code docs/PERFORMANCE.md}); with {@code --html FILE} it also writes the run as one self-contained HTML page
 * ({@link HtmlReport}: the same tables, plots of NEAR against the forward pass, the provenance: versions, backend,
 * native build, threads, runs). Each part is one class ({@link ErankSuite}, {@link WorkloadSuite}, {@link AccuracySuite}, {@link PrecisionSuite},
 * {@link Nb201Suite}, {@link ProxySuite}, {@link ZooBench}); progress (parts done) goes to stderr.
 *
 * <pre>{@code
 * mvn -B -q -pl near-dl4j-benchmarks -am package -DskipTests
 * java -Xmx8g -cp near-dl4j-benchmarks/target/near-benchmarks.jar \
 *     org.neardl4j.benchmarks.speed.NearBenchmark --suite full --out docs/performance/RUNS.md --html speed-full.html
 * }</pre>
 */
@Command(name = "NearBenchmark", sortOptions = false, usageHelpAutoWidth = true,
        description = "NEAR's speed and memory next to the forward pass alone.")
public final class NearBenchmark implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "ci|erank|workloads|precision|nb201|proxies|zoo|full|all",
            description = "what to measure (default full)")
    private String suite = "full";

    @Option(names = "--runs", paramLabel = "N", description = "timing runs per measurement; the median is reported"
            + " (default 5)")
    private int runs = 5;

    @Option(names = "--out", paramLabel = "FILE.md", description = "replace this suite's block in FILE.md (the"
            + " project's record of runs: docs/performance/RUNS.md)")
    private Path out;

    @Option(names = "--html", paramLabel = "FILE.html", description = "also write the run as a self-contained HTML"
            + " report (tables, plots, provenance)")
    private Path html;

    @Option(names = "--parity", paramLabel = "DIR", description = "the parity data (default"
            + " near-dl4j/src/test/resources/parity)")
    private Path parity = Paths.get("near-dl4j/src/test/resources/parity");

    @Option(names = "--zoo", paramLabel = "NAME,...", split = ",", description = "zoo models of the zoo part"
            + " (default: all; ci: LeNet,SimpleCNN)")
    private List<String> zoo;

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    public static void main(String[] args) {
        Cli.main(new NearBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        Suite s = Cli.enumValue(Suite.class, suite);
        Cli.atLeast("--runs", runs, 1);
        List<String> names = zoo != null ? zoo : s.isCi() ? List.of("LeNet", "SimpleCNN") : ZooBench.ALL;
        SuitePart.Context ctx = new SuitePart.Context(s, runs, parity, names);
        String command = "NearBenchmark --suite " + s.label() + " --runs " + runs
                + (zoo != null ? " --zoo " + String.join(",", zoo) : "");
        run(ctx, command, out, html, Progress.Mode.detect(run.quiet()));
        return NearCli.EXIT_OK;
    }

    /**
     * Runs the suite's parts in order and writes the report block, and the HTML report when {@code html} is set;
     * {@code command} (the options that decide what is measured) is recorded in both.
     */
    static void run(SuitePart.Context ctx, String command, Path out, Path html, Progress.Mode progressMode)
            throws Exception {
        long t0 = System.nanoTime();
        String load0 = Machine.loadAverage();
        Report report = ctx.report;
        report.say("## Results: suite `" + ctx.suite.label() + "`, " + Machine.backendName() + "\n");
        report.say(String.format(Locale.ROOT, "- date %s; backend `%s`; device: %s; %d cores; JVM %s, max heap %d MiB%n",
                LocalDate.now(), Nd4j.getBackend().getClass().getSimpleName(), Machine.device(), ctx.cores,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        report.say("- command: `" + command + "`\n");
        report.say("- inputs: " + (Workloads.realImages() ? "Fashion-MNIST training images"
                : "uniform random pixels (Fashion-MNIST files not found)")
                + (ctx.suite.parts().contains(Suite.Part.NB201) ? " (NAS-Bench-201: CIFAR-10 test images)" : "")
                + "; times are medians of " + ctx.reps + " runs after a warm-up unless a table says otherwise; "
                + "a workload's NEAR and forward pass are timed in alternation; tasks under 0.5 s: "
                + String.format(Locale.ROOT, "%.1f s of warm-up, then about %.1f s of runs (at most 101)%n",
                ctx.timing.warmupSeconds(), ctx.timing.measureSeconds()));
        report.say("- load average before: " + load0 + "\n");
        List<SuitePart> parts = new ArrayList<>();
        for (Suite.Part p : ctx.suite.parts()) {
            parts.add(part(p, ctx));
        }
        try (Progress progress = Progress.start("speed " + ctx.suite.label(), "parts", parts.size(), progressMode,
                System.err)) {
            for (SuitePart p : parts) {
                p.run();
                progress.step();
            }
        }
        report.say(String.format(Locale.ROOT, "%n- load average after: %s; suite took %.0f s%n", Machine.loadAverage(),
                (System.nanoTime() - t0) / 1e9));
        if (out != null) {
            Report.writeBlock(out, "suite-" + ctx.suite.label() + "-" + Machine.backendName(), report.text());
            System.out.println("written to " + out);
        }
        if (html != null) {
            Map<String, String> prov = new LinkedHashMap<>();
            prov.put("suite", ctx.suite.label());
            prov.put("command", command);
            prov.put("date", LocalDate.now().toString());
            prov.put("ND4J backend", Nd4j.getBackend().getClass().getSimpleName());
            prov.put("device", Machine.device());
            prov.put("native build", NativeBuild.loaded());
            prov.put("cores", Integer.toString(ctx.cores));
            prov.put("ND4J threads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
            prov.put("OMP_WAIT_POLICY", Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "unset"));
            prov.put("JVM", System.getProperty("java.version") + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB");
            prov.put("runs", ctx.reps + " per measurement (median reported), after a warm-up");
            prov.put("short tasks", String.format(Locale.ROOT, "under 0.5 s: %.1f s of warm-up, then about %.1f s of"
                    + " runs (at most 101)", ctx.timing.warmupSeconds(), ctx.timing.measureSeconds()));
            prov.put("inputs", Workloads.realImages() ? "Fashion-MNIST training images"
                    : "uniform random pixels (Fashion-MNIST files not found)");
            prov.put("load average", "before " + load0 + "; after " + Machine.loadAverage());
            prov.put("suite took", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
            report.writeHtml(html, "NEAR speed: suite " + ctx.suite.label() + ", " + Machine.backendName(), prov);
            System.out.println("HTML report written to " + html);
        }
    }

    private static SuitePart part(Suite.Part p, SuitePart.Context ctx) {
        switch (p) {
            case ERANK:
                return new ErankSuite(ctx);
            case WORKLOADS:
                return new WorkloadSuite(ctx);
            case ACCURACY:
                return new AccuracySuite(ctx);
            case PRECISION:
                return new PrecisionSuite(ctx);
            case NB201:
                return new Nb201Suite(ctx);
            case PROXIES:
                return new ProxySuite(ctx);
            case ZOO:
                return new SuitePart(ctx) {
                    @Override
                    void run() {
                        heading("\n### DL4J zoo models at initialisation\n");
                        table(new ZooBench(ctx.zooNames).run());
                    }
                };
            default:
                throw new IllegalStateException("unknown part " + p);
        }
    }
}
