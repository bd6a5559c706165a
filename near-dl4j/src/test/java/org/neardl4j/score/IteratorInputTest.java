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
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.sampling.BlockMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iterators: reset before and after use; feature masks give a warning (NEAR ignores them). */
class IteratorInputTest {

    static MultiLayerNetwork rnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().name("lstm").nIn(3).nOut(4).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    static boolean warnsAboutMasks(NearResult r) {
        return r.warnings().stream().anyMatch(w -> w.contains("feature masks"));
    }

    @Test
    void featureMasksGiveAWarning() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 4, 2, 5);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 4, 5);
        mask.putScalar(0, 4, 0);
        NearScorer s = NearScorer.builder().blockMode(BlockMode.FIRST).build();
        NearResult plain = s.score(rnn(), new ViewIterator(new DataSet(x, y), 2));
        assertTrue(!warnsAboutMasks(plain), plain.warnings().toString());
        NearResult masked = s.score(rnn(), new ViewIterator(new DataSet(x, y, mask, null), 2));
        assertTrue(warnsAboutMasks(masked), masked.warnings().toString());
        assertEquals(plain.score(), masked.score(), 0.0, "masks are ignored");
        NearResult multi = s.score(rnn().toComputationGraph(), new SingletonMultiDataSetIterator(
                new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, new INDArray[] {mask}, null)));
        assertTrue(warnsAboutMasks(multi), multi.warnings().toString());
    }

    @Test
    void iteratorIsResetAfterUse() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 40, 3, 5);
        ViewIterator it = new ViewIterator(new DataSet(x, x), 4);
        it.next();
        NearResult r = NearScorer.builder().build().score(rnn(), it);
        assertEquals(4, r.samples(), "one batch of 4 samples gives 20 rows >= 4 columns");
        assertTrue(it.hasNext());
        assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)), it.next().getFeatures(),
                "reset: the next batch is the first");
    }
}
