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

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.ScoringOptions;
import org.neardl4j.cli.SearchOptions;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code spark-submit} entry point of a search: {@code near-cli search}'s options ({@link SearchOptions}: the
 * NAS-Bench-201 space, strategy, budget, history, output; {@link ScoringOptions}; {@link RunOptions}) with NEAR as
 * the fitness, and each batch of {@code --batch} candidates scored on the cluster by a {@link SparkFitness} (default:
 * the cluster's default parallelism). Exit codes and error messages as {@code near-cli}'s. See
 * {@code docs/SPARK.md}, "Searching on a cluster".
 *
 * <pre>{@code
 * spark-submit --class org.neardl4j.spark.SparkSearchMain near-dl4j-spark-all.jar \
 *     --strategy evolution --budget 500 --batch 32 --seed 1 --top 3 --history search.jsonl
 * }</pre>
 */
@Command(name = "near-spark-search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Searches NAS-Bench-201 cells for the best NEAR score, each batch of candidates scored on"
                + " Apache Spark.")
public final class SparkSearchMain implements Callable<Integer> {

    @Mixin
    SearchOptions search;

    @Option(names = "--batch", paramLabel = "N", description = "candidates proposed at a time and scored together on"
            + " the cluster, one task each (default: the cluster's default parallelism; 1 with --no-spark); it"
            + " changes evolution's walk, not random sampling's")
    Integer batch;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not started by spark-submit, e.g. local[2] or spark://host:7077")
    String master;

    @Option(names = "--no-spark", description = "score in this JVM instead, one candidate after another, with the"
            + " same values (for comparisons)")
    boolean noSpark;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    private final PrintStream progress;

    /** An entry point showing progress on {@code System.err}. */
    public SparkSearchMain() {
        this(System.err);
    }

    SparkSearchMain(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * Runs the command line ({@code near-cli}'s exit codes: 0 success, 1 bad input, 2 usage).
     *
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        Cli.main(new SparkSearchMain(), args);
    }

    /**
     * Runs the search and prints its result as {@code near-cli search} does, then the batch and the wall time on
     * stderr.
     *
     * @return the exit code: 0 on success
     * @throws CliException for bad options or input
     */
    @Override
    public Integer call() throws CliException {
        Strategy strategy = search.strategy();
        int budget = search.budget();
        int top = search.top();
        int images = search.images();
        if (batch != null) {
            Cli.atLeast("--batch", batch, 1);
        }
        Nb201Space cells = search.nb201Space(Nb201Network.builder().initialisation(Initialisation.seeded(scoring.seed())).build());
        INDArray x = Nb201Sources.bundledImages(images, DataType.FLOAT);
        NearScorer scorer = NearScorer.builder().repetitions(scoring.repetitions(1)).seed(scoring.seed())
                .blockMode(scoring.block()).build();
        SparkRanking ranking = SparkRanking.builder().ranking(ArchitectureRanking.builder().scorer(scorer).build())
                .build();
        long t0 = System.nanoTime();
        SearchResult<Nb201Cell> result;
        int b;
        if (noSpark) {
            b = batch == null ? 1 : batch;
            result = search(cells, SparkFitness.local(cells, ranking, x), strategy, budget, top, b);
        } else {
            SparkConf conf = new SparkConf().setAppName("near-dl4j search")
                    .setIfMissing("spark.log.level", run.verbose() ? "INFO" : "WARN");
            if (master != null) {
                conf.setMaster(master);
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                b = batch == null ? Math.max(1, sc.defaultParallelism()) : batch;
                SparkFitness<Nb201Cell> fitness;
                try {
                    fitness = SparkFitness.builder(sc, cells, x).ranking(ranking).build();
                } catch (IllegalArgumentException e) {
                    throw CliException.badInput(e.getMessage(), e);
                }
                result = search(cells, fitness, strategy, budget, top, b);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(search.report(result));
        out.flush();
        if (!run.quiet()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "%s, batch %d: %d candidate(s) computed; search %.1f s,"
                            + " wall %.1f s%s%n", noSpark ? "in this JVM" : "on Spark", b, result.computed(),
                    result.seconds(), wall, noSpark ? "" : " (Spark's start and stop included)");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private SearchResult<Nb201Cell> search(Nb201Space cells, Fitness<Nb201Cell> fitness, Strategy strategy,
                                           int budget, int top, int batch) throws CliException {
        int total = strategy.kind().equals("exhaustive") ? cells.size() : Math.min(budget, cells.size());
        try (Progress p = Progress.start("search", "candidates", total, Progress.Mode.detect(run.quiet()), progress)) {
            return ArchitectureSearch.builder(cells, fitness).strategy(strategy).budget(budget).seed(scoring.seed())
                    .top(top).batch(batch).history(search.history()).listener((e, done, n) -> p.stepTo(done))
                    .build().run();
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
    }
}
