/**
 * From activation arrays to the matrices NEAR scores: axis layouts ({@link org.neardl4j.sampling.ActivationLayout})
 * and the choice of the square block of rows ({@link org.neardl4j.sampling.BlockSampler},
 * {@link org.neardl4j.sampling.BlockMode}).
 */
package org.neardl4j.sampling;
