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
package org.neardl4j.benchmarks.accuracy;

import org.neardl4j.cli.io.CsvTable;
import org.deeplearning4j.nn.api.Model;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.neardl4j.cli.RunOptions;
import org.neardl4j.cli.progress.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.score.NearScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Trains the architectures of the {@link SearchSpace} with one {@link TrainingRecipe}, one at a time, and appends
 * one CSV row per architecture: name, family, parameters, seed, test accuracy, training seconds, NEAR of the
 * model after 0, 1, ... epochs, and the recipe. Architectures already in the CSV (same name and seed) are skipped,
 * so an interrupted run continues where it stopped.
 *
 * <pre>{@code
 * mvn -B -pl near-dl4j-benchmarks -am package -DskipTests
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar \
 *      org.neardl4j.benchmarks.accuracy.TrainArchitectures --csv docs/benchmark/architectures.csv
 * }</pre>
 *
 * <p>Options: {@code --csv FILE}, {@code --train-seed N} (42), {@code --only a,b,c}, {@code --max K} (train at most K
 * now), {@code --train N}, {@code --epochs E}, {@code --batch B}, {@code --test N}, {@code --near-samples N}
 * (1024: inputs for the NEAR columns, training images 0..N-1, batches of 128).
 */
public final class TrainArchitectures {

    private static final Logger log = LoggerFactory.getLogger(TrainArchitectures.class);

    private TrainArchitectures() {
    }

    public static void main(String[] args) {
        Cli.main(new Command(), args);
    }

    /** The command line of the trainer (picocli, like every program of this module). */
    @picocli.CommandLine.Command(name = "TrainArchitectures", sortOptions = false, usageHelpAutoWidth = true,
            description = "Train the search space's architectures and append their accuracy to a CSV (resumable).")
    static final class Command implements Callable<Integer> {
        @Option(names = "--csv", paramLabel = "FILE.csv", description = "the CSV to append to (default"
                + " docs/benchmark/architectures.csv)")
        Path csv = Paths.get("docs/benchmark/architectures.csv");
        @Option(names = "--train-seed", paramLabel = "S", description = "the seed networks are initialised and trained"
                + " with (default 42)")
        Long trainSeed;
        @Option(names = "--only", paramLabel = "NAME,...", split = ",", description = "only these architectures")
        List<String> only;
        @Option(names = "--max", paramLabel = "K", description = "train at most K now")
        int max = Integer.MAX_VALUE;
        @Option(names = "--train", paramLabel = "N", description = "training images")
        Integer train;
        @Option(names = "--epochs", paramLabel = "E", description = "training epochs")
        Integer epochs;
        @Option(names = "--batch", paramLabel = "B", description = "batch size")
        Integer batch;
        @Option(names = "--test", paramLabel = "N", description = "test images")
        Integer test;
        @Option(names = "--near-samples", paramLabel = "N", description = "inputs of the NEAR columns, training images"
                + " 0..N-1 in batches of 128 (default 1024)")
        int nearSamples = 1024;
        @Mixin
        RunOptions run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
        boolean help;

        @Override
        public Integer call() throws CliException {
            TrainingRecipe std = TrainingRecipe.standard();
            TrainingRecipe recipe = new TrainingRecipe(train == null ? std.trainImages() : train,
                    epochs == null ? std.epochs() : epochs, batch == null ? std.batchSize() : batch,
                    trainSeed == null ? std.seed() : trainSeed, test == null ? std.testImages() : test);
            List<Architecture> archs = only != null ? SearchSpace.byNames(only) : SearchSpace.all();
            Cli.atLeast("--max", max, 0);
            Cli.atLeast("--near-samples", nearSamples, 1);
            run(archs, recipe, csv, max, nearSamples, Progress.Mode.detect(run.quiet()));
            return 0;
        }
    }

    /** Trains every architecture of {@code archs} not yet in {@code csv}, at most {@code max} of them. */
    public static void run(List<Architecture> archs, TrainingRecipe recipe, Path csv, int max, int nearSamples) {
        run(archs, recipe, csv, max, nearSamples, Progress.Mode.NONE);
    }

    /** {@link #run(List, TrainingRecipe, Path, int, int)} with progress (architectures trained) on stderr. */
    static void run(List<Architecture> archs, TrainingRecipe recipe, Path csv, int max, int nearSamples,
                    Progress.Mode progressMode) {
        Set<String> done = new HashSet<>();
        for (Map<String, String> row : CsvTable.read(csv).rows()) {
            done.add(row.get("name") + "@" + row.get("seed"));
        }
        DataSet train = FashionMnist.load(FashionMnist.Split.TRAIN, recipe.trainImages());
        DataSet test = FashionMnist.load(FashionMnist.Split.TEST, recipe.testImages());
        DataSet nearData = FashionMnist.load(FashionMnist.Split.TRAIN, nearSamples);
        NearScorer near = NearScorer.builder().repetitions(1).seed(1).build();
        List<String> header = header(recipe);
        int trained = 0;
        int i = 0;
        long todo = archs.stream().filter(a -> !done.contains(a.name() + "@" + recipe.seed())).count();
        try (Progress progress = Progress.start("train", "architectures", Math.min(todo, max), progressMode,
                System.err)) {
        for (Architecture a : archs) {
            i++;
            if (done.contains(a.name() + "@" + recipe.seed())) {
                continue;
            }
            if (trained >= max) {
                break;
            }
            log.info("[{}/{}] training {} with {}", i, archs.size(), a.name(), recipe);
            Model net = a.build(recipe.seed());
            List<String> nears = new ArrayList<>();
            nears.add(fmt(nearOf(near, net, nearData)));
            double seconds = 0;
            for (int e = 1; e <= recipe.epochs(); e++) {
                DataSetIterator it = new ViewIterator(train, recipe.batchSize());
                long t0 = System.nanoTime();
                fit(net, it);
                seconds += (System.nanoTime() - t0) / 1e9;
                nears.add(fmt(nearOf(near, net, nearData)));
            }
            double acc = accuracy(net, test, recipe.batchSize());
            List<String> row = new ArrayList<>(List.of(a.name(), a.family(), Long.toString(net.numParams()),
                    Long.toString(recipe.seed()), String.format(Locale.ROOT, "%.4f", acc),
                    String.format(Locale.ROOT, "%.1f", seconds)));
            row.addAll(nears);
            row.add(recipe.describe());
            CsvTable.append(csv, header, row);
            log.info("{}: test accuracy {} after {} s of training; NEAR by epoch {}", a.name(),
                    String.format(Locale.ROOT, "%.4f", acc), String.format(Locale.ROOT, "%.1f", seconds), nears);
            trained++;
            progress.step();
        }
        }
    }

    static List<String> header(TrainingRecipe recipe) {
        List<String> h = new ArrayList<>(List.of("name", "family", "params", "seed", "test_accuracy", "train_seconds"));
        for (int e = 0; e <= recipe.epochs(); e++) {
            h.add("near_e" + e);
        }
        h.add("recipe");
        return h;
    }

    static void fit(Model net, DataSetIterator it) {
        if (net instanceof MultiLayerNetwork) {
            ((MultiLayerNetwork) net).fit(it);
        } else {
            ((ComputationGraph) net).fit(it);
        }
    }

    static double accuracy(Model net, DataSet test, int batch) {
        DataSetIterator it = new ViewIterator(test, batch);
        Evaluation ev = net instanceof MultiLayerNetwork ? ((MultiLayerNetwork) net).evaluate(it)
                : ((ComputationGraph) net).evaluate(it);
        return ev.accuracy();
    }

    static double nearOf(NearScorer near, Model net, DataSet data) {
        DataSetIterator it = new ViewIterator(data, 128);
        return net instanceof MultiLayerNetwork ? near.score((MultiLayerNetwork) net, it).score()
                : near.score((ComputationGraph) net, it).score();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
