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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.neardl4j.ParityCases;
import org.neardl4j.sampling.BlockMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearResultTest {

    @Test
    void jsonCarriesTheDocumentedFieldsAndProvenance() {
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).seed(7).build()
                .score(ParityCases.mlp(), ParityCases.mlpInput());
        JsonObject o = new JsonParser().parse(r.toJson()).getAsJsonObject();
        assertEquals(r.score(), o.get("score").getAsDouble(), 0);
        assertEquals(1, o.getAsJsonArray("scores").size());
        assertEquals(5, o.getAsJsonArray("matrices").size());
        JsonObject m0 = o.getAsJsonArray("matrices").get(0).getAsJsonObject();
        assertEquals("pre", m0.get("kind").getAsString());
        assertEquals(100, m0.get("rows").getAsInt());
        assertEquals(r.matrices().get(0).effectiveRank(), m0.get("effectiveRank").getAsDouble(), 0);
        assertEquals(0, o.getAsJsonArray("skipped").size());
        assertEquals(0, o.getAsJsonArray("warnings").size());
        JsonObject p = o.getAsJsonObject("provenance");
        assertEquals("CpuBackend", p.get("backend").getAsString());
        assertTrue(p.get("device").getAsString().startsWith("CPU, "), p.get("device").getAsString());
        assertEquals("first", p.get("blockMode").getAsString());
        assertEquals(7, p.get("seed").getAsLong());
    }

    @Test
    void tablePrintsEveryMatrix() {
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(ParityCases.mlp(), ParityCases.mlpInput());
        String table = r.toString();
        assertTrue(table.startsWith(String.format(java.util.Locale.ROOT, "NEAR score %.4f", r.score())), table);
        assertEquals(1 + 1 + 5, table.lines().count(), table);
        assertTrue(table.contains("SWISH") || table.contains("DenseLayer"), table);
    }
}
