/**
 * The NAS-Bench-201 benchmark of NEAR: the bundled NB201 data ({@link org.neardl4j.samples.nb201.Nb201Data}), the
 * resumable scoring program ({@link org.neardl4j.samples.nb201.Nb201Benchmark}) and its generated report
 * ({@code docs/NB201.md}).
 */
package org.neardl4j.samples.nb201;
