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
package org.neardl4j.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The library's one JSON codec: every {@code toJson()} writes through it (HTML characters kept as they are, NaN
 * and infinities written as {@code NaN} and {@code Infinity}). Not part of the API: public only because results in
 * several packages share it; it may change without notice.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private Json() {
    }

    /**
     * Writes a tree as compact JSON.
     *
     * @param tree a Gson tree: object, array or value
     * @return its JSON text
     */
    public static String write(JsonElement tree) {
        return GSON.toJson(tree);
    }

    /**
     * Reads a JSON object written by {@link #write}, to embed one result's JSON in another's.
     *
     * @param json the JSON text of an object
     * @return the object
     */
    public static JsonObject readObject(String json) {
        return new JsonParser().parse(json).getAsJsonObject();
    }

    /**
     * A JSON array of numbers.
     *
     * @param values the numbers, in order
     * @return the array
     */
    public static JsonArray numbers(Iterable<? extends Number> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /**
     * A JSON array of strings.
     *
     * @param values the strings, in order
     * @return the array
     */
    public static JsonArray strings(Iterable<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
