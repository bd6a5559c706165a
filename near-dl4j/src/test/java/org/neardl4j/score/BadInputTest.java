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

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gives an error whose message names the layer or the argument. */
class BadInputTest {

    static final NearScorer SCORER = NearScorer.builder().build();

    static MultiLayerNetwork mlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().name("d0").nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("d1").nIn(5).nOut(5).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("d2").nIn(5).nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(p),
                    "message should contain '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void nanWeightNamesItsLayer() {
        MultiLayerNetwork net = mlp();
        INDArray w = net.getParam("2_W");
        w.putScalar(1, 3, Double.NaN);
        RuntimeException e = assertThrows(RuntimeException.class, () -> SCORER.score(net, Nd4j.rand(DataType.DOUBLE, 8, 4)));
        assertMessage(e, "'d2'", "NaN");
    }

    @Test
    void infiniteWeightNamesItsLayer() {
        MultiLayerNetwork net = mlp();
        INDArray w = net.getParam("1_W");
        w.assign(1);
        w.putScalar(0, 0, Double.POSITIVE_INFINITY);
        // inputs in (1, 2): every ReLU output of d0 is positive, so d1's first column is +infinity
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 4).addi(1);
        net.setParam("0_W", Nd4j.ones(DataType.DOUBLE, 4, 5));
        RuntimeException e = assertThrows(RuntimeException.class, () -> SCORER.score(net, x));
        assertMessage(e, "'d1'", "infinite");
    }

    /**
     * An overflow in one sample far from the scored block (FIRST mode scores rows 0..4): the whole activation is
     * checked, not only the block, and the error names the layer and the matrix.
     */
    @Test
    void infinityOutsideTheScoredBlockNamesItsLayer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().name("d0").nIn(4).nOut(5).activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().name("cube").nIn(5).nOut(5).activation(Activation.CUBE).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 40, 4);
        x.getRow(30).assign(1e120);     // finite; z of 'cube' ~ 1e120, z^3 overflows
        NearScorer first = NearScorer.builder().blockMode(org.neardl4j.sampling.BlockMode.FIRST).build();
        RuntimeException e = assertThrows(IllegalStateException.class, () -> first.score(net, x));
        assertMessage(e, "'cube' (DenseLayer, post)", "infinite", "repetition 1");
        // without the overflowing sample it scores
        x.getRow(30).assign(0.5);
        assertTrue(Double.isFinite(first.score(net, x).score()));
    }

    /** NaN at one position of a feature map, outside the block: named too (pre-activation of a convolution). */
    @Test
    void nanInAFeatureMapOutsideTheBlockNamesItsLayer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(1, 1).name("c0").nOut(3).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().name("relu").activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(1, 1).name("c1").nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        // a huge (finite) input at one position of the last image passes c0 (weights 1, bias 0) and the ReLU as it
        // is; c1's weights of 1e200 make its pre-activation overflow at that one position
        net.getParam("2_W").assign(1e200);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1, 6, 6);
        x.putScalar(new long[] {3, 0, 5, 5}, 1e200);
        net.getParam("0_W").assign(1);
        net.getParam("0_b").assign(0);
        NearScorer first = NearScorer.builder().blockMode(org.neardl4j.sampling.BlockMode.FIRST).build();
        RuntimeException e = assertThrows(IllegalStateException.class, () -> first.score(net, x));
        assertMessage(e, "'c1' (ConvolutionLayer, pre)", "infinite");
    }

    @Test
    void nanOrInfiniteInputIsNamed() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 4);
        x.putScalar(3, 2, Double.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SCORER.score(mlp(), x)), "input 0", "NaN");
        INDArray y = Nd4j.rand(DataType.DOUBLE, 8, 4);
        y.putScalar(3, 2, Double.NEGATIVE_INFINITY);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SCORER.score(mlp(), y)), "input 0", "infinite");
    }

    @Test
    void emptyData() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(mlp(), Nd4j.create(DataType.DOUBLE, 0, 4))), "input 0", "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(mlp(), new ListDataSetIterator<DataSet>(List.of(), 4))), "no data");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score((org.deeplearning4j.nn.api.Model) mlp())), "no input array");
        assertMessage(assertThrows(NullPointerException.class, () -> SCORER.score(mlp(), (INDArray) null)), "features");
        assertMessage(assertThrows(NullPointerException.class, () -> SCORER.score((MultiLayerNetwork) null,
                Nd4j.rand(DataType.DOUBLE, 2, 4))), "model");
    }

    @Test
    void wrongInputShapeNamesTheLayer() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(mlp(), Nd4j.rand(DataType.DOUBLE, 8, 7))), "'d0'");
        MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv").nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(5, 5, 2))
                .build());
        cnn.init();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(cnn, Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 5))), "'conv'");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(cnn, Nd4j.rand(DataType.DOUBLE, 2))), "input 0", "rank");
        ComputationGraph g = mlp().toComputationGraph();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(g, Nd4j.rand(DataType.DOUBLE, 2, 4), Nd4j.rand(DataType.DOUBLE, 2, 4))),
                "1 input array", "got 2");
    }

    @Test
    void integerInputIsRejected() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(mlp(), Nd4j.ones(DataType.INT, 3, 4))), "input 0", "floating point");
    }

    @Test
    void networkWithoutMatrices() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ActivationLayer(Activation.IDENTITY))
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SCORER.score(net, Nd4j.rand(DataType.FLOAT, 3, 4))), "no layer that gives a NEAR matrix");
    }
}
