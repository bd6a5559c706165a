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
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.capture.FastLayersSwitch;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native layer helpers give the gradients and outputs of DL4J's own layers: every case compares a working copy
 * with helpers (counted, so that the helper is seen to run) against the same network in double precision on
 * DL4J's own code (the helpers decline doubles), and against DL4J's own float code, on NCHW and NHWC.
 */
class LayerHelpersTest {

    private static final int BATCH = 6;
    private static final int SIZE = 9;
    private static final int CHANNELS = 3;

    /** The layer under test, between an input in the given format and a global-pooling softmax head. */
    private static MultiLayerNetwork net(DataType type, CNN2DFormat format, org.deeplearning4j.nn.conf.layers.Layer... middle) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .weightInit(WeightInit.XAVIER).list();
        for (org.deeplearning4j.nn.conf.layers.Layer l : middle) {
            b.layer(l);
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = b.setInputType(InputType.convolutional(SIZE, SIZE, CHANNELS, format)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static INDArray input(CNN2DFormat format) {
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, CHANNELS, SIZE, SIZE).subi(0.5).muli(3);
        return format == CNN2DFormat.NCHW ? x : x.permute(0, 2, 3, 1).dup();
    }

    private static INDArray labels() {
        return labels(BATCH);
    }

    /** One-hot labels of {@code n} samples, classes 0, 1, 2, 3, 0, ... */
    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 4, 1);
        }
        return y;
    }

    /** Calls of the counting helpers that {@link #count} puts in place of the installed ones. */
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** Replaces layer 0's installed helper by a counting one of the same class, so that the test sees it used. */
    private static void count(Layer l) throws ReflectiveOperationException {
        Object h = helper(l);
        Object counting;
        if (h instanceof MKLDNNConvHelper) {
            counting = new MKLDNNConvHelper(DataType.FLOAT) {
                @Override
                public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
                                          int[] pad, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                                          org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo,
                                          ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                                          LayerWorkspaceMgr workspaceMgr) {
                    CALLS.incrementAndGet();
                    return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                            dilation, format, workspaceMgr);
                }
            };
        } else if (h instanceof MKLDNNBatchNormHelper) {
            counting = new MKLDNNBatchNormHelper(DataType.FLOAT) {
                @Override
                public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                          INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                                          LayerWorkspaceMgr workspaceMgr) {
                    CALLS.incrementAndGet();
                    return super.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
                }
            };
        } else {
            throw new AssertionError("unexpected helper " + h);
        }
        Class<?> c = l.getClass();
        Field f = c.getDeclaredField("helper");
        f.setAccessible(true);
        f.set(l, counting);
    }

    private static Object helper(Layer l) throws ReflectiveOperationException {
        Class<?> c = l.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField("helper");
                f.setAccessible(true);
                return f.get(l);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            }
        }
        return null;
    }

    /** Gradient (flattened, double) and score of one forward/backward pass in training mode. */
    private record Pass(INDArray gradient, double score, INDArray output) {
    }

    private static Pass pass(MultiLayerNetwork n, INDArray x, INDArray y) {
        INDArray out = n.output(x.castTo(n.params().dataType()), true).castTo(DataType.DOUBLE);
        n.setInput(x.castTo(n.params().dataType()));
        n.setLabels(y.castTo(n.params().dataType()));
        n.computeGradientAndScore();
        return new Pass(n.getFlattenedGradients().castTo(DataType.DOUBLE), n.score(), out);
    }

    /**
     * Checks the case: the helper is installed on layer 0 exactly when {@code expectHelper}; gradients and outputs
     * with helpers agree with the double-precision network as closely as DL4J's own float code does (relative
     * error below 1e-5, against float rounding of about 1e-7 on these sizes).
     */
    private static void check(CNN2DFormat format, boolean expectHelper, org.deeplearning4j.nn.conf.layers.Layer... middle)
            throws ReflectiveOperationException {
        MultiLayerNetwork user = net(DataType.FLOAT, format, middle);
        MultiLayerNetwork twin = net(DataType.DOUBLE, format, middle);
        twin.setParams(user.params().castTo(DataType.DOUBLE));
        INDArray x = input(format);
        INDArray y = labels();

        MultiLayerNetwork fast = (MultiLayerNetwork) Networks.workingCopy(user, null);
        int installed = LayerHelpers.install(fast);   // again: the count of this configuration
        MultiLayerNetwork plain = (MultiLayerNetwork) FastLayersSwitch.with(false, () -> Networks.workingCopy(user, null));
        assertNull(helper(plain.getLayer(0)), "helpers off: none installed");
        if (expectHelper) {
            assertNotNull(helper(fast.getLayer(0)), "helper on layer 0");
            assertTrue(installed >= 1);
            count(fast.getLayer(0));
        } else {
            assertNull(helper(fast.getLayer(0)), "no helper for this configuration");
        }

        Pass ref = pass(twin, x, y);
        CALLS.set(0);
        Pass f = pass(fast, x, y);
        if (expectHelper) {   // the output, then the gradient's forward (DL4J's convolution backward runs it again)
            assertTrue(CALLS.get() >= 2, "helper forward calls: " + CALLS.get());
        }
        Pass p = pass(plain, x, y);
        double gn = ref.gradient.norm2Number().doubleValue();
        assertTrue(gn > 1e-3, "a gradient to compare");
        double errFast = f.gradient.sub(ref.gradient).norm2Number().doubleValue() / gn;
        double errPlain = p.gradient.sub(ref.gradient).norm2Number().doubleValue() / gn;
        assertTrue(errPlain < 1e-5, "DL4J's own float code vs double: " + errPlain);
        assertTrue(errFast < 1e-5, "helpers vs double: " + errFast + " (DL4J float: " + errPlain + ")");
        double on = ref.output.norm2Number().doubleValue();
        assertTrue(f.output.sub(ref.output).norm2Number().doubleValue() / on < 1e-5, "output with helpers");
        assertEquals(ref.score, f.score, 1e-5 * Math.abs(ref.score));
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionTruncateWithBias(CNN2DFormat format) throws ReflectiveOperationException {
        check(format, true, new ConvolutionLayer.Builder(3, 3).nOut(5).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.TANH).dataFormat(format).build());
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionSameStrideTwoNoBias(CNN2DFormat format) throws ReflectiveOperationException {
        check(format, true, new ConvolutionLayer.Builder(3, 3).nOut(4).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                .hasBias(false).activation(Activation.RELU).dataFormat(format).build());
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionDilatedStrict(CNN2DFormat format) throws ReflectiveOperationException {
        check(format, true, new ConvolutionLayer.Builder(3, 3).nOut(4).dilation(2, 2).padding(2, 2)
                .convolutionMode(ConvolutionMode.Strict).activation(Activation.IDENTITY).dataFormat(format).build(),
                new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.SIGMOID).dataFormat(format).build());
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void batchNormalisation(CNN2DFormat format) throws ReflectiveOperationException {
        check(format, true, new BatchNormalization.Builder().dataFormat(format).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).dataFormat(format).build());
    }

    @Test
    void batchNormalisationWithLockedGammaBetaKeepsDl4jsOwnCode() throws ReflectiveOperationException {
        check(CNN2DFormat.NCHW, false, new BatchNormalization.Builder().lockGammaBeta(true).build(),
                new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build());
    }

    /** Dense, batch normalisation, softmax: the 2-D case of the batch-normalisation helper. */
    private static MultiLayerNetwork denseWithBatchNorm(DataType type) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5)).build());
        n.init();
        return n;
    }

    @Test
    void denseBatchNormalisation() {
        MultiLayerNetwork user = denseWithBatchNorm(DataType.FLOAT);
        MultiLayerNetwork twin = denseWithBatchNorm(DataType.DOUBLE);
        twin.setParams(user.params().castTo(DataType.DOUBLE));
        MultiLayerNetwork fast = (MultiLayerNetwork) Networks.workingCopy(user, null);
        assertEquals(1, LayerHelpers.install(fast));
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 5).subi(0.5);
        Pass ref = pass(twin, x, labels());
        Pass f = pass(fast, x, labels());
        double err = f.gradient.sub(ref.gradient).norm2Number().doubleValue() / ref.gradient.norm2Number().doubleValue();
        assertTrue(err < 1e-5, "dense batch normalisation with the helper vs double: " + err);
    }

    /**
     * Every proxy is as accurate with the helpers as with DL4J's own float code: against the same network in double
     * precision, its error with helpers is at most twice DL4J's own float error, or below 1e-4 relative. (jacob_cov
     * is ill-conditioned in float: on this network DL4J's own float code is 18% off its double value.)
     */
    @Test
    void everyProxyIsAsAccurateWithHelpers() {
        org.deeplearning4j.nn.conf.layers.Layer[] layers = {
                new ConvolutionLayer.Builder(3, 3).nOut(6).padding(1, 1).activation(Activation.IDENTITY).build(),
                new BatchNormalization.Builder().build(),
                new ConvolutionLayer.Builder(3, 3).nOut(6).stride(2, 2).activation(Activation.RELU).build(),
                new BatchNormalization.Builder().activation(Activation.RELU).build()};
        MultiLayerNetwork net = net(DataType.FLOAT, CNN2DFormat.NCHW, layers);
        MultiLayerNetwork twin = net(DataType.DOUBLE, CNN2DFormat.NCHW, layers);
        twin.setParams(net.params().castTo(DataType.DOUBLE));
        INDArray y = labels(8);
        org.nd4j.linalg.dataset.DataSet data = new org.nd4j.linalg.dataset.DataSet(
                Nd4j.rand(DataType.FLOAT, 8, CHANNELS, SIZE, SIZE), y);
        org.nd4j.linalg.dataset.DataSet doubles = new org.nd4j.linalg.dataset.DataSet(
                data.getFeatures().castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE));
        int compared = 0;
        for (ZeroCostProxy proxy : ZeroCostProxies.all(ProxyOptions.defaults())) {
            if (proxy.name().equals("near")) {
                continue;     // the capture's own fast layers, tested in capture.FastLayersTest
            }
            double exact = proxy.score(twin, doubles).score();
            double with = proxy.score(net, data).score();
            double without = FastLayersSwitch.with(false, () -> proxy.score(net, data).score());
            double errWith = Math.abs(with - exact);
            double errWithout = Math.abs(without - exact);
            assertTrue(errWith <= Math.max(2 * errWithout, 1e-4 * Math.max(1, Math.abs(exact))), proxy.name()
                    + ": double " + exact + ", float with helpers " + with + ", DL4J's own float code " + without);
            compared++;
        }
        assertEquals(ZeroCostProxies.NAMES.size() - 1, compared);
    }
}
