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
package org.neardl4j.benchmarks.search;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.internal.Csv;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.ChoiceSpace;
import org.neardl4j.search.Choices;
import org.neardl4j.search.FinalistTraining;
import org.neardl4j.search.ProxyFitness;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.Strategy;
import org.neardl4j.search.TrainedFinalists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Zero-cost search on a space of the user's kind: small Fashion-MNIST CNNs defined as a {@link ChoiceSpace} (depth,
 * width, kernel size, activation, initialisation, skip connections). A NEAR-guided search (regularised evolution,
 * NEAR on a probe batch of real Fashion-MNIST images) picks the top 3; they and 3 random picks of the same space
 * are trained the same way by {@link FinalistTraining} (same training subset, epochs and early stopping) and
 * evaluated on the Fashion-MNIST test images. Writes {@code docs/search/fashion-mnist.md} and
 * {@code docs/search/fashion-mnist.csv}. Reads the Debian package {@code dataset-fashion-mnist} through
 * {@link FashionMnist}.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.search.FashionMnistSearch
 * }</pre>
 */
public final class FashionMnistSearch {

    private static final Logger log = LoggerFactory.getLogger(FashionMnistSearch.class);

    /** Adam's learning rate, the same for every network. */
    static final double LEARNING_RATE = 1e-3;

    /** What one run reads, searches, trains and writes (a picocli mixin; tests fill it directly). */
    static final class Settings {
        @Option(names = "--out", paramLabel = "DIR", description = "the docs folder (default docs): writes"
                + " search/fashion-mnist.md and search/fashion-mnist.csv")
        Path out = Paths.get("docs");
        @Option(names = "--html", paramLabel = "FILE.html", description = "also the HTML report of the search and"
                + " the training")
        Path html = null;
        @Option(names = "--budget", paramLabel = "N", description = "candidates the search scores (default 60)")
        int budget = 60;
        @Option(names = "--probe", paramLabel = "N", description = "Fashion-MNIST training images NEAR scores each"
                + " candidate on (default 64)")
        int probe = 64;
        @Option(names = "--train", paramLabel = "N", description = "training images: the first N of the training"
                + " split (default 2000)")
        int train = 2000;
        @Option(names = "--validation", paramLabel = "N", description = "validation images: the next N of the"
                + " training split (default 500)")
        int validation = 500;
        @Option(names = "--test", paramLabel = "N", description = "test images: the first N of the test split"
                + " (default 3000)")
        int test = 3000;
        @Option(names = "--epochs", paramLabel = "E", description = "most epochs per network (default 2)")
        int epochs = 2;
        @Option(names = "--patience", paramLabel = "P", description = "epochs without better validation accuracy"
                + " that stop a network (default 1)")
        int patience = 1;
        @Option(names = "--batch", paramLabel = "B", description = "training batch size (default 64)")
        int batch = 64;
        @Option(names = "--top", paramLabel = "K", description = "finalists of the search trained (default 3)")
        int top = 3;
        @Option(names = "--random", paramLabel = "K", description = "random picks trained (default 3)")
        int random = 3;
        @Option(names = "--seed", paramLabel = "S", description = "seed of the search, the random picks, the"
                + " networks' initialisation and the training (default 1)")
        long seed = 1;
        /** The command line, for the report. */
        String command = "FashionMnistSearch";
    }

    /** One trained network of the report. */
    record Row(String group, String name, double near, int rank, long parameters, TrainedFinalists.Finalist trained,
               double testAccuracy, boolean winner) {
    }

    /** What a run measured. */
    record Outcome(SearchResult<Choices> search, TrainedFinalists<Choices> finalists,
                   TrainedFinalists<Choices> randoms, List<Row> rows, double testSeconds) {
    }

    private FashionMnistSearch() {
    }

    public static void main(String[] args) {
        Cli.main(new Command(args), args);
    }

    /** The command line of the program (picocli, like every program of this module). */
    @picocli.CommandLine.Command(name = "FashionMnistSearch", sortOptions = false, usageHelpAutoWidth = true,
            description = "NEAR-guided search over small Fashion-MNIST CNNs; the top 3 and 3 random picks trained"
                    + " the same way.")
    static final class Command implements Callable<Integer> {
        private final String[] args;

        @Mixin
        Settings settings;
        @Mixin
        RunOptions run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        Command(String[] args) {
            this.args = args.clone();
        }

        @Override
        public Integer call() throws CliException {
            Settings s = settings;
            for (String[] o : new String[][] {{"--budget", "" + s.budget}, {"--probe", "" + s.probe},
                    {"--train", "" + s.train}, {"--validation", "" + s.validation}, {"--test", "" + s.test},
                    {"--epochs", "" + s.epochs}, {"--patience", "" + s.patience}, {"--batch", "" + s.batch},
                    {"--top", "" + s.top}, {"--random", "" + s.random}}) {
                Cli.atLeast(o[0], Long.parseLong(o[1]), 1);
            }
            if (s.train + s.validation > 60_000) {
                throw CliException.usage("--train plus --validation must be at most 60000, the training split");
            }
            s.command = "FashionMnistSearch " + String.join(" ", args);
            run(s);
            return 0;
        }
    }

    /** The space's choices, in the order of a candidate's name. */
    static final List<Integer> DEPTHS = List.of(1, 2, 3);
    static final List<Integer> WIDTHS = List.of(4, 8, 16);
    static final List<Integer> KERNELS = List.of(3, 5);
    static final List<Activation> ACTIVATIONS = List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID);
    static final List<WeightInit> INITS = List.of(WeightInit.XAVIER, WeightInit.RELU);
    static final List<Boolean> SKIPS = List.of(false, true);

    /**
     * The space: 216 small CNNs for Fashion-MNIST, each built with {@code seed}.
     *
     * @param seed the networks' configuration seed
     * @return the space
     */
    static ChoiceSpace space(long seed) {
        return ChoiceSpace.builder()
                .choice("depth", DEPTHS)
                .choice("width", WIDTHS)
                .choice("kernel", KERNELS)
                .choice("activation", ACTIVATIONS)
                .choice("init", INITS)
                .choice("skip", SKIPS)
                .template(c -> network(c, seed))
                .build();
    }

    /**
     * One network of the space: {@code depth} blocks, each a convolution ({@code kernel} x {@code kernel}, same
     * padding, {@code width} channels doubling per block, the activation), with {@code skip} a second convolution
     * of its output added back to it and activated ({@code act(x + conv(x))}, a residual connection), then 2x2 max
     * pooling; a
     * softmax output over the 10 classes; Adam; the initialisation for every layer.
     */
    static ComputationGraph network(Choices c, long seed) {
        int depth = c.get("depth", Integer.class);
        int width = c.get("width", Integer.class);
        int k = c.get("kernel", Integer.class);
        Activation act = c.get("activation", Activation.class);
        boolean skip = c.get("skip", Boolean.class);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(LEARNING_RATE)).weightInit(c.get("init", WeightInit.class))
                .dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutionalFlat(28, 28, 1));
        String prev = "in";
        int channels = width;
        for (int b = 1; b <= depth; b++) {
            String conv = "conv" + b;
            g.addLayer(conv, new ConvolutionLayer.Builder(k, k).nOut(channels).convolutionMode(ConvolutionMode.Same)
                    .activation(act).build(), prev);
            String last = conv;
            if (skip) {
                g.addLayer(conv + "b", new ConvolutionLayer.Builder(k, k).nOut(channels)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), conv);
                g.addVertex("add" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add), conv, conv + "b");
                g.addLayer("act" + b, new ActivationLayer.Builder().activation(act).build(), "add" + b);
                last = "act" + b;
            }
            g.addLayer("pool" + b, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).build(), last);
            prev = "pool" + b;
            channels *= 2;
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX).build(), prev).setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * Runs the search, trains the finalists and the random picks, evaluates them on the test images and writes
     * the report.
     *
     * @param s the settings
     * @return what was measured
     */
    static Outcome run(Settings s) {
        Preconditions.checkState(FashionMnist.isAvailable(), "Fashion-MNIST is not installed in %s (Debian package"
                + " dataset-fashion-mnist)", FashionMnist.directory());
        DataSet all = FashionMnist.load(FashionMnist.Split.TRAIN, s.train + s.validation);
        Preconditions.checkState(all.numExamples() == s.train + s.validation, "the training split has %s images",
                all.numExamples());
        DataSet train = slice(all, 0, s.train);
        DataSet validation = slice(all, s.train, s.train + s.validation);
        DataSet test = FashionMnist.load(FashionMnist.Split.TEST, s.test);
        DataSet probe = slice(all, 0, Math.min(s.probe, s.train));

        ChoiceSpace space = space(s.seed);
        ProxyOptions options = ProxyOptions.of(NearScorer.builder().repetitions(1).seed(s.seed).build());
        ZeroCostProxy near = ZeroCostProxies.byName("near", options);
        ProxyFitness<Choices> fitness = ProxyFitness.of(space, List.of(near), probe);
        log.info("searching {} candidates of {} ({} networks) with NEAR on {} images", s.budget, space.id(),
                space.size(), probe.numExamples());
        SearchResult<Choices> search = ArchitectureSearch.builder(space, fitness).strategy(Strategy.evolution(10, 3))
                .budget(s.budget).seed(s.seed).top(s.top).build().run();

        FinalistTraining<Choices> training = FinalistTraining.builder(space)
                .data(new ViewIterator(train, s.batch), new ViewIterator(validation, 256))
                .top(s.top).maxEpochs(s.epochs).patience(s.patience).seed(s.seed).build();
        TrainedFinalists<Choices> finalists = training.train(search);

        List<Choices> picks = randomPicks(space, s.random, s.seed);
        TrainedFinalists<Choices> randoms = training.train(picks);

        double[] randomNear = new double[picks.size()];
        for (int i = 0; i < picks.size(); i++) {
            randomNear[i] = fitness.score(picks.get(i))[0];
        }
        long t = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        for (TrainedFinalists.Finalist f : finalists.finalists()) {
            rows.add(row("near top " + s.top, f, f.values().isEmpty() ? Double.NaN : f.values().get(0), f.rank(),
                    finalists, space, test, f == finalists.winner()));
        }
        for (TrainedFinalists.Finalist f : randoms.finalists()) {
            double v = randomNear[f.rank() - 1];
            int rank = search.ranking().stream().filter(r -> r.evaluation().name().equals(f.name()))
                    .mapToInt(SearchResult.Ranked::rank).findFirst().orElse(0);
            rows.add(row("random", f, v, rank, randoms, space, test, false));
        }
        double testSeconds = (System.nanoTime() - t) / 1e9;
        Outcome o = new Outcome(search, finalists, randoms, rows, testSeconds);
        write(s, space, o);
        return o;
    }

    /** {@code k} distinct candidates drawn uniformly from the space, with their own generator. */
    static List<Choices> randomPicks(ChoiceSpace space, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Choices> picks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (picks.size() < k) {
            Choices c = space.sample(rng);
            if (seen.add(space.name(c))) {
                picks.add(c);
            }
        }
        return picks;
    }

    private static Row row(String group, TrainedFinalists.Finalist f, double near, int rank, TrainedFinalists<Choices> t,
                           ChoiceSpace space, DataSet test, boolean winner) {
        Model m = t.model(f.name()).orElse(null);
        double acc = Double.NaN;
        long params = 0;
        if (m != null) {
            Evaluation ev = ((ComputationGraph) m).evaluate(new ViewIterator(test, 500));
            acc = ev.accuracy();
            params = m.numParams();
        }
        return new Row(group, f.name(), near, rank, params, f, acc, winner);
    }

    private static DataSet slice(DataSet d, int from, int to) {
        return new DataSet(d.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
                d.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup());
    }

    // ---- the report

    static final List<String> CSV_HEADER = List.of("group", "name", "near", "zero_cost_rank", "parameters", "epochs",
            "best_epoch", "validation_accuracy", "test_accuracy", "train_seconds", "termination", "winner");

    private static void write(Settings s, ChoiceSpace space, Outcome o) {
        Path dir = s.out.resolve("search");
        List<List<?>> csv = new ArrayList<>();
        csv.add(CSV_HEADER);
        for (Row r : o.rows()) {
            TrainedFinalists.Finalist f = r.trained();
            csv.add(List.of(r.group(), r.name(), r.near(), r.rank(), r.parameters(), f.epochs(), f.bestEpoch(),
                    f.validationAccuracy(), r.testAccuracy(), String.format(Locale.ROOT, "%.1f", f.seconds()),
                    f.termination(), r.winner()));
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("fashion-mnist.csv"), Csv.rows(csv), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("fashion-mnist.md"), markdown(s, space, o), StandardCharsets.UTF_8);
            if (s.html != null) {
                HtmlReport.builder().title("Fashion-MNIST: NEAR-guided search and training")
                        .generator("FashionMnistSearch").search(o.search()).finalists(o.finalists())
                        .paragraph("Random picks of the same space, trained the same way:").finalists(o.randoms())
                        .provenance(java.util.Map.of("command", s.command)).build().write(s.html);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    static String markdown(Settings s, ChoiceSpace space, Outcome o) {
        StringBuilder md = new StringBuilder();
        md.append("# Zero-cost search on Fashion-MNIST: NEAR-guided finalists against random picks\n\n");
        md.append("Generated by `org.neardl4j.benchmarks.search.FashionMnistSearch` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append("; do not edit by hand.\n\n");
        md.append("A search over a space of the kind a user defines for their own data: small CNNs for Fashion-MNIST"
                + " with named choices (`ChoiceSpace`). NEAR, computed on one batch of real images without any"
                + " training, picks the finalists; `FinalistTraining` then trains the top ")
                .append(s.top).append(" briefly with DL4J's early stopping and keeps the one with the best validation"
                        + " accuracy. ").append(s.random).append(" networks drawn at random from the same space are"
                        + " trained the same way for comparison.\n\n");
        md.append("## What was run\n\n");
        md.append("- **Command**: `java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.search.")
                .append(s.command).append("`\n");
        md.append("- **Machine**: ").append(machine()).append("; the run was the only heavy job on the cores.\n");
        md.append("- **Space**: ").append(space.size()).append(" CNNs (`ComputationGraph`, input 28x28x1, softmax over"
                + " the 10 classes, Adam ").append(LEARNING_RATE).append("): depth ").append(DEPTHS)
                .append(" blocks, each a convolution (same padding; channels doubling per block from the width ")
                .append(WIDTHS).append("; kernel ").append(KERNELS).append("), with *skip* a second convolution"
                        + " of its output added back to it, `act(x + conv(x))` (a residual connection), then 2x2 max"
                        + " pooling; activation ").append(ACTIVATIONS).append("; initialisation ").append(INITS)
                .append(". Network seed ").append(s.seed).append(".\n");
        md.append(String.format(Locale.ROOT, "- **Search**: regularised evolution (population 10, tournament 3),"
                        + " %d candidates scored of %d, seed %d; fitness NEAR (1 repetition) on a probe batch of the"
                        + " first %d Fashion-MNIST training images. No label and no training is used by the search.%n",
                o.search().evaluations().size(), space.size(), s.seed, Math.min(s.probe, s.train)));
        md.append(String.format(Locale.ROOT, "- **Training** (the same for every network trained): Fashion-MNIST"
                        + " training images 0..%d (%d images), batch %d, at most %d epochs, stopped after %d epoch(s)"
                        + " without better validation accuracy; validation on training images %d..%d (%d); the best"
                        + " epoch's network is kept (`FinalistTraining`, seed %d).%n",
                s.train - 1, s.train, s.batch, s.epochs, s.patience, s.train, s.train + s.validation - 1,
                s.validation, s.seed));
        md.append(String.format(Locale.ROOT, "- **Random picks**: %d distinct networks drawn uniformly from the space"
                + " (their own seeded generator), trained exactly as the finalists.%n", s.random));
        md.append(String.format(Locale.ROOT, "- **Test**: accuracy of each kept network on the first %d images of the"
                + " Fashion-MNIST test split; the test images are used only for this table.%n%n", s.test));

        md.append("## Results\n\n");
        md.append("| group | network | NEAR | NEAR rank | parameters | epochs | best epoch | validation acc |"
                + " test acc | training s |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : o.rows()) {
            TrainedFinalists.Finalist f = r.trained();
            md.append(String.format(Locale.ROOT, "| %s | `%s`%s | %.2f | %s | %d | %d | %s | %s | %s | %.1f |%n",
                    r.group(), r.name(), r.winner() ? " **(chosen)**" : "", r.near(),
                    r.rank() > 0 ? Integer.toString(r.rank()) : "not in the search", r.parameters(), f.epochs(),
                    f.trained() ? Integer.toString(f.bestEpoch()) : "-", pct(f.validationAccuracy()),
                    pct(r.testAccuracy()), f.seconds()));
        }
        double[] top = o.rows().stream().filter(r -> !r.group().equals("random")).mapToDouble(Row::testAccuracy)
                .filter(Double::isFinite).toArray();
        double[] rnd = o.rows().stream().filter(r -> r.group().equals("random")).mapToDouble(Row::testAccuracy)
                .filter(Double::isFinite).toArray();
        Row chosen = o.rows().stream().filter(Row::winner).findFirst().orElseThrow();
        double searchS = o.search().seconds();
        double trainS = o.finalists().seconds();
        md.append("\n## Outcome\n\n");
        md.append(String.format(Locale.ROOT, "- **Chosen** (best validation accuracy of the top %d): `%s`, test"
                        + " accuracy **%s**. Why: %s.%n", s.top, chosen.name(), pct(chosen.testAccuracy()),
                o.finalists().reason()));
        md.append(String.format(Locale.ROOT, "- **NEAR top %d**: mean test accuracy %s, best %s. **Random %d**: mean"
                        + " %s, best %s.%n", s.top, pct(mean(top)), pct(max(top)), s.random, pct(mean(rnd)),
                pct(max(rnd))));
        md.append(String.format(Locale.ROOT, "- **Time**: search %.1f s (%d candidates, NEAR on %d images) +"
                        + " training the top %d %.1f s = **%.1f s** for the NEAR-guided choice; training the %d random"
                        + " picks took %.1f s; testing all %d networks %.1f s.%n",
                searchS, o.search().evaluations().size(), Math.min(s.probe, s.train), s.top, trainS, searchS + trainS,
                s.random, o.randoms().seconds(), o.rows().size(), o.testSeconds()));
        md.append("\nOne seed, three networks against three: this shows what the pipeline does on a user's space"
                + " and what it costs, not a statistically settled difference between NEAR's picks and random ones"
                + " (docs/SEARCH.md measures the search over many seeds on NAS-Bench-201). The networks are trained"
                + " briefly on a subset, so the accuracies are below what they reach with full training.\n\n");
        md.append("Files: `fashion-mnist.csv` (the table above, accuracies as fractions).\n");
        return md.toString();
    }

    private static String machine() {
        String cpu = "?";
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the model stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + "-core " + System.getProperty("os.arch") + " (" + cpu
                + "), " + Nd4j.getBackend().getClass().getSimpleName() + ", Java " + System.getProperty("java.version");
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", 100 * v) : "-";
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
