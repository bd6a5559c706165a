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
package org.neardl4j.benchmarks.speed;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The suites of {@link NearBenchmark}: which {@link Part}s run, in the order of {@link Part}, and whether the short
 * timing of the {@code ci} suite applies.
 *
 * <pre>{@code
 * Suite.FULL.parts();   // [ERANK, WORKLOADS, ACCURACY]
 * }</pre>
 */
public enum Suite {
    /** A small, fast subset of everything except precision (CI runs it). */
    CI(EnumSet.of(Part.ERANK, Part.WORKLOADS, Part.ACCURACY, Part.ZOO, Part.NB201, Part.PROXIES)),
    /** Effective-rank methods, n = 256 ... 4096, and their accuracy. */
    ERANK(EnumSet.of(Part.ERANK, Part.ACCURACY)),
    /** The workloads (MLP, LeNet-5, ResNet-18, zoo ResNet50, ranking), thread scaling and accuracy. */
    WORKLOADS(EnumSet.of(Part.WORKLOADS, Part.ACCURACY)),
    /** Float against double forward passes on zoo ResNet50. */
    PRECISION(EnumSet.of(Part.PRECISION)),
    /** NAS-Bench-201 networks from conv-free to conv-heavy cells on 64 CIFAR-10 images, against the reference. */
    NB201(EnumSet.of(Part.NB201)),
    /** The gradient baseline proxies on NAS-Bench-201 networks with and without the native layer helpers. */
    PROXIES(EnumSet.of(Part.PROXIES)),
    /** Every DL4J zoo model that builds without a download. */
    ZOO(EnumSet.of(Part.ZOO)),
    /** erank + workloads. */
    FULL(EnumSet.of(Part.ERANK, Part.WORKLOADS, Part.ACCURACY)),
    /** Everything. */
    ALL(EnumSet.allOf(Part.class));

    /** A part of a suite: one kind of measurement, one report section (or a few). */
    public enum Part {
        /** {@link ErankSuite}. */
        ERANK,
        /** {@link WorkloadSuite}. */
        WORKLOADS,
        /** {@link AccuracySuite} (uses the blocks the workloads collected). */
        ACCURACY,
        /** {@link PrecisionSuite}. */
        PRECISION,
        /** {@link ZooBench}. */
        ZOO,
        /** {@link Nb201Suite}. */
        NB201,
        /** {@link ProxySuite}. */
        PROXIES
    }

    private final Set<Part> parts;

    Suite(Set<Part> parts) {
        this.parts = parts;
    }

    /**
     * The parts this suite runs.
     *
     * @return them, in running order
     */
    public Set<Part> parts() {
        return EnumSet.copyOf(parts);
    }

    /**
     * Whether this is the short {@code ci} suite (smaller sizes, shorter warm-up and measuring).
     *
     * @return true for {@link #CI}
     */
    public boolean isCi() {
        return this == CI;
    }

    /**
     * The name on the command line and in report markers.
     *
     * @return e.g. {@code full}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
