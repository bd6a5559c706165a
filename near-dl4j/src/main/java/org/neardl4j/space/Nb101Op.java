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
package org.neardl4j.space;

import com.google.common.base.Preconditions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The vertex labels of a NAS-Bench-101 cell (Ying et al., ICML 2019): the input and output vertices and the three
 * operations of the search space, with NAS-Bench-101's label ({@code conv3x3-bn-relu}) and a short name for the
 * readable cell form ({@code conv3x3}).
 *
 * <pre>{@code
 * Nb101Op op = Nb101Op.ofLabel("conv3x3-bn-relu").orElseThrow();   // CONV3X3
 * Nb101Op.ofLabel("conv3x3");                                      // the short name works too
 * }</pre>
 */
public enum Nb101Op {
    /** The cell input (vertex 0). */
    INPUT("input", "input"),
    /** 3x3 convolution (stride 1, same padding, no bias), batch normalisation, ReLU. */
    CONV3X3("conv3x3-bn-relu", "conv3x3"),
    /** 1x1 convolution (no bias), batch normalisation, ReLU. */
    CONV1X1("conv1x1-bn-relu", "conv1x1"),
    /** 3x3 max pooling, stride 1, same padding. */
    MAXPOOL3X3("maxpool3x3", "maxpool3x3"),
    /** The cell output (the last vertex): concatenation of its interior inputs, plus the projected cell input. */
    OUTPUT("output", "output");

    private final String label;
    private final String shortName;

    Nb101Op(String label, String shortName) {
        this.label = label;
        this.shortName = shortName;
    }

    /**
     * NAS-Bench-101's label of the vertex, as in its API and the benchmark's tables.
     *
     * @return e.g. {@code "conv3x3-bn-relu"}
     */
    public String label() {
        return label;
    }

    /**
     * The short name of the readable cell form ({@link Nb101Cell#parse}).
     *
     * @return e.g. {@code "conv3x3"}
     */
    public String shortName() {
        return shortName;
    }

    /**
     * Whether the operation is a convolution-BN-ReLU block (it has weights).
     *
     * @return true for {@link #CONV3X3} and {@link #CONV1X1}
     */
    public boolean isConvolution() {
        return this == CONV3X3 || this == CONV1X1;
    }

    /**
     * The kernel size of a convolution operation.
     *
     * @return 3 or 1
     * @throws IllegalStateException if this is not a convolution
     */
    public int kernel() {
        Preconditions.checkState(isConvolution(), "%s is not a convolution", label);
        return this == CONV3X3 ? 3 : 1;
    }

    /**
     * Whether the label may stand on an interior vertex (one of NAS-Bench-101's {@code available_ops}).
     *
     * @return true for the convolutions and max pooling
     */
    public boolean isInterior() {
        return this != INPUT && this != OUTPUT;
    }

    /**
     * The vertex label of a label or short name (case-insensitive).
     *
     * @param label e.g. {@code "conv3x3-bn-relu"}, {@code "conv3x3"}, {@code "input"}
     * @return the label, or empty if unknown
     */
    public static Optional<Nb101Op> ofLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String k = label.strip().toLowerCase(Locale.ROOT);
        for (Nb101Op op : values()) {
            if (op.label.equals(k) || op.shortName.equals(k)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** @return the known labels, for error messages */
    static String known() {
        return Arrays.stream(values()).map(Nb101Op::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
