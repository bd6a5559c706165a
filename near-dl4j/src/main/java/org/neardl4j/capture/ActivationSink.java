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
     * @param site a layer's pre- or post-activation matrix, as later passed to {@link #accept}
     * @return true (the default) if {@link #accept} should get this site's activation for the current batch
     */
    default boolean wants(MatrixSite site) {
        return true;
    }
}
