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
import org.neardl4j.cli.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.neardl4j.samples.SampleSupport.f;

/**
 * Ranks MLP variants for Fashion-MNIST by NEAR before training, then trains each briefly and reports Spearman's
 * rho, Kendall's tau and the top-k overlap between the NEAR ranking and the test accuracies.
 *
 * <pre>{@code
 * java -cp samples/target/near-samples.jar org.neardl4j.samples.RankingSample --train 20000 --epochs 2
 * }</pre>
 *
 * Options: {@code --probe 1024 --repetitions 3 --train 20000 --epochs 2 --test 10000 --seed 42
 * --out target/samples/ranking}.
 */
@Command(name = "RankingSample", sortOptions = false, usageHelpAutoWidth = true, description = "Rank MLP variants by NEAR, then train each briefly.")
public final class RankingSample implements Callable<Integer> {

    @Mixin
    private SampleOptions o;


    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    private static void add(Map<String, MultiLayerConfiguration> m, long seed, Activation act, int... hidden) {
        StringBuilder name = new StringBuilder("mlp");
        for (int h : hidden) {
            name.append(name.length() == 3 ? "-" : "x").append(h);
        }
        if (act != Activation.RELU) {
            name.append('-').append(act.name().toLowerCase(java.util.Locale.ROOT));
        }
        m.put(name.toString(), SampleSupport.mlp(seed, act, WeightInit.XAVIER, hidden));
    }

    public static void main(String[] args) {
        SampleSupport.quietLogging();
        Cli.main(new RankingSample(), args);
    }

    @Override
    public Integer call() throws Exception {
        int probeSize = o.probe(1024);
        int repetitions = o.repetitions(3);
        int trainSize = o.train(20_000);
        int epochs = o.epochs(2);
        int testSize = o.test(10_000);
        long seed = o.seed();
        Path out = o.out("target/samples/ranking");
        Files.createDirectories(out);

        Map<String, MultiLayerConfiguration> confs = new LinkedHashMap<>();
        add(confs, seed, Activation.RELU, 8);
        add(confs, seed, Activation.RELU, 32);
        add(confs, seed, Activation.RELU, 128);
        add(confs, seed, Activation.RELU, 512);
        add(confs, seed, Activation.RELU, 16, 16);
        add(confs, seed, Activation.RELU, 64, 64);
        add(confs, seed, Activation.RELU, 256, 128);
        add(confs, seed, Activation.RELU, 32, 32, 32);
        add(confs, seed, Activation.SIGMOID, 128);
        add(confs, seed, Activation.TANH, 128);
        List<Candidate> candidates = new ArrayList<>();
        confs.forEach((name, conf) -> candidates.add(Candidate.ofConfiguration(name, conf)));

        INDArray probe = SampleSupport.probe(probeSize);
        long t0 = System.nanoTime();
        RankingResult ranking = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(repetitions).seed(seed).build()).build()
                .rank(candidates, probe);
        System.out.println(f("NEAR of %d candidates, %d initialisations each, on %d training images: %.1f s",
                candidates.size(), repetitions, probeSize, SampleSupport.seconds(t0)));
        System.out.println(ranking);

        DataSet train = SampleSupport.trainSet(trainSize);
        DataSet test = SampleSupport.testSet(testSize);
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (RankedCandidate c : ranking.entries()) {
            MultiLayerNetwork net = SampleSupport.build(confs.get(c.name()));
            long t = System.nanoTime();
            double acc = SampleSupport.trainAndTest(net, train, test, epochs);
            accuracy.put(c.name(), acc);
            System.out.println(f("  %-22s accuracy %.4f (%d epoch(s) on %d images, %.1f s)", c.name(), acc, epochs,
                    trainSize, SampleSupport.seconds(t)));
        }
        RankingResult withAcc = ranking.withMetric("accuracy", accuracy, true, 3);
        System.out.println(withAcc);
        StringBuilder md = new StringBuilder(f("| NEAR rank | candidate | parameters | NEAR (mean of %d) | sd | test accuracy"
                + " | accuracy rank |%n|---|---|---|---|---|---|---|%n", repetitions));
        for (RankedCandidate c : withAcc.entries()) {
            md.append(f("| %d | %s | %d | %.2f | %.2f | %.4f | %d |%n", c.rank(), c.name(), c.parameters(), c.score(),
                    c.standardDeviation(), c.metric().orElse(Double.NaN), c.metricRank()));
        }
        withAcc.correlation().ifPresent(c -> md.append('\n').append(c).append('\n'));
        System.out.println(md);
        withAcc.writeCsv(out.resolve("ranking.csv"));
        Files.writeString(out.resolve("ranking.json"), withAcc.toJson(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("ranking.md"), md.toString(), StandardCharsets.UTF_8);
        return 0;
    }
}
