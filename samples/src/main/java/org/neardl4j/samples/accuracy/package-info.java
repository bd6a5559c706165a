/**
 * The zero-cost-proxy benchmark: a search space of 65 DL4J networks ({@link
 * org.neardl4j.samples.accuracy.SearchSpace}), a resumable trainer that records their Fashion-MNIST test accuracy
 * ({@link org.neardl4j.samples.accuracy.TrainArchitectures}), and the comparison of NEAR with the baselines of
 * {@code org.neardl4j.proxy} ({@link org.neardl4j.samples.accuracy.ProxyBenchmark}), which writes
 * {@code docs/BENCHMARK.md}.
 */
package org.neardl4j.samples.accuracy;
