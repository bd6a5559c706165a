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
 * A layer or vertex that gives no matrix, and why: it has neither weights nor an activation (pooling,
 * dropout, merge vertices, ...), or near-dl4j does not know how to score it.
 *
 * <pre>{@code
 * for (SkippedLayer s : result.skipped()) System.out.println(s.layerName() + ": " + s.reason());
 * }</pre>
 *
 * @param layerName   the layer's name (a graph vertex's name)
 * @param layerIndex  the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
 * @param layerType   simple class name of the layer configuration
 * @param unsupported true when the layer might carry a matrix by the method but near-dl4j cannot take it out
 * @param reason      why the layer gives no matrix
 * @serial exclude
 */
public record SkippedLayer(String layerName, int layerIndex, String layerType, boolean unsupported, String reason) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param layerIndex  the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
     * @param layerName   the layer's name (a graph vertex's name); not null
     * @param layerType   simple class name of the layer configuration; not null
     * @param reason      why the layer gives no matrix; not null
     * @param unsupported true when near-dl4j cannot take out a matrix the layer might carry, false when it has none
     * @throws NullPointerException for a missing name, type or reason
     */
    public SkippedLayer {
        Preconditions.checkNotNull(layerName, "layerName");
        Preconditions.checkNotNull(layerType, "layerType");
        Preconditions.checkNotNull(reason, "reason");
    }

    /**
     * A layer that by the method gives no matrix.
     *
     * @param layerName  the layer's name
     * @param layerIndex the layer's index
     * @param layerType  simple class name of the layer configuration
     * @return the skipped layer, with a reason that names the type
     */
    public static SkippedLayer noMatrix(String layerName, int layerIndex, String layerType) {
        return new SkippedLayer(layerName, layerIndex, layerType, false,
                layerType + " has no weights and no activation function");
    }

    /**
     * A layer near-dl4j cannot score; its output still flows to the next layers.
     *
     * @param layerName  the layer's name
     * @param layerIndex the layer's index
     * @param layerType  simple class name of the layer configuration
     * @param why        why it cannot be scored
     * @return a skipped layer with {@code unsupported} true and {@code why} as the reason
     */
    public static SkippedLayer unsupported(String layerName, int layerIndex, String layerType, String why) {
        return new SkippedLayer(layerName, layerIndex, layerType, true, why);
    }

    @Override
    public String toString() {
        return layerName + " (" + layerType + "): " + reason;
    }
}
