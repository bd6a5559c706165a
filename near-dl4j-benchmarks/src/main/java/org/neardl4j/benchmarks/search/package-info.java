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
 * Zero-cost architecture search on NAS-Bench-201 from precomputed proxy tables
 * ({@link org.neardl4j.benchmarks.search.SearchBenchmark}) and its generated report ({@code docs/SEARCH.md}); a
 * NEAR-guided search over small Fashion-MNIST CNNs whose top 3 and 3 random picks are trained the same way
 * ({@link org.neardl4j.benchmarks.search.FashionMnistSearch}, {@code docs/search/fashion-mnist.md}).
 */
package org.neardl4j.benchmarks.search;
