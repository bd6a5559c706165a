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
 * Tools built on the NEAR score: ranking architecture variants ({@link org.neardl4j.tune.ArchitectureRanking},
 * {@link org.neardl4j.tune.RankingResult}, {@link org.neardl4j.tune.RankCorrelation}), choosing an activation
 * function or a weight initialisation ({@link org.neardl4j.tune.ArchitectureRanking#rankVariants},
 * {@link org.neardl4j.tune.SelectionResult}, {@link org.neardl4j.tune.Variants}: a
 * {@link org.neardl4j.search.ChoiceSpace} of one choice; {@code ArchitectureRanking.rank(space, ...)} ranks every
 * candidate of any {@link org.neardl4j.search.SearchSpace} that lists them) and estimating a layer's width
 * ({@link org.neardl4j.tune.WidthEstimator}, {@link org.neardl4j.tune.PowerLawFit},
 * {@link org.neardl4j.tune.WidthPlot}).
 */
package org.neardl4j.tune;
