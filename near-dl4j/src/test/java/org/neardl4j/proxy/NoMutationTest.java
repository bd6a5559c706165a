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
package org.neardl4j.proxy;

import org.neardl4j.score.NearScorer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every proxy leaves the network as it was, and repetitions behave as documented. */
class NoMutationTest {

    private static final ProxyOptions TWO = ProxyOptions.of(NearScorer.builder().repetitions(2).seed(7).build());

    @Test
    void multiLayerNetworkIsUnchanged() {
        MultiLayerNetwork net = TinyNets.mlpWithBatchNorm(Activation.RELU);
        DataSet data = TinyNets.data();
        net.fit(data);      // updater state, counters and batch-norm statistics that are not initial
        net.setListeners(new ScoreIterationListener(1000));
        INDArray storedInput = Nd4j.rand(DataType.FLOAT, 2, 3);
        net.setInput(storedInput);
        checkUnchanged(net, data);
    }

    @Test
    void computationGraphIsUnchanged() {
        ComputationGraph g = graph();
        DataSet data = cnnData(8);
        g.fit(data);
        g.setListeners(new ScoreIterationListener(1000));
        checkUnchanged(g, data);
    }

    @Test
    void repetitionsStartWithTheModelsOwnWeightsAndAreReproducible() {
        ComputationGraph g = graph();
        DataSet data = cnnData(8);
        for (ZeroCostProxy p : ZeroCostProxies.all(TWO)) {
            ProxyResult two = p.score(g, data);
            ProxyResult one = ZeroCostProxies.byName(p.name(), ProxyOptions.of(NearScorer.builder().seed(7).build())).score(g, data);
            assertEquals(p.name(), two.name());
            assertEquals(2, two.repetitions());
            assertEquals(one.score(), two.scores().get(0), 1e-9 * Math.abs(one.score()), p.name());
            assertEquals(two.scores(), p.score(g, data).scores(), p.name() + " is not reproducible");
            if (!p.name().equals("params")) {
                assertNotEquals(two.scores().get(0), two.scores().get(1), p.name() + ": second repetition not fresh");
            }
            assertEquals((two.scores().get(0) + two.scores().get(1)) / 2, two.score(), 1e-12 * Math.abs(two.score()));
            assertTrue(two.elapsed().toNanos() > 0);
        }
    }

    private static void checkUnchanged(Model model, DataSet data) {
        INDArray params = model.params().dup();
        boolean mln = model instanceof MultiLayerNetwork;
        INDArray updater = (mln ? ((MultiLayerNetwork) model).getUpdater().getStateViewArray()
                : ((ComputationGraph) model).getUpdater().getStateViewArray()).dup();
        String conf = mln ? ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model).getConfiguration().toJson();
        int iter = mln ? ((MultiLayerNetwork) model).getIterationCount() : ((ComputationGraph) model).getIterationCount();
        int epoch = mln ? ((MultiLayerNetwork) model).getEpochCount() : ((ComputationGraph) model).getEpochCount();
        List<TrainingListener> listeners = listeners(model);
        INDArray input = mln ? ((MultiLayerNetwork) model).getInput() : null;
        // the caller's DataSet with labels and masks of ones (which change no proxy's value)
        DataSet withMasks = new DataSet(data.getFeatures(), data.getLabels(),
                Nd4j.ones(data.getFeatures().dataType(), data.numExamples(), 1),
                Nd4j.ones(data.getLabels().dataType(), data.getLabels().shape()));
        Untouched.Snapshot callers = Untouched.of(model, withMasks);
        Nd4j.getRandom().setSeed(99);
        for (ZeroCostProxy p : ZeroCostProxies.all(TWO)) {
            // (naswot may be -Infinity here: 4 hidden units cannot separate 6 samples)
            assertTrue(!Double.isNaN(p.score(model, withMasks).score()), p.name());
            assertTrue(!Double.isNaN(p.score(model, new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(withMasks))
                    .score()), p.name());
            callers.assertUnchanged();
            String n = p.name() + " changed the network: ";
            assertArrayEquals(Untouched.bits(params), Untouched.bits(model.params()), n + "parameters, bit for bit");
            assertArrayEquals(Untouched.bits(updater), Untouched.bits(mln ? ((MultiLayerNetwork) model).getUpdater().getStateViewArray()
                    : ((ComputationGraph) model).getUpdater().getStateViewArray()), n + "updater state, bit for bit");
            assertEquals(conf, mln ? ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson()
                    : ((ComputationGraph) model).getConfiguration().toJson(), n + "configuration");
            assertEquals(iter, mln ? ((MultiLayerNetwork) model).getIterationCount()
                    : ((ComputationGraph) model).getIterationCount(), n + "iteration count");
            assertEquals(epoch, mln ? ((MultiLayerNetwork) model).getEpochCount()
                    : ((ComputationGraph) model).getEpochCount(), n + "epoch count");
            List<TrainingListener> now = listeners(model);
            assertEquals(listeners.size(), now.size(), n + "listeners");
            for (int i = 0; i < listeners.size(); i++) {
                assertSame(listeners.get(i), now.get(i), n + "listeners");
            }
            if (mln) {
                assertSame(input, ((MultiLayerNetwork) model).getInput(), n + "stored input");
            }
        }
        // fresh initialisations ran on their own threads: the caller's random generator continued undisturbed
        long next = Nd4j.getRandom().nextLong();
        Nd4j.getRandom().setSeed(99);
        assertEquals(Nd4j.getRandom().nextLong(), next, "the caller's ND4J random generator was used");
    }

    private static List<TrainingListener> listeners(Model m) {
        return new ArrayList<>(m instanceof MultiLayerNetwork ? ((MultiLayerNetwork) m).getListeners()
                : ((ComputationGraph) m).getListeners());
    }

    /** conv-bn-relu, a residual add, a merge with a second branch, max pooling, softmax; 6x6 inputs. */
    static ComputationGraph graph() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-2))
                .convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("img")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build(), "img")
                .addLayer("bn", new BatchNormalization.Builder().build(), "c1")
                .addLayer("bn1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "bn1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c2", "bn1")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.RELU).build(), "bn1")
                .addVertex("merge", new MergeVertex(), "add", "c3")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutionalFlat(6, 6, 1)).build());
        g.init();
        return g;
    }

    static DataSet cnnData(int n) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 36);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 36; p++) {
                x.putScalar(i, p, Math.sin(0.9 * p + 2.1 * i) * Math.cos(0.31 * i * p));
            }
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }
}
