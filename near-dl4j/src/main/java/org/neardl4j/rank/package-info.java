/**
 * The mathematics of NEAR: effective rank of a matrix from its singular values.
 *
 * <p>See {@link org.neardl4j.rank.EffectiveRank}.
 */
package org.neardl4j.rank;
