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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.Provenance;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One provenance on every result, with the scorer's options, and the same JSON object in every result's JSON. */
class ProvenanceTest {

    private static final NearScorer SCORER = NearScorer.builder().repetitions(2).seed(31).blockMode(BlockMode.FIRST)
            .maxSamples(40).rankMethod(EffectiveRank.Method.GRAM_DOUBLE).build();

    private static MultiLayerNetwork mlp(int width) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(width)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(TuneFixtures.IN).nOut(width).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width)
                        .nOut(TuneFixtures.CLASSES).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static void assertScorerOptions(Provenance p) {
        assertEquals(2, p.repetitions());
        assertEquals(31, p.seed());
        assertEquals(BlockMode.FIRST, p.blockMode());
        assertEquals(40, p.maxSamples());
        assertEquals(EffectiveRank.Method.GRAM_DOUBLE, p.rankMethod());
        assertEquals("CpuBackend", p.backend());
        assertTrue(p.device().startsWith("CPU, "), p.device());
        assertFalse(p.elapsed().isNegative());
        assertTrue(p.version().matches("\\d+\\.\\d+\\.\\d+.*"), p.version());
    }

    private static JsonObject provenanceJson(String json) {
        return new JsonParser().parse(json).getAsJsonObject().getAsJsonObject("provenance");
    }

    private static Set<String> keys(JsonObject o) {
        return o.entrySet().stream().map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void everyResultCarriesTheScorersOptionsAndTheSameJson() {
        INDArray x = TuneFixtures.features(64, 5);
        NearResult near = SCORER.score(mlp(8), x);
        assertScorerOptions(near.provenance());
        assertEquals(40, near.provenance().samples(), "maxSamples 40 of 64");
        JsonObject want = provenanceJson(near.toJson());
        Set<String> keys = keys(want);
        assertEquals(Set.of("repetitions", "seed", "blockMode", "maxSamples", "rankMethod", "backend", "device",
                "samples", "elapsedSeconds", "version"), keys);
        assertEquals("GRAM_DOUBLE", want.get("rankMethod").getAsString());

        RankingResult ranking = ArchitectureRanking.builder().scorer(SCORER).build()
                .rank(List.of(Candidate.ofModel("a", mlp(4)), Candidate.ofModel("b", mlp(8))), x);
        assertScorerOptions(ranking.provenance());
        assertEquals(40, ranking.provenance().samples());
        assertEquals(keys, keys(provenanceJson(ranking.toJson())));
        for (RankedCandidate c : ranking.entries()) {
            assertScorerOptions(c.result().provenance());
        }

        WidthEstimate width = WidthEstimator.builder().widths(4, 8, 16).layer(0).scorer(SCORER).build()
                .estimate(w -> (Model) mlp(w), x);
        assertScorerOptions(width.provenance());
        assertEquals(keys, keys(provenanceJson(width.toJson())));

        ProxyResult proxy = ZeroCostProxies.byName("naswot", ProxyOptions.of(SCORER)).score(mlp(8),
                new DataSet(x, null));
        assertScorerOptions(proxy.provenance());
        assertEquals(2, proxy.scores().size());
        assertEquals(64, proxy.samples());
        ProxyResult nearProxy = ZeroCostProxies.byName("near", ProxyOptions.of(SCORER)).score(mlp(8),
                new DataSet(x, null));
        assertScorerOptions(nearProxy.provenance());
        assertEquals(near.scores(), nearProxy.scores(), "NearProxy gives NearScorer's values");
    }

    @Test
    void checksItsValues() {
        Provenance p = Provenance.of(NearScorer.defaults(), 3, Duration.ofMillis(5));
        assertFalse(p.hasSampleLimit());
        assertFalse(new JsonParser().parse(p.toJson()).getAsJsonObject().has("maxSamples"));
        assertEquals(Duration.ofMillis(5), p.elapsed());
        assertThrows(IllegalArgumentException.class, () -> Provenance.of(NearScorer.defaults(), -1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> Provenance.of(NearScorer.defaults(), 1, Duration.ofMillis(-1)));
    }
}
