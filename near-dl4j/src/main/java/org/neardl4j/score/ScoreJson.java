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
import org.neardl4j.capture.SkippedLayer;

/** The one JSON shape of a matrix and of a skipped layer, for every result that lists them. */
final class ScoreJson {

    private ScoreJson() {
    }

    static JsonObject matrix(MatrixScore m) {
        JsonObject j = new JsonObject();
        j.addProperty("layer", m.layerName());
        j.addProperty("index", m.layerIndex());
        j.addProperty("type", m.layerType());
        j.addProperty("kind", m.kind().label());
        j.addProperty("rows", m.rows());
        j.addProperty("cols", m.cols());
        j.addProperty("effectiveRank", m.effectiveRank());
        j.addProperty("samples", m.samples());
        j.addProperty("blockStart", m.blockStart());
        return j;
    }

    static JsonObject skipped(SkippedLayer s) {
        JsonObject j = new JsonObject();
        j.addProperty("layer", s.layerName());
        j.addProperty("index", s.layerIndex());
        j.addProperty("type", s.layerType());
        j.addProperty("reason", s.reason());
        return j;
    }
}
