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

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAS-Bench-201 datasets and the network of each. */
class Nb201DatasetTest {

    @Test
    void valuesAsNasBench201Trains() {
        assertEquals(List.of(10, 100, 120), List.of(Nb201Dataset.CIFAR10.classes(), Nb201Dataset.CIFAR100.classes(),
                Nb201Dataset.IMAGENET16_120.classes()));
        assertEquals(List.of(32, 32, 16), List.of(Nb201Dataset.CIFAR10.imageSize(), Nb201Dataset.CIFAR100.imageSize(),
                Nb201Dataset.IMAGENET16_120.imageSize()));
        assertEquals(List.of(0.5071, 0.4865, 0.4409), Nb201Dataset.CIFAR100.mean());
        assertEquals(List.of(0.2673, 0.2564, 0.2762), Nb201Dataset.CIFAR100.std());
        assertEquals(104.01 / 255, Nb201Dataset.IMAGENET16_120.mean().get(2), 1e-15);
        assertEquals(61.26 / 255, Nb201Dataset.IMAGENET16_120.std().get(1), 1e-15);
        assertEquals(List.of(0.4914, 0.4822, 0.4465), Nb201Dataset.CIFAR10.mean());
    }

    @Test
    void normalisesPerChannel() {
        INDArray raw = Nd4j.createFromArray(new int[] {255, 0, 51}).reshape(1, 3, 1, 1).broadcast(2, 3, 16, 16).dup();
        INDArray x = Nb201Dataset.IMAGENET16_120.normalise(raw, DataType.DOUBLE);
        assertEquals((255 - 122.68) / 63.22, x.getDouble(1, 0, 3, 4), 1e-12);
        assertEquals((0 - 116.66) / 61.26, x.getDouble(0, 1, 15, 15), 1e-12);
        assertEquals((51 - 104.01) / 65.09, x.getDouble(0, 2, 0, 0), 1e-12);
        INDArray c = Nd4j.createFromArray(new int[] {255, 0, 51}).reshape(1, 3, 1, 1).broadcast(1, 3, 32, 32).dup();
        INDArray y = Nb201Dataset.CIFAR100.normalise(c, DataType.DOUBLE);
        assertEquals((1 - 0.5071) / 0.2673, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals((0.2 - 0.4409) / 0.2762, y.getDouble(0, 2, 31, 31), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nb201Dataset.IMAGENET16_120.normalise(c, DataType.FLOAT));
        assertTrue(e.getMessage().contains("[N, 3, 16, 16]") && e.getMessage().contains("[1, 3, 32, 32]"),
                e.getMessage());
    }

    @Test
    void parsesIdentifiers() {
        assertEquals(Nb201Dataset.IMAGENET16_120, Nb201Dataset.parse("ImageNet16-120"));
        assertEquals(Nb201Dataset.IMAGENET16_120, Nb201Dataset.parse("imagenet16_120"));
        assertEquals(Nb201Dataset.CIFAR100, Nb201Dataset.parse(" CIFAR100 "));
        assertEquals(Nb201Dataset.CIFAR10, Nb201Dataset.parse("cifar-10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Dataset.parse("mnist"));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("imagenet16-120"), e.getMessage());
    }

    private static OutputLayer logits(ComputationGraphConfiguration conf) {
        return (OutputLayer) ((LayerVertex) conf.getVertices().get(Nb201Network.OUTPUT)).getLayerConf().getLayer();
    }

    @Test
    void networkForEachDataset() {
        Nb201Cell cell = Nb201Cell.parse(Nb201CellTest.BEST);
        Nb201Network in16 = Nb201Network.builder().dataset(Nb201Dataset.IMAGENET16_120).build();
        assertEquals(Nb201Dataset.IMAGENET16_120, in16.dataset());
        assertEquals(120, in16.classes());
        ComputationGraphConfiguration conf = in16.configuration(cell);
        assertEquals(120, logits(conf).getNOut());
        Map<String, InputType> types = conf.getLayerActivationTypes(in16.inputType());
        InputType.InputTypeConvolutional s0 = (InputType.InputTypeConvolutional) types.get("s0c4_n3");
        InputType.InputTypeConvolutional s2 = (InputType.InputTypeConvolutional) types.get("s2c4_n3");
        assertEquals(List.of(16L, 16L, 4L, 4L), List.of(s0.getHeight(), s0.getWidth(), s2.getHeight(), s2.getWidth()));
        // parameters: the CIFAR-10 network's with a 64 -> 120 classifier instead of 64 -> 10
        long c10 = Nb201Network.defaults().parameterCount(cell);
        assertEquals(c10 + 64 * 110 + 110, in16.parameterCount(cell));
        assertEquals(c10 + 64 * 90 + 90, Nb201Network.builder().dataset(Nb201Dataset.CIFAR100).build()
                .parameterCount(cell));
        // classes set after the dataset override it; toBuilder keeps both
        Nb201Network custom = Nb201Network.builder().dataset(Nb201Dataset.IMAGENET16_120).classes(7).build();
        assertEquals(7, custom.classes());
        assertEquals(custom.toString(), custom.toBuilder().build().toString());
        assertEquals(16, ((InputType.InputTypeConvolutional) custom.toBuilder().build().inputType()).getHeight());
        // a 16 x 16 forward pass
        ComputationGraph g = Nb201Network.builder().dataset(Nb201Dataset.IMAGENET16_120).channels(2).cellsPerStage(1)
                .build().graph(cell);
        assertArrayEquals(new long[] {3, 120}, g.outputSingle(Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16)).shape());
    }
}
