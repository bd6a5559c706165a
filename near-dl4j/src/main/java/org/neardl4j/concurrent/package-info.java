/**
 * Concurrency of the native libraries: which native work may run from several threads at once.
 *
 * <p>See {@link org.neardl4j.concurrent.NativeAccess}. At the bottom of the package graph with {@code rank},
 * {@code sampling} and {@code data}; it depends on nothing else of near-dl4j.
 */
package org.neardl4j.concurrent;
