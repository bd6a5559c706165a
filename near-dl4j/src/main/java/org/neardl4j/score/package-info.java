/**
 * The NEAR evaluator and its immutable results: {@link org.neardl4j.score.NearScorer},
 * {@link org.neardl4j.score.NearResult}, {@link org.neardl4j.score.RepetitionScore}, {@link org.neardl4j.score.MatrixScore}.
 */
package org.neardl4j.score;
