package org.neardl4j.samples.benchmark;

import com.google.common.base.Splitter;
import org.deeplearning4j.nn.api.Model;
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

/**
 * Trains the architectures of the {@link SearchSpace} with one {@link TrainingRecipe}, one at a time, and appends
 * one CSV row per architecture: name, family, parameters, seed, test accuracy, training seconds, NEAR of the
 * model after 0, 1, ... epochs, and the recipe. Architectures already in the CSV (same name and seed) are skipped,
 * so an interrupted run continues where it stopped.
 *
 * <pre>{@code
 * mvn -B -pl samples -am package -DskipTests
 * java -cp "samples/target/near-dl4j-samples-0.1.0-SNAPSHOT.jar:samples/target/lib/*" \
 *      org.neardl4j.samples.benchmark.TrainArchitectures --csv docs/benchmark/architectures.csv
 * }</pre>
 *
 * <p>Options: {@code --csv FILE}, {@code --seed N} (42), {@code --only a,b,c}, {@code --max K} (train at most K
 * now), {@code --train N}, {@code --epochs E}, {@code --batch B}, {@code --test N}, {@code --near-samples N}
 * (1024: inputs for the NEAR columns, training images 0..N-1, batches of 128).
 */
public final class TrainArchitectures {

    private static final Logger log = LoggerFactory.getLogger(TrainArchitectures.class);

    private TrainArchitectures() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = Options.parse(args);
        TrainingRecipe std = TrainingRecipe.standard();
        TrainingRecipe recipe = new TrainingRecipe(Options.intOpt(opt, "train", std.trainImages()),
                Options.intOpt(opt, "epochs", std.epochs()), Options.intOpt(opt, "batch", std.batchSize()),
                Options.longOpt(opt, "seed", std.seed()), Options.intOpt(opt, "test", std.testImages()));
        Path csv = Paths.get(opt.getOrDefault("csv", "docs/benchmark/architectures.csv"));
        List<Architecture> archs = opt.containsKey("only")
                ? SearchSpace.byNames(Splitter.on(',').trimResults().omitEmptyStrings().splitToList(opt.get("only")))
                : SearchSpace.all();
        int max = Options.intOpt(opt, "max", Integer.MAX_VALUE);
        int nearSamples = Options.intOpt(opt, "near-samples", 1024);
        run(archs, recipe, csv, max, nearSamples);
    }

    /** Trains every architecture of {@code archs} not yet in {@code csv}, at most {@code max} of them. */
    public static void run(List<Architecture> archs, TrainingRecipe recipe, Path csv, int max, int nearSamples) {
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
