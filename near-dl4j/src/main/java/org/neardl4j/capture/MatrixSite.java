package org.neardl4j.capture;

import com.google.common.base.Preconditions;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a matrix comes from: a layer (or graph vertex) and whether it is its pre- or post-activation output.
 * Immutable.
 *
 * <pre>{@code
 * MatrixSite site = MatrixSite.of("dense0", 0, "DenseLayer", MatrixKind.PRE);
 * }</pre>
 */
public final class MatrixSite implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String layerName;
    private final int layerIndex;
    private final String layerType;
    private final MatrixKind kind;

    private MatrixSite(String layerName, int layerIndex, String layerType, MatrixKind kind) {
        this.layerName = Preconditions.checkNotNull(layerName, "layerName");
        this.layerIndex = layerIndex;
        this.layerType = Preconditions.checkNotNull(layerType, "layerType");
        this.kind = Preconditions.checkNotNull(kind, "kind");
    }

    /**
     * @param layerName  the layer's name (a graph vertex's name)
     * @param layerIndex the layer's index in a MultiLayerNetwork, the vertex index in a ComputationGraph
     * @param layerType  simple class name of the layer configuration, e.g. {@code DenseLayer}
     * @param kind       pre- or post-activation
     */
    public static MatrixSite of(String layerName, int layerIndex, String layerType, MatrixKind kind) {
        return new MatrixSite(layerName, layerIndex, layerType, kind);
    }

    public String layerName() {
        return layerName;
    }

    public int layerIndex() {
        return layerIndex;
    }

    public String layerType() {
        return layerType;
    }

    public MatrixKind kind() {
        return kind;
    }

    /** e.g. {@code dense0 (DenseLayer, pre)}, for messages. */
    public String describe() {
        return "'" + layerName + "' (" + layerType + ", " + kind.label() + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatrixSite)) {
            return false;
        }
        MatrixSite s = (MatrixSite) o;
        return layerIndex == s.layerIndex && layerName.equals(s.layerName) && layerType.equals(s.layerType)
                && kind == s.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, layerIndex, layerType, kind);
    }

    @Override
    public String toString() {
        return layerIndex + ":" + layerName + "/" + kind.label();
    }
}
