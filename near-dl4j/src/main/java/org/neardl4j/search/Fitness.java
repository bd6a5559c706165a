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

import java.util.ArrayList;
import java.util.List;

/**
 * What a search maximises: one or several scores of a candidate (higher is better). With several,
 * {@link ArchitectureSearch} compares candidates by the average of their ranks under each score (rank-average).
 *
 * <pre>{@code
 * Fitness<Nb201Cell> f = ProxyFitness.of(space, List.of(ZeroCostProxies.byName("near", options)), probe);
 * double[] v = f.score(cell);     // one value per f.names()
 * }</pre>
 *
 * <p>{@link ArchitectureSearch} hands a fitness the candidates it proposes together ({@link #scoreAll}, one call per
 * {@link ArchitectureSearch.Builder#batch batch}); a fitness that can score several candidates at once (on a cluster,
 * for example) overrides it.
 *
 * @param <C> the candidate type of the space
 */
public interface Fitness<C> {

    /**
     * The names of the scores, in the order of {@link #score}'s values.
     *
     * @return e.g. {@code [near, meco]}; at least one
     */
    List<String> names();

    /**
     * Scores one candidate. A value that cannot be computed is {@code NaN} (it ranks lowest).
     *
     * @param candidate a candidate of the space
     * @return one value per name, higher is better
     */
    double[] score(C candidate);

    /**
     * Scores several candidates; {@link ArchitectureSearch} calls it once per batch of new candidates. By default
     * it scores each with {@link #score}, in order.
     *
     * <pre>{@code
     * List<double[]> v = f.scoreAll(List.of(a, b));   // v.get(1): b's values
     * }</pre>
     *
     * @param candidates candidates of the space, in order
     * @return one array of values per candidate, in the candidates' order (each as {@link #score} gives it)
     */
    default List<double[]> scoreAll(List<C> candidates) {
        List<double[]> out = new ArrayList<>(candidates.size());
        for (C c : candidates) {
            out.add(score(c));
        }
        return out;
    }
}
