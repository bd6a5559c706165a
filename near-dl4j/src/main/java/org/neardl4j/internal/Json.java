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
     * @param tree the tree
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
