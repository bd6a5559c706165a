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
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SynFlow: the synaptic saliency {@code sum_W sum (dR/dW * W)} of the linearised network with absolute weights,
 * where {@code R = 1^T (prod_l |W_l|) 1} is the sum of the outputs for an all-ones input, from Tanaka, Kunin,
 * Yamins and Ganguli, "Pruning neural networks without any data by iteratively conserving synaptic flow",
 * NeurIPS 2020, used as a zero-cost proxy by Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS",
 * ICLR 2021.
 *
 * <p><b>Needs gradients, not labels</b>; the data is used only for the shape of one input sample. How it is
 * realised in DL4J, on a private derived network in double precision:
 * <ul>
 *   <li>every parameter (weights, biases, batch-norm parameters) is replaced by its absolute value;</li>
 *   <li>every activation function (fused in a layer or a stand-alone {@code ActivationLayer}) becomes the
 *       identity, so the network is linear as in the paper (for ReLU networks this changes nothing, since with
 *       positive weights and inputs every pre-activation is positive); pooling and graph vertices stay;</li>
 *   <li>batch normalisation layers are removed (replaced by an identity layer), as in the reference
 *       implementation of Abdelfattah et al.;</li>
 *   <li>the output layer gets an identity activation and {@link SumOfOutputsLoss}, whose gradient is 1 for
 *       every output, so DL4J's backward pass gives {@code dR/dW};</li>
 *   <li>the input is a single sample of ones.</li>
 * </ul>
 * Only weight matrices ({@code W}) are summed, not biases. The value grows exponentially with depth; compare
 * networks by its logarithm or rank.
 *
 * <pre>{@code
 * ProxyResult r = new SynFlow().score(net, batch);
 * }</pre>
 */
public final class SynFlow extends AbstractProxy {

    /**
     * Creates a SynFlow.
     */
    public SynFlow() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a SynFlow.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public SynFlow(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "synflow";
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public boolean needsGradients() {
        return true;
    }

    @Override
    long samplesUsed(DataSet data) {
        return 1;
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        Model linear = Networks.derive(model, seed, OutputEdits.linearised(), true);
        linear = linear instanceof MultiLayerNetwork ? ((MultiLayerNetwork) linear).convertDataType(DataType.DOUBLE)
                : ((ComputationGraph) linear).convertDataType(DataType.DOUBLE);
        long[] shape = data.getFeatures().shape().clone();
        shape[0] = 1;
        INDArray ones = Nd4j.ones(DataType.DOUBLE, shape);
        INDArray labels = Networks.zeroLabels(linear, ones, true);
        double sum = 0;
        for (Networks.Weight w : Networks.weights(linear, Networks.gradient(linear, ones, labels, false))) {
            sum += w.gradient.mul(w.value).sumNumber().doubleValue();
        }
        Preconditions.checkState(!Double.isNaN(sum), "SynFlow gave NaN");
        return sum;
    }
}
