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

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch normalisation uses the mean and biased variance of the batch that produced each row, never the running
 * statistics, and leaves them as they were: checked against batch norm computed by hand, batch by batch.
 */
class BatchNormStatisticsTest {

    static final double[] GAMMA = {0.5, 1.5, 2.0, 0.7, 1.1, 0.9};
    static final double[] BETA = {0.1, -0.2, 0.3, 0.0, -0.5, 0.25};

    static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().name("d").nIn(4).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(6).eps(1e-5).useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.setParam("1_gamma", Nd4j.createFromArray(new double[][] {GAMMA}));
        net.setParam("1_beta", Nd4j.createFromArray(new double[][] {BETA}));
        net.setParam("1_mean", Nd4j.valueArrayOf(new long[] {1, 6}, 2.0, DataType.DOUBLE));
        net.setParam("1_var", Nd4j.valueArrayOf(new long[] {1, 6}, 7.0, DataType.DOUBLE));
        return net;
    }

    static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Test
    void rowsOfEachBatchAreNormalisedWithThatBatchsStatistics() {
        MultiLayerNetwork net = network();
        INDArray running = net.getParam("1_mean").dup();
        INDArray runningVar = net.getParam("1_var").dup();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 10, 4).muli(3).addi(1);
        INDArray z = Independent.dense(x, net.getParam("0_W"), net.getParam("0_b"));

        // batches of 4: the 6-row block is 4 rows of batch 1 and 2 rows of batch 2, each with its own statistics
        INDArray bn1 = Independent.batchNorm(rows(z, 0, 4), 1, GAMMA, BETA, 1e-5);
        INDArray bn2 = Independent.batchNorm(rows(z, 4, 8), 1, GAMMA, BETA, 1e-5);
        INDArray block = Nd4j.vstack(bn1, rows(bn2, 0, 2));
        double want = Independent.erank(Independent.matrix(block, "FF"));
        // compared at 1e-9 with an independent SVD: use the exact (SVD) route, not the default AUTO (1e-6)
        NearScorer first = NearScorer.builder().blockMode(BlockMode.FIRST).rankMethod(EffectiveRank.Method.SVD_DOUBLE)
                .build();
        NearResult r = first.score(net, new ViewIterator(new DataSet(x, Nd4j.zeros(10, 2)), 4));
        MatrixScore bn = r.matrices().get(1);
        assertEquals("bn", bn.layerName());
        assertEquals(want, bn.effectiveRank(), 1e-9 * want);
        assertEquals(8, r.samples(), "the third batch is not needed");

        // one batch of 10: statistics of all 10 samples
        INDArray all = Independent.batchNorm(z, 1, GAMMA, BETA, 1e-5);
        double wantAll = Independent.erank(Independent.block(Independent.matrix(all, "FF"), 0));
        NearResult one = first.score(net, x);
        assertEquals(wantAll, one.matrices().get(1).effectiveRank(), 1e-9 * wantAll);
        assertTrue(Math.abs(wantAll - want) > 1e-6, "the batching matters, so the test can tell");

        // running statistics would give yet another matrix; they are unchanged
        assertEquals(running, net.getParam("1_mean"));
        assertEquals(runningVar, net.getParam("1_var"));
    }
}
