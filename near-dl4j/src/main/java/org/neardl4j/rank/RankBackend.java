/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j.rank;

import org.nd4j.linalg.factory.Nd4j;

/** What the effective-rank routes need to know about the ND4J backend: its kind, and what it can be trusted with. */
final class RankBackend {

    /** On the CPU backend, blocks with at most this many columns (or rows) take the plain-Java Gram route. */
    static final int SMALL = 512;
    /** The plain-Java limit on other backends (a GPU): only where a few native calls clearly cost more. */
    static final int SMALL_OFF_CPU = 64;
    /** Blocks with more entries than this never take the plain-Java route under AUTO or GRAM_DOUBLE. */
    static final long SMALL_ELEMENTS = 1L << 18;

    private RankBackend() {
    }

    private static String backendName() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** Whether ND4J runs on its CPU backend. */
    static boolean isCpu() {
        return backendName().startsWith("Cpu");
    }

    /**
     * Whether the backend's double-precision {@code gesvd} can be trusted. ND4J 1.0.0-M2.1's CUDA backend
     * ({@code JcublasLapack.dgesvd}) sizes cuSolver's workspace as {@code worksize * Nd4j.sizeOfDataType()} bytes,
     * half of what it needs while the default data type is FLOAT; the CPU backend has no such problem.
     */
    static boolean gesvdDoubleIsSafe() {
        return !backendName().contains("Cublas") || Nd4j.dataType().width() >= 8;
    }

    /**
     * Largest {@code min(rows, cols)} that {@link EffectiveRank.Method#AUTO} solves in plain Java: {@link #SMALL} on
     * the CPU backend, where it was measured; {@link #SMALL_OFF_CPU} elsewhere, because one JVM thread against
     * cuSolver was not.
     */
    static int hostLimit() {
        return isCpu() ? SMALL : SMALL_OFF_CPU;
    }
}
