/**
 * Tools built on the NEAR score: ranking architecture variants ({@link org.neardl4j.tune.ArchitectureRanking},
 * {@link org.neardl4j.tune.RankingResult}, {@link org.neardl4j.tune.RankCorrelation}), choosing an activation
 * function or a weight initialisation ({@link org.neardl4j.tune.ArchitectureRanking#rankVariants},
 * {@link org.neardl4j.tune.SelectionResult}, {@link org.neardl4j.tune.Variants}) and estimating a layer's width
 * ({@link org.neardl4j.tune.WidthEstimator}, {@link org.neardl4j.tune.PowerLawFit},
 * {@link org.neardl4j.tune.WidthPlot}).
 */
package org.neardl4j.tune;
