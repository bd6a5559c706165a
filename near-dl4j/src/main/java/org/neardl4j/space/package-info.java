/**
 * Search spaces for NEAR: NAS-Bench-201's cells ({@link org.neardl4j.space.Nb201Cell}, parse, validate,
 * enumerate the 15,625) and the CIFAR-10 network around a cell ({@link org.neardl4j.space.Nb201Network}, a DL4J
 * {@code ComputationGraph}).
 */
package org.neardl4j.space;
