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
package org.neardl4j.proxy;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

import java.util.function.UnaryOperator;

/** Configuration edits used to derive the networks of {@link SynFlow} and {@link JacobCov}. */
final class OutputEdits {

    private OutputEdits() {
    }

    /** Output layers: identity activation (logits) and {@link SumOfOutputsLoss}; other layers unchanged. */
    static UnaryOperator<Layer> sumOfLogits() {
        return conf -> {
            Layer inner = Networks.unwrap(conf);
            if (inner instanceof BaseOutputLayer) {
                ((BaseOutputLayer) inner).setActivationFn(new ActivationIdentity());
                ((BaseOutputLayer) inner).setLossFn(new SumOfOutputsLoss());
            } else if (inner instanceof LossLayer) {
                ((LossLayer) inner).setActivationFn(new ActivationIdentity());
                ((LossLayer) inner).setLossFn(new SumOfOutputsLoss());
            }
            return conf;
        };
    }

    /**
     * The linearised network of SynFlow: every activation function the identity, every batch normalisation layer
     * replaced by an identity activation layer of the same name, and output layers as in {@link #sumOfLogits()}.
     */
    static UnaryOperator<Layer> linearised() {
        UnaryOperator<Layer> out = sumOfLogits();
        return conf -> {
            Layer inner = Networks.unwrap(conf);
            if (inner instanceof BatchNormalization) {
                Preconditions.checkArgument(inner == conf, "layer %s: a wrapped batch normalisation layer is not supported",
                        conf.getLayerName());
                return new ActivationLayer.Builder().name(conf.getLayerName()).activation(new ActivationIdentity())
                        .build();
            }
            if (inner instanceof BaseLayer) {
                ((BaseLayer) inner).setActivationFn(new ActivationIdentity());
            } else if (inner instanceof ActivationLayer) {
                ((ActivationLayer) inner).setActivationFn(new ActivationIdentity());
            }
            return out.apply(conf);
        };
    }
}
