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
import org.neardl4j.cli.io.Nb101Sources;
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
import org.neardl4j.search.Nb101Space;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.ProxyFitness;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.SearchSpace;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TableScores;
import org.neardl4j.search.TrainedFinalists;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * {@code --csv} the ranking as CSV, {@code --history} a resumable JSON-lines record, {@code --html} a
 * self-contained report. With {@code --train-epochs E} the {@code --top K} finalists are then trained briefly with
 * DL4J's early stopping ({@link FinalistTraining}) on the bundled labelled CIFAR-10 images (80% train, 20%
 * validate, normalised as the space's benchmark does) and the one with the best validation accuracy wins. Progress
 * goes to stderr.
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb201 --strategy evolution --budget 100 --proxy near --seed 1 --top 3
 * java -jar near-dl4j-cli/target/near-cli.jar search --space nb101 --budget 20 --proxy near,meco --seed 1
 * }</pre>
 */
@Command(name = "search", sortOptions = false, usageHelpAutoWidth = true,
        description = "Search NAS-Bench-201 or NAS-Bench-101 cells for the best zero-cost score (random best-of-N,"
                + " regularised evolution or exhaustive); optionally train the top K briefly and pick the best"
                + " validated.",
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
        Strategy s = search.strategy();
        int budget = search.budget();
        int images = search.images();
        search.top();
        checkTrainingOptions();
        if (search.space().strip().equalsIgnoreCase("nb101")) {
            return searchNb101(s, budget, images);
        }
        Nb201Network network = Nb201Network.builder().initialisation(Initialisation.seeded(scoring.seed())).build();
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
        return search(cells, fitness, s, budget, total, images, false);
    }

    /** {@code --space nb101}: the whole space, or with {@code --table} the table's rows. */
    private int searchNb101(Strategy s, int budget, int images) throws CliException {
        Nb101Network network = Nb101Network.builder().initialisation(Initialisation.seeded(scoring.seed())).build();
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
        return search(cells, fitness, s, budget, total, images, true);
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

    /**
     * Runs the search with progress, trains the finalists when asked, writes {@code --csv}, {@code --train-csv} and
     * {@code --html} and prints the result.
     */
    private <C> int search(SearchSpace<C> cells, Fitness<C> fitness, Strategy s, int budget, int total, int images,
            boolean nb101) throws CliException {
        SearchResult<C> result;
        try (Progress p = Progress.start("search", "candidates", total, Progress.Mode.detect(run.quiet()), err)) {
            result = ArchitectureSearch.builder(cells, fitness).strategy(s).budget(budget).seed(scoring.seed())
                    .top(search.top()).history(search.history()).listener((e, done, b) -> p.stepTo(done)).build().run();
        } catch (UncheckedIOException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        String text = search.report(result);
        TrainedFinalists<C> trained = trainEpochs > 0 ? train(cells, result, nb101) : null;
        if (trainCsv != null) {
            try {
                trained.writeCsv(trainCsv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + trainCsv + ": " + CliException.oneLine(e), e);
            }
        }
        if (html != null) {
            writeHtml(result, trained, budget, images, nb101);
        }
        if (trained != null) {
            text = search.json() ? trained.toJson() : text + System.lineSeparator() + trainingTable(trained);
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
    private <C> TrainedFinalists<C> train(SearchSpace<C> cells, SearchResult<C> result, boolean nb101)
            throws CliException {
        int top = search.top();
        if (top > result.ranking().size()) {
            throw CliException.usage("--top " + top + " is larger than the " + result.ranking().size()
                    + " cells the search scored; training needs that many finalists");
        }
        int n = trainImages;
        int nTrain = Math.max(1, n * 4 / 5);
        INDArray x = nb101 ? Nb101Sources.bundledImages(n, DataType.FLOAT)
                : Nb201Sources.bundledImages(n, DataType.FLOAT);
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

    private <C> void writeHtml(SearchResult<C> result, TrainedFinalists<C> trained, int budget, int images,
            boolean nb101) throws CliException {
        String space = search.space();
        int top = search.top();
        Path history = search.history();
        List<List<String>> settings = new ArrayList<>();
        settings.add(List.of("space", space.equals("nb201") ? "nb201: all 15,625 NAS-Bench-201 cells"
                : nb101 ? (table != null ? "nb101: the NAS-Bench-101 cells of " + table
                : "nb101: NAS-Bench-101's cells, sampled as NAS-Bench-101 does") : "the cells of " + space));
        settings.add(List.of("strategy", result.strategy().toString()));
        settings.add(List.of("budget", Integer.toString(budget)));
        settings.add(List.of("fitness", table != null ? String.join(", ", proxies) + " looked up in " + table
                : String.join(", ", proxies) + " on " + (nb101 ? Nb101Sources.describeImages(images) : Nb201Sources.describeImages(images))));
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

    private static <C> String trainingTable(TrainedFinalists<C> t) {
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
}
