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
package org.neardl4j.space;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Softmax cross-entropy on logits against a direct computation and finite differences. */
class LogitsCrossEntropyTest {

    @Test
    void scoreAndGradient() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1.0, -2.0, 0.5}, {30.0, 31.0, -5.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}});
        LogitsCrossEntropy loss = new LogitsCrossEntropy();
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double lse = 0;
            for (int k = 0; k < 3; k++) {
                lse += Math.exp(z.getDouble(i, k));
            }
            int label = i == 0 ? 2 : 0;
            expected[i] = Math.log(lse) - z.getDouble(i, label);
        }
        INDArray s = loss.computeScoreArray(y, z, new ActivationIdentity(), null);
        assertEquals(expected[0], s.getDouble(0), 1e-12);
        assertEquals(expected[1], s.getDouble(1), 1e-9);
        assertEquals((expected[0] + expected[1]) / 2, loss.computeScore(y, z, new ActivationIdentity(), null, true),
                1e-9);
        INDArray g = loss.computeGradient(y, z, new ActivationIdentity(), null);
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                INDArray zp = z.dup();
                zp.putScalar(i, k, z.getDouble(i, k) + h);
                INDArray zm = z.dup();
                zm.putScalar(i, k, z.getDouble(i, k) - h);
                double fd = (loss.computeScore(y, zp, new ActivationIdentity(), null, false)
                        - loss.computeScore(y, zm, new ActivationIdentity(), null, false)) / (2 * h);
                assertEquals(fd, g.getDouble(i, k), 1e-6);
            }
        }
        assertEquals(DataType.DOUBLE, g.dataType());
    }
}
