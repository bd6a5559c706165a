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
package org.neardl4j.search;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early-stopping training of a search's finalists: tiny MLPs on synthetic three-class data (seconds). */
class FinalistTrainingTest {

    private static final int FEATURES = 8;

    /** Three Gaussian classes in 8 dimensions, overlapping enough that the MLPs differ in accuracy. */
    static DataSet blobs(int n, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[3][FEATURES];
        Random c = new Random(99);
        for (double[] m : centres) {
            for (int j = 0; j < FEATURES; j++) {
                m[j] = c.nextGaussian();
            }
        }
        float[] x = new float[n * FEATURES];
        float[] y = new float[n * 3];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) (centres[k][j] + 1.3 * r.nextGaussian());
            }
            y[i * 3 + k] = 1;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, FEATURES}, DataType.FLOAT),
                Nd4j.create(y, new long[] {n, 3}, DataType.FLOAT));
    }

    static MultiLayerNetwork mlp(int nIn, int width, Activation a, double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(learningRate == 0 ? new Sgd(0) : new Adam(learningRate)).weightInit(WeightInit.XAVIER)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(width).activation(a).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    static ChoiceSpace space(double learningRate) {
        return ChoiceSpace.builder()
                .choice("width", List.of(2, 4, 32))
                .choice("activation", List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID))
                .template(c -> mlp(FEATURES, c.get("width", Integer.class), c.get("activation", Activation.class),
                        learningRate))
                .build();
    }

    /** A closed-form fitness: the width, plus the activation's position / 10. */
    static final class Width implements Fitness<Choices> {
        @Override
        public List<String> names() {
            return List.of("width");
        }

        @Override
        public double[] score(Choices c) {
            Object a = c.values().get("activation");
            return new double[] {c.get("width", Integer.class) + (a == Activation.RELU ? 0.2 : a == Activation.TANH
                    ? 0.1 : 0)};
        }
    }

    /** An iterator over a DataSet that counts the batches handed out. */
    static final class Counting extends ViewIterator {
        final AtomicInteger batches = new AtomicInteger();

        Counting(DataSet d, int batch) {
            super(d, batch);
        }

        @Override
        public DataSet next() {
            batches.incrementAndGet();
            return super.next();
        }
    }

    private static final DataSet TRAIN = blobs(240, 1);
    private static final DataSet VALID = blobs(120, 2);

    static SearchResult<Choices> search(ChoiceSpace space, int top) {
        return ArchitectureSearch.builder(space, new Width()).strategy(Strategy.exhaustive()).top(top).build().run();
    }

    static double accuracy(Model m, DataSetIterator it) {
        it.reset();
        Evaluation e = ((MultiLayerNetwork) m).evaluate(it);
        return e.accuracy();
    }

    @Test
    void theWinnerHasTheHighestValidationAccuracyRecomputedOnItsTrainedNetwork() {
        ChoiceSpace space = space(0.05);
        SearchResult<Choices> s = search(space, 1);
        DataSetIterator valid = new ViewIterator(VALID, 32);
        TrainedFinalists<Choices> t = FinalistTraining.builder(space).data(new ViewIterator(TRAIN, 32), valid)
                .top(4).maxEpochs(3).patience(3).seed(5).build().train(s);
        assertEquals(4, t.finalists().size());
        // the finalists are the search's top 4, in its order
        for (int i = 0; i < 4; i++) {
            assertEquals(s.ranking().get(i).evaluation().name(), t.finalists().get(i).name());
            assertEquals(i + 1, t.finalists().get(i).rank());
            assertEquals(s.ranking().get(i).evaluation().values(), t.finalists().get(i).values());
        }
        String expected = null;
        double best = -1;
        for (TrainedFinalists.Finalist f : t.finalists()) {
            assertTrue(f.trained(), f.error());
            double acc = accuracy(t.model(f.name()).orElseThrow(), new ViewIterator(VALID, 50));
            assertEquals(acc, f.validationAccuracy(), 1e-12, f.name());
            assertEquals(f.epochScores().get(f.bestEpoch() - 1), acc, 1e-12, "kept network is the best epoch's");
            double max = f.epochScores().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertEquals(max, acc, 1e-12, "no epoch validated better than the kept one");
            if (acc > best) {      // ranks ascend, so a tie keeps the better zero-cost rank
                best = acc;
                expected = f.name();
            }
        }
        assertEquals(expected, t.winner().name());
        assertEquals(space.parse(expected), t.winnerCandidate());
        assertEquals(best, accuracy(t.winnerModel(), valid), 1e-12);
        assertTrue(t.reason().contains(String.format(java.util.Locale.ROOT, "%.4f", best)), t.reason());
        assertTrue(best > 0.5, "trained MLPs beat chance (1/3) clearly: " + best);
    }

    @Test
    void earlyStoppingStopsAtMaxEpochsOrAfterThePatienceAsConfigured() {
        ChoiceSpace space = space(0.05);
        Counting train = new Counting(TRAIN, 60);      // 4 batches an epoch
        TrainedFinalists<Choices> t = FinalistTraining.builder(space).data(train, new ViewIterator(VALID, 60))
                .top(2).maxEpochs(3).patience(5).build().train(search(space, 1));
        for (TrainedFinalists.Finalist f : t.finalists()) {
            assertEquals(3, f.epochs());
            assertEquals("max-epochs", f.termination());
            assertEquals(3, f.epochScores().size());
        }
        assertEquals(2 * 3 * 4, train.batches.get(), "two finalists, three epochs of four batches");

        // a learning rate of 0: the validation accuracy never improves, so patience 2 stops after epoch 3 of 10
        ChoiceSpace frozen = space(0);
        Counting train2 = new Counting(TRAIN, 60);
        TrainedFinalists<Choices> p = FinalistTraining.builder(frozen).data(train2, new ViewIterator(VALID, 60))
                .top(1).maxEpochs(10).patience(2).build().train(search(frozen, 1));
        TrainedFinalists.Finalist f = p.finalists().get(0);
        assertEquals("patience", f.termination());
        assertEquals(3, f.epochs());
        assertEquals(1, f.bestEpoch());
        assertEquals(3 * 4, train2.batches.get());
        assertEquals(1, f.epochScores().stream().distinct().count(), "unchanged network, same accuracy");

        // monitoring the loss: the kept epoch is the one with the lowest validation loss
        TrainedFinalists<Choices> l = FinalistTraining.builder(space).data(new ViewIterator(TRAIN, 60),
                        new ViewIterator(VALID, 60)).top(1).maxEpochs(3).patience(3)
                .monitor(FinalistTraining.Monitor.LOSS).build().train(search(space, 1));
        TrainedFinalists.Finalist g = l.finalists().get(0);
        double min = g.epochScores().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(min, g.epochScores().get(g.bestEpoch() - 1));
        assertEquals(min, g.validationLoss(), 1e-9, "the kept network's loss, recomputed");
    }

    @Test
    void theRecordRoundTripsThroughJsonAndCsv() throws Exception {
        ChoiceSpace space = space(0.05);
        SearchResult<Choices> s = search(space, 1);
        TrainedFinalists<Choices> t = FinalistTraining.builder(space)
                .data(new ViewIterator(TRAIN, 40), new ViewIterator(VALID, 40)).top(2).maxEpochs(2).build().train(s);
        JsonObject o = new JsonParser().parse(t.toJson()).getAsJsonObject();
        assertEquals(s.evaluations().size(), o.getAsJsonObject("search").get("scored").getAsInt());
        assertEquals(s.evaluations().size(), o.getAsJsonObject("search").getAsJsonArray("ranking").size());
        assertEquals(t.winner().name(), o.get("winner").getAsString());
        assertEquals(t.reason(), o.get("reason").getAsString());
        assertEquals(2, o.getAsJsonObject("training").get("max_epochs").getAsInt());
        JsonArray a = o.getAsJsonArray("finalists");
        assertEquals(t.finalists().size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonObject e = a.get(i).getAsJsonObject();
            TrainedFinalists.Finalist f = t.finalists().get(i);
            assertEquals(f.name(), e.get("name").getAsString());
            assertEquals(f.rank(), e.get("rank").getAsInt());
            assertEquals(f.epochs(), e.get("epochs").getAsInt());
            assertEquals(f.bestEpoch(), e.get("best_epoch").getAsInt());
            assertEquals(f.validationAccuracy(), e.get("validation_accuracy").getAsDouble());
            assertEquals(f.validationLoss(), e.get("validation_loss").getAsDouble());
            assertEquals(f.values().get(0), e.getAsJsonArray("values").get(0).getAsDouble());
            assertEquals(f.termination(), e.get("termination").getAsString());
            assertEquals(f == t.winner(), e.get("winner").getAsBoolean());
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(t.toCsv())).getRecords();
        assertEquals(t.finalists().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = rows.get(i);
            TrainedFinalists.Finalist f = t.finalists().get(i);
            assertEquals(f.name(), r.get("name"));
            assertEquals(f.rank(), Integer.parseInt(r.get("rank")));
            assertEquals(f.values().get(0), Double.parseDouble(r.get("width")));
            assertEquals(f.epochs(), Integer.parseInt(r.get("epochs")));
            assertEquals(f.validationAccuracy(), Double.parseDouble(r.get("validation_accuracy")));
            assertEquals(f.validationLoss(), Double.parseDouble(r.get("validation_loss")));
            assertEquals(f == t.winner(), Boolean.parseBoolean(r.get("winner")));
            assertEquals("", r.get("error"));
        }
    }

    @Test
    void aFinalistThatFailsIsReportedAndTheOthersAreTrained() {
        // width 64 cannot be built; input 5 builds a network that cannot take the 8 features; both rank first
        ChoiceSpace space = ChoiceSpace.builder()
                .choice("width", List.of(4, 64))
                .choice("input", List.of(FEATURES, 5))
                .template(c -> {
                    int w = c.get("width", Integer.class);
                    if (w == 64) {
                        throw new IllegalStateException("width 64 is not supported");
                    }
                    return mlp(c.get("input", Integer.class), w, Activation.TANH, 0.05);
                })
                .build();
        Fitness<Choices> f = new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of("closed");
            }

            @Override
            public double[] score(Choices c) {
                return new double[] {c.get("width", Integer.class) + (c.get("input", Integer.class) == 5 ? 1 : 0)};
            }
        };
        SearchResult<Choices> s = ArchitectureSearch.builder(space, f).strategy(Strategy.exhaustive()).build().run();
        TrainedFinalists<Choices> t = FinalistTraining.builder(space)
                .data(new ViewIterator(TRAIN, 60), new ViewIterator(VALID, 60)).top(4).maxEpochs(1).build().train(s);
        List<String> names = new ArrayList<>();
        t.finalists().forEach(x -> names.add(x.name()));
        assertEquals(List.of("width=64,input=5", "width=64,input=8", "width=4,input=5", "width=4,input=8"), names);
        assertTrue(t.finalists().get(0).error().contains("width 64 is not supported"), t.finalists().get(0).error());
        assertTrue(t.finalists().get(1).error().contains("width 64 is not supported"));
        assertFalse(t.finalists().get(2).trained());
        assertEquals("error", t.finalists().get(2).termination());
        assertTrue(t.finalists().get(2).error().contains("first training batch failed")
                && t.finalists().get(2).error().contains("does not match layer input size"), t.finalists().get(2).error());
        assertTrue(t.finalists().get(3).trained());
        assertEquals("width=4,input=8", t.winner().name());
        assertTrue(t.reason().contains("3 could not be trained"), t.reason());
        assertTrue(t.model("width=4,input=5").isEmpty());
        assertTrue(t.toCsv().contains("width 64 is not supported"));
        // all failing: one clear error naming each
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FinalistTraining.builder(space)
                .data(new ViewIterator(TRAIN, 60), new ViewIterator(VALID, 60)).top(2).build().train(s));
        assertTrue(e.getMessage().contains("no finalist could be trained") && e.getMessage().contains("width=64,input=5")
                && e.getMessage().contains("width=64,input=8"), e.getMessage());
    }

    @Test
    void aSharedNetworkReturnedByTheTemplateIsNotModified() {
        MultiLayerNetwork shared = mlp(FEATURES, 4, Activation.TANH, 0.05);
        INDArray before = shared.params().dup();
        ChoiceSpace space = ChoiceSpace.builder().choice("width", List.of(4, 5)).template(c -> shared).build();
        TrainedFinalists<Choices> t = FinalistTraining.builder(space)
                .data(new ViewIterator(TRAIN, 60), new ViewIterator(VALID, 60)).maxEpochs(2)
                .build().train(space.enumerate().orElseThrow());
        assertEquals(before, shared.params());
        assertEquals(0, shared.getIterationCount());
        assertEquals(2, t.finalists().size());
        assertTrue(t.search().isEmpty());
        assertFalse(t.winnerModel() == shared);
        assertFalse(before.equals(((MultiLayerNetwork) t.winnerModel()).params()), "the copy was trained");
    }

    @Test
    void badOptionsAndDataAreClearErrors() {
        ChoiceSpace space = space(0.05);
        SearchResult<Choices> s = search(space, 1);
        DataSetIterator train = new ViewIterator(TRAIN, 60);
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> FinalistTraining
                .builder(space).data(train, new ViewIterator(VALID, 60)).top(10).build().train(s));
        assertEquals("top 10 is larger than the 9 candidates the search scored", top.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FinalistTraining
                .builder(space).data(train, emptyIterator()).build().train(s));
        assertEquals("the validation data is empty", e.getMessage());
        assertThrows(IllegalStateException.class, () -> FinalistTraining.builder(space).build());
        assertThrows(IllegalArgumentException.class, () -> FinalistTraining.builder(space).maxEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> FinalistTraining.builder(space).patience(0));
        assertThrows(IllegalArgumentException.class, () -> FinalistTraining.builder(space)
                .data(train, new ViewIterator(VALID, 60)).build().train(List.of()));
    }

    static DataSetIterator emptyIterator() {
        return new ViewIterator(VALID, 60) {
            @Override
            public boolean hasNext() {
                return false;
            }
        };
    }
}
