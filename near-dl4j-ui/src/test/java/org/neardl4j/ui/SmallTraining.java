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
package org.neardl4j.ui;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.neardl4j.listener.NearListener;
import org.neardl4j.listener.NearRecord;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.SplittableRandom;

/** A small network and data set for the tests: 4 inputs, dense 12 (ReLU), softmax 3; 96 samples in 3 batches. */
public final class SmallTraining {

    private SmallTraining() {
    }

    public static MultiLayerNetwork net(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(12).activation(Activation.RELU).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(12).nOut(3)
                        .activation(Activation.SOFTMAX).name("out").build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** 96 samples, 3 classes; features depend on the class so that training moves the weights. */
    public static DataSetIterator data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 96;
        float[][] x = new float[n][4];
        float[][] y = new float[n][3];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i][c] = 1;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == c ? 2 : 0));
            }
        }
        INDArray f = Nd4j.createFromArray(x);
        INDArray l = Nd4j.createFromArray(y);
        return new ListDataSetIterator<>(new DataSet(f, l).asList(), 32);
    }

    /** Two records of a short training run: at the start and after the first iteration. */
    public static List<NearRecord> twoRecords() {
        MultiLayerNetwork net = net(3);
        NearListener near = NearListener.builder().everyIterations(1).atStart().build();
        net.setListeners(near);
        net.fit(data(3).next());
        List<NearRecord> r = near.history().records();
        if (r.size() != 2) {
            throw new AssertionError("expected 2 records, got " + r);
        }
        return r;
    }
}
