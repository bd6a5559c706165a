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

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;

import java.util.Map;
import java.util.Set;

/**
 * Number of trainable parameters: every parameter of every layer except batch normalisation's running mean and
 * variance (which DL4J stores as parameters but does not train). The simplest baseline of the zero-cost-proxy
 * literature (e.g. Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021, and Ning et al.,
 * "Evaluating Efficient Performance Estimators of Neural Architectures", NeurIPS 2021). Needs neither labels nor
 * gradients, nor in fact data; it does not depend on the weights, so all repetitions give the same value.
 *
 * <pre>{@code
 * double params = new ParameterCount().score(net, batch).score();
 * }</pre>
 */
public final class ParameterCount extends AbstractProxy {

    private static final Set<String> BN_STATISTICS = Set.of("mean", "var", "log10stdev");

    /**
     * Creates a ParameterCount.
     */
    public ParameterCount() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a ParameterCount.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public ParameterCount(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "params";
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public boolean needsGradients() {
        return false;
    }

    /**
     * The trainable parameter count of a network, without any data.
     *
     * <p>{@code ArchitectureRanking} reports this count as a candidate's parameters; unlike the proxy's
     * {@link #score}, it takes graphs with any number of inputs and outputs.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @return the number of parameters of all layers, without batch normalisation's running mean and variance
     * @throws IllegalArgumentException if the model is not initialised or of another type
     */
    public static long of(Model model) {
        Networks.checkInitialised(model);
        long n = 0;
        for (Layer l : Networks.layers(model)) {
            boolean bn = Networks.unwrap(l.conf().getLayer()) instanceof BatchNormalization;
            for (Map.Entry<String, INDArray> e : l.paramTable().entrySet()) {
                if (!(bn && BN_STATISTICS.contains(e.getKey()))) {
                    n += e.getValue().length();
                }
            }
        }
        return n;
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        return of(model);
    }
}
