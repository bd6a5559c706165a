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

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.DataSet;

/**
 * grad_norm: the sum over layers of the Euclidean (Frobenius) norm of the loss gradient with respect to the
 * layer's weight matrix, {@code sum_l ||dL/dW_l||_2}, as defined by Abdelfattah, Mehrotra, Dudziak and Lane,
 * "Zero-Cost Proxies for Lightweight NAS", ICLR 2021.
 *
 * <p><b>Needs labels and gradients.</b> The loss is the network's own output-layer loss (cross-entropy for a
 * softmax classifier) averaged over the batch, computed with one forward and one backward pass in training mode
 * (batch normalisation uses batch statistics; dropout and weight noise are removed) on a private copy. Only
 * weight matrices ({@code W} of dense, convolution and output layers) count, not biases or batch-norm
 * parameters.
 *
 * <pre>{@code
 * ProxyResult r = new GradNorm().score(net, batchWithLabels);
 * }</pre>
 */
public final class GradNorm extends AbstractProxy {

    /**
     * Creates a GradNorm.
     */
    public GradNorm() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a GradNorm.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public GradNorm(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "grad_norm";
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public boolean needsGradients() {
        return true;
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        Model copy = Networks.workingCopy(model, seed);
        double sum = 0;
        for (Networks.Weight w : Networks.weights(copy,
                Networks.gradient(copy, data.getFeatures(), data.getLabels(), true))) {
            sum += w.gradient.norm2Number().doubleValue();
        }
        return sum;
    }
}
