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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SNIP: connection sensitivity summed over all weights, {@code sum |dL/dW * W|} (element-wise product), from Lee,
 * Ajanthan and Torr, "SNIP: Single-shot Network Pruning based on Connection Sensitivity", ICLR 2019, used as a
 * zero-cost proxy by Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021.
 *
 * <p><b>Needs labels and gradients.</b> The loss is the network's own output-layer loss averaged over the
 * batch (one forward and backward pass in training mode on a private copy, dropout removed). Only weight
 * matrices ({@code W}) count.
 *
 * <pre>{@code
 * ProxyResult r = new Snip().score(net, batchWithLabels);
 * }</pre>
 */
public final class Snip extends AbstractProxy {

    /**
     * Creates a Snip.
     */
    public Snip() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a Snip.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public Snip(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "snip";
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
            sum += Transforms.abs(w.gradient.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .mul(w.value.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)), false).sumNumber().doubleValue();
        }
        return sum;
    }
}
