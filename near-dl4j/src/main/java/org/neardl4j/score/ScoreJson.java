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
