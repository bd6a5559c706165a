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
package org.neardl4j.samples;

import org.neardl4j.cli.Cli;
import org.neardl4j.cli.io.CsvTable;
import java.util.ArrayList;
import org.neardl4j.cli.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.score.NearScorer;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.tune.PowerLawFit;
import org.neardl4j.tune.WidthEstimate;
import org.neardl4j.tune.WidthEstimator;
import org.neardl4j.tune.WidthFitException;
import org.neardl4j.tune.WidthPlot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;

import static org.neardl4j.samples.SampleSupport.f;

/**
 * The paper's layer-width experiment on Fashion-MNIST: an MLP 784-x-10 (ReLU) with widths {@code x = 10 * 2^i},
 * the hidden layer's NEAR per neuron at each width, the power-law fit and the estimate {@code x*}; then MLPs of
 * widths around {@code x*} and the widest one are trained briefly to see whether {@code x*} is close to the widest
 * in accuracy.
 *
 * <pre>{@code
 * java -cp samples/target/near-samples.jar org.neardl4j.samples.WidthEstimationSample --train 20000 --epochs 2 --plot docs/width-estimate.png
 * }</pre>
 *
 * Options: {@code --widths 10,20,...,1280 --probe 2560 --repetitions 3 --threshold 0.005 --train 20000
 * --epochs 2 --test 10000 --seed 42 --plot width-estimate.png --out target/samples/width}.
 */
@Command(name = "WidthEstimationSample", sortOptions = false, usageHelpAutoWidth = true, description = "The paper's layer-width experiment on Fashion-MNIST.")
public final class WidthEstimationSample implements Callable<Integer> {

    @Mixin
    private SampleOptions o;

    @Option(names = "--widths", paramLabel = "N,...", split = ",", description = "widths of the hidden layer"
            + " (default 10,20,40,80,160,320,640,1280)")
    private List<Integer> widths = List.of(10, 20, 40, 80, 160, 320, 640, 1280);

    @Option(names = "--threshold", paramLabel = "T", description = "slope ratio of the estimate (default 0.005)")
    private Double thresholdOption;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "the plot (default width-estimate.png)")
    private Path plot = Paths.get("width-estimate.png");

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    public static void main(String[] args) {
        SampleSupport.quietLogging();
        Cli.main(new WidthEstimationSample(), args);
    }

    @Override
    public Integer call() throws Exception {
        int probeSize = o.probe(2 * widths.stream().mapToInt(Integer::intValue).max().orElse(1280));
        int repetitions = o.repetitions(3);
        double threshold = thresholdOption == null ? WidthEstimator.DEFAULT_THRESHOLD : thresholdOption;
        int trainSize = o.train(20_000);
        int epochs = o.epochs(2);
        int testSize = o.test(10_000);
        long seed = o.seed();
        Path out = o.out("target/samples/width");
        Files.createDirectories(out);

        INDArray probe = SampleSupport.probe(probeSize);
        System.out.println(f("Fashion-MNIST MLP 784-x-10 (ReLU, Xavier), widths %s, probe of %d training images,"
                + " %d repetitions", widths, probeSize, repetitions));

        WidthEstimator.Builder base = WidthEstimator.builder().widths(widths).layer("hidden")
                .scorer(NearScorer.builder().repetitions(repetitions).seed(seed).build()).threshold(threshold);
        long t0 = System.nanoTime();
        WidthEstimate e;
        try {
            e = base.build().estimate(w -> SampleSupport.build(SampleSupport.mlp(seed, Activation.RELU, WeightInit.XAVIER, w)),
                    probe);
        } catch (WidthFitException ex) {
            System.out.println("width fit failed: " + ex.getMessage());
            ex.points().forEach(System.out::println);
            throw ex;
        }
        System.out.println(f("scoring and fit took %.1f s", SampleSupport.seconds(t0)));
        System.out.println(e);
        Files.writeString(out.resolve("width-estimate.json"), e.toJson(), StandardCharsets.UTF_8);
        WidthPlot.write(e, plot);
        System.out.println("plot written to " + plot);

        // variants of the same study, for comparison
        double[] xs = new double[e.points().size()];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = e.points().get(i).width();
            ys[i] = e.points().get(i).ratio();
        }
        StringBuilder variants = new StringBuilder("| variant | c | x* |\n|---|---|---|\n");
        variants.append(f("| pre and post averaged, (1, 1) as a constraint (default) | %.4f | %.1f |%n", e.fit().c(),
                e.optimalWidth()));
        try {
            PowerLawFit ref = PowerLawFit.fit(xs, ys, 1.0);
            variants.append(f("| pre and post averaged, (1, 1) as a point of weight 1 (reference code) | %.4f | %.1f |%n",
                    ref.c(), ref.xAtSlopeRatio(threshold)));
        } catch (WidthFitException ex) {
            variants.append("| pre and post averaged, (1, 1) as a point of weight 1 | fit failed: ")
                    .append(ex.getMessage()).append(" | |\n");
        }
        for (MatrixKind kind : MatrixKind.values()) {
            try {
                WidthEstimate k = base.kind(kind).build().estimate(
                        w -> SampleSupport.build(SampleSupport.mlp(seed, Activation.RELU, WeightInit.XAVIER, w)), probe);
                variants.append(f("| %s-activation matrix only | %.4f | %.1f |%n", kind.label(), k.fit().c(),
                        k.optimalWidth()));
            } catch (WidthFitException ex) {
                variants.append(f("| %s-activation matrix only | fit failed: %s | |%n", kind.label(), ex.getMessage()));
            }
        }
        System.out.println(variants);

        // train widths around x* and the widest
        int star = e.suggestedWidth();
        TreeSet<Integer> toTrain = new TreeSet<>();
        for (double m : new double[] {0.25, 0.5, 1, 2, 4}) {
            toTrain.add(Math.max(2, (int) Math.round(star * m)));
        }
        toTrain.add(star);
        toTrain.add(widths.stream().mapToInt(Integer::intValue).max().orElseThrow());
        DataSet train = SampleSupport.trainSet(trainSize);
        DataSet test = SampleSupport.testSet(testSize);
        System.out.println(f("training on %d images for %d epoch(s), testing on %d:", trainSize, epochs, testSize));
        StringBuilder table = new StringBuilder("| width | parameters | test accuracy | training time (s) |\n|---|---|---|---|\n");
        List<List<String>> csv = new ArrayList<>();
        for (int w : toTrain) {
            MultiLayerNetwork net = SampleSupport.build(SampleSupport.mlp(seed, Activation.RELU, WeightInit.XAVIER, w));
            long t = System.nanoTime();
            double acc = SampleSupport.trainAndTest(net, train, test, epochs);
            double s = SampleSupport.seconds(t);
            String mark = w == star ? " (x*)" : "";
            table.append(f("| %d%s | %d | %.4f | %.1f |%n", w, mark, net.numParams(), acc, s));
            csv.add(List.of(Integer.toString(w), Long.toString(net.numParams()), f("%.6f", acc), f("%.2f", s)));
            System.out.println(f("  width %5d%s: accuracy %.4f (%.1f s)", w, mark, acc, s));
        }
        System.out.println(table);
        CsvTable.write(out.resolve("width-accuracy.csv"), List.of("width", "parameters", "accuracy", "seconds"), csv);
        Files.writeString(out.resolve("width-tables.md"), e + "\n" + variants + "\n" + table, StandardCharsets.UTF_8);
        return 0;
    }
}
