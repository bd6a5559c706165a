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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.cli.builtin.BundledFashionMnist;
import org.neardl4j.cli.builtin.DefaultCnn;
import org.neardl4j.cli.io.InputCheck;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.ModelFiles;
import org.neardl4j.cli.io.Nb101Sources;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.cli.io.NpyFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.internal.Json;
import org.neardl4j.proxy.ProxyResult;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code near-cli score}: the NEAR score of a model saved with DL4J's {@code ModelSerializer} on inputs from
 * NumPy {@code .npy} files, or, without {@code --model}, of a built-in small CNN ({@link DefaultCnn}) on real
 * Fashion-MNIST images bundled in the jar ({@link BundledFashionMnist}). All samples go through the network as
 * one batch. Prints a table, or with {@code --json} exactly one JSON object (the fields of
 * {@link NearResult#toJson()} plus {@code model} and {@code inputs}). With {@code --proxy} the zero-cost proxies
 * ({@link ProxyChoice}) are computed on the same samples and follow NEAR ({@code proxies} in the JSON).
 *
 * <pre>{@code
 * java -jar near-dl4j-cli/target/near-cli.jar score --model net.zip --input x.npy --block first --json
 * java -jar near-dl4j-cli/target/near-cli.jar score -m net.zip -i x.npy --proxy meco,snip --labels y.npy
 * java -jar near-dl4j-cli/target/near-cli.jar score --model net.json --input x.npy
 * }</pre>
 */
@Command(name = "score", sortOptions = false, usageHelpAutoWidth = true,
        description = "NEAR score of a saved DL4J model (or a DL4J configuration) on .npy inputs, or of a built-in"
                + " CNN on bundled Fashion-MNIST.",
        footer = {"", "--json prints one object: score, scores (total per repetition), matrices (layer, index, kind"
                + " pre|post, rows, cols, effectiveRank, ... of the first repetition in forward order), skipped,"
                + " warnings, plus provenance (standardDeviation, repetitions, samples, blockMode, seed, backend,"
                + " model, inputs) and, with --proxy, proxies (name: score, scores, standardDeviation, samples,"
                + " milliseconds).", "", NearCli.EXIT_CODES})
public final class ScoreCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "model saved with ModelSerializer (.zip:"
            + " MultiLayerNetwork or ComputationGraph) or a configuration written with toJson()/toYaml() (.json,"
            + " .yaml, .yml; initialised with its own seed) or a Keras model (.h5, imported with DL4J's Keras import);"
            + " without it: built-in CNN on the bundled Fashion-MNIST images")
    private String model;

    @Option(names = "--nb201", paramLabel = "CELL|FILE", description = "a NAS-Bench-201 cell string"
            + " (|nor_conv_3x3~0|+|...|) or a file holding one: its network for --dataset (C 16, N 5, UNIFORM"
            + " initialisation drawn with --seed); without --input: the dataset's bundled images (CIFAR-10: the"
            + " first 64 test images, CIFAR-100: the first 100, ImageNet16-120: 120 stand-ins)")
    private String nb201;

    @Option(names = "--dataset", paramLabel = "D", converter = DatasetOption.class,
            completionCandidates = DatasetOption.Choices.class, description = "the dataset of"
            + " the --nb201 network: cifar10 (default), cifar100 or imagenet16-120 (classes, input size, bundled"
            + " images)")
    private Nb201Dataset dataset;

    @Option(names = "--nb101", paramLabel = "SPEC|FILE", description = "a NAS-Bench-101 cell (conv3x3(0)"
            + " maxpool3x3(0,1) output(1,2): each vertex's operation and the vertices it reads) or a file holding"
            + " one: its CIFAR-10 network (128 stem channels, 3 stacks of 3 cells, UNIFORM initialisation drawn with"
            + " --seed); without --input: the first " + Nb101Sources.DEFAULT_IMAGES + " bundled CIFAR-10 test images"
            + " with NAS-Bench-101's normalisation")
    private String nb101;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE.npy", description = "input array shaped as the network's input,"
            + " samples first; one per network input, in the network's input order (repeatable)")
    private List<String> inputs = new ArrayList<>();

    @Mixin
    private ScoringOptions scoring;

    @Option(names = {"-j", "--json"}, description = "print one JSON object instead of a table")
    private boolean json;

    @Mixin
    private ProxyChoice proxies;

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    private final PrintStream out;

    /**
     * A score command that prints to {@code out}.
     *
     * @param out where the result goes
     */
    public ScoreCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws CliException {
        int repetitions = scoring.repetitions(1);
        long maxSamples = scoring.maxSamples();
        if ((model != null ? 1 : 0) + (nb201 != null ? 1 : 0) + (nb101 != null ? 1 : 0) > 1) {
            throw CliException.usage("--model, --nb201 and --nb101 exclude each other: score one network");
        }
        if (dataset != null && nb201 == null) {
            throw CliException.usage("--dataset needs --nb201 (it picks the NAS-Bench-201 network's dataset)");
        }
        if (model == null && nb201 == null && nb101 == null && !inputs.isEmpty()) {
            throw CliException.usage("--input needs --model (without --model the built-in CNN is scored on bundled"
                    + " images)");
        }
        if (model != null && inputs.isEmpty()) {
            throw CliException.usage("--model needs at least one --input FILE.npy");
        }

        List<String> proxyNames = proxies.names();
        Subject s = model != null ? fromFiles(model, inputs)
                : nb201 != null ? fromNb201(nb201, dataset == null ? Nb201Dataset.CIFAR10 : dataset, inputs,
                        scoring.seed(), maxSamples)
                : nb101 != null ? fromNb101(nb101, inputs, scoring.seed()) : builtIn(maxSamples);
        s.limit(maxSamples);
        s.checkFinite();
        s.warnings.addAll(0, InputCheck.zeroInputs(s.features, s.sources));
        INDArray labels = proxies.labels(proxyNames, s.bundledLabels, maxSamples);

        NearScorer scorer = NearScorer.builder().repetitions(repetitions).seed(scoring.seed())
                .blockMode(scoring.block()).build();
        long started = System.nanoTime();
        NearResult result;
        try {
            result = scorer.score(s.model, s.features.toArray(new INDArray[0]));
        } catch (RuntimeException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        Map<String, ProxyResult> proxyResults;
        try {
            proxyResults = ProxyChoice.score(proxyNames, s.model, s.features.toArray(new INDArray[0]), labels, scorer);
        } catch (RuntimeException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        if (json) {
            out.println(json(result, s, proxyResults));
        } else {
            out.println("model: " + s.modelDescription);
            for (int i = 0; i < s.features.size(); i++) {
                out.println("input: " + s.inputDescription(i));
            }
            out.print(result);
            if (!proxyResults.isEmpty()) {
                out.printf(Locale.ROOT, "zero-cost proxies (%d repetition(s), seed %d):%n", repetitions,
                        scoring.seed());
                int w = proxyResults.keySet().stream().mapToInt(String::length).max().orElse(4);
                for (ProxyResult p : proxyResults.values()) {
                    out.printf(Locale.ROOT, "  %-" + w + "s  %14.6g%s%n", p.name(), p.score(), p.repetitions() > 1
                            ? String.format(Locale.ROOT, "  sd %.4g", p.standardDeviation()) : "");
                }
            }
            for (String w : s.warnings) {
                out.println("warning: " + w);
            }
            out.printf(Locale.ROOT, "scored in %.1f s%n", seconds);
        }
        out.flush();
        return NearCli.EXIT_OK;
    }

    /** The result's JSON with the CLI's provenance ({@code model}, {@code inputs}) and warnings added. */
    static String json(NearResult result, Subject s, Map<String, ProxyResult> proxyResults) {
        JsonObject o = Json.readObject(result.toJson());
        JsonArray warnings = o.getAsJsonArray("warnings");
        for (String w : s.warnings) {
            warnings.add(w);
        }
        o.addProperty("model", s.modelDescription);
        JsonArray inputs = new JsonArray();
        for (int i = 0; i < s.features.size(); i++) {
            JsonObject in = new JsonObject();
            in.addProperty("name", s.inputNames.get(i));
            in.addProperty("file", s.sources.get(i));
            JsonArray shape = new JsonArray();
            for (long d : s.features.get(i).shape()) {
                shape.add(d);
            }
            in.add("shape", shape);
            in.addProperty("dataType", s.features.get(i).dataType().name());
            inputs.add(in);
        }
        o.add("inputs", inputs);
        if (!proxyResults.isEmpty()) {
            JsonObject proxies = new JsonObject();
            for (ProxyResult p : proxyResults.values()) {
                JsonObject j = new JsonObject();
                j.addProperty("score", p.score());
                j.add("scores", Json.numbers(p.scores()));
                j.addProperty("standardDeviation", p.standardDeviation());
                j.addProperty("samples", p.samples());
                j.addProperty("milliseconds", p.elapsed().toMillis());
                proxies.add(p.name(), j);
            }
            o.add("proxies", proxies);
        }
        return Json.write(o);
    }

    private static Subject builtIn(long maxSamples) {
        // only the images that are scored: the description names the range actually used
        DataSet d = BundledFashionMnist.load((int) Math.min(BundledFashionMnist.COUNT, maxSamples));
        INDArray x = d.getFeatures();
        Subject s = new Subject(DefaultCnn.build(), DefaultCnn.DESCRIPTION, List.of(x), List.of("input"),
                List.of("bundled " + BundledFashionMnist.RESOURCE_DIR + "/" + BundledFashionMnist.IMAGES
                        + " (real Fashion-MNIST test images 0.." + (x.size(0) - 1) + ", pixels / 255)"));
        s.bundledLabels = d.getLabels();
        return s;
    }

    private static Subject fromFiles(String modelFile, List<String> inputFiles) throws CliException {
        try {
            ModelFiles.Loaded loaded = ModelFiles.load(Paths.get(modelFile));
            List<String> warnings = new ArrayList<>();
            if (loaded.hasNormalizer()) {
                warnings.add("the model file holds a data normalizer; it was NOT applied: give inputs that are"
                        + " already normalised");
            }
            return withInputs(loaded.model(), loaded.description(), inputFiles, warnings);
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    /** An NB201 network (its weights drawn with {@code seed}) on the given inputs or the dataset's bundled images. */
    private static Subject fromNb201(String arg, Nb201Dataset dataset, List<String> inputFiles, long seed,
            long maxSamples)
            throws CliException {
        try {
            List<Nb201Cell> cells = Nb201Sources.cells(arg);
            if (cells.size() != 1) {
                throw CliException.badInput("score takes one NB201 cell, but " + arg + " holds " + cells.size()
                        + " (rank scores several)");
            }
            Nb201Cell cell = cells.get(0);
            Nb201Network nb201 = Nb201Network.builder().dataset(dataset).initialisation(Initialisation.seeded(seed)).build();
            ComputationGraph net;
            try {
                net = nb201.graph(cell);
            } catch (RuntimeException e) {
                throw new InvalidInputException("NB201 cell " + cell + ": cannot build the network: "
                        + InvalidInputException.oneLine(e), e);
            }
            // trainable parameters, as NAS-Bench-201 counts them (numParams() adds batch normalisation's statistics)
            String description = "NB201 cell " + cell + " (" + nb201 + ", " + nb201.parameterCount(cell)
                    + " parameters)";
            List<String> warnings = new ArrayList<>();
            if (cell.outputIsZero()) {
                warnings.add("NB201 cell " + cell + " has no path from its input to its output: every cell outputs"
                        + " zero, so the score says little about the cell");
            }
            if (inputFiles.isEmpty()) {
                INDArray x;
                INDArray labels = null;
                if (dataset == Nb201Dataset.CIFAR10) {
                    int n = (int) Math.min(Nb201Sources.DEFAULT_IMAGES, maxSamples);
                    x = Nb201Sources.bundledImages(n, DataType.FLOAT);
                    labels = Nb201Sources.bundledLabels(n);
                } else {
                    x = Nb201Sources.bundledImages(dataset, DataType.FLOAT);
                }
                Subject s = new Subject(net, description, List.of(x), ModelFiles.inputNames(net),
                        List.of(Nb201Sources.describeImages(dataset, Math.min(x.size(0), maxSamples))))
                        .withWarnings(warnings);
                s.bundledLabels = labels;
                return s;
            }
            return withInputs(net, description, inputFiles, warnings);
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    /** An NB101 network (its weights drawn with {@code seed}) on the given inputs or the bundled CIFAR-10 images. */
    private static Subject fromNb101(String arg, List<String> inputFiles, long seed) throws CliException {
        try {
            List<Nb101Sources.Named> cells = Nb101Sources.cells(arg);
            if (cells.size() != 1) {
                throw CliException.badInput("score takes one NB101 cell, but " + arg + " holds " + cells.size()
                        + " (rank scores several)");
            }
            Nb101Sources.Named cell = cells.get(0);
            Nb101Network nb101 = Nb101Network.builder().initialisation(Initialisation.seeded(seed)).build();
            ComputationGraph net;
            try {
                net = nb101.graph(cell.cell());
            } catch (RuntimeException e) {
                throw new InvalidInputException("NB101 cell " + cell.cell() + ": cannot build the network: "
                        + InvalidInputException.oneLine(e), e);
            }
            String description = "NB101 cell " + cell.cell() + " (" + nb101 + ", " + nb101.parameterCount(cell.cell())
                    + " trainable parameters)";
            if (inputFiles.isEmpty()) {
                INDArray x = Nb101Sources.bundledImages(DataType.FLOAT);
                return new Subject(net, description, List.of(x), ModelFiles.inputNames(net),
                        List.of(Nb101Sources.describeImages(x.size(0))));
            }
            return withInputs(net, description, inputFiles, new ArrayList<>());
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    private static Subject withInputs(Model model, String description, List<String> inputFiles, List<String> warnings)
            throws InvalidInputException {
        DataType type = ModelFiles.dataType(model);
        List<INDArray> raw = new ArrayList<>();
        for (String f : inputFiles) {
            raw.add(NpyFiles.read(Paths.get(f)));
        }
        InputCheck.check(model, raw, inputFiles);
        List<INDArray> cast = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            INDArray x = raw.get(i);
            if (!x.dataType().isFPType()) {
                warnings.add("input " + inputFiles.get(i) + " holds " + x.dataType() + " values; they were cast"
                        + " to " + type + " without scaling");
            }
            cast.add(x.dataType() == type ? x : x.castTo(type));
        }
        return new Subject(model, description, cast, ModelFiles.inputNames(model), inputFiles).withWarnings(warnings);
    }

    /** The model and inputs of one run, with how to describe them. */
    static final class Subject {
        final Model model;
        final String modelDescription;
        final List<INDArray> features;
        final List<String> inputNames;
        final List<String> sources;
        final List<String> warnings = new ArrayList<>();
        /** The labels of bundled data (for the proxies that need labels), or null. */
        INDArray bundledLabels;

        Subject(Model model, String modelDescription, List<INDArray> features, List<String> inputNames,
                List<String> sources) {
            this.model = model;
            this.modelDescription = modelDescription;
            this.features = new ArrayList<>(features);
            this.inputNames = List.copyOf(inputNames);
            this.sources = List.copyOf(sources);
        }

        Subject withWarnings(List<String> w) {
            warnings.addAll(w);
            return this;
        }

        String inputDescription(int i) {
            INDArray x = features.get(i);
            return inputNames.get(i) + " <- " + sources.get(i) + " " + Arrays.toString(x.shape()) + " " + x.dataType();
        }

        /** Keeps the first {@code max} samples of every input. */
        void limit(long max) {
            List<INDArray> kept = ScoringOptions.firstSamples(features, max);
            features.clear();
            features.addAll(kept);
        }

        /** Rejects NaN and infinite input values, naming the input and the first sample that has one. */
        void checkFinite() throws CliException {
            for (int i = 0; i < features.size(); i++) {
                INDArray x = features.get(i);
                boolean nan = x.isNaN().any();
                if (nan || x.isInfinite().any()) {
                    INDArray bad = (nan ? x.isNaN() : x.isInfinite()).castTo(DataType.FLOAT)
                            .reshape('c', x.size(0), x.length() / x.size(0)).sum(1);
                    long first = -1;
                    double[] perSample = bad.toDoubleVector();
                    for (int n = 0; n < perSample.length && first < 0; n++) {
                        if (perSample[n] > 0) {
                            first = n;
                        }
                    }
                    throw CliException.badInput("input " + sources.get(i) + " contains " + (nan ? "NaN" : "infinite")
                            + " values (first in sample " + first + ")");
                }
            }
        }
    }
}
