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
/**
 * Zero-cost architecture search: a {@link org.neardl4j.search.SearchSpace} (NAS-Bench-201's cells,
 * {@link org.neardl4j.search.Nb201Space}, NAS-Bench-101's, {@link org.neardl4j.search.Nb101Space}, or a space of named choices over the user's own template,
 * {@link org.neardl4j.search.ChoiceSpace}), a {@link org.neardl4j.search.Fitness} (any zero-cost proxy of
 * {@link org.neardl4j.proxy.ZeroCostProxies}, several of them rank-averaged, or scores looked up in a table) and a
 * {@link org.neardl4j.search.Strategy} (exhaustive, best of N random samples, regularised evolution), run by
 * {@link org.neardl4j.search.ArchitectureSearch}: seeded, resumable from its history file, each candidate scored once,
 * candidates proposed in batches for a fitness that scores several at once (on a Spark cluster: {@code SparkFitness}
 * in {@code near-dl4j-spark}).
 * {@link org.neardl4j.search.FinalistTraining} then trains the top k briefly with DL4J's early stopping and picks the
 * one with the best validation accuracy ({@link org.neardl4j.search.TrainedFinalists}).
 *
 * <pre>{@code
 * SearchResult<Nb201Cell> r = ArchitectureSearch.builder(Nb201Space.full(Nb201Network.defaults()),
 *                 ProxyFitness.of(Nb201Space.full(Nb201Network.defaults()), List.of(near, meco), probe))
 *         .strategy(Strategy.evolution(10, 3)).budget(100).seed(1).build().run();
 * Nb201Cell best = r.best();
 * }</pre>
 */
package org.neardl4j.search;
