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
package org.neardl4j.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.ProxyFitness;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code near-cli search}: zero-cost architecture search over NAS-Bench-201 cells (the whole space, or the cells of a
 * file) with one or several proxies (several are rank-averaged), by best-of-N random sampling, regularised evolution
 * or exhaustively; or with scores looked up in a CSV table ({@code --table}) to compare strategies without scoring.
 * Prints the ranking of what was scored and the chosen cell(s) with the reason; {@code --json} one JSON object,
 * {@code --csv} the ranking as CSV, {@code --history} a resumable JSON-lines record. Progress goes to stderr.
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb201 --strategy evolution --budget 100 --proxy near --seed 1 --top 3
 * }</pre>
 */
@Command(name = "search", sortOptions = false, usageHelpAutoWidth = true,
        description = "Search NAS-Bench-201 cells for the best zero-cost score (random best-of-N, regularised"
                + " evolution or exhaustive).",
        footer = {"", NearCli.EXIT_CODES})
public final class SearchCommand implements Callable<Integer> {

    @Mixin
    private SearchOptions search;

    @Option(names = "--proxy", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "near",
            description = "the score(s) to maximise; several are rank-averaged (default near; label-free: near, params,"
                    + " naswot, synflow, jacob_cov, meco; with --table: column names)")
    private List<String> proxies;

    @Option(names = "--table", paramLabel = "FILE.csv", description = "look the scores up in this CSV (a column"
            + " of cell strings, --key, and one column per --proxy) instead of computing them")
    private Path table;

    @Option(names = "--key", paramLabel = "COLUMN", defaultValue = "cellstr", description = "--table's column of"
            + " cell strings (default cellstr)")
    private String key;

    @Mixin
    private ScoringOptions scoring;

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    private final PrintStream out;
    private final PrintStream err;

    /**
     * A search command that prints to {@code out} and shows progress on {@code err}.
     *
     * @param out where the result goes
     * @param err where progress goes
     */
    public SearchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws CliException {
        Strategy s = search.strategy();
        int budget = search.budget();
        int top = search.top();
        int images = search.images();
        Path history = search.history();
        Nb201Network network = Nb201Network.builder().seed(scoring.seed()).build();
        Nb201Space cells = search.nb201Space(network);
        Fitness<Nb201Cell> fitness;
        if (table != null) {
            try {
                fitness = TableScores.read(table, key, proxies, cells::name);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + table + ": " + CliException.oneLine(e), e);
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--table: " + e.getMessage(), e);
            }
        } else {
            ProxyOptions options = ProxyOptions.of(NearScorer.builder().repetitions(scoring.repetitions(1))
                    .seed(scoring.seed()).blockMode(scoring.block()).build());
            List<ZeroCostProxy> list = new ArrayList<>();
            for (String p : proxies) {
                ZeroCostProxy z;
                try {
                    z = ZeroCostProxies.byName(p.strip().toLowerCase(Locale.ROOT), options);
                } catch (IllegalArgumentException e) {
                    throw CliException.usage("--proxy: " + e.getMessage());
                }
                if (z.needsLabels()) {
                    throw CliException.usage("--proxy " + p + " needs labels, which search does not load yet;"
                            + " use a label-free proxy or --table");
                }
                list.add(z);
            }
            INDArray x = Nb201Sources.bundledImages(images, DataType.FLOAT);
            try {
                fitness = ProxyFitness.of(cells, list, new DataSet(x, null));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--proxy: " + e.getMessage());
            }
        }
        SearchResult<Nb201Cell> result;
        int total = s.kind().equals("exhaustive") ? cells.size() : Math.min(budget, cells.size());
        try (Progress p = Progress.start("search", "candidates", total, Progress.Mode.detect(run.quiet()), err)) {
            result = ArchitectureSearch.builder(cells, fitness).strategy(s).budget(budget).seed(scoring.seed())
                    .top(top).history(history).listener((e, done, b) -> p.stepTo(done)).build().run();
        } catch (UncheckedIOException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        out.println(search.report(result));
        out.flush();
        return NearCli.EXIT_OK;
    }
}
