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

/**
 * Told about each candidate a search scores (or replays from its history), for progress displays.
 *
 * <pre>{@code
 * ArchitectureSearch.builder(space, fitness).listener((e, done, budget) -> bar.stepTo(done)).build();
 * }</pre>
 */
@FunctionalInterface
public interface SearchListener {

    /**
     * Called after a candidate is scored.
     *
     * @param evaluation the candidate and its values
     * @param done       candidates scored so far
     * @param budget     candidates the search will score at most
     */
    void scored(Evaluation evaluation, int done, int budget);
}
