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
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.FinalistTraining;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.ProxyFitness;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.search.TrainedFinalists;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code near-cli search}: zero-cost architecture search over NAS-Bench-201 cells (the whole space, or the cells of a
 * file) with one or several proxies (several are rank-averaged), by best-of-N random sampling, regularised evolution
 * or exhaustively; or with scores looked up in a CSV table ({@code --table}) to compare strategies without scoring.
 * Prints the ranking of what was scored and the chosen cell(s) with the reason; {@code --json} one JSON object,
 * {@code --csv} the ranking as CSV, {@code --history} a resumable JSON-lines record, {@code --html} a
 * self-contained report. With {@code --train-epochs E} the {@code --top K} finalists are then trained briefly with
 * DL4J's early stopping ({@link FinalistTraining}) on the bundled labelled CIFAR-10 images (80% train, 20%
 * validate) and the one with the best validation accuracy wins. Progress goes to stderr.
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb201 --strategy evolution --budget 100 --proxy near --seed 1 --top 3
 * }</pre>
 */
@Command(name = "search", sortOptions = false, usageHelpAutoWidth = true,
        description = "Search NAS-Bench-201 cells for the best zero-cost score (random best-of-N, regularised"
                + " evolution or exhaustive); optionally train the top K briefly and pick the best validated.",
        footer = {"", NearCli.EXIT_CODES})
public final class SearchCommand implements Callable<Integer> {

    @Option(names = "--space", paramLabel = "nb201|FILE", defaultValue = "nb201", description = "nb201: all 15,625"
            + " cells; FILE: the cells of a file (one cell string per line, or a CSV with a cellstr column)"
            + " (default nb201)")
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

    @Option(names = "--proxy", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "near",
            description = "the score(s) to maximise; several are rank-averaged (default near; label-free: near, params,"
                    + " naswot, synflow, jacob_cov, meco; with --table: column names)")
    private List<String> proxies;

    @Option(names = "--top", paramLabel = "K", defaultValue = "1", description = "finalists to report (default 1)")
    private int top;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10", description = "bundled CIFAR-10 test images"
            + " that each cell is scored on (default 10)")
    private int images;

    @Option(names = "--table", paramLabel = "FILE.csv", description = "look the scores up in this CSV (a column"
            + " of cell strings, --key, and one column per --proxy) instead of computing them")
    private Path table;

    @Option(names = "--key", paramLabel = "COLUMN", defaultValue = "cellstr", description = "--table's column of"
            + " cell strings (default cellstr)")
    private String key;

    @Option(names = "--history", paramLabel = "FILE.jsonl", description = "record every score here; a search"
            + " started again with the same file and options continues it")
    private Path history;

    @Mixin
    private ScoringOptions scoring;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "also write the ranking as CSV")
    private Path csv;

    @Option(names = "--json", description = "print one JSON object instead of a table (with --train-epochs: the"
            + " training record, the search's object under \"search\")")
    private boolean json;

    @Option(names = "--html", paramLabel = "FILE.html", description = "also write a self-contained HTML report"
            + " (settings, every candidate scored, the ranking, the finalists and why; the training when it ran)")
    private Path html;

    @Option(names = "--train-epochs", paramLabel = "E", defaultValue = "0", description = "train the --top K"
            + " finalists for at most E epochs with early stopping on bundled labelled CIFAR-10 images and choose"
            + " the one with the best validation accuracy (default 0: no training)")
    private int trainEpochs;

    @Option(names = "--patience", paramLabel = "P", defaultValue = "2", description = "training: stop a"
            + " finalist after P epochs without better validation accuracy (default 2)")
    private int patience;

    @Option(names = "--train-images", paramLabel = "N", defaultValue = "512", description = "training: the first"
            + " N bundled labelled CIFAR-10 test images (at most 512): the first 80%% train, the rest validate"
            + " (default 512)")
    private int trainImages;

    @Option(names = "--train-csv", paramLabel = "FILE.csv", description = "training: also write the finalists'"
            + " training as CSV")
    private Path trainCsv;

    @Spec
    private CommandSpec spec;

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
        Strategy s;
        try {
            s = strategy.strip().equalsIgnoreCase("evolution") ? Strategy.evolution(population, sample)
                    : Strategy.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--strategy: " + e.getMessage());
        }
        Cli.atLeast("--budget", budget, 1);
        Cli.atLeast("--top", top, 1);
        Cli.atLeast("--images", images, 1);
        checkTrainingOptions();
        Nb201Network network = Nb201Network.builder().seed(scoring.seed()).build();
        Nb201Space cells;
        try {
            cells = space.equals("nb201") ? Nb201Space.full(network)
                    : Nb201Space.of(network, Nb201Sources.cells(space));
        } catch (InvalidInputException e) {
            throw CliException.badInput("--space: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--space " + space + ": " + e.getMessage(), e);
        }
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
        if (csv != null) {
            try {
                result.writeCsv(csv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + csv + ": " + CliException.oneLine(e), e);
            }
        }
        TrainedFinalists<Nb201Cell> trained = trainEpochs > 0 ? train(cells, result) : null;
        if (trainCsv != null) {
            try {
                trained.writeCsv(trainCsv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + trainCsv + ": " + CliException.oneLine(e), e);
            }
        }
        if (html != null) {
            writeHtml(result, trained);
        }
        String text = json ? (trained != null ? trained.toJson() : result.toJson()) : table(result);
        if (!json && trained != null) {
            text += System.lineSeparator() + trainingTable(trained);
        }
        out.println(text);
        out.flush();
        return NearCli.EXIT_OK;
    }

    // ---- finalist training and the HTML report

    private void checkTrainingOptions() throws CliException {
        Cli.atLeast("--train-epochs", trainEpochs, 0);
        Cli.atLeast("--patience", patience, 1);
        Cli.atLeast("--train-images", trainImages, 2);
        if (trainImages > TRAIN_IMAGES_MAX) {
            throw CliException.usage("option '--train-images' must be at most " + TRAIN_IMAGES_MAX
                    + " (the bundled labelled images), got " + trainImages);
        }
        if (trainEpochs == 0 && trainCsv != null) {
            throw CliException.usage("--train-csv needs --train-epochs (at least 1)");
        }
    }

    private static final int TRAIN_IMAGES_MAX = 512;
    private static final int TRAIN_BATCH = 32;

    /** Trains the finalists on the first 80% of the bundled labelled images and validates on the rest. */
    private TrainedFinalists<Nb201Cell> train(Nb201Space cells, SearchResult<Nb201Cell> result) throws CliException {
        if (top > result.ranking().size()) {
            throw CliException.usage("--top " + top + " is larger than the " + result.ranking().size()
                    + " cells the search scored; training needs that many finalists");
        }
        int n = trainImages;
        int nTrain = Math.max(1, n * 4 / 5);
        INDArray x = Nb201Sources.bundledImages(n, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        INDArray labels = Nb201Sources.bundledLabels(n);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, labels.getInt(i), 1);
        }
        DataSet trainSet = new DataSet(x.get(NDArrayIndex.interval(0, nTrain)).dup(),
                y.get(NDArrayIndex.interval(0, nTrain)).dup());
        DataSet validSet = new DataSet(x.get(NDArrayIndex.interval(nTrain, n)).dup(),
                y.get(NDArrayIndex.interval(nTrain, n)).dup());
        if (!run.quiet()) {
            err.printf(Locale.ROOT, "training %d finalists for at most %d epochs on %d bundled CIFAR-10 images,"
                    + " validating on %d%n", top, trainEpochs, nTrain, n - nTrain);
            err.flush();
        }
        try {
            return FinalistTraining.builder(cells).data(new ViewIterator(trainSet, TRAIN_BATCH),
                            new ViewIterator(validSet, TRAIN_BATCH)).top(top).maxEpochs(trainEpochs)
                    .patience(patience).seed(scoring.seed()).build().train(result);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.badInput("training: " + CliException.oneLine(e), e);
        }
    }

    private void writeHtml(SearchResult<Nb201Cell> result, TrainedFinalists<Nb201Cell> trained)
            throws CliException {
        List<List<String>> settings = new ArrayList<>();
        settings.add(List.of("space", space.equals("nb201") ? "nb201: all 15,625 NAS-Bench-201 cells"
                : "the cells of " + space));
        settings.add(List.of("strategy", result.strategy().toString()));
        settings.add(List.of("budget", Integer.toString(budget)));
        settings.add(List.of("fitness", table != null ? String.join(", ", proxies) + " looked up in " + table
                : String.join(", ", proxies) + " on " + Nb201Sources.describeImages(images)));
        settings.add(List.of("seed", Long.toString(scoring.seed())));
        settings.add(List.of("top", Integer.toString(top)));
        if (history != null) {
            settings.add(List.of("history", history.toString()));
        }
        if (trained != null) {
            int nTrain = Math.max(1, trainImages * 4 / 5);
            settings.add(List.of("training", String.format(Locale.ROOT, "the %d finalists, at most %d epochs,"
                            + " patience %d, batch %d, on bundled CIFAR-10 test images 0..%d; validation on images"
                            + " %d..%d", top, trainEpochs, patience, TRAIN_BATCH, nTrain - 1, nTrain,
                    trainImages - 1)));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("command", Cli.typed(spec, "search"));
        provenance.put("search time", String.format(Locale.ROOT, "%.1f s", result.seconds()));
        if (trained != null) {
            provenance.put("training time", String.format(Locale.ROOT, "%.1f s", trained.seconds()));
        }
        HtmlReport.Builder b = HtmlReport.builder().title("Architecture search: " + result.evaluations().size()
                + " candidates scored").table("Settings", List.of("setting", "value"), settings).search(result);
        if (trained != null) {
            b.finalists(trained);
        }
        try {
            b.provenance(provenance).build().write(html);
        } catch (IOException e) {
            throw CliException.badInput("cannot write " + html + ": " + CliException.oneLine(e), e);
        }
    }

    private static String trainingTable(TrainedFinalists<Nb201Cell> t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "trained %d finalists in %.1f s%n", t.finalists().size(),
                t.seconds()));
        sb.append(String.format(Locale.ROOT, "%5s  %-9s %-7s %-10s %-12s  %s%n", "rank", "accuracy", "epochs",
                "best epoch", "stopped by", "cell"));
        for (TrainedFinalists.Finalist f : t.finalists()) {
            sb.append(f.trained()
                    ? String.format(Locale.ROOT, "%5d  %-9.4f %-7d %-10d %-12s  %s%n", f.rank(),
                    f.validationAccuracy(), f.epochs(), f.bestEpoch(), f.termination(), f.name())
                    : String.format(Locale.ROOT, "%5d  failed: %s  %s%n", f.rank(), f.error(), f.name()));
        }
        sb.append("winner: ").append(t.winner().name()).append(System.lineSeparator());
        sb.append("why: ").append(t.reason());
        return sb.toString();
    }

    private static String table(SearchResult<Nb201Cell> r) {
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
