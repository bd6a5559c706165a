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
package org.neardl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The no-mutation checker sees changes that {@code INDArray.equals} (1e-5) lets through. */
class UntouchedTest {

    static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.1))
                .list().layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.fit(Nd4j.rand(DataType.FLOAT, 5, 3), Nd4j.rand(DataType.FLOAT, 5, 2));
        return net;
    }

    @Test
    void seesOneUlpInAParameterTheUpdaterStateAndTheCounters() {
        MultiLayerNetwork a = net();
        Untouched.Snapshot s = Untouched.of(a);
        s.assertUnchanged();
        float p = a.params().getFloat(3);
        a.params().putScalar(3, Math.nextUp(p));
        assertEquals(a.params().dup(), a.params().dup().putScalar(3, p), "INDArray.equals does not see it");
        assertThrows(AssertionFailedError.class, s::assertUnchanged);

        MultiLayerNetwork b = net();
        Untouched.Snapshot t = Untouched.of(b);
        INDArray u = b.getUpdater().getStateViewArray();
        u.putScalar(0, Math.nextUp(u.getFloat(0)));
        assertThrows(AssertionFailedError.class, t::assertUnchanged);

        MultiLayerNetwork c = net();
        Untouched.Snapshot v = Untouched.of(c);
        c.setEpochCount(c.getEpochCount() + 1);
        assertThrows(AssertionFailedError.class, v::assertUnchanged);
    }

    @Test
    void seesAChangedMaskAReplacedLabelArrayAndAChangeOutsideAView() {
        INDArray fm = Nd4j.ones(DataType.FLOAT, 4, 1);
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 2), fm, null);
        Untouched.Snapshot s = Untouched.of(d);
        fm.putScalar(2, 0, Math.nextDown(1f));
        assertThrows(AssertionFailedError.class, s::assertUnchanged);

        DataSet e = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 2));
        Untouched.Snapshot t = Untouched.of(e);
        e.setLabels(e.getLabels().dup());
        assertThrows(AssertionFailedError.class, t::assertUnchanged);

        INDArray whole = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray view = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3), org.nd4j.linalg.indexing.NDArrayIndex.all());
        Untouched.Snapshot w = Untouched.of(view);
        whole.putScalar(5, 0, 7f);
        assertThrows(AssertionFailedError.class, w::assertUnchanged);
    }
}
