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

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.ParityCases;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NearScorer.Builder#rankMethod}: the method reaches the computation; AUTO stays within 1e-6 of the SVD. */
class RankMethodTest {

    private static ComputationGraph residual() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3));
        g.addLayer("c0", new ConvolutionLayer.Builder(3, 3).nOut(12).activation(Activation.RELU).build(), "in");
        g.addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(12).activation(Activation.IDENTITY).build(), "c0");
        g.addLayer("bn", new BatchNormalization.Builder().build(), "c1");
        g.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn", "c0");
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add");
        g.addLayer("d", new DenseLayer.Builder().nOut(20).activation(Activation.TANH).build(), "pool");
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(5)
                .activation(Activation.IDENTITY).build(), "d");
        g.setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    @Test
    void autoAgreesWithTheSvdOnAGraphScoredInSmallBatches() {
        ComputationGraph g = residual();
        Nd4j.getRandom().setSeed(5);
        INDArray gx = Nd4j.rand(DataType.DOUBLE, 30, 3, 8, 8);
        // batches of 7: blocks complete in different batches
        NearScorer svd = NearScorer.builder().repetitions(2).seed(4).rankMethod(EffectiveRank.Method.SVD_DOUBLE).build();
        NearResult a = svd.score(g, new ViewIterator(new DataSet(gx, Nd4j.zeros(30, 1)), 7));
        NearResult b = svd.toBuilder().rankMethod(EffectiveRank.Method.AUTO).build()
                .score(g, new ViewIterator(new DataSet(gx, Nd4j.zeros(30, 1)), 7));
        assertEquals(a.matrices().size(), b.matrices().size());
        for (int i = 0; i < a.matrices().size(); i++) {
            MatrixScore x = a.matrices().get(i);
            MatrixScore y = b.matrices().get(i);
            assertEquals(x.site(), y.site(), "forward order");
            assertEquals(x.rows(), y.rows());
            assertEquals(x.effectiveRank(), y.effectiveRank(), 1e-6 * x.effectiveRank(), x.toString());
        }
        assertEquals(a.warnings(), b.warnings());
    }

    @Test
    void rankMethodIsUsedAndKept() {
        NearScorer svd = NearScorer.builder().blockMode(BlockMode.FIRST).rankMethod(EffectiveRank.Method.SVD_DOUBLE)
                .build();
        assertEquals(EffectiveRank.Method.SVD_DOUBLE, svd.toBuilder().build().rankMethod());
        assertEquals(EffectiveRank.Method.AUTO, NearScorer.defaults().rankMethod());
        NearResult exact = svd.score(ParityCases.mlp(), ParityCases.mlpInput());
        NearResult fast = svd.toBuilder().rankMethod(EffectiveRank.Method.AUTO).build()
                .score(ParityCases.mlp(), ParityCases.mlpInput());
        List<MatrixScore> e = exact.matrices();
        double[] want = ParityCases.expectedEranks("mlp");
        for (int i = 0; i < want.length; i++) {
            // the SVD route reproduces the float64 reference values to rounding; AUTO within its 1e-6 bound
            assertEquals(want[i], e.get(i).effectiveRank(), 1e-6 * want[i]);
            assertEquals(e.get(i).effectiveRank(), fast.matrices().get(i).effectiveRank(), 1e-6 * want[i]);
        }
        // a crude check that the option reaches the computation: GRAM_FLOAT differs visibly from the SVD
        NearResult crude = svd.toBuilder().rankMethod(EffectiveRank.Method.GRAM_FLOAT).build()
                .score(ParityCases.mlp(), ParityCases.mlpInput());
        assertTrue(Math.abs(crude.score() - exact.score()) > 1e-9 * exact.score());
    }

    @Test
    void rankThreadsChangeNothingButTheThreads() {
        ComputationGraph g = residual();
        Nd4j.getRandom().setSeed(6);
        INDArray gx = Nd4j.rand(DataType.DOUBLE, 30, 3, 8, 8);
        NearScorer one = NearScorer.builder().repetitions(2).seed(4).rankThreads(1).build();
        assertEquals(1, one.rankThreads());
        assertEquals(3, one.toBuilder().rankThreads(3).build().rankThreads());
        assertEquals(1, one.toBuilder().build().rankThreads());
        NearResult a = one.score(g, gx);
        for (int threads : new int[] {2, 3}) {
            NearResult b = one.toBuilder().rankThreads(threads).build().score(g, gx);
            assertEquals(a.scores(), b.scores(), "rankThreads " + threads);
            assertEquals(a.matrices(), b.matrices(), "rankThreads " + threads);
        }
        // the default follows ND4J's thread count, capped at the processors
        int auto = NearScorer.defaults().rankThreads();
        assertEquals(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                Nd4j.getEnvironment().maxThreads())), auto);
        assertEquals(auto, NearScorer.defaults().toBuilder().build().rankThreads());
        assertThrows(IllegalArgumentException.class, () -> NearScorer.builder().rankThreads(0));
    }

    @Test
    void rankMethodMustBeGiven() {
        assertThrows(NullPointerException.class, () -> NearScorer.builder().rankMethod(null));
    }
}
