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
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.Map;

/** Scores {@link AgreementModels} on whatever backend ND4J picked and prints one JSON object (used in a child JVM). */
public final class ScoreDump {

    static final NearScorer SCORER = NearScorer.builder().seed(99).build();

    private ScoreDump() {
    }

    static JsonObject dump() {
        JsonObject o = new JsonObject();
        o.addProperty("backend", Nd4j.getBackend().getClass().getSimpleName());
        for (Map.Entry<String, Object[]> e : AgreementModels.all().entrySet()) {
            NearResult r = SCORER.score((Model) e.getValue()[0], (INDArray) e.getValue()[1]);
            JsonArray a = new JsonArray();
            for (MatrixScore m : r.matrices()) {
                a.add(m.effectiveRank());
            }
            o.add(e.getKey(), a);
        }
        return o;
    }

    public static void main(String[] args) {
        System.out.println("NEAR-DUMP " + dump());
    }
}
