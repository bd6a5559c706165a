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
 * The zero-cost-proxy benchmark: a search space of 65 DL4J networks ({@link
 * org.neardl4j.benchmarks.accuracy.SearchSpace}), a resumable trainer that records their Fashion-MNIST test accuracy
 * ({@link org.neardl4j.benchmarks.accuracy.TrainArchitectures}), and the comparison of NEAR with the baselines of
 * {@code org.neardl4j.proxy} ({@link org.neardl4j.benchmarks.accuracy.ProxyBenchmark}), which writes
 * {@code docs/BENCHMARK.md}.
 */
package org.neardl4j.benchmarks.accuracy;
