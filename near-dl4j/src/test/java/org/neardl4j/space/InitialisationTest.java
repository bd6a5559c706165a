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
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The initialisation shared by the NAS-Bench networks: its checks, and that each of its values reaches both networks. */
class InitialisationTest {

    private static final Nb201Cell NB201 = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|");
    private static final Nb101Cell NB101 = Nb101Cell.parse("conv3x3(0) conv1x1(1) output(1,2)");

    private static ComputationGraph nb201(Initialisation init) {
        return Nb201Network.builder().channels(4).cellsPerStage(1).initialisation(init).build().graph(NB201);
    }

    private static ComputationGraph nb101(Initialisation init) {
        return Nb101Network.builder().stemChannels(8).stacks(1).cellsPerStack(1).initialisation(init).build()
                .graph(NB101);
    }

    @Test
    void defaultsAreThoseOfThePyTorchNetworks() {
        Initialisation d = Initialisation.defaults();
        assertEquals(WeightInit.UNIFORM, d.weightInit());
        assertEquals(DataType.FLOAT, d.dataType());
        assertEquals(12345L, d.seed());
        assertEquals(d, Nb201Network.defaults().initialisation());
        assertEquals(d, Nb101Network.defaults().initialisation());
        Initialisation s = Initialisation.seeded(7);
        assertEquals(Initialisation.builder().seed(7).build(), s);
        assertEquals(d.toBuilder().seed(7).build(), s);
        assertNotEquals(d, s);
        assertEquals(s.hashCode(), Initialisation.seeded(7).hashCode());
        assertEquals("init=UNIFORM, FLOAT, seed=7", s.toString());
    }

    @Test
    void badValuesAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initialisation.builder().weightInit(WeightInit.DISTRIBUTION));
        assertTrue(e.getMessage().contains("weightInit DISTRIBUTION"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Initialisation.builder().dataType(DataType.INT));
        assertTrue(e.getMessage().contains("dataType") && e.getMessage().contains("INT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initialisation.builder().weightInit(null));
        assertThrows(IllegalArgumentException.class, () -> Initialisation.builder().dataType(null));
        e = assertThrows(IllegalArgumentException.class, () -> Nb201Network.builder().initialisation(null));
        assertTrue(e.getMessage().contains("initialisation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().initialisation(null));
    }

    @Test
    void seedDecidesTheWeightsOfBothNetworks() {
        assertEquals(nb201(Initialisation.seeded(3)).params(), nb201(Initialisation.seeded(3)).params());
        assertNotEquals(nb201(Initialisation.seeded(3)).params(), nb201(Initialisation.seeded(4)).params());
        assertEquals(nb101(Initialisation.seeded(3)).params(), nb101(Initialisation.seeded(3)).params());
        assertNotEquals(nb101(Initialisation.seeded(3)).params(), nb101(Initialisation.seeded(4)).params());
    }

    @Test
    void dataTypeAndWeightInitReachEveryLayerOfBothNetworks() {
        Initialisation init = Initialisation.builder().weightInit(WeightInit.XAVIER).dataType(DataType.DOUBLE).seed(2)
                .build();
        for (ComputationGraph g : new ComputationGraph[] {nb201(init), nb101(init)}) {
            assertEquals(DataType.DOUBLE, g.params().dataType());
            ComputationGraphConfiguration conf = g.getConfiguration();
            assertEquals(WeightInit.XAVIER.getWeightInitFunction(),
                    ((ConvolutionLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices()
                            .get("stem_conv")).getLayerConf().getLayer()).getWeightInitFn());
            assertEquals(WeightInit.XAVIER.getWeightInitFunction(),
                    ((OutputLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices()
                            .get("logits")).getLayerConf().getLayer()).getWeightInitFn());
        }
        // the network's options keep it, and a rebuilt network has the same weights
        Nb201Network n = Nb201Network.builder().channels(4).cellsPerStage(1).initialisation(init).build();
        assertSame(init, n.initialisation());
        assertEquals(n.graph(NB201).params(), n.toBuilder().build().graph(NB201).params());
    }

    @Test
    void serialisable() throws Exception {
        Initialisation init = Initialisation.builder().weightInit(WeightInit.XAVIER).dataType(DataType.HALF).seed(-5)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(init);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(init, in.readObject());
        }
    }
}
