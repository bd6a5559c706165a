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
package org.neardl4j.proxy;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** ProxyOptions' seed reaches every proxy's fresh repetitions; NearProxy's value is NearScorer's. */
class ProxyOptionsTakeEffectTest {

    @Test
    void theSeedChoosesTheFreshWeightsOfEveryProxy() {
        ComputationGraph g = NoMutationTest.graph();
        DataSet data = NoMutationTest.cnnData(8);
        for (String name : ZeroCostProxies.NAMES) {
            ProxyResult s1 = ZeroCostProxies.byName(name, ProxyOptions.of(NearScorer.builder().repetitions(2).seed(1).build()))
                    .score(g, data);
            ProxyResult s1again = ZeroCostProxies.byName(name, ProxyOptions.of(NearScorer.builder().repetitions(2).seed(1)
                    .build())).score(g, data);
            ProxyResult s2 = ZeroCostProxies.byName(name, ProxyOptions.of(NearScorer.builder().repetitions(2).seed(2).build()))
                    .score(g, data);
            assertEquals(s1.scores(), s1again.scores(), name + ": the same seed, the same values");
            if (!name.equals("near")) {
                // (NEAR's seed also draws the random blocks, so its first repetition moves with it)
                assertEquals(s1.scores().get(0), s2.scores().get(0), name + ": the first repetition is the model's own weights");
            }
            if (!name.equals("params")) {
                assertNotEquals(s1.scores().get(1), s2.scores().get(1), name + ": another seed, other fresh weights");
            }
        }
    }

    @Test
    void nearProxyGivesNearScorersValue() {
        ComputationGraph g = NoMutationTest.graph();
        DataSet data = NoMutationTest.cnnData(8);
        for (NearScorer scorer : new NearScorer[] {NearScorer.defaults(),
                NearScorer.builder().repetitions(3).seed(8).blockMode(BlockMode.FIRST).maxSamples(6).build()}) {
            NearResult direct = scorer.score(g, data.getFeatures());
            ProxyResult viaProxy = new NearProxy(scorer).score(g, data);
            assertEquals(direct.scores(), viaProxy.scores());
            assertEquals(direct.score(), viaProxy.score(), 0);
            assertEquals(direct.samples(), viaProxy.samples());
            ProxyResult byName = ZeroCostProxies.byName("near", ProxyOptions.of(scorer)).score(g, data);
            assertEquals(direct.scores(), byName.scores());
            ProxyResult onIterator = new NearProxy(scorer).score(g,
                    new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(data));
            assertEquals(direct.scores(), onIterator.scores());
        }
    }
}
