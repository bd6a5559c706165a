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

import java.util.Locale;

/**
 * How a search walks its space. Immutable.
 *
 * <ul>
 *   <li>{@link #exhaustive()}: every candidate of an enumerable space, in its order (the budget is ignored).</li>
 *   <li>{@link #random()}: best of N: N distinct candidates drawn uniformly (without repetition where the space is
 *       enumerable), the best kept (NASWOT's Algorithm 1).</li>
 *   <li>{@link #evolution(int, int)}: regularised evolution (Real et al., 2019): a population of P random
 *       candidates; then, until the budget is spent, S members drawn uniformly without repetition, the fittest of
 *       them mutated, the child added and the oldest member removed.</li>
 * </ul>
 *
 * <pre>{@code
 * Strategy s = Strategy.parse("evolution");   // Strategy.evolution(10, 3)
 * }</pre>
 *
 * @param kind       {@code exhaustive}, {@code random} or {@code evolution}
 * @param population P, evolution only (0 otherwise)
 * @param sample     S, evolution only (0 otherwise)
 */
public record Strategy(String kind, int population, int sample) {

    /** Default population of {@link #evolution()}. */
    public static final int DEFAULT_POPULATION = 10;
    /** Default tournament size of {@link #evolution()}. */
    public static final int DEFAULT_SAMPLE = 3;

    /**
     * Checks the fields.
     *
     * @param kind       {@code exhaustive}, {@code random} or {@code evolution}
     * @param population P &gt;= 2 for evolution, 0 otherwise
     * @param sample     S in 1..P for evolution, 0 otherwise
     */
    public Strategy {
        Preconditions.checkNotNull(kind, "kind");
        switch (kind) {
            case "exhaustive", "random" -> Preconditions.checkArgument(population == 0 && sample == 0,
                    "strategy %s takes no population or sample size", kind);
            case "evolution" -> {
                Preconditions.checkArgument(population >= 2, "evolution: population must be >= 2, got %s", population);
                Preconditions.checkArgument(sample >= 1 && sample <= population,
                        "evolution: sample size must be in 1..population (%s), got %s", population, sample);
            }
            default -> throw new IllegalArgumentException("unknown strategy '" + kind
                    + "'; known: exhaustive, random, evolution");
        }
    }

    /**
     * Every candidate of an enumerable space.
     *
     * @return the exhaustive strategy
     */
    public static Strategy exhaustive() {
        return new Strategy("exhaustive", 0, 0);
    }

    /**
     * Best of N random candidates.
     *
     * @return the random-sampling strategy
     */
    public static Strategy random() {
        return new Strategy("random", 0, 0);
    }

    /**
     * Regularised evolution with population P and tournament size S.
     *
     * @param population P, at least 2
     * @param sample     S, 1..P
     * @return the evolution strategy
     */
    public static Strategy evolution(int population, int sample) {
        return new Strategy("evolution", population, sample);
    }

    /**
     * Regularised evolution with P = {@value #DEFAULT_POPULATION}, S = {@value #DEFAULT_SAMPLE}.
     *
     * @return the evolution strategy with the defaults
     */
    public static Strategy evolution() {
        return evolution(DEFAULT_POPULATION, DEFAULT_SAMPLE);
    }

    /**
     * A strategy by name with its defaults.
     *
     * @param name {@code exhaustive}, {@code random} or {@code evolution} (case ignored)
     * @return the strategy
     * @throws IllegalArgumentException for another name
     */
    public static Strategy parse(String name) {
        Preconditions.checkNotNull(name, "strategy name");
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "exhaustive" -> exhaustive();
            case "random" -> random();
            case "evolution" -> evolution();
            default -> throw new IllegalArgumentException("unknown strategy '" + name
                    + "'; known: exhaustive, random, evolution");
        };
    }

    /**
     * A short description.
     *
     * @return e.g. {@code evolution(P=10,S=3)} or {@code random}
     */
    @Override
    public String toString() {
        return kind.equals("evolution") ? "evolution(P=" + population + ",S=" + sample + ")" : kind;
    }
}
