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
package org.neardl4j.tune;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Small networks and data for the tune tests. */
final class TuneFixtures {

    static final int IN = 12;
    static final int CLASSES = 3;

    private TuneFixtures() {
    }

    /** {@code n} samples of {@code IN} Gaussian features, from java.util.Random (ND4J's generator is not used). */
    static INDArray features(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, new long[] {n, IN}, 'c');
    }

    static MultiLayerConfiguration mlpConf(int width, Activation act, WeightInit init, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).weightInit(init)
                .list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(IN).nOut(width).activation(act).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(width).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static MultiLayerConfiguration mlpConf(int width) {
        return mlpConf(width, Activation.RELU, WeightInit.XAVIER, 42);
    }

    static MultiLayerNetwork mlp(int width) {
        MultiLayerNetwork net = new MultiLayerNetwork(mlpConf(width));
        net.init();
        return net;
    }

    static MultiLayerNetwork mlp(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraphConfiguration graphConf(int width) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(IN).nOut(width).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
    }

    static ComputationGraph graph(int width) {
        ComputationGraph g = new ComputationGraph(graphConf(width));
        g.init();
        return g;
    }
}
