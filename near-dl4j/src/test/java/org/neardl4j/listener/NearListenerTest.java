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
package org.neardl4j.listener;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearListenerTest {

    private static final int N = 64;
    private static final int BATCH = 16;
    private static final int IN = 20;
    private static final int CLASSES = 3;
    private static final long SEED = 777;

    private static INDArray features;
    private static INDArray labels;

    @BeforeAll
    static void data() {
        // built with java.util.Random: identical for every run and independent of ND4J's generator
        Random r = new Random(11);
        float[] x = new float[N * IN];
        float[] y = new float[N * CLASSES];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) r.nextGaussian();
            }
            y[i * CLASSES + r.nextInt(CLASSES)] = 1f;
        }
        features = Nd4j.create(x, new long[] {N, IN}, 'c');
        labels = Nd4j.create(y, new long[] {N, CLASSES}, 'c');
    }

    // ------------------------------------------------------------------------------------------ networks

    /** Dense(ReLU, dropout) - BatchNorm - Dense(tanh) - softmax: dropout makes any use of ND4J's RNG visible. */
    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED).dataType(DataType.FLOAT).updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(IN).nOut(16).activation(Activation.RELU)
                        .dropOut(0.7).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(16).build())
                .layer(new DenseLayer.Builder().name("second").nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(IN))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(SEED).dataType(DataType.FLOAT).updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(IN).nOut(16).activation(Activation.RELU)
                        .dropOut(0.7).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(16).build(), "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static ListDataSetIterator<DataSet> iterator() {
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < N; i += BATCH) {
            batches.add(new DataSet(rows(features, i, BATCH), rows(labels, i, BATCH)));
        }
        return new ListDataSetIterator<>(batches, 1);
    }

    private static INDArray rows(INDArray a, int from, int n) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
    }

    /** How a model is trained in a test: on an iterator for 2 epochs, or on arrays batch by batch. */
    enum Fit { ITERATOR, ARRAYS }

    private static void train(Model model, Fit fit) {
        if (fit == Fit.ITERATOR) {
            if (model instanceof MultiLayerNetwork) {
                ((MultiLayerNetwork) model).fit(iterator(), 2);
            } else {
                ((ComputationGraph) model).fit(iterator(), 2);
            }
            return;
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < N; i += BATCH) {
                INDArray x = rows(features, i, BATCH);
                INDArray y = rows(labels, i, BATCH);
                if (model instanceof MultiLayerNetwork) {
                    ((MultiLayerNetwork) model).fit(x, y);
                } else {
                    ((ComputationGraph) model).fit(new INDArray[] {x}, new INDArray[] {y});
                }
            }
        }
    }

    /** Trains a fresh network with the given listeners and returns its parameters and updater state, as raw bits. */
    private static float[][] trainedState(boolean graph, Fit fit, TrainingListener... listeners) {
        Model model = graph ? graph() : mlp();
        model.setListeners(listeners);
        train(model, fit);
        INDArray updater = graph ? ((ComputationGraph) model).getUpdater().getStateViewArray()
                : ((MultiLayerNetwork) model).getUpdater().getStateViewArray();
        return new float[][] {model.params().dup().data().asFloat(), updater.dup().data().asFloat()};
    }

    private static void assertBitIdentical(float[][] expected, float[][] actual, String what) {
        assertEquals(expected[0].length, actual[0].length);
        for (int i = 0; i < expected[0].length; i++) {
            if (Float.floatToRawIntBits(expected[0][i]) != Float.floatToRawIntBits(actual[0][i])) {
                throw new AssertionError(what + ": parameter " + i + " differs: " + expected[0][i] + " vs " + actual[0][i]);
            }
        }
        for (int i = 0; i < expected[1].length; i++) {
            if (Float.floatToRawIntBits(expected[1][i]) != Float.floatToRawIntBits(actual[1][i])) {
                throw new AssertionError(what + ": updater state " + i + " differs");
            }
        }
    }

    private static boolean bitIdentical(float[][] a, float[][] b) {
        return Arrays.equals(a[0], b[0]) && Arrays.equals(a[1], b[1]);
    }

    // ------------------------------------------------------------------------------------------ no disturbance

    @Test
    void trainingWithTheListenerIsBitIdenticalToTrainingWithout() {
        for (boolean graph : new boolean[] {false, true}) {
            for (Fit fit : Fit.values()) {
                String what = (graph ? "ComputationGraph" : "MultiLayerNetwork") + " fit on " + fit;
                float[][] plain = trainedState(graph, fit);
                float[][] again = trainedState(graph, fit);
                assertBitIdentical(plain, again, what + " (two runs without listener)");

                NearListener everyIteration = NearListener.builder().everyIterations(1).atStart().failOnError(true)
                        .build();
                NearListener givenProbe = NearListener.builder().probe(features).everyEpochs(1).atStart()
                        .failOnError(true).build();
                float[][] listened = trainedState(graph, fit, everyIteration, givenProbe);
                assertBitIdentical(plain, listened, what + " with NearListener");

                // 4 batches x 2 epochs = 8 updates; START plus one record per update
                assertEquals(9, everyIteration.history().size(), what);
                assertEquals(0, everyIteration.failures(), what);
                int epochEnds = fit == Fit.ITERATOR ? 2 : 0;     // DL4J has no epoch callbacks for array fits
                assertEquals(1 + epochEnds, givenProbe.history().size(), what);
            }
        }
    }

    @Test
    void theBitIdentityCheckNoticesAListenerThatDrawsFromNd4jsRandomGenerator() {
        TrainingListener rogue = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                Nd4j.getRandom().nextInt();
            }
        };
        for (boolean graph : new boolean[] {false, true}) {
            float[][] plain = trainedState(graph, Fit.ITERATOR);
            float[][] disturbed = trainedState(graph, Fit.ITERATOR, rogue);
            assertFalse(bitIdentical(plain, disturbed), "dropout should make the rogue listener visible");
        }
    }

    @Test
    void trainingDoesNotChangeTheGivenProbe() {
        INDArray probe = features.dup();
        MultiLayerNetwork net = mlp();
        net.setListeners(NearListener.builder().probe(probe).everyIterations(2).failOnError(true).build());
        net.fit(iterator(), 1);
        assertEquals(features, probe);
    }

    // ------------------------------------------------------------------------------------------ history values

    @Test
    void historyHoldsTheScoresOfTheModelAtEachMoment() {
        NearScorer reference = NearScorer.builder().repetitions(1).seed(5).build();
        MultiLayerNetwork untrained = mlp();
        double expectedStart = reference.score(untrained, features).score();

        List<NearRecord> seen = new ArrayList<>();
        NearListener listener = NearListener.builder().probe(features).scorer(NearScorer.builder().seed(5).build()).everyEpochs(1).atStart()
                .onRecord(seen::add).failOnError(true).build();
        MultiLayerNetwork net = mlp();
        net.setListeners(listener);
        net.fit(iterator(), 1);
        double expectedAfterOne = reference.score(net, features).score();
        net.fit(iterator(), 1);
        double expectedAfterTwo = reference.score(net, features).score();

        NearHistory h = listener.history();
        assertEquals(3, h.size());
        assertEquals(h.records(), seen);
        NearRecord start = h.records().get(0);
        assertEquals(NearTrigger.START, start.trigger());
        assertEquals(0, start.epoch());
        assertEquals(0, start.iteration());
        assertEquals(expectedStart, start.score(), 1e-9);
        NearRecord first = h.records().get(1);
        assertEquals(NearTrigger.EPOCH_END, first.trigger());
        assertEquals(1, first.epoch());
        assertEquals(4, first.iteration());
        assertEquals(expectedAfterOne, first.score(), 1e-9);
        NearRecord second = h.last();
        assertEquals(2, second.epoch());
        assertEquals(8, second.iteration());
        assertEquals(expectedAfterTwo, second.score(), 1e-9);
        assertArrayEquals(new double[] {expectedStart, expectedAfterOne, expectedAfterTwo}, h.scores(), 1e-9);
        assertTrue(Math.abs(expectedAfterTwo - expectedStart) > 1e-6, "training should move the score");

        // per layer: the layer's matrices sum to its share, and the shares sum to the score
        for (NearRecord r : h.records()) {
            double hidden = 0;
            double total = 0;
            for (MatrixScore m : r.matrices()) {
                total += m.effectiveRank();
                if (m.layerName().equals("hidden")) {
                    hidden += m.effectiveRank();
                }
            }
            assertEquals(r.score(), total, 1e-9);
            assertEquals(hidden, r.layerScores().get("hidden"), 1e-12);
            assertEquals(List.of("hidden", "bn", "second", "out"), new ArrayList<>(r.layerScores().keySet()));
        }
        double[] hiddenSeries = h.layerScores("hidden");
        assertEquals(3, hiddenSeries.length);
        assertEquals(h.records().get(2).layerScores().get("hidden"), hiddenSeries[2], 0);
        assertThrows(IllegalArgumentException.class, () -> h.layerScores("nope"));
    }

    @Test
    void withoutAProbeTheFirstTrainingBatchIsScored() {
        NearScorer reference = NearScorer.builder().repetitions(1).build();
        ComputationGraph untrained = graph();
        double expected = reference.score(untrained, rows(features, 0, BATCH)).score();
        // a different batch gives a different score, so the check below can tell which batch was used
        double other = reference.score(untrained, rows(features, BATCH, BATCH)).score();
        assertTrue(Math.abs(expected - other) > 1e-6);

        NearListener listener = NearListener.builder().everyEpochs(1).atStart().failOnError(true).build();
        ComputationGraph g = graph();
        g.setListeners(listener);
        g.fit(iterator(), 1);
        assertEquals(expected, listener.history().records().get(0).score(), 1e-9);
        assertEquals(BATCH, listener.history().records().get(0).result().samples());
        double afterTraining = reference.score(g, rows(features, 0, BATCH)).score();
        assertEquals(afterTraining, listener.history().last().score(), 1e-9);
    }

    @Test
    void atStartWorksForArrayFits() {
        NearScorer reference = NearScorer.builder().repetitions(1).build();
        double expected = reference.score(mlp(), features).score();
        NearListener listener = NearListener.builder().probe(features).everyIterations(3).atStart().failOnError(true)
                .build();
        MultiLayerNetwork net = mlp();
        net.setListeners(listener);
        train(net, Fit.ARRAYS);            // 8 updates, no epoch callbacks
        NearHistory h = listener.history();
        assertEquals(List.of(NearTrigger.START, NearTrigger.ITERATION_END, NearTrigger.ITERATION_END),
                h.records().stream().map(NearRecord::trigger).toList());
        assertEquals(expected, h.records().get(0).score(), 1e-9);
        assertEquals(List.of(0L, 3L, 6L), h.records().stream().map(NearRecord::iteration).toList());
    }

    // ------------------------------------------------------------------------------------------ frequency

    private static List<NearRecord> run(NearListener listener, int epochs) {
        MultiLayerNetwork net = mlp();
        net.setListeners(listener);
        net.fit(iterator(), epochs);
        return listener.history().records();
    }

    @Test
    void everyNEpochs() {
        List<NearRecord> r = run(NearListener.builder().probe(features).everyEpochs(2).build(), 5);
        assertEquals(List.of(2, 4), r.stream().map(NearRecord::epoch).toList());
        assertEquals(List.of(8L, 16L), r.stream().map(NearRecord::iteration).toList());
    }

    @Test
    void everyNIterationsDuringTheFirstKEpochs() {
        List<NearRecord> r = run(NearListener.builder().everyIterations(3).firstEpochs(2).atStart().build(), 4);
        // 4 updates per epoch; epochs 0 and 1 hold updates 1..8: evaluations after 3 and 6, plus the start
        assertEquals(List.of(0L, 3L, 6L), r.stream().map(NearRecord::iteration).toList());
        assertEquals(List.of(0, 0, 1), r.stream().map(NearRecord::epoch).toList());
    }

    @Test
    void atEpochStartsWithoutDuplicatingTheStartScore() {
        List<NearRecord> r = run(NearListener.builder().probe(features).frequency(2, InvocationType.EPOCH_START)
                .atStart().build(), 5);
        assertEquals(List.of(NearTrigger.START, NearTrigger.EPOCH_START, NearTrigger.EPOCH_START),
                r.stream().map(NearRecord::trigger).toList());
        assertEquals(List.of(0, 2, 4), r.stream().map(NearRecord::epoch).toList());
    }

    @Test
    void firstEpochsLimitsEpochEndScores() {
        List<NearRecord> r = run(NearListener.builder().probe(features).firstEpochs(2).build(), 4);
        assertEquals(List.of(1, 2), r.stream().map(NearRecord::epoch).toList());
    }

    // ------------------------------------------------------------------------------------------ files, errors

    /** A layer name with a comma and a quote survives the CSV history (file sink and toCsv) unchanged. */
    @Test
    void csvHistoryRoundTripsNamesWithCommasAndQuotes(@TempDir Path dir) throws Exception {
        String odd = "dense, \"wide\"";
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().name(odd).nIn(IN).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(IN))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path csv = dir.resolve("odd.csv");
        NearListener l = NearListener.builder().probe(features).atStart().onRecord(NearRecordSinks.csv(csv))
                .failOnError(true).build();
        net.setListeners(l);
        net.fit(iterator(), 1);
        NearHistory h = l.history();
        assertEquals(h.toCsv(), Files.readString(csv, StandardCharsets.UTF_8));
        List<CSVRecord> rows = readCsv(csv);
        assertEquals(1 + h.records().size(), rows.size());
        List<String> header = rows.get(0).toList();
        assertTrue(header.contains(odd + "/pre") && header.contains(odd + "/post"), header.toString());
        assertEquals(header.size(), rows.get(1).size());
        int col = header.indexOf(odd + "/post");
        double want = h.records().get(0).matrices().stream().filter(m -> m.layerName().equals(odd)
                && m.kind().label().equals("post")).mapToDouble(MatrixScore::effectiveRank).sum();
        assertEquals(want, Double.parseDouble(rows.get(1).get(col)), 0);
        // appended by a second listener: the existing header (with its quoted names) is read back and kept
        NearListener l2 = NearListener.builder().probe(features).atStart().onRecord(NearRecordSinks.csv(csv))
                .failOnError(true).build();
        net.setListeners(l2);
        net.fit(iterator(), 1);
        List<CSVRecord> more = readCsv(csv);
        assertEquals(rows.size() + l2.history().records().size(), more.size());
        assertEquals(header, more.get(0).toList());
    }

    private static List<CSVRecord> readCsv(Path csv) throws java.io.IOException {
        try (CSVParser p = CSVFormat.DEFAULT.parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            return p.getRecords();
        }
    }


    @Test
    void appendsCsvAndJsonLines(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("near.csv");
        Path jsonl = dir.resolve("near.jsonl");
        NearListener a = NearListener.builder().probe(features).atStart().onRecord(NearRecordSinks.csv(csv))
                .onRecord(NearRecordSinks.jsonLines(jsonl))
                .failOnError(true).build();
        run(a, 2);
        NearListener b = NearListener.builder().probe(features).onRecord(NearRecordSinks.csv(csv))
                .onRecord(NearRecordSinks.jsonLines(jsonl)).failOnError(true).build();
        run(b, 1);

        List<CSVRecord> lines = readCsv(csv);
        assertEquals(1 + 3 + 1, lines.size(), "one header, three rows from the first run, one from the second");
        List<String> header = lines.get(0).toList();
        assertEquals(List.of("trigger", "epoch", "iteration", "score", "millis", "samples"), header.subList(0, 6));
        assertEquals(6 + a.history().last().matrices().size(), header.size());
        assertTrue(header.contains("hidden/pre") && header.contains("hidden/post") && header.contains("bn/pre"));
        CSVRecord row = lines.get(1);
        assertEquals("start", row.get(0));
        NearRecord start = a.history().records().get(0);
        assertEquals(start.score(), Double.parseDouble(row.get(3)), 0);
        double sum = 0;
        for (int i = 6; i < row.size(); i++) {
            sum += Double.parseDouble(row.get(i));
        }
        assertEquals(start.score(), sum, 1e-9);
        List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(a.history().toCsv(), String.join("\n", text.subList(0, 4)) + "\n");

        List<String> json = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        assertEquals(4, json.size());
        JsonObject last = new JsonParser().parse(json.get(3)).getAsJsonObject();
        assertEquals("epoch_end", last.get("trigger").getAsString());
        assertEquals(1, last.get("epoch").getAsInt());
        assertEquals(b.history().last().score(), last.get("score").getAsDouble(), 0);
        assertEquals(b.history().last().matrices().size(), last.getAsJsonArray("matrices").size());
    }

    @Test
    void aFailedEvaluationIsLoggedAndSkippedUnlessAskedToFail() {
        INDArray wrongWidth = Nd4j.rand(DataType.FLOAT, 32, IN + 1);
        NearListener lenient = NearListener.builder().probe(wrongWidth).build();
        run(lenient, 2);
        assertEquals(0, lenient.history().size());
        assertEquals(2, lenient.failures());

        NearListener strict = NearListener.builder().probe(wrongWidth).failOnError(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(strict, 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
    }

    @Test
    void builderRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> NearListener.builder().everyEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> NearListener.builder().everyIterations(-1));
        assertThrows(IllegalArgumentException.class, () -> NearListener.builder().firstEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> NearListener.builder().probe(Nd4j.create(DataType.FLOAT, 5)));
        assertThrows(IllegalArgumentException.class, () -> NearListener.builder().probe(Nd4j.zeros(DataType.INT, 4, 3)));
        assertThrows(NullPointerException.class, () -> NearListener.builder().probe((INDArray[]) null));
        assertThrows(java.util.NoSuchElementException.class, () -> NearHistory.empty().last());
    }

    @Test
    void serialisationKeepsOptionsAndProbeButNotRuntimeState() throws Exception {
        Consumer<NearRecord> cb = r -> { };
        NearListener original = NearListener.builder().probe(features).everyIterations(2).firstEpochs(1).atStart()
                .onRecord(cb).build();
        run(original, 1);
        assertEquals(3, original.history().size());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        NearListener copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (NearListener) in.readObject();
        }
        assertTrue(copy.history().isEmpty());
        assertEquals(InvocationType.ITERATION_END, copy.invocationType());
        assertEquals(2, copy.frequency());
        assertEquals(1, copy.firstEpochs());
        assertTrue(copy.atStart());
        List<NearRecord> again = run(copy, 1);
        assertEquals(3, again.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(original.history().records().get(i).score(), again.get(i).score(), 1e-9);
        }
        NearResult r = again.get(0).result();
        assertNotNull(r);
        assertEquals(N, r.samples());
    }
}
