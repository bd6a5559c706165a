/**
 * near-dl4j on the ND4J CUDA backend. Adding the {@code near-dl4j-cuda} artifact brings {@code nd4j-cuda-11.6} for
 * linux-x86_64; the scoring API is the one of {@code near-dl4j} ({@link org.neardl4j.score.NearScorer}) and
 * {@link org.neardl4j.score.Provenance#backend()} of a result tells which backend computed a score.
 * {@link org.neardl4j.cuda.CudaAvailability} checks for a usable device without starting ND4J.
 */
package org.neardl4j.cuda;
