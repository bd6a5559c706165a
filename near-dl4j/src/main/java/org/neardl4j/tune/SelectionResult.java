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

import java.util.List;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of one design choice (activation functions, weight initialisations, ...) ranked by NEAR: the
 * {@link RankingResult} plus the value behind each candidate name. Immutable.
 *
 * <pre>{@code
 * SelectionResult<Activation> r = ranking.rankVariants(Variants.activations(), a -> mlp(a), features);
 * Activation pick = r.best();
 * System.out.println(r);                          // the ranked table with standard deviations
 * }</pre>
 */
public final class SelectionResult<T> {

    private final RankingResult ranking;
    private final ImmutableMap<String, T> values;

    SelectionResult(RankingResult ranking, Map<String, T> values) {
        this.ranking = Preconditions.checkNotNull(ranking, "ranking");
        this.values = ImmutableMap.copyOf(values);
    }

    /**
     * The ranking by candidate name.
     *
     * @return the underlying ranking, whose candidate names stand for the values (see {@link #value})
     */
    public RankingResult ranking() {
        return ranking;
    }

    /**
     * The value with the highest NEAR score.
     *
     * @return the value of {@link RankingResult#best()}
     * @throws IllegalStateException if no candidate was scored (all failed)
     */
    public T best() {
        return values.get(ranking.best().name());
    }

    /**
     * The values, highest NEAR first.
     *
     * @return the values of the scored candidates, in the order of {@link RankingResult#entries()}
     */
    public List<T> ranked() {
        ImmutableList.Builder<T> b = ImmutableList.builder();
        for (RankedCandidate c : ranking.entries()) {
            b.add(values.get(c.name()));
        }
        return b.build();
    }

    /**
     * The value a ranked candidate stands for.
     *
     * @param candidate an entry of {@link #ranking()} (matched by name); not null
     * @return the value that candidate was built from
     * @throws IllegalArgumentException if no value of this selection has the candidate's name
     */
    public T value(RankedCandidate candidate) {
        T v = values.get(Preconditions.checkNotNull(candidate, "candidate").name());
        Preconditions.checkArgument(v != null, "'%s' is not a candidate of this selection", candidate.name());
        return v;
    }

    /**
     * The ranked candidate of a value.
     *
     * @param value one of the values that were ranked (compared with {@code equals})
     * @return its entry in {@link #ranking()}, with rank and score
     * @throws IllegalArgumentException if the value is not one of this selection's, or its candidate failed
     */
    public RankedCandidate entry(T value) {
        for (Map.Entry<String, T> e : values.entrySet()) {
            if (e.getValue().equals(value)) {
                return ranking.get(e.getKey());
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a candidate of this selection; candidates: "
                + values.keySet());
    }

    /**
     * This selection next to a measured metric per value (see {@link RankingResult#withMetric(String, Map)}).
     *
     * @param name   the metric's name, for the table; not null
     * @param metric measured value per design value (e.g. accuracy per activation); not null, every key one of
     *               this selection's values
     * @return a new selection (this one is unchanged) whose ranking carries the metric and the correlation
     * @throws IllegalArgumentException as {@link RankingResult#withMetric(String, Map, boolean, int)}, or for a key
     *                                  that is not one of the values
     */
    public SelectionResult<T> withMetric(String name, Map<? extends T, ? extends Number> metric) {
        Preconditions.checkNotNull(metric, "metric");
        Map<String, Number> byName = new LinkedHashMap<>();
        for (Map.Entry<? extends T, ? extends Number> e : metric.entrySet()) {
            byName.put(entry(e.getKey()).name(), e.getValue());
        }
        return new SelectionResult<>(ranking.withMetric(name, byName), values);
    }

    @Override
    public String toString() {
        return ranking.toString();
    }
}
