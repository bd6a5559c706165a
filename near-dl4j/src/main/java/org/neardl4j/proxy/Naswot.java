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
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.rank.SymmetricEigen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * NASWOT: the log-determinant of the Hamming kernel of binary activation codes, from Mellor, Turner, Storkey and
 * Crowley, "Neural Architecture Search without Training", ICML 2021. Each sample's code {@code c} concatenates,
 * over the hidden activation functions, one bit per unit: whether the unit is active. With {@code N_A} units,
 * {@code K_ij = N_A - hamming(c_i, c_j) = c_i.c_j + (1 - c_i).(1 - c_j)} over the {@code N} samples of the batch,
 * and the score is {@code ln |det K|} ({@code -Infinity} when K is numerically singular, e.g. for duplicated
 * samples).
 *
 * <p><b>Needs neither labels nor gradients</b>: one forward pass in training mode (batch normalisation uses
 * batch statistics) through a private copy. The paper defines the code for ReLU units (active: output
 * {@code > 0}). For any activation function {@code f} this implementation takes a unit as active when
 * {@code f(z) > f(0)}, which is {@code z > 0} for ReLU, leaky ReLU, ELU, tanh, sigmoid, swish and GELU, so
 * ReLU networks get exactly the paper's value and networks with other activations the sign code of their
 * pre-activations. Hidden activations are every activation function (fused in a layer or a stand-alone
 * {@code ActivationLayer}) except softmax and those of output layers. The paper uses batches of 128.
 *
 * <pre>{@code
 * ProxyResult r = new Naswot().score(net, batchOf128);
 * }</pre>
 */
public final class Naswot extends AbstractProxy {

    private static final Logger log = LoggerFactory.getLogger(Naswot.class);

    /**
     * Creates a Naswot.
     */
    public Naswot() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a Naswot.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public Naswot(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "naswot";
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public boolean needsGradients() {
        return false;
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        ModelCapture capture = seed == null ? ModelCapture.of(model) : ModelCapture.freshlyInitialised(model, seed);
        long n = data.getFeatures().size(0);
        INDArray kernel = Nd4j.zeros(DataType.DOUBLE, n, n);
        Map<MatrixSite, Double> thresholds = new HashMap<>();
        for (MatrixSite site : capture.sites()) {
            if (site.kind() == MatrixKind.POST) {
                IActivation f = activation(model, site);
                if (f != null) {
                    thresholds.put(site, f.getActivation(Nd4j.zeros(DataType.DOUBLE, 1, 1), false).getDouble(0));
                }
            }
        }
        int[] units = {0};
        capture.forward(new INDArray[] {data.getFeatures()}, new org.neardl4j.capture.ActivationSink() {
            @Override
            public void accept(MatrixSite site, INDArray activation, org.neardl4j.sampling.ActivationLayout layout) {
                Double t = thresholds.get(site);
                if (t == null) {
                    return;
                }
                INDArray c = activation.reshape(activation.size(0), -1).gt(t).castTo(DataType.DOUBLE);
                INDArray notC = c.rsub(1.0);
                kernel.addi(c.mmul(c.transpose())).addi(notC.mmul(notC.transpose()));
                units[0] += (int) c.size(1);
            }

            @Override
            public boolean wants(MatrixSite site) {
                return thresholds.containsKey(site);
            }
        });
        if (units[0] == 0) {
            log.warn("naswot: the network has no hidden activation function; score is -Infinity");
            return Double.NEGATIVE_INFINITY;
        }
        return logAbsDet(kernel.toDoubleMatrix());
    }

    /**
     * {@code ln |det A|} of a symmetric matrix, from its eigenvalues (no overflow for large determinants);
     * {@code -Infinity} when the matrix is numerically singular (an eigenvalue at most {@code n * eps} times the
     * largest in magnitude, the rank tolerance of LAPACK-based tools).
     */
    static double logAbsDet(double[][] symmetric) {
        double[] ev = SymmetricEigen.eigenvalues(symmetric);
        double max = 0;
        for (double v : ev) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = max * ev.length * Math.ulp(1.0);
        double s = 0;
        for (double v : ev) {
            if (Math.abs(v) <= tol) {
                return Double.NEGATIVE_INFINITY;
            }
            s += Math.log(Math.abs(v));
        }
        return s;
    }

    /**
     * The activation function behind a post-activation site of the user's network, or null for output layers and
     * softmax.
     */
    static IActivation activation(Model model, MatrixSite site) {
        Layer conf;
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            if (site.layerIndex() == net.getnLayers() - 1) {
                return null;
            }
            conf = net.getLayer(site.layerIndex()).conf().getLayer();
        } else {
            ComputationGraph g = (ComputationGraph) model;
            if (g.getConfiguration().getNetworkOutputs().contains(site.layerName())) {
                return null;
            }
            conf = g.getLayer(site.layerName()).conf().getLayer();
        }
        conf = Networks.unwrap(conf);
        IActivation f = null;
        if (conf instanceof BaseLayer) {
            f = ((BaseLayer) conf).getActivationFn();
        } else if (conf instanceof ActivationLayer) {
            f = ((ActivationLayer) conf).getActivationFn();
        }
        return f == null || f instanceof ActivationSoftmax ? null : f;
    }
}
