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
package org.neardl4j.capture;

import com.google.common.base.Preconditions;

import java.io.Serializable;

/**
 * Where a matrix comes from: a layer (or graph vertex) and whether it is its pre- or post-activation output.
 *
 * <pre>{@code
 * MatrixSite site = MatrixSite.of("dense0", 0, "DenseLayer", MatrixKind.PRE);
 * }</pre>
 *
 * @param layerName  the layer's name (a graph vertex's name)
 * @param layerIndex the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
 * @param layerType  simple class name of the layer configuration, e.g. {@code DenseLayer}
 * @param kind       pre- or post-activation
 * @serial exclude
 */
public record MatrixSite(String layerName, int layerIndex, String layerType, MatrixKind kind) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param kind       pre- or post-activation; not null
     * @param layerIndex the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
     * @param layerName  the layer's name (a graph vertex's name); not null
     * @param layerType  simple class name of the layer configuration, e.g. {@code DenseLayer}; not null
     * @throws NullPointerException for a missing name, type or kind
     */
    public MatrixSite {
        Preconditions.checkNotNull(layerName, "layerName");
        Preconditions.checkNotNull(layerType, "layerType");
        Preconditions.checkNotNull(kind, "kind");
    }

    /**
     * A matrix site.
     *
     * @param layerName  the layer's name (a graph vertex's name)
     * @param layerIndex the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
     * @param layerType  simple class name of the layer configuration, e.g. {@code DenseLayer}
     * @param kind       pre- or post-activation
     * @return a new site with these values
     * @throws NullPointerException for a missing name, type or kind
     */
    public static MatrixSite of(String layerName, int layerIndex, String layerType, MatrixKind kind) {
        return new MatrixSite(layerName, layerIndex, layerType, kind);
    }

    /**
     * The site for messages.
     *
     * @return e.g. {@code 'dense0' (DenseLayer, pre)}
     */
    public String describe() {
        return "'" + layerName + "' (" + layerType + ", " + kind.label() + ")";
    }

    @Override
    public String toString() {
        return layerIndex + ":" + layerName + "/" + kind.label();
    }
}
