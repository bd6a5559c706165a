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

import java.util.List;

/**
 * One candidate scored by a search: its order, name, how it was proposed, its fitness values and the time they
 * took.
 *
 * <pre>{@code
 * for (Evaluation e : result.evaluations()) {
 *     System.out.println(e.index() + " " + e.name() + " " + e.values());
 * }
 * }</pre>
 *
 * @param index   1-based order of scoring
 * @param name    the candidate's name in its space
 * @param origin  {@code sample}, {@code enumeration} or {@code mutation}
 * @param values  one value per fitness name (NaN when it could not be computed)
 * @param seconds wall time of scoring it (as recorded when it was first scored)
 */
public record Evaluation(int index, String name, String origin, List<Double> values, double seconds) {

    /**
     * Checks and copies.
     *
     * @param index   1-based
     * @param name    not null
     * @param origin  not null
     * @param values  not null, at least one
     * @param seconds &gt;= 0
     */
    public Evaluation {
        Preconditions.checkArgument(index >= 1, "index must be >= 1, got %s", index);
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkNotNull(origin, "origin");
        Preconditions.checkNotNull(values, "values");
        Preconditions.checkArgument(!values.isEmpty(), "no values");
        values = List.copyOf(values);
    }
}
