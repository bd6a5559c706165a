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
package org.neardl4j.cuda;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.ParityCases;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parity suite of near-dl4j, on the CUDA backend. Skipped (with the reason) where no CUDA device is usable. */
class CudaParityTest {

    private static final NearScorer FIRST = NearScorer.builder().blockMode(BlockMode.FIRST).build();

    @BeforeEach
    void needsCuda() {
        GpuTests.assumeCuda();
    }

    @Test
    void effectiveRankOfEveryParityMatrix() {
        JsonArray matrices = ParityCases.expected("erank").getAsJsonArray("matrices");
        for (int i = 0; i < matrices.size(); i++) {
            JsonObject m = matrices.get(i).getAsJsonObject();
            INDArray a = ParityCases.array("erank", m.get("file").getAsString());
            double want = m.get("erank_float64").getAsDouble();
            assertEquals(want, EffectiveRank.of(a), Math.max(1e-9 * want, 0), m.get("name").getAsString());
        }
    }

    @Test
    void mlp() {
        check("mlp", FIRST.score(ParityCases.mlp(), ParityCases.mlpInput()));
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void cnn(CNN2DFormat format) {
        check("cnn", FIRST.score(ParityCases.cnn(format), ParityCases.cnnInput(format)));
    }

    private static void check(String caseName, NearResult r) {
        assertEquals("JCublasBackend", r.provenance().backend());
        double[] want = ParityCases.expectedEranks(caseName);
        assertEquals(want.length, r.matrices().size());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], r.matrices().get(i).effectiveRank(), 1e-5 * want[i], "matrix " + i);
        }
        double total = ParityCases.expectedTotal(caseName);
        assertEquals(total, r.score(), 1e-5 * total);
    }
}
