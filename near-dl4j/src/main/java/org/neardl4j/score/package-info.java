/**
 * The NEAR evaluator and its immutable results: {@link org.neardl4j.score.NearScorer},
 * {@link org.neardl4j.score.NearResult}, {@link org.neardl4j.score.NearScore}, {@link org.neardl4j.score.LayerScore}.
 */
package org.neardl4j.score;
