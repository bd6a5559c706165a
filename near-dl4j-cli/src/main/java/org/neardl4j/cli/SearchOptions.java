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

import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.space.Nb201Network;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The options of a search that {@code near-cli search} and the Spark search entry point share (a picocli mixin):
 * the space, the strategy and its parameters, the budget, the finalists, the probe images, the history and the
 * output ({@code --csv}, {@code --json}).
 *
 * <pre>{@code
 * SearchOptions search;           // a field of the command, annotated with picocli's Mixin
 * ...
 * Strategy s = search.strategy();
 * Nb201Space cells = search.nb201Space(Nb201Network.builder().initialisation(Initialisation.seeded(seed)).build());
 * out.println(search.report(result));
 * }</pre>
 */
public final class SearchOptions {

    @Option(names = "--space", paramLabel = "nb201|nb101|FILE", defaultValue = "nb201", description = "nb201: all"
            + " 15,625 cells; nb101: NAS-Bench-101's cells, sampled and mutated as NAS-Bench-101 does (with --table:"
            + " the table's rows; NAS-Bench-101's network, CIFAR-10 normalisation); FILE: the NB201 cells of a file"
            + " (one cell string per line, or a CSV with a cellstr column) (default nb201)")
    private String space;

    @Option(names = "--strategy", paramLabel = "random|evolution|exhaustive", defaultValue = "random",
            description = "random: best of N distinct random cells; evolution: regularised evolution; exhaustive:"
                    + " every cell of the space (default random)")
    private String strategy;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "100", description = "distinct cells to score"
            + " (default 100)")
    private int budget;

    @Option(names = "--population", paramLabel = "P", defaultValue = "10", description = "evolution: population"
            + " (default 10)")
    private int population;

    @Option(names = "--sample", paramLabel = "S", defaultValue = "3", description = "evolution: tournament size"
            + " (default 3)")
    private int sample;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "finalists to report (default 1)")
    private int top;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10", description = "bundled CIFAR-10 test images"
            + " that each cell is scored on, normalised as its benchmark does (default 10)")
    private int images;

    @Option(names = "--history", paramLabel = "FILE.jsonl", description = "record every score here; a search"
            + " started again with the same file and options continues it")
    private Path history;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "also write the ranking as CSV")
    private Path csv;

    @Option(names = "--json", description = "print one JSON object instead of a table (near-cli search with"
            + " --train-epochs: the training record, the search's object under \"search\")")
    private boolean json;

    /**
     * {@code --space} as given.
     *
     * @return {@code nb201}, {@code nb101} or a file name
     */
    public String space() {
        return space;
    }

    /**
     * {@code --strategy}, with {@code --population} and {@code --sample} for evolution.
     *
     * @return the strategy
     * @throws CliException a usage error for an unknown strategy or bad parameters
     */
    public Strategy strategy() throws CliException {
        try {
            return strategy.strip().equalsIgnoreCase("evolution") ? Strategy.evolution(population, sample)
                    : Strategy.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--strategy: " + e.getMessage());
        }
    }

    /**
     * {@code --budget}.
     *
     * @return at least 1
     * @throws CliException a usage error below 1
     */
    public int budget() throws CliException {
        return (int) Cli.atLeast("--budget", budget, 1);
    }

    /**
     * {@code --top}.
     *
     * @return at least 1
     * @throws CliException a usage error below 1
     */
    public int top() throws CliException {
        return (int) Cli.atLeast("--top", top, 1);
    }

    /**
     * {@code --images}: how many bundled CIFAR-10 test images each cell is scored on.
     *
     * @return at least 1
     * @throws CliException a usage error below 1
     */
    public int images() throws CliException {
        return (int) Cli.atLeast("--images", images, 1);
    }

    /**
     * {@code --history}.
     *
     * @return the history file, or null for none
     */
    public Path history() {
        return history;
    }

    /**
     * {@code --json}.
     *
     * @return whether to print JSON instead of a table
     */
    public boolean json() {
        return json;
    }

    /**
     * The NAS-Bench-201 space that {@code --space} names.
     *
     * @param network builds the cells' networks
     * @return all cells, or those of the file
     * @throws CliException a bad-input error when the file cannot be read or names no valid cells, a usage error for
     *                      {@code nb101}
     */
    public Nb201Space nb201Space(Nb201Network network) throws CliException {
        if (space.strip().equalsIgnoreCase("nb101")) {
            throw CliException.usage("--space nb101: this command searches NAS-Bench-201 cells only");
        }
        try {
            return space.equals("nb201") ? Nb201Space.full(network) : Nb201Space.of(network, Nb201Sources.cells(space));
        } catch (InvalidInputException e) {
            throw CliException.badInput("--space: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--space " + space + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the {@code --csv} file when asked and gives what to print: the JSON object ({@code --json}) or a table
     * of the best candidates with the chosen one and why.
     *
     * @param r   the search's result
     * @param <C> the candidate type
     * @return the text to print on stdout
     * @throws CliException a bad-input error when the CSV cannot be written
     */
    public <C> String report(SearchResult<C> r) throws CliException {
        if (csv != null) {
            try {
                r.writeCsv(csv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + csv + ": " + CliException.oneLine(e), e);
            }
        }
        return json ? r.toJson() : table(r);
    }

    private static String table(SearchResult<?> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d scored (%d computed, %d from history), %.1f s%n",
                r.strategy(), r.evaluations().size(), r.computed(), r.replayed(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "%5s  %-12s %s  %s%n", "rank", "fitness", r.scores(), "cell"));
        int shown = Math.min(r.ranking().size(), Math.max(10, r.finalists().size()));
        for (int i = 0; i < shown; i++) {
            SearchResult.Ranked k = r.ranking().get(i);
            sb.append(String.format(Locale.ROOT, "%5d  %-12.6g %s  %s%n", k.rank(), k.fitness(),
                    k.evaluation().values(), k.evaluation().name()));
        }
        sb.append("chosen: ").append(r.finalists().get(0)).append(System.lineSeparator());
        sb.append("why: ").append(r.reason());
        return sb.toString();
    }
}
