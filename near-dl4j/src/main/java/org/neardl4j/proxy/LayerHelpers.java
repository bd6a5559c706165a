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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.FastLayers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Gives a proxy's working copy DL4J's own native layer helpers, which DL4J 1.0.0-M2.1 ships but never switches
 * on: its {@code HelperUtils} creates them only when the system property {@code org.deeplearning4j.helpers.disable}
 * is false (the default is true), and even then {@code BaseMKLDNNHelper.mklDnnEnabled()} looks for the class
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, which nd4j-native 1.0.0-M2.1 does not have, so every layer
 * runs DL4J's Java im2col, col2im and element-wise code. The helpers run ND4J's {@code conv2d}/{@code conv2d_bp}
 * and {@code batchnorm}/{@code batchnorm_bp}, which go to oneDNN with the {@code -onednn} build of nd4j-native and
 * to libnd4j's own kernels otherwise. (DL4J's {@code SubsamplingLayer} already runs ND4J's pooling ops itself; its
 * helper would only replace the backward op, without DL4J's choice of divisor for average pooling, so it is left
 * out.) On a
 * NAS-Bench-201 network a forward and backward pass (what grad_norm, SNIP, jacob_cov and ZiCo cost) takes about a
 * tenth of DL4J's own time with the oneDNN build (docs/NB201.md gives the measured figures).
 *
 * <p>Installed only on working copies (never on the user's model), only on the CPU backend with helpers allowed
 * ({@code Nd4j.getEnvironment().helpersAllowed()}), only with the fast paths on (system property
 * {@value FastLayers#PROPERTY}, default true), and only on these exact classes (not their subclasses, which
 * override the methods involved):
 * <ul>
 *   <li>{@code ConvolutionLayer} (2-D convolution, any mode, stride, padding, dilation, format, bias);</li>
 *   <li>{@code BatchNormalization} without locked gamma and beta (as the helper's own
 *       {@code checkSupported} requires).</li>
 * </ul>
 * Each helper declines (DL4J's own code runs) for any data type but float. Every path is tested against DL4J's own
 * gradients in LayerHelpersTest. The helpers keep their op arguments from the first call, so a working copy must
 * see one input shape only, which holds: a working copy scores one DataSet.
 */
final class LayerHelpers {

    private static final Logger log = LoggerFactory.getLogger(LayerHelpers.class);

    private LayerHelpers() {
    }

    /** Whether helpers are installed at all: fast paths on, the CPU backend, helpers allowed by ND4J. */
    static boolean applicable() {
        return FastLayers.enabled()
                && "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))
                && Nd4j.getEnvironment().helpersAllowed();
    }

    /**
     * Installs the helpers on a working copy's layers where they apply.
     *
     * @param copy a working copy (a network this package built)
     * @return how many layers got a helper
     */
    static int install(Model copy) {
        if (!applicable()) {
            return 0;
        }
        Layer[] layers = copy instanceof MultiLayerNetwork ? ((MultiLayerNetwork) copy).getLayers()
                : ((ComputationGraph) copy).getLayers();
        DataType dataType = Networks.dataType(copy);
        int n = 0;
        for (Layer l : layers) {
            if (install(l, dataType)) {
                n++;
            }
        }
        log.debug("native layer helpers on {} of {} layers", n, layers.length);
        return n;
    }

    private static boolean install(Layer l, DataType dataType) {
        Class<?> c = l.getClass();
        if (c == ConvolutionLayer.class) {
            return set(ConvolutionLayer.class, l, new MKLDNNConvHelper(dataType));
        }
        if (c == BatchNormalization.class) {
            org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                    (org.deeplearning4j.nn.conf.layers.BatchNormalization) l.conf().getLayer();
            return !conf.isLockGammaBeta()
                    && set(BatchNormalization.class, l, new MKLDNNBatchNormHelper(dataType));
        }
        return false;
    }

    /** Sets the layer's private {@code helper} field; false (and DL4J's own code runs) where reflection is refused. */
    private static boolean set(Class<?> owner, Layer l, Object helper) {
        try {
            Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(l, helper);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("no native helper for layer {}: {}", l.conf().getLayer().getLayerName(), e.toString());
            return false;
        }
    }
}
