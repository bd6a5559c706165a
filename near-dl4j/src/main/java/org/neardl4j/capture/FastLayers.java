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

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.reduce.Moments;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward passes that the capture computes itself with ND4J's own operations, for layer configurations whose
 * DL4J 1.0.0-M2.1 forward pass it reproduces exactly (up to float rounding), because the ND4J operations reach
 * faster kernels than DL4J's layers do (on the CPU: ND4J's {@code conv2d} goes to oneDNN when the
 * {@code -onednn} build of nd4j-native is loaded, while DL4J's {@code ConvolutionLayer} runs im2col and a gemm;
 * see docs/PERFORMANCE.md for the measured gains). The operations are backend-neutral ND4J operations, so they
 * run on the CUDA backend too.
 * <ul>
 *   <li>{@code ConvolutionLayer} itself (not its subclasses), 2-D input, modes {@code Truncate}, {@code Strict}
 *       and {@code Same}, any stride, padding and dilation, NCHW or NHWC, with or without bias: ND4J's
 *       {@code conv2d} with DL4J's weight layout {@code [out, in, kH, kW]}, then the layer's own activation
 *       function (so a recording activation still observes the pre-activation);</li>
 *   <li>{@code BatchNormalization} on 2-D or 4-D input (NCHW or NHWC) in training mode: the statistics of the
 *       batch exactly as DL4J computes them ({@code mean} and the biased {@code var} over every axis but the
 *       channel axis), then ND4J's {@code batchnorm}: {@code gamma * (x - mean) / sqrt(var + eps) + beta}
 *       (gamma and beta from the configuration when locked). The running statistics are not touched (DL4J updates
 *       them only in a backward pass).</li>
 * </ul>
 * Anything else, and any input these paths do not expect (a rank, channel count or data type other than the
 * layer's), runs DL4J's own layer, which also gives DL4J's own error for bad input. Outputs are made outside
 * every workspace, like DL4J's activations in the capture.
 *
 * <p>Public only for its switch:
 * <pre>{@code
 * System.setProperty(FastLayers.PROPERTY, "false");   // DL4J's own layers everywhere, e.g. to compare
 * boolean on = FastLayers.enabled();
 * }</pre>
 */
public final class FastLayers {

    /**
     * Switch for measurements and for tests comparing against DL4J's layers: {@code -Dneardl4j.fastLayers=false}
     * turns off every fast path of the library (these, and the native layer helpers of the proxies' working copies).
     */
    public static final String PROPERTY = "neardl4j.fastLayers";

    private FastLayers() {
    }

    /** A layer forward step that may decline (return null) for an input it does not handle. */
    interface Step {
        /**
         * @param layer the working copy's layer (its parameters)
         * @param input the layer's input (never modified)
         * @return the layer's output (outside every workspace), or null to run DL4J's own layer instead
         */
        INDArray forward(Layer layer, INDArray input);
    }

    /**
     * Whether fast paths are enabled: the default; the system property {@value #PROPERTY} = false disables them.
     *
     * @return false when {@value #PROPERTY} is {@code false}
     */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** The fast step for a working-copy layer configuration, or null when DL4J's own layer must run. */
    static Step of(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (!enabled() || conf == null) {
            return null;
        }
        if (conf.getClass() == ConvolutionLayer.class) {
            return convolution((ConvolutionLayer) conf);
        }
        if (conf.getClass() == BatchNormalization.class) {
            return batchNormalization((BatchNormalization) conf);
        }
        return null;
    }

    private static Step convolution(ConvolutionLayer c) {
        ConvolutionMode mode = c.getConvolutionMode();
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = c.getPadding();
        int[] d = c.getDilation();
        if (k == null || s == null || p == null || d == null || k.length != 2 || s.length != 2 || p.length != 2
                || d.length != 2 || c.getCnn2dDataFormat() == null) {
            return null;
        }
        boolean same;
        if (mode == ConvolutionMode.Same) {
            same = true;
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            same = false;
        } else {
            return null;   // Causal (1-D only) and anything newer
        }
        boolean nhwc = c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1])
                .pH(same ? 0 : p[0]).pW(same ? 0 : p[1])
                .dH(d[0]).dW(d[1])
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(nhwc ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.OIYX)
                .build();
        long nIn = c.getNIn();
        long nOut = c.getNOut();
        boolean bias = c.hasBias();
        int channelAxis = nhwc ? 3 : 1;
        return (layer, x) -> {
            INDArray w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
            if (x.rank() != 4 || x.size(channelAxis) != nIn || w == null || x.dataType() != w.dataType()
                    || w.rank() != 4 || w.size(0) != nOut || w.size(1) != nIn || w.size(2) != k[0] || w.size(3) != k[1]) {
                return null;
            }
            INDArray b = null;
            if (bias) {
                b = layer.getParam(ConvolutionParamInitializer.BIAS_KEY);
                if (b == null || b.length() != nOut) {
                    return null;
                }
                b = b.reshape(nOut);
            }
            INDArray z;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                z = b == null ? Nd4j.cnn().conv2d(x, w, config) : Nd4j.cnn().conv2d(x, w, b, config);
            }
            // the layer's own activation function, in place as DL4J applies it (a recorder observes z first)
            return c.getActivationFn().getActivation(z, true);
        };
    }

    private static Step batchNormalization(BatchNormalization conf) {
        double eps = conf.getEps();
        boolean locked = conf.isLockGammaBeta();
        boolean nhwc = conf.getCnn2DFormat() == CNN2DFormat.NHWC;
        long n = conf.getNOut();
        return (layer, x) -> {
            int[] reduce;
            int axis;
            if (x.rank() == 2) {
                reduce = new int[] {0};
                axis = 1;
            } else if (x.rank() == 4) {
                reduce = nhwc ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
                axis = nhwc ? 3 : 1;
            } else {
                return null;
            }
            if (x.size(axis) != n || !x.dataType().isFPType()) {
                return null;
            }
            INDArray gamma;
            INDArray beta;
            if (locked) {
                gamma = Nd4j.valueArrayOf(new long[] {n}, conf.getGamma(), x.dataType());
                beta = Nd4j.valueArrayOf(new long[] {n}, conf.getBeta(), x.dataType());
            } else {
                gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
                beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
                if (gamma == null || beta == null || gamma.length() != n || beta.length() != n
                        || gamma.dataType() != x.dataType()) {
                    return null;
                }
                gamma = gamma.reshape(n);
                beta = beta.reshape(n);
            }
            // DL4J: mean and biased variance of the batch over every axis but the channel axis (one moments op)
            INDArray[] moments = Nd4j.exec(new Moments(x, reduce));
            INDArray mean = moments[0].reshape(n);
            INDArray var = moments[1].reshape(n);
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.nn().batchNorm(x, mean, var, gamma, beta, eps, axis);
            }
        };
    }
}
