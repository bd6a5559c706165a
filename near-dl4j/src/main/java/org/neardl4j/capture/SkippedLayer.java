package org.neardl4j.capture;

import com.google.common.base.Preconditions;

import java.io.Serializable;
import java.util.Objects;

/**
 * A layer or vertex that gives no matrix, and why: it has neither weights nor an activation (pooling,
 * dropout, merge vertices, ...), or near-dl4j does not know how to score it. Immutable.
 *
 * <pre>{@code
 * for (SkippedLayer s : result.skipped()) System.out.println(s.layerName() + ": " + s.reason());
 * }</pre>
 */
public final class SkippedLayer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String layerName;
    private final int layerIndex;
    private final String layerType;
    private final boolean unsupported;
    private final String reason;

    private SkippedLayer(String layerName, int layerIndex, String layerType, boolean unsupported, String reason) {
        this.layerName = Preconditions.checkNotNull(layerName);
        this.layerIndex = layerIndex;
        this.layerType = Preconditions.checkNotNull(layerType);
        this.unsupported = unsupported;
        this.reason = Preconditions.checkNotNull(reason);
    }

    /** A layer that by the method gives no matrix. */
    public static SkippedLayer noMatrix(String layerName, int layerIndex, String layerType) {
        return new SkippedLayer(layerName, layerIndex, layerType, false,
                layerType + " has no weights and no activation function");
    }

    /** A layer near-dl4j cannot score; its output still flows to the next layers. */
    public static SkippedLayer unsupported(String layerName, int layerIndex, String layerType, String why) {
        return new SkippedLayer(layerName, layerIndex, layerType, true, why);
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

    /** True when the layer might carry a matrix by the method but near-dl4j cannot take it out. */
    public boolean isUnsupported() {
        return unsupported;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SkippedLayer)) {
            return false;
        }
        SkippedLayer s = (SkippedLayer) o;
        return layerIndex == s.layerIndex && unsupported == s.unsupported && layerName.equals(s.layerName)
                && layerType.equals(s.layerType) && reason.equals(s.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, layerIndex, layerType, unsupported, reason);
    }

    @Override
    public String toString() {
        return layerName + " (" + layerType + "): " + reason;
    }
}
