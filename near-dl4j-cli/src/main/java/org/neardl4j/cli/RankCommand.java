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

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.cli.io.InputCheck;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.ModelFiles;
import org.neardl4j.cli.io.Nb101Sources;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.io.NpyFiles;
import org.neardl4j.cli.progress.Progress;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.neardl4j.cli.io.MetricFiles;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code near-cli rank}: ranks several networks by NEAR (averaged over repetitions) on the same {@code .npy}
 * inputs, optionally next to measured accuracies (Spearman's rho, Kendall's tau, top-k overlap) and zero-cost proxies
 * ({@code --proxy}, {@link ProxyChoice}). Networks are model zips, DL4J configurations ({@code .json}, {@code .yaml})
 * named by their file name without the extension, or NAS-Bench-201 cells ({@code --nb201}) named by their cell
 * string. {@code --accuracies FILE} holds {@code name,value} lines with those names (a trailing {@code .zip} is
 * accepted); {@code --accuracies FILE:COLUMN} reads a column of a CSV with a header ({@link MetricFiles}); either is
 * read and checked before anything is scored. A candidate that cannot be loaded or scored is named, listed in every
 * output with its error, and the others are ranked: the exit code is then {@value NearCli#EXIT_PARTIAL}. Progress
 * goes to stderr (see {@link Progress}); {@code --html} writes a self-contained report ({@link HtmlReport}).
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar rank -m a.zip b.zip c.json -i x.npy -a acc.csv --proxy meco --json
 * java -jar near-dl4j-cli/target/near-cli.jar rank --nb201 cells.txt -a nb201_cifar10_1000.csv:cifar10_test_acc
 * }</pre>
 */
@Command(name = "rank", sortOptions = false, usageHelpAutoWidth = true,
        description = "Rank saved DL4J models (or configurations) by NEAR on the same .npy inputs, optionally"
                + " against measured accuracies.",
        footer = {"", NearCli.EXIT_CODES})
public final class RankCommand implements Callable<Integer> {

    @Option(names = {"-m", "--models"}, paramLabel = "FILE", arity = "1..*", description = "models saved with"
            + " ModelSerializer (.zip), configurations (.json, .yaml, .yml) or Keras models (.h5); several files may"
            + " follow one --models")
    private List<String> models = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE.npy", description = "input array shaped as the networks' input"
            + " (all networks take the same inputs), one per network input (repeatable)")
    private List<String> inputs = new ArrayList<>();

    @Mixin
    private ScoringOptions scoring;

    @Option(names = "--saved-weights", description = "score repetition 1 with the weights in the file (default:"
            + " every repetition on fresh initialisations, so that trained files are ranked at initialisation)")
    private boolean savedWeights;

    @Option(names = {"-a", "--accuracies"}, paramLabel = "FILE[:COLUMN]", description = "a measured metric (higher"
            + " is better), read before scoring: FILE of name,value lines naming candidates, or FILE:COLUMN of a CSV"
            + " with a header whose 'name' column (else 'cellstr', NB201 cell strings, else the first column) names"
            + " the candidates; rows naming no candidate are ignored")
    private String accuracies;

    @Mixin
    private ProxyChoice proxies;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "also write the ranking as CSV")
    private Path csv;

    @Option(names = "--html", paramLabel = "FILE.html", description = "also write a self-contained HTML report"
            + " (table, NEAR against the metric, per-layer breakdown of the top candidates, provenance)")
    private Path html;

    @Option(names = {"-j", "--json"}, description = "print one JSON object instead of a table")
    private boolean json;

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    @Option(names = "--nb201", paramLabel = "CELL|FILE", description = "NAS-Bench-201 cells to rank: a cell string"
            + " (|nor_conv_3x3~0|+|...|) or a file of them (one per line, or a CSV with a cellstr column);"
            + " repeatable; named by the cell string; without --input scored on the bundled images of --dataset"
            + " (CIFAR-10: the first 64 test images, CIFAR-100: the first 100, ImageNet16-120: 120 stand-ins)")
    private List<String> nb201 = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "D", converter = DatasetOption.class,
            completionCandidates = DatasetOption.Choices.class, description = "the dataset of the --nb201 networks:"
            + " cifar10 (default), cifar100 or imagenet16-120 (classes, input size, bundled images)")
    private Nb201Dataset dataset;

    @Option(names = "--nb101", paramLabel = "SPEC|FILE", description = "NAS-Bench-101 cells to rank: a cell"
            + " (conv3x3(0) maxpool3x3(0,1) output(1,2)) or a file of them (one per line, or a CSV with NAS-Bench-101's"
            + " matrix and ops columns, candidates named by its id column when it has one); repeatable; their CIFAR-10"
            + " networks; without --input scored on the first " + Nb101Sources.DEFAULT_IMAGES + " bundled CIFAR-10"
            + " test images with NAS-Bench-101's normalisation")
    private List<String> nb101 = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;
    private List<String> inputSources = List.of();
    private List<String> inputWarnings = List.of();

    @Spec
    private CommandSpec spec;

    /**
     * A rank command that prints to {@code out} and shows progress on {@code err}.
     *
     * @param out where the result goes
     * @param err where progress goes
     */
    public RankCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The name of a candidate: the file name without {@code .zip}, {@code .json}, {@code .yaml} or {@code .yml}.
     *
     * @param file a model file or a name from the accuracies CSV
     * @return the name
     */
    static String candidateName(String file) {
        String n = Paths.get(file).getFileName().toString();
        for (String ext : new String[] {".zip", ".json", ".yaml", ".yml"}) {
            if (n.endsWith(ext) && n.length() > ext.length()) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /**
     * The models given, in order (for tests).
     *
     * @return the {@code --models} files
     */
    List<String> models() {
        return models;
    }

    private static INDArray[] cast(List<INDArray> raw, DataType type) {
        INDArray[] features = new INDArray[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            features[i] = raw.get(i).dataType() == type ? raw.get(i) : raw.get(i).castTo(type);
        }
        return features;
    }

    /** A candidate as loaded before scoring: how to build its network, or why it cannot be. */
    private record Loaded(String name, Supplier<Model> network, String failure) {
    }

    @Override
    public Integer call() throws CliException {
        List<Nb201Cell> cells = new ArrayList<>();
        List<Nb101Sources.Named> cells101 = new ArrayList<>();
        if (dataset != null && nb201.isEmpty()) {
            throw CliException.usage("--dataset needs --nb201 (it picks the NAS-Bench-201 networks' dataset)");
        }
        Nb201Dataset data = dataset == null ? Nb201Dataset.CIFAR10 : dataset;
        try {
            for (String a : nb201) {
                cells.addAll(Nb201Sources.cells(a));
            }
            for (String a : nb101) {
                cells101.addAll(Nb101Sources.cells(a));
            }
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
        int total = models.size() + cells.size() + cells101.size();
        if (total < 2) {
            throw CliException.usage(cells.isEmpty() && cells101.isEmpty() ? "rank needs at least two --models files"
                    : "rank needs at least two networks (--models files, --nb201 and --nb101 cells)");
        }
        int kinds = (models.isEmpty() ? 0 : 1) + (cells.isEmpty() ? 0 : 1) + (cells101.isEmpty() ? 0 : 1);
        if (inputs.isEmpty() && (kinds > 1 || !models.isEmpty())) {
            throw CliException.usage("rank needs at least one --input FILE.npy"
                    + (models.isEmpty() ? " (NB201 or NB101 cells alone are scored on their bundled images; mixed,"
                    + " they need the same --input)" : ""));
        }
        int repetitions = scoring.repetitions(3);
        long maxSamples = scoring.maxSamples();
        List<String> proxyNames = proxies.names();

        // names first: duplicates and the metric file are checked before anything is loaded or scored
        List<String> names = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String f : models) {
            String name = candidateName(f);
            String before = seen.putIfAbsent(name, f);
            if (before != null) {
                throw CliException.usage("two models are named '" + name + "': " + before + " and " + f
                        + " (a candidate is named by its file name without the extension)");
            }
            if (!Files.exists(Paths.get(f))) {
                throw CliException.badInput("model " + f + ": file not found");
            }
            names.add(name);
        }
        for (Nb201Cell cell : cells) {
            String name = cell.toString();
            if (seen.put(name, name) != null) {
                throw CliException.usage("the NB201 cell " + name + " is given twice");
            }
            names.add(name);
        }
        for (Nb101Sources.Named cell : cells101) {
            String name = cell.name();
            String before = seen.putIfAbsent(name, "NB101 cell " + cell.cell());
            if (before != null) {
                throw CliException.usage("two candidates are named '" + name + "': " + before + " and NB101 cell "
                        + cell.cell());
            }
            names.add(name);
        }
        MetricFiles.Metric metric = null;
        Map<String, Double> metricValues = null;
        if (accuracies != null) {
            try {
                metric = MetricFiles.read(accuracies);
                metricValues = metric.forCandidates(names, RankCommand::candidateName);
            } catch (InvalidInputException e) {
                throw CliException.badInput(e.getMessage(), e);
            }
        }

        List<Candidate> candidates = new ArrayList<>();
        Map<String, Supplier<Model>> networks = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        INDArray[] features = null;
        INDArray labels;
        Progress progress = Progress.start("rank", "candidates", total, Progress.Mode.detect(run.quiet()), err);
        try {
            List<INDArray> raw = new ArrayList<>();
            List<String> sources = new ArrayList<>(inputs);
            for (String f : inputs) {
                raw.add(NpyFiles.read(Paths.get(f)));
            }
            INDArray bundledLabels = null;
            if (inputs.isEmpty() && !cells.isEmpty() && data == Nb201Dataset.CIFAR10) {
                int n = (int) Math.min(Nb201Sources.DEFAULT_IMAGES, maxSamples);
                raw.add(Nb201Sources.bundledImages(n, DataType.FLOAT));
                sources.add(Nb201Sources.describeImages(n));
                bundledLabels = Nb201Sources.bundledLabels(n);
            } else if (inputs.isEmpty() && !cells.isEmpty()) {
                INDArray x = Nb201Sources.bundledImages(data, DataType.FLOAT);
                raw.add(x);
                sources.add(Nb201Sources.describeImages(data, Math.min(x.size(0), maxSamples)));
            } else if (inputs.isEmpty()) {
                INDArray x = Nb101Sources.bundledImages(DataType.FLOAT);
                raw.add(x);
                sources.add(Nb101Sources.describeImages(Math.min(x.size(0), maxSamples)));
            }
            raw = ScoringOptions.firstSamples(raw, maxSamples);
            inputWarnings = InputCheck.zeroInputs(raw, sources);
            labels = proxies.labels(proxyNames, bundledLabels, maxSamples);
            inputSources = sources;
            List<Loaded> loaded = new ArrayList<>();
            for (String f : models) {
                String name = candidateName(f);
                try {
                    ModelFiles.Loaded m = ModelFiles.load(Paths.get(f));
                    InputCheck.check(m.model(), raw, sources);
                    descriptions.put(name, m.description());
                    if (features == null) {
                        features = cast(raw, ModelFiles.dataType(m.model()));
                    }
                    Model model = m.model();
                    boolean fresh = !savedWeights && !ModelFiles.isConfiguration(Paths.get(f));
                    loaded.add(new Loaded(name, fresh ? () -> freshFromConfiguration(model) : () -> model, null));
                } catch (InvalidInputException e) {
                    // this candidate fails; the others are still ranked
                    descriptions.put(name, f);
                    loaded.add(new Loaded(name, null, f + ": " + e.getMessage()));
                }
            }
            if (!cells.isEmpty()) {
                Nb201Network space = Nb201Network.builder().dataset(data).initialisation(Initialisation.seeded(scoring.seed())).build();
                InputCheck.check(space.graph(cells.get(0)), raw, sources);
                if (features == null) {
                    features = cast(raw, space.initialisation().dataType());
                }
                for (Nb201Cell cell : cells) {
                    String name = cell.toString();
                    descriptions.put(name, "NB201 cell (" + space + ", " + space.parameterCount(cell)
                            + " parameters)");
                    // built when scored: a file may hold thousands of cells
                    loaded.add(new Loaded(name, () -> space.graph(cell), null));
                }
            }
            if (!cells101.isEmpty()) {
                Nb101Network space = Nb101Network.builder().initialisation(Initialisation.seeded(scoring.seed())).build();
                InputCheck.check(space.graph(cells101.get(0).cell()), raw, sources);
                if (features == null) {
                    features = cast(raw, space.initialisation().dataType());
                }
                for (Nb101Sources.Named cell : cells101) {
                    descriptions.put(cell.name(), "NB101 cell " + cell.cell() + " (" + space + ", "
                            + space.parameterCount(cell.cell()) + " parameters)");
                    loaded.add(new Loaded(cell.name(), () -> space.graph(cell.cell()), null));   // built when scored
                }
            }
            if (features == null) {
                features = cast(raw, DataType.FLOAT);
            }
            Progress p = progress;
            for (int i = 0; i < loaded.size(); i++) {
                Loaded l = loaded.get(i);
                int k = i;
                // the ranking asks for each candidate's network once, in order: candidate k starts when k are done
                candidates.add(Candidate.ofSupplier(l.name(), () -> {
                    p.stepTo(k);
                    if (l.failure() != null) {
                        throw new IllegalArgumentException(l.failure());
                    }
                    return l.network().get();
                }));
                if (l.failure() == null) {
                    networks.put(l.name(), l.network());
                }
            }
        } catch (InvalidInputException e) {
            progress.close();
            throw CliException.badInput(e.getMessage(), e);
        } catch (CliException | RuntimeException e) {
            progress.close();
            throw e;
        }

        NearScorer scorer = NearScorer.builder().repetitions(repetitions).seed(scoring.seed())
                .blockMode(scoring.block()).build();
        RankingResult result;
        long started = System.nanoTime();
        try (Progress p = progress) {
            // savedWeights: repetition 1 on the weights in the file; else every repetition fresh
            result = ArchitectureRanking.builder().scorer(scorer).freshWeights(!savedWeights).isolateFailures(true)
                    .build().rank(candidates, features);
            p.stepTo(total);
        } catch (RuntimeException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // the proxies of every candidate that NEAR could score
        RankTable table = new RankTable(result, proxyNames, inputWarnings);
        for (RankedCandidate c : result.entries()) {
            if (proxyNames.isEmpty()) {
                break;
            }
            try {
                table.proxies(c.name(), ProxyChoice.score(proxyNames, networks.get(c.name()).get(), features, labels,
                        scorer));
            } catch (RuntimeException e) {
                table.proxyFailure(c.name(), CliException.oneLine(e));
            }
        }
        String metricError = null;
        if (metric != null) {
            try {
                table = table.withMetric(metric.name(), metricValues);
            } catch (RuntimeException e) {
                // the ranking is still printed and written; only the metric part failed
                metricError = "accuracies " + metric.file() + ": " + CliException.oneLine(e);
            }
        }
        if (csv != null) {
            try {
                Files.writeString(csv, table.toCsv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + csv + ": " + CliException.oneLine(e), e);
            }
        }
        if (html != null) {
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("command", Cli.typed(spec, "rank"));
            provenance.put("repetitions", Integer.toString(repetitions));
            provenance.put("seed", Long.toString(scoring.seed()));
            provenance.put("block", scoring.block().name().toLowerCase(java.util.Locale.ROOT));
            provenance.put("weights", savedWeights ? "repetition 1 with the weights in the file, then fresh"
                    : "fresh initialisations in every repetition");
            provenance.put("samples", Long.toString(features[0].size(0)));
            for (int i = 0; i < inputSources.size(); i++) {
                provenance.put("input " + (i + 1), inputSources.get(i) + " "
                        + java.util.Arrays.toString(features[i].shape()) + " " + features[i].dataType());
            }
            descriptions.forEach((n, d) -> provenance.put("model " + n, d));
            if (metric != null) {
                provenance.put("accuracies", accuracies);
            }
            provenance.put("ranking time", String.format(java.util.Locale.ROOT, "%.1f s", seconds));
            try {
                HtmlReport.Builder b = HtmlReport.builder().title("NEAR ranking of " + total + " networks")
                        .ranking(table.result()).warnings(table.warnings());
                if (!proxyNames.isEmpty()) {
                    b.table("Zero-cost proxies", table.proxyHeader(), table.proxyRows());
                    if (!table.proxyCorrelationRows().isEmpty()) {
                        b.table(null, RankTable.CORRELATION_HEADER, table.proxyCorrelationRows());
                    }
                }
                b.provenance(provenance).build().write(html);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + html + ": " + CliException.oneLine(e), e);
            }
        }
        out.println(json ? table.toJson() : table.toString());
        out.flush();
        if (metricError != null) {
            err.println("error: " + metricError);
            err.flush();
            return NearCli.EXIT_BAD_INPUT;
        }
        if (!result.failures().isEmpty()) {
            if (result.entries().isEmpty()) {
                err.println("error: no candidate could be scored (the failures are listed above)");
                err.flush();
                return NearCli.EXIT_BAD_INPUT;
            }
            err.println("error: " + result.failures().size() + " of " + total + " candidates could not be scored: "
                    + result.failures().stream().map(CandidateFailure::name)
                    .collect(java.util.stream.Collectors.joining(", "))
                    + "; the others are ranked (exit code " + NearCli.EXIT_PARTIAL + ")");
            err.flush();
            return NearCli.EXIT_PARTIAL;
        }
        return NearCli.EXIT_OK;
    }

    /** A freshly initialised copy of a loaded network, drawn with its configuration's seed. */
    static Model freshFromConfiguration(Model model) {
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = new MultiLayerNetwork(((MultiLayerNetwork) model).getLayerWiseConfigurations()
                    .clone());
            net.init();
            return net;
        }
        ComputationGraph g = new ComputationGraph(((ComputationGraph) model).getConfiguration().clone());
        g.init();
        return g;
    }
}
