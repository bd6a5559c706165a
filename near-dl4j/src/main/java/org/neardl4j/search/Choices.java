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
package org.neardl4j.search;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;

import java.util.Map;
import java.util.StringJoiner;

/**
 * One candidate of a {@link ChoiceSpace}: a value for each named choice, in the space's order. Immutable.
 *
 * <pre>{@code
 * int width = choices.get("width", Integer.class);
 * Activation a = choices.get("activation", Activation.class);
 * choices.toString();    // width=64,activation=RELU
 * }</pre>
 */
public final class Choices {

    private final Map<String, Object> values;

    Choices(Map<String, Object> values) {
        this.values = ImmutableMap.copyOf(values);
    }

    /**
     * The value of a choice.
     *
     * @param name the choice's name
     * @param type the class of its values
     * @param <T>  the type of its values
     * @return the value
     * @throws IllegalArgumentException if there is no such choice or its value is not of that type
     */
    public <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        Preconditions.checkArgument(v != null, "no choice named '%s'; choices: %s", name, values.keySet());
        Preconditions.checkArgument(type.isInstance(v), "choice '%s' is %s (a %s), not a %s", name, v,
                v.getClass().getSimpleName(), type.getSimpleName());
        return type.cast(v);
    }

    /**
     * Every choice's value, in the space's order.
     *
     * @return an immutable map from choice name to value
     */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Choices && ((Choices) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /**
     * The candidate's name in its space.
     *
     * @return {@code name=value} pairs joined by commas, e.g. {@code width=64,activation=RELU}
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
