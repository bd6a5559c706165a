/**
 * Real data for samples, benchmarks and tests: Fashion-MNIST read from local IDX files, CIFAR-10 images and labels
 * from NumPy files with NAS-Bench-201's normalisation.
 */
package org.neardl4j.data;
