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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.cli.CliException;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.score.NearScorer;

import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.SelectionResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tuning samples share: command-line options, Fashion-MNIST subsets, MLP builders and a short training
 * recipe (Adam 1e-3, batch 128, test accuracy on the 10,000 test images).
 *
 * <pre>{@code
 * SampleSupport.quietLogging();
 * DataSet train = SampleSupport.trainSet(20_000);
 * }</pre>
 */
final class SampleSupport {

    static final int BATCH = 128;

    private SampleSupport() {
    }

    /** Keeps DL4J and ND4J at WARN so the samples' own lines stand out (call first in main). */
    static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.neardl4j", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        System.setProperty("java.awt.headless", "true");
    }

    /** The first {@code n} training images, for scoring (no labels needed). */
    static INDArray probe(int n) {
        return FashionMnist.load(FashionMnist.Split.TRAIN, n).getFeatures();
    }

    /** Training images {@code from .. from+n-1} of the training split, as a DataSet. */
    static DataSet trainSet(int n) {
        return FashionMnist.load(FashionMnist.Split.TRAIN, n);
    }

    static DataSet testSet(int n) {
        return FashionMnist.load(FashionMnist.Split.TEST, n);
    }

    static DataSetIterator batches(DataSet data) {
        return new ViewIterator(data, BATCH);
    }

    /** An MLP 784-h1-...-10 with the given hidden activation and weight initialisation (softmax output). */
    static MultiLayerConfiguration mlp(long seed, Activation act, IWeightInit init, int... hidden) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(init)
                .list();
        for (int i = 0; i < hidden.length; i++) {
            b.layer(new DenseLayer.Builder().name("hidden" + (i == 0 ? "" : Integer.toString(i))).nOut(hidden[i])
                    .activation(act).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                .activation(Activation.SOFTMAX).build());
        return b.setInputType(InputType.feedForward(784)).build();
    }

    static MultiLayerConfiguration mlp(long seed, Activation act, WeightInit init, int... hidden) {
        return mlp(seed, act, init.getWeightInitFunction(), hidden);
    }

    static MultiLayerNetwork build(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Trains for {@code epochs} epochs and returns the test accuracy; prints the time taken. */
    static double trainAndTest(Model model, DataSet train, DataSet test, int epochs) {
        DataSetIterator it = batches(train);
        if (model instanceof MultiLayerNetwork) {
            ((MultiLayerNetwork) model).fit(it, epochs);
        } else {
            ((ComputationGraph) model).fit(it, epochs);
        }
        return accuracy(model, test);
    }

    static double accuracy(Model model, DataSet test) {
        Evaluation e = model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).evaluate(new ViewIterator(test, 1000))
                : ((ComputationGraph) model).evaluate(new ViewIterator(test, 1000));
        return e.accuracy();
    }

    /**
     * Ranks the values of a design choice by NEAR, then trains a network for each value briefly and prints the
     * ranking next to the test accuracies, with the rank correlations; writes CSV and a markdown table to
     * {@code out}.
     */
    static <T> SelectionResult<T> rankThenTrain(String what, List<T> values, Function<T, MultiLayerConfiguration> template,
                                               SampleOptions o, Path out) throws IOException, CliException {
        int probeSize = o.probe(1024);
        int repetitions = o.repetitions(5);
        int trainSize = o.train(20_000);
        int epochs = o.epochs(2);
        int testSize = o.test(10_000);
        long seed = o.seed();
        Files.createDirectories(out);
        INDArray probe = probe(probeSize);
        ArchitectureRanking ranking = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(repetitions).seed(seed).build()).build();
        long t0 = System.nanoTime();
        SelectionResult<T> selection = ranking.rankVariants(values, v -> build(template.apply(v)), probe);
        double scoring = seconds(t0);
        System.out.println(f("NEAR of %d %s candidates over %d initialisations on %d training images: %.1f s",
                values.size(), what, repetitions, probeSize, scoring));
        System.out.println(selection);

        DataSet train = trainSet(trainSize);
        DataSet test = testSet(testSize);
        Map<T, Double> accuracy = new LinkedHashMap<>();
        Map<T, Double> time = new LinkedHashMap<>();
        for (T v : selection.ranked()) {
            MultiLayerNetwork net = build(template.apply(v));
            long t = System.nanoTime();
            double acc = trainAndTest(net, train, test, epochs);
            time.put(v, seconds(t));
            accuracy.put(v, acc);
            System.out.println(f("  %-16s accuracy %.4f after %d epoch(s) on %d images (%.1f s)", v, acc, epochs,
                    trainSize, time.get(v)));
        }
        SelectionResult<T> withAcc = selection.withMetric("accuracy", accuracy);
        System.out.println(withAcc);
        StringBuilder md = new StringBuilder(f("| NEAR rank | %s | NEAR (mean of %d) | sd | test accuracy | accuracy rank |%n"
                + "|---|---|---|---|---|---|%n", what, repetitions));
        for (RankedCandidate c : withAcc.ranking().entries()) {
            md.append(f("| %d | %s | %.2f | %.2f | %.4f | %d |%n", c.rank(), c.name(), c.score(), c.standardDeviation(),
                    c.metric().orElse(Double.NaN), c.metricRank()));
        }
        withAcc.ranking().correlation().ifPresent(c -> md.append('\n').append(c).append('\n'));
        System.out.println(md);
        withAcc.ranking().writeCsv(out.resolve("ranking.csv"));
        Files.writeString(out.resolve("ranking.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("ranking.json"), withAcc.ranking().toJson(), StandardCharsets.UTF_8);
        return withAcc;
    }

    /** First {@code n} rows of a 2-D array. */
    static INDArray rows(INDArray a, int n) {
        return a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
