package org.neardl4j.capture;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

/**
 * Receives the matrices of a forward pass as the layers produce them.
 *
 * <p>The array handed to {@link #accept} is valid only during the call: for a pre-activation it is about to be
 * overwritten in place by the activation function, and later layers may modify their input in place. Copy
 * what you keep.
 *
 * <pre>{@code
 * ActivationSink sink = (site, activation, layout) -> samplers.get(site).accept(activation, layout);
 * }</pre>
 */
@FunctionalInterface
public interface ActivationSink {

    /**
     * One layer's pre- or post-activation output for the current batch.
     *
     * @param site       which layer and which matrix
     * @param activation the array (do not keep a reference)
     * @param layout     its axis layout
     */
    void accept(MatrixSite site, INDArray activation, ActivationLayout layout);

    /**
     * Whether this site still needs rows; the capture skips copies for sites that return false.
     *
     * @param site the site
     * @return true if this site still needs rows; the capture skips copies for sites that return false
     */
    default boolean wants(MatrixSite site) {
        return true;
    }
}
