/**
 * Real data for samples, benchmarks and tests: Fashion-MNIST read from local IDX files.
 */
package org.neardl4j.data;
