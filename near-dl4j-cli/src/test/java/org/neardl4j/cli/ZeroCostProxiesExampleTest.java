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
package org.neardl4j.cli;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's {@code ZeroCostProxies} example, compiled and run as written (between the EXAMPLE markers). */
class ZeroCostProxiesExampleTest {

    @Test
    void readmeExampleRuns() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        INDArray features = Nd4j.rand(64, 784);
        INDArray labels = Nd4j.zeros(64, 10);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, i % 10, 1.0);
        }
        // EXAMPLE START
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = new DataSet(features, labels);      // labels: only grad_norm, snip and zico read them

        ProxyOptions options = ProxyOptions.of(NearScorer.builder().repetitions(3).seed(7).build());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (ZeroCostProxy proxy : ZeroCostProxies.all(options)) {   // near, params, naswot, ..., meco
            ProxyResult r = proxy.score(net, batch);                  // the network is not changed
            scores.put(proxy.name(), r.score());                      // mean over the 3 repetitions
            System.out.println(r);
        }
        double meco = ZeroCostProxies.byName("meco", options).score(net, batch).score();
        // EXAMPLE END
        assertEquals(ZeroCostProxies.NAMES, java.util.List.copyOf(scores.keySet()));
        assertEquals(scores.get("meco"), meco, 1e-9);
        assertTrue(scores.values().stream().allMatch(v -> !v.isNaN()), scores.toString());
    }
}
