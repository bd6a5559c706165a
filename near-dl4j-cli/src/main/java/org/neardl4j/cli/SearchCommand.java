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
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.Nb101Sources;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb101Space;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.ProxyFitness;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.SearchSpace;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code near-cli search}: zero-cost architecture search over NAS-Bench-201 cells (the whole space, or the cells of a
 * file) or NAS-Bench-101 cells (the whole space, sampled as NAS-Bench-101 does, or the rows of a table) with one or
 * several proxies (several are rank-averaged), by best-of-N random sampling, regularised evolution
 * or exhaustively; or with scores looked up in a CSV table ({@code --table}) to compare strategies without scoring.
 * Prints the ranking of what was scored and the chosen cell(s) with the reason; {@code --json} one JSON object,
 * {@code --csv} the ranking as CSV, {@code --history} a resumable JSON-lines record. Progress goes to stderr.
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb201 --strategy evolution --budget 100 --proxy near --seed 1 --top 3
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb101 --budget 20 --proxy near,meco --seed 1
 * }</pre>
 */
@Command(name = "search", sortOptions = false, usageHelpAutoWidth = true,
        description = "Search NAS-Bench-201 or NAS-Bench-101 cells for the best zero-cost score (random best-of-N,"
                + " regularised evolution or exhaustive).",
        footer = {"", NearCli.EXIT_CODES})
public final class SearchCommand implements Callable<Integer> {

    @Mixin
    private SearchOptions search;

    @Option(names = "--proxy", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "near",
            description = "the score(s) to maximise; several are rank-averaged (default near; label-free: near, params,"
                    + " naswot, synflow, jacob_cov, meco; with --table: column names)")
    private List<String> proxies;

    @Option(names = "--table", paramLabel = "FILE.csv", description = "look the scores up in this CSV (a column"
            + " of cell strings, --key, and one column per --proxy) instead of computing them; with --space nb101:"
            + " NAS-Bench-101's matrix and ops columns (or readable cells in --key) give the cells searched")
    private Path table;

    @Option(names = "--key", paramLabel = "COLUMN", description = "--table's column naming each row (default"
            + " cellstr; with --space nb101: id)")
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
        int images = search.images();
        search.top();
        if (search.space().strip().equalsIgnoreCase("nb101")) {
            return searchNb101(s, budget, images);
        }
        Nb201Network network = Nb201Network.builder().seed(scoring.seed()).build();
        Nb201Space cells = search.nb201Space(network);
        Fitness<Nb201Cell> fitness;
        if (table != null) {
            try {
                fitness = TableScores.read(table, key == null ? "cellstr" : key, proxies, cells::name);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + table + ": " + CliException.oneLine(e), e);
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--table: " + e.getMessage(), e);
            }
        } else {
            List<ZeroCostProxy> list = zeroCostProxies();
            INDArray x = Nb201Sources.bundledImages(images, DataType.FLOAT);
            try {
                fitness = ProxyFitness.of(cells, list, new DataSet(x, null));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--proxy: " + e.getMessage());
            }
        }
        int total = s.kind().equals("exhaustive") ? cells.size() : Math.min(budget, cells.size());
        return search(cells, fitness, s, budget, total);
    }

    /** {@code --space nb101}: the whole space, or with {@code --table} the table's rows. */
    private int searchNb101(Strategy s, int budget, int images) throws CliException {
        Nb101Network network = Nb101Network.builder().seed(scoring.seed()).build();
        Nb101Space cells;
        Fitness<Nb101Cell> fitness;
        if (table != null) {
            String column = key == null ? "id" : key;
            Map<Nb101Cell, String> keys = new HashMap<>();
            List<Nb101Cell> rows = new ArrayList<>();
            try {
                for (Nb101Sources.Named n : Nb101Sources.table(table, column)) {
                    rows.add(n.cell());
                    if (keys.put(n.cell(), n.name()) != null) {
                        throw CliException.badInput("--table " + table + ": the cell " + n.cell() + " appears twice");
                    }
                }
                cells = Nb101Space.of(network, rows);
                fitness = TableScores.read(table, column, proxies, keys::get);
            } catch (InvalidInputException e) {
                throw CliException.badInput("--table: " + e.getMessage(), e);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + table + ": " + CliException.oneLine(e), e);
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--table: " + e.getMessage(), e);
            }
        } else {
            cells = Nb101Space.full(network);
            INDArray x = Nb101Sources.bundledImages(images, DataType.FLOAT);
            try {
                fitness = ProxyFitness.of(cells, zeroCostProxies(), new DataSet(x, null));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--proxy: " + e.getMessage());
            }
        }
        int total = s.kind().equals("exhaustive") ? cells.size() : Math.min(budget, cells.size());
        return search(cells, fitness, s, budget, total);
    }

    /** The label-free proxies of {@code --proxy}, with the scoring options. */
    private List<ZeroCostProxy> zeroCostProxies() throws CliException {
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
        return list;
    }

    /** Runs the search with progress, writes {@code --csv} and prints the result. */
    private <C> int search(SearchSpace<C> cells, Fitness<C> fitness, Strategy s, int budget, int total)
            throws CliException {
        SearchResult<C> result;
        try (Progress p = Progress.start("search", "candidates", total, Progress.Mode.detect(run.quiet()), err)) {
            result = ArchitectureSearch.builder(cells, fitness).strategy(s).budget(budget).seed(scoring.seed())
                    .top(search.top()).history(search.history()).listener((e, done, b) -> p.stepTo(done)).build().run();
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
