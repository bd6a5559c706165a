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

/**
 * Which of a layer's two matrices a score belongs to.
 *
 * <pre>{@code
 * if (layerScore.kind() == MatrixKind.PRE) { ... }
 * }</pre>
 */
public enum MatrixKind {
    /**
     * The output of a layer with trainable weights before its activation function (dense, convolution,
     * batch normalisation, output layers), or the output of a recurrent layer (LSTM, SimpleRnn, Bidirectional),
     * whose activations act inside the cell. {@code BatchNormalization} gives only this kind: DL4J's batch
     * normalisation layer ignores a configured activation function in its forward pass, so there is no
     * post-activation to take (add an {@code ActivationLayer} after it for one). Batch normalisation uses the
     * statistics of the batch (mean and biased variance), never its running statistics.
     */
    PRE("pre"),
    /** The output of an activation function, fused into a layer or a stand-alone {@code ActivationLayer}. */
    POST("post");

    private final String label;

    MatrixKind(String label) {
        this.label = label;
    }

    /**
     * {@code "pre"} or {@code "post"}, as in the JSON output.
     *
     * @return {@code "pre"} or {@code "post"}, as in the JSON output
     */
    public String label() {
        return label;
    }
}
