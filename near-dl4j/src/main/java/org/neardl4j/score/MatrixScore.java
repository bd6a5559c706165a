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
package org.neardl4j.score;

import com.google.common.base.Preconditions;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.capture.MatrixSite;

import java.io.Serializable;
import java.util.Locale;

/**
 * The effective rank of one matrix of one layer, and how the matrix was taken.
 *
 * <pre>{@code
 * for (MatrixScore m : result.matrices()) {
 *     System.out.printf("%s %s %dx%d %.3f%n", m.layerName(), m.kind().label(), m.rows(), m.cols(), m.effectiveRank());
 * }
 * }</pre>
 *
 * @param site          the layer and matrix kind
 * @param rows          rows of the scored block (equal to {@code cols} unless samples ran short)
 * @param cols          columns: neurons or channels
 * @param effectiveRank the block's effective rank
 * @param samples       distinct samples whose rows make up the block
 * @param rowsAvailable rows available to choose the block from
 * @param blockStart    first row of the block among them
 * @serial exclude
 */
public record MatrixScore(MatrixSite site, long rows, long cols, double effectiveRank, long samples,
                          long rowsAvailable, long blockStart) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param blockStart    first row of the block among the rows available (not checked)
     * @param cols          columns (neurons or channels), at least 1
     * @param effectiveRank the block's effective rank, in {@code [0, min(rows, cols)]}
     * @param rows          rows of the scored block, at least 1
     * @param rowsAvailable rows available to choose the block from (not checked)
     * @param samples       distinct samples whose rows make up the block (not checked)
     * @param site          the layer and matrix kind; not null
     * @throws IllegalArgumentException for a non-positive size or an effective rank outside {@code [0, min(rows,
     *                                  cols)]}
     * @throws NullPointerException     without a site
     */
    public MatrixScore {
        Preconditions.checkNotNull(site, "site");
        Preconditions.checkArgument(rows > 0 && cols > 0, "rows and cols must be positive: %s x %s", rows, cols);
        Preconditions.checkArgument(effectiveRank >= 0 && effectiveRank <= Math.min(rows, cols) * (1 + 1e-9),
                "effective rank %s outside [0, min(rows, cols)] for %s", effectiveRank, site);
    }

    /**
     * The layer's name.
     *
     * @return the name of the layer (graph vertex) the matrix comes from
     */
    public String layerName() {
        return site.layerName();
    }

    /**
     * The layer's index.
     *
     * @return the layer index in a MultiLayerNetwork, the vertex index in a ComputationGraph
     */
    public int layerIndex() {
        return site.layerIndex();
    }

    /**
     * The layer's type.
     *
     * @return the simple class name of the layer configuration, e.g. {@code DenseLayer}
     */
    public String layerType() {
        return site.layerType();
    }

    /**
     * Which of the layer's matrices this is.
     *
     * @return pre- or post-activation
     */
    public MatrixKind kind() {
        return site.kind();
    }

    /**
     * Whether the scored block is square.
     *
     * @return false when too few samples were given and a rectangular {@code rows < cols} matrix was scored
     */
    public boolean isSquare() {
        return rows == cols;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %dx%d erank=%.6f", site.layerName(), site.kind().label(), rows, cols,
                effectiveRank);
    }
}
