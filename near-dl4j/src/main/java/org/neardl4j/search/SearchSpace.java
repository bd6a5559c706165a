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

import org.deeplearning4j.nn.api.Model;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A space of candidate networks for {@link ArchitectureSearch}: it samples a candidate, mutates one, builds its
 * network and names it. A candidate's name is its identity: two candidates with the same name are the same
 * candidate (scored once), and {@link #parse} gives the candidate back from its name (a history file or a table of
 * scores holds names only).
 *
 * <p>Implementations must be deterministic: the same random generator state gives the same sample and the same
 * mutation, so that a search with the same seed gives the same history.
 *
 * <pre>{@code
 * SearchSpace<Nb201Cell> space = Nb201Space.full(Nb201Network.defaults());
 * Nb201Cell c = space.sample(new SplittableRandom(1));
 * Nb201Cell child = space.mutate(c, new SplittableRandom(2));   // one edge's operation changed
 * ComputationGraph net = (ComputationGraph) space.build(child);
 * }</pre>
 *
 * @param <C> the type of a candidate (an immutable value)
 */
public interface SearchSpace<C> {

    /**
     * A short description of the space, recorded in a search's history so that a history is not resumed with
     * another space.
     *
     * @return e.g. {@code nb201(15625)}
     */
    String id();

    /**
     * A candidate drawn at random (uniformly where the space can).
     *
     * @param rng the search's random generator; not null
     * @return a candidate of the space
     */
    C sample(SplittableRandom rng);

    /**
     * A random neighbour of a candidate: one choice changed (for NAS-Bench-201, one edge's operation).
     *
     * @param parent a candidate of the space; not null
     * @param rng    the search's random generator; not null
     * @return a candidate different from {@code parent}
     */
    C mutate(C parent, SplittableRandom rng);

    /**
     * The candidate's name, unique in the space.
     *
     * @param candidate a candidate of the space; not null
     * @return its name, e.g. an NB201 cell string
     */
    String name(C candidate);

    /**
     * The candidate with this name.
     *
     * @param name a name given by {@link #name}
     * @return the candidate
     * @throws IllegalArgumentException if no candidate of the space has this name
     */
    C parse(String name);

    /**
     * Builds the candidate's network, initialised.
     *
     * @param candidate a candidate of the space; not null
     * @return an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     */
    Model build(C candidate);

    /**
     * Every candidate, for spaces small enough to list (exhaustive search, sampling without repetition).
     *
     * @return the candidates in a fixed order, or empty if the space does not list them
     */
    default Optional<List<C>> enumerate() {
        return Optional.empty();
    }
}
