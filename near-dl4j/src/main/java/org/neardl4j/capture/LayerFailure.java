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

import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The message of a layer whose forward pass failed. ND4J's native operations print their reason (for example
 * "wrong shape of weights array, expected [3, 10, 6], got [3, 5, 6]") to the console and throw only "Op validation
 * failed", so the message says what near-dl4j can see: the messages along the exception's cause chain, the input's
 * shape and layout, and, when the input's channel axis does not hold the layer's configured {@code nIn}, that
 * mismatch.
 */
final class LayerFailure {

    private LayerFailure() {
    }

    static String explain(Layer conf, INDArray input, ActivationLayout layout, Throwable e) {
        StringBuilder b = new StringBuilder(causes(e));
        if (input != null) {
            b.append(" (input shape ").append(Arrays.toString(input.shape()));
            if (layout != null && layout.rank() == input.rank()) {
                b.append(", ").append(name(layout));
            }
            b.append(')');
            String mismatch = channelMismatch(LayerRole.unwrap(conf), input, layout);
            if (mismatch != null) {
                b.append(": ").append(mismatch);
            }
        }
        return b.toString();
    }

    /** The messages along the cause chain, each once, joined by ": ". */
    static String causes(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            m = m.replaceAll("\\s+", " ").trim();
            boolean seen = false;
            for (String p : parts) {
                seen |= p.contains(m);
            }
            if (!seen) {
                parts.add(m);
            }
        }
        return parts.isEmpty() ? e.getClass().getName() : String.join(": ", parts);
    }

    /**
     * "the input has C channels on axis A, the layer is configured for nIn = K", or null when they agree or the layer
     * has no {@code nIn}.
     */
    static String channelMismatch(Layer conf, INDArray input, ActivationLayout layout) {
        if (!(conf instanceof FeedForwardLayer) || conf instanceof EmbeddingLayer || conf instanceof EmbeddingSequenceLayer
                || input.rank() < 2) {
            return null;
        }
        long nIn = ((FeedForwardLayer) conf).getNIn();
        if (nIn <= 0) {
            return null;
        }
        int axis = input.rank() == 2 || layout == null || layout.rank() != input.rank() || !layout.isChannelsLast()
                ? 1 : input.rank() - 1;
        long channels = input.size(axis);
        if (channels == nIn) {
            return null;
        }
        return "the input has " + channels + " channels on axis " + axis + ", the layer is configured for nIn = " + nIn;
    }

    private static String name(ActivationLayout layout) {
        switch (layout.rank()) {
            case 2: return "features";
            case 3: return layout.isChannelsLast() ? "NWC" : "NCW";
            case 4: return layout.isChannelsLast() ? "NHWC" : "NCHW";
            case 5: return layout.isChannelsLast() ? "NDHWC" : "NCDHW";
            default: return "rank " + layout.rank();
        }
    }
}
