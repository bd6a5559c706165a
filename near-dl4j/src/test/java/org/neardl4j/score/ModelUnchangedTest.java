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
package org.neardl4j.score;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.neardl4j.Untouched;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring never changes the user's model: parameters (batch-norm running statistics included), updater state,
 * iteration and epoch counts, listeners, stored input and labels, and the configuration.
 */
class ModelUnchangedTest {

    /** Counts every callback, to show that scoring calls none of the user's listeners. */
    static final class CountingListener extends BaseTrainingListener {
        int calls;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            calls++;
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            calls++;
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            calls++;
        }
    }

    /** Everything scoring must leave alone, copied. */
    static final class Snapshot {
        final INDArray params;
        final INDArray updaterState;
        final int iterations;
        final int epochs;
        final List<TrainingListener> listeners;
        final String configJson;
        final INDArray input;
        final INDArray inputCopy;
        final INDArray labels;
        final INDArray labelsCopy;

        Snapshot(MultiLayerNetwork net) {
            params = net.params().dup();
            updaterState = net.getUpdater().getStateViewArray().dup();
            iterations = net.getIterationCount();
            epochs = net.getEpochCount();
            listeners = new ArrayList<>(net.getListeners());
            configJson = net.getLayerWiseConfigurations().toJson();
            input = net.getInput();
            inputCopy = input.dup();
            labels = net.getLabels();
            labelsCopy = labels.dup();
        }

        Snapshot(ComputationGraph g) {
            params = g.params().dup();
            updaterState = g.getUpdater().getStateViewArray().dup();
            iterations = g.getIterationCount();
            epochs = g.getEpochCount();
            listeners = new ArrayList<>(g.getListeners());
            configJson = g.getConfiguration().toJson();
            input = g.getInputs()[0];
            inputCopy = input.dup();
            labels = graphLabels(g)[0];
            labelsCopy = labels.dup();
        }

        /** ComputationGraph has setLabels but no getter. */
        static INDArray[] graphLabels(ComputationGraph g) {
            try {
                java.lang.reflect.Field f = ComputationGraph.class.getDeclaredField("labels");
                f.setAccessible(true);
                return (INDArray[]) f.get(g);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        void assertSameAs(Snapshot now) {
            assertArrayEquals(Untouched.bits(params), Untouched.bits(now.params),
                    "parameters (batch-norm running mean/variance included), bit for bit");
            assertArrayEquals(Untouched.bits(updaterState), Untouched.bits(now.updaterState), "updater state, bit for bit");
            assertEquals(iterations, now.iterations, "iteration count");
            assertEquals(epochs, now.epochs, "epoch count");
            assertEquals(listeners, now.listeners, "listeners");
            assertEquals(configJson, now.configJson, "configuration");
            assertSame(input, now.input, "stored input array");
            assertArrayEquals(Untouched.bits(inputCopy), Untouched.bits(now.input), "stored input values, bit for bit");
            assertSame(labels, now.labels, "stored labels array");
            assertArrayEquals(Untouched.bits(labelsCopy), Untouched.bits(now.labels), "stored label values, bit for bit");
        }
    }

    static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(0.05))
                .convolutionMode(ConvolutionMode.Truncate);
    }

    static DataSet images(int n) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(Nd4j.rand(DataType.DOUBLE, n, 1, 6, 5), y);
    }

    /** The same data with a features mask and a labels mask (NEAR ignores both; they must stay as they are). */
    static DataSet masked(DataSet d) {
        long n = d.numExamples();
        INDArray fm = Nd4j.ones(DataType.DOUBLE, n, 1);
        fm.putScalar(n - 1, 0, 0.0);
        return new DataSet(d.getFeatures(), d.getLabels(), fm, Nd4j.ones(DataType.DOUBLE, n, 3));
    }

    static final NearScorer[] SCORERS = {
            NearScorer.builder().build(),
            NearScorer.builder().repetitions(3).seed(5).build()};

    @Test
    void multiLayerNetworkWithBatchNormIsUnchanged() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).dropOut(0.7).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 5, 1))
                .build());
        net.init();
        CountingListener listener = new CountingListener();
        net.setListeners(listener);
        DataSet train = images(8);
        for (int i = 0; i < 3; i++) {
            net.fit(train);
        }
        net.incrementEpochCount();
        DataSet held = images(4);
        net.setInput(held.getFeatures());
        net.setLabels(held.getLabels());
        Snapshot before = new Snapshot(net);
        assertEquals(3, before.iterations);
        assertEquals(1, before.epochs);
        assertTrue(before.updaterState.amaxNumber().doubleValue() > 0, "Adam state is non-trivial");
        INDArray runningMean = net.getParam("1_mean").dup();
        assertTrue(runningMean.amaxNumber().doubleValue() > 0, "training moved the running mean");
        int calls = listener.calls;

        INDArray features = images(6).getFeatures();
        DataSet withMasks = masked(images(6));
        Untouched.Snapshot mine = Untouched.of(net, features, withMasks);
        for (NearScorer s : SCORERS) {
            s.score(net, features);
            s.score(net, new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(withMasks));
        }

        mine.assertUnchanged();
        before.assertSameAs(new Snapshot(net));
        assertArrayEquals(Untouched.bits(runningMean), Untouched.bits(net.getParam("1_mean")));
        assertEquals(calls, listener.calls, "no listener was called");
    }

    @Test
    void computationGraphWithBatchNormIsUnchanged() {
        ComputationGraphConfiguration conf = base().graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("conv2", new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build(), "in")
                .addVertex("merge", new MergeVertex(), "bn", "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(6, 5, 1))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        CountingListener listener = new CountingListener();
        g.setListeners(listener);
        DataSet train = images(8);
        for (int i = 0; i < 3; i++) {
            g.fit(train);
        }
        g.getConfiguration().setEpochCount(2);
        DataSet held = images(4);
        g.setInputs(held.getFeatures());
        g.setLabels(held.getLabels());
        Snapshot before = new Snapshot(g);
        assertEquals(3, before.iterations);
        assertTrue(before.updaterState.amaxNumber().doubleValue() > 0);
        int calls = listener.calls;

        INDArray features = images(6).getFeatures();
        DataSet withMasks = masked(images(6));
        DataSet multiSource = masked(images(6));
        org.nd4j.linalg.dataset.MultiDataSet multi = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {multiSource.getFeatures()}, new INDArray[] {multiSource.getLabels()},
                new INDArray[] {multiSource.getFeaturesMaskArray()}, new INDArray[] {multiSource.getLabelsMaskArray()});
        INDArray runningMean = g.getParam("bn_mean").dup();
        Untouched.Snapshot mine = Untouched.of(g, features, withMasks, multi);
        for (NearScorer s : SCORERS) {
            s.score(g, features);
            s.score(g, new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(withMasks));
            s.score(g, new org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator(multi));
        }

        mine.assertUnchanged();
        before.assertSameAs(new Snapshot(g));
        assertArrayEquals(Untouched.bits(runningMean), Untouched.bits(g.getParam("bn_mean")));
        assertEquals(calls, listener.calls, "no listener was called");
    }

    /**
     * Wrapper layers (TimeDistributed, LastTimeStep, MaskZeroLayer, Bidirectional) hold the layer they wrap; a
     * shallow configuration clone shares it with the user's network. Its activation function and dropout must
     * stay as the user configured them.
     */
    @Test
    void wrappedLayerConfigurationsAreUnchanged() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new TimeDistributed(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU)
                        .dropOut(0.8).build(), RNNFormat.NCW))
                .layer(new Bidirectional(new LSTM.Builder().nIn(4).nOut(3).dropOut(0.9).build()))
                .layer(new MaskZeroLayer(new LSTM.Builder().nIn(6).nOut(3).activation(Activation.SOFTSIGN)
                        .dropOut(0.9).build(), 0.0))
                .layer(new LastTimeStep(new LSTM.Builder().nIn(3).nOut(3).dropOut(0.9).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        String json = net.getLayerWiseConfigurations().toJson();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 4);
        Untouched.Snapshot before = Untouched.of(net, x);
        NearResult r = NearScorer.builder().repetitions(2).build().score(net, x);
        assertNotEquals(0, r.matrices().size());
        assertEquals(json, net.getLayerWiseConfigurations().toJson(), "the user's configuration was changed");
        before.assertUnchanged();
    }
}
