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

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MatrixCheck.Expected;
import static org.neardl4j.capture.MatrixCheck.feedForward;
import static org.neardl4j.capture.MatrixCheck.post;
import static org.neardl4j.capture.MatrixCheck.pre;
import static org.neardl4j.capture.MatrixCheck.preActivation;

/**
 * For each supported layer type, a tiny MultiLayerNetwork whose NEAR matrices (names, kinds, shapes, first and
 * random blocks, effective ranks) are compared with matrices built by hand from DL4J's own forward pass
 * (NEAR-METHOD.md sections 2-3).
 */
class MultiLayerMatricesTest {

    static final NearScorer FIRST = NearScorer.builder().blockMode(BlockMode.FIRST)
            .rankMethod(MatrixCheck.EXACT).build();

    static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).biasInit(0.1)
                .convolutionMode(ConvolutionMode.Truncate);
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray gaussian(long... shape) {
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    static List<String> skipped(NearResult r) {
        return r.skipped().stream().map(s -> s.layerName() + ":" + s.layerType() + (s.unsupported() ? "!" : ""))
                .collect(Collectors.toList());
    }

    static void check(MultiLayerNetwork net, INDArray x, List<Expected> want) {
        NearResult r = FIRST.score(net, x);
        MatrixCheck.assertFirstBlocks(r, want);
        MatrixCheck.assertRandomBlocks(net, new INDArray[] {x}, want);
    }

    @Test
    void denseOutputAndDropout() {
        MultiLayerNetwork net = init(base().list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(5).nOut(6).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("linear").nIn(6).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new DropoutLayer.Builder(0.5).name("drop").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        INDArray x = gaussian(10, 5);
        // the scorer removes dropout: compare with DL4J's inference pass (no dropout, no batch norm here)
        List<INDArray> ff = feedForward(net, x, false);
        List<Expected> want = List.of(
                pre("hidden", Independent.dense(x, net.getParam("0_W"), net.getParam("0_b")), "FF"),
                post("hidden", ff.get(1), "FF"),
                pre("linear", Independent.dense(ff.get(1), net.getParam("1_W"), net.getParam("1_b")), "FF"),
                pre("out", Independent.dense(ff.get(3), net.getParam("3_W"), net.getParam("3_b")), "FF"),
                post("out", ff.get(4), "FF"));
        check(net, x, want);
        NearResult r = FIRST.score(net, x);
        assertEquals(List.of("drop:DropoutLayer"), skipped(r));
        assertEquals(List.of(6L, 6L, 4L, 3L, 3L), r.matrices().stream().map(m -> m.rows()).collect(Collectors.toList()));
        assertEquals(List.of(0, 0, 1, 3, 3), r.matrices().stream().map(m -> m.layerIndex()).collect(Collectors.toList()));
        assertEquals(List.of("DenseLayer", "DenseLayer", "DenseLayer", "OutputLayer", "OutputLayer"),
                r.matrices().stream().map(m -> m.layerType()).collect(Collectors.toList()));
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void unnamedLayersGetDl4jDefaultNames() {
        MultiLayerNetwork net = init(base().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        NearResult r = FIRST.score(net, gaussian(4, 3));
        assertEquals(List.of("layer0", "layer0", "layer1"),
                r.matrices().stream().map(m -> m.layerName()).collect(Collectors.toList()));
    }

    static INDArray toFormat(INDArray nchw, CNN2DFormat f) {
        return f == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionPoolingGlobalPooling(CNN2DFormat f) {
        String layout = f.name();
        // H = 7, W = 6: distinct sizes, so the (n, w, h) row order is tested
        MultiLayerNetwork net = init(base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv0").nOut(8).activation(Activation.RELU)
                        .dataFormat(f).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {2, 2}, new int[] {1, 1})
                        .name("pool").dataFormat(f).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv1").nOut(3).activation(Activation.IDENTITY)
                        .dataFormat(f).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(7, 6, 2, f))
                .build());
        INDArray x = toFormat(gaussian(3, 2, 7, 6), f);
        List<INDArray> ff = feedForward(net, x, true);
        List<Expected> want = List.of(
                pre("conv0", preActivation(net, x, 0, true), layout),
                post("conv0", ff.get(1), layout),
                pre("conv1", ff.get(3), layout),
                pre("out", Independent.dense(ff.get(4), net.getParam("4_W"), net.getParam("4_b")), "FF"));
        assertEquals(5, ff.get(1).size(f == CNN2DFormat.NCHW ? 2 : 1), "shape sanity: H = 7 - 2");
        check(net, x, want);
        assertEquals(List.of("pool:SubsamplingLayer", "gap:GlobalPoolingLayer"), skipped(FIRST.score(net, x)));
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void convolution1D(RNNFormat f) {
        MultiLayerNetwork net = init(base().list()
                .layer(new Convolution1DLayer.Builder().kernelSize(2).name("conv1d").nOut(5)
                        .activation(Activation.TANH).rnnDataFormat(f).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gmp")
                        .poolingDimensions(f == RNNFormat.NCW ? 2 : 1).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(3, 7, f))
                .build());
        INDArray x = gaussian(2, 3, 7);
        if (f == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup('c');
        }
        List<INDArray> ff = feedForward(net, x, true);
        List<Expected> want = List.of(
                pre("conv1d", preActivation(net, x, 0, true), f.name()),
                post("conv1d", ff.get(1), f.name()),
                pre("out", Independent.dense(ff.get(2), net.getParam("2_W"), net.getParam("2_b")), "FF"));
        check(net, x, want);
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void separableDepthwiseDeconvolution(CNN2DFormat f) {
        String layout = f.name();
        MultiLayerNetwork net = init(base().list()
                .layer(new SeparableConvolution2D.Builder(2, 2).name("sep").nOut(4).depthMultiplier(2)
                        .activation(Activation.RELU).dataFormat(f).build())
                .layer(new DepthwiseConvolution2D.Builder(2, 2).name("dw").depthMultiplier(2)
                        .activation(Activation.SIGMOID).dataFormat(f).build())
                .layer(new Deconvolution2D.Builder(2, 2).name("deconv").nOut(3).stride(1, 1)
                        .activation(Activation.TANH).dataFormat(f).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(6, 5, 2, f))
                .build());
        INDArray x = toFormat(gaussian(2, 2, 6, 5), f);
        List<INDArray> ff = feedForward(net, x, true);
        List<Expected> want = List.of(
                pre("sep", preActivation(net, x, 0, true), layout),
                post("sep", ff.get(1), layout),
                pre("dw", preActivation(net, x, 1, true), layout),
                post("dw", ff.get(2), layout),
                pre("deconv", preActivation(net, x, 2, true), layout),
                post("deconv", ff.get(3), layout),
                pre("out", Independent.dense(ff.get(4), net.getParam("4_W"), net.getParam("4_b")), "FF"));
        check(net, x, want);
        NearResult r = FIRST.score(net, x);
        assertEquals(List.of(4L, 4L, 8L, 8L, 3L, 3L, 2L), r.matrices().stream().map(m -> m.cols()).collect(Collectors.toList()));
        assertEquals(List.of("SeparableConvolution2D", "DepthwiseConvolution2D", "Deconvolution2D"),
                r.matrices().stream().map(m -> m.layerType()).distinct().limit(3).collect(Collectors.toList()));
    }

    /**
     * Batch normalisation with a configured RELU: DL4J's BatchNormalization layer ignores its activation
     * function in the forward pass, so it gives one matrix (pre), computed here with the batch statistics
     * (biased variance); the deliberately odd running mean/variance must not be used.
     */
    @Test
    void batchNormalizationDense() {
        MultiLayerNetwork net = init(base().list()
                .layer(new DenseLayer.Builder().name("d").nIn(4).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(6).eps(1e-5).useLogStd(false)
                        .activation(Activation.RELU).build())
                .layer(new ActivationLayer.Builder().name("act").activation(Activation.TANH).build())
                .layer(new ActivationLayer.Builder().name("noop").activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        double[] gamma = {0.5, 1.5, 2.0, 0.7, 1.1, 0.9};
        double[] beta = {0.1, -0.2, 0.3, 0.0, -0.5, 0.25};
        net.setParam("1_gamma", Nd4j.createFromArray(new double[][] {gamma}));
        net.setParam("1_beta", Nd4j.createFromArray(new double[][] {beta}));
        net.setParam("1_mean", Nd4j.valueArrayOf(new long[] {1, 6}, 0.7, DataType.DOUBLE));
        net.setParam("1_var", Nd4j.valueArrayOf(new long[] {1, 6}, 5.0, DataType.DOUBLE));
        INDArray x = gaussian(12, 4);
        INDArray z = Independent.dense(x, net.getParam("0_W"), net.getParam("0_b"));
        INDArray bn = Independent.batchNorm(z, 1, gamma, beta, 1e-5);
        assertTrue(bn.minNumber().doubleValue() < 0, "beta and the data make some values negative: no RELU applied");
        List<INDArray> ff = feedForward(net, x, true);
        assertTrue(ff.get(2).equalsWithEps(bn, 1e-9), "DL4J's BN output is gamma * xhat + beta, the RELU is ignored");
        List<Expected> want = List.of(
                pre("d", z, "FF"),
                pre("bn", bn, "FF"),
                post("act", Transforms_tanh(bn), "FF"),
                pre("out", Independent.dense(ff.get(4), net.getParam("4_W"), net.getParam("4_b")), "FF"));
        check(net, x, want);
        NearResult r = FIRST.score(net, x);
        assertEquals(List.of("noop:ActivationLayer"), skipped(r));
        assertEquals("BatchNormalization", r.matrices().get(1).layerType());
    }

    static INDArray Transforms_tanh(INDArray a) {
        INDArray out = a.dup();
        for (long i = 0; i < out.length(); i++) {
            out.putScalar(i, Math.tanh(a.getDouble(i)));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void batchNormalizationConvolution(CNN2DFormat f) {
        String layout = f.name();
        MultiLayerNetwork net = init(base().list()
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv").nOut(4).activation(Activation.IDENTITY)
                        .dataFormat(f).build())
                .layer(new BatchNormalization.Builder().name("bn").eps(1e-3).dataFormat(f).build())
                .layer(new ActivationLayer.Builder().name("relu").activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(5, 4, 3, f))
                .build());
        double[] gamma = {0.5, 1.5, 2.0, 0.7};
        double[] beta = {0.1, -0.2, 0.3, 0.0};
        net.setParam("1_gamma", Nd4j.createFromArray(new double[][] {gamma}));
        net.setParam("1_beta", Nd4j.createFromArray(new double[][] {beta}));
        net.setParam("1_mean", Nd4j.valueArrayOf(new long[] {1, 4}, -1.0, DataType.DOUBLE));
        // useLogStd (the default): the running variance is stored as log10 of the standard deviation
        net.setParam("1_log10stdev", Nd4j.valueArrayOf(new long[] {1, 4}, Math.log10(3.0), DataType.DOUBLE));
        INDArray x = toFormat(gaussian(2, 3, 5, 4), f);
        List<INDArray> ff = feedForward(net, x, true);
        INDArray bn = Independent.batchNorm(ff.get(1), f == CNN2DFormat.NCHW ? 1 : 3, gamma, beta, 1e-3);
        List<Expected> want = List.of(
                pre("conv", ff.get(1), layout),
                pre("bn", bn, layout),
                post("relu", ff.get(3), layout),
                pre("out", Independent.dense(ff.get(4), net.getParam("4_W"), net.getParam("4_b")), "FF"));
        check(net, x, want);
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void recurrentLayers(RNNFormat f) {
        MultiLayerNetwork net = init(base().list()
                .layer(new LSTM.Builder().name("lstm").nOut(4).activation(Activation.TANH).dataFormat(f).build())
                .layer(new SimpleRnn.Builder().name("rnn").nOut(5).activation(Activation.TANH).dataFormat(f).build())
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT,
                        new LSTM.Builder().name("bi").nOut(3).activation(Activation.TANH).dataFormat(f).build()))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2)
                        .activation(Activation.SOFTMAX).dataFormat(f).build())
                .setInputType(InputType.recurrent(3, 6, f))
                .build());
        INDArray x = gaussian(2, 3, 6);
        if (f == RNNFormat.NWC) {
            x = x.permute(0, 2, 1).dup('c');
        }
        String layout = f.name();
        List<INDArray> ff = feedForward(net, x, true);
        INDArray zRnn = simpleRnnPre(ncw(ff.get(1), f), ncw(ff.get(2), f), net.getParam("1_W"), net.getParam("1_RW"),
                net.getParam("1_b"));
        // h_t = tanh(z_t): the observed pre-activation is the one DL4J's output came from
        assertEquals(ncw(ff.get(2), f), Nd4j.math().tanh(zRnn.dup()));
        List<Expected> want = List.of(
                post("lstm", ff.get(1), layout),
                pre("rnn", zRnn, "NCW"),
                post("rnn", ff.get(2), layout),
                post("layer2", ff.get(3), layout),
                pre("out", preActivation(net, x, 3, true), layout),
                post("out", ff.get(4), layout));
        assertEquals(6, ff.get(3).size(f == RNNFormat.NCW ? 1 : 2), "CONCAT: 2 x 3 columns");
        check(net, x, want);
        NearResult r = FIRST.score(net, x);
        assertEquals(List.of("LSTM", "SimpleRnn", "SimpleRnn", "Bidirectional", "RnnOutputLayer", "RnnOutputLayer"),
                r.matrices().stream().map(m -> m.layerType()).collect(Collectors.toList()));
    }

    /** A sequence in NCW. */
    static INDArray ncw(INDArray a, RNNFormat f) {
        return f == RNNFormat.NWC ? a.permute(0, 2, 1).dup('c') : a;
    }

    /**
     * A SimpleRnn's pre-activation by hand, in NCW: {@code z_t = x_t W + h_{t-1} R + b} (h_{-1} = 0), from its input
     * x and its output h (both NCW), with loops.
     */
    static INDArray simpleRnnPre(INDArray x, INDArray h, INDArray w, INDArray rw, INDArray b) {
        long n = x.size(0), in = x.size(1), t = x.size(2), out = w.size(1);
        INDArray z = Nd4j.create(DataType.DOUBLE, n, out, t);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < out; k++) {
                    double v = b.getDouble(k);
                    for (int j = 0; j < in; j++) {
                        v += x.getDouble(i, j, s) * w.getDouble(j, k);
                    }
                    if (s > 0) {
                        for (int j = 0; j < out; j++) {
                            v += h.getDouble(i, j, s - 1) * rw.getDouble(j, k);
                        }
                    }
                    z.putScalar(new long[] {i, k, s}, v);
                }
            }
        }
        return z;
    }

    /** A dense layer applied at every time step: (N*T) x F matrices, rows (sample, time), pre and post. */
    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void timeDistributedDense(RNNFormat f) {
        MultiLayerNetwork net = init(base().list()
                .layer(new TimeDistributed(new DenseLayer.Builder().name("td").nIn(3).nOut(4)
                        .activation(Activation.RELU).build(), f))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).dataFormat(f).build())
                .build());
        INDArray xNcw = gaussian(2, 3, 5);
        INDArray x = f == RNNFormat.NWC ? xNcw.permute(0, 2, 1).dup('c') : xNcw;
        // z[n, :, t] = x[n, :, t] W + b, by hand, as an NCW array
        INDArray w = net.getParam("0_W");
        INDArray b = net.getParam("0_b");
        INDArray z = Nd4j.create(DataType.DOUBLE, 2, 4, 5);
        for (int n = 0; n < 2; n++) {
            for (int t = 0; t < 5; t++) {
                INDArray row = Independent.dense(xNcw.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t))
                        .reshape(1, 3), w, b);
                for (int k = 0; k < 4; k++) {
                    z.putScalar(new long[] {n, k, t}, row.getDouble(0, k));
                }
            }
        }
        List<INDArray> ff = feedForward(net, x, true);
        List<Expected> want = List.of(
                pre("layer0", z, "NCW"),
                post("layer0", ff.get(1), f.name()),
                pre("out", ff.get(2), f.name()));
        check(net, x, want);
    }

    /** z[n, :, t] = h[n, :, t] W + b for a sequence h in NCW, by hand, as an NCW array. */
    static INDArray densePerTimeStep(INDArray hNcw, INDArray w, INDArray b) {
        long n = hNcw.size(0), f = hNcw.size(1), t = hNcw.size(2), out = w.size(1);
        INDArray z = Nd4j.create(DataType.DOUBLE, n, out, t);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                INDArray row = Independent.dense(hNcw.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(s))
                        .reshape(1, f), w, b);
                for (int k = 0; k < out; k++) {
                    z.putScalar(new long[] {i, k, s}, row.getDouble(0, k));
                }
            }
        }
        return z;
    }

    static INDArray relu(INDArray a) {
        INDArray r = a.dup();
        for (long i = 0; i < r.length(); i++) {
            r.putScalar(i, Math.max(0, r.getDouble(i)));
        }
        return r;
    }

    /**
     * A dense layer between recurrent layers (DL4J adds RnnToFeedForward / FeedForwardToRnn preprocessors): it
     * sees the sequence flattened to [N*T, F] with rows ordered by time, then sample; its matrices are
     * (N*T) x F with rows (sample, time), like every other sequence matrix.
     */
    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void denseBetweenRecurrentLayers(RNNFormat f) {
        MultiLayerNetwork net = init(base().list()
                .layer(new SimpleRnn.Builder().name("rnn").nOut(4).activation(Activation.TANH).dataFormat(f).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(5).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("dense2").nOut(3).activation(Activation.IDENTITY).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).dataFormat(f).build())
                .setInputType(InputType.recurrent(3, 4, f))
                .build());
        assertTrue(net.getLayerWiseConfigurations().getInputPreProcess(1)
                instanceof org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor);
        INDArray xNcw = gaussian(3, 3, 4);
        INDArray x = f == RNNFormat.NWC ? xNcw.permute(0, 2, 1).dup('c') : xNcw;
        List<INDArray> ff = feedForward(net, x, true);
        INDArray h = f == RNNFormat.NWC ? ff.get(1).permute(0, 2, 1).dup('c') : ff.get(1);
        INDArray z = densePerTimeStep(h, net.getParam("1_W"), net.getParam("1_b"));
        INDArray z2 = densePerTimeStep(relu(z), net.getParam("2_W"), net.getParam("2_b"));
        List<Expected> want = List.of(
                pre("rnn", simpleRnnPre(xNcw, h, net.getParam("0_W"), net.getParam("0_RW"), net.getParam("0_b")), "NCW"),
                post("rnn", ff.get(1), f.name()),
                pre("dense", z, "NCW"),
                post("dense", relu(z), "NCW"),
                pre("dense2", z2, "NCW"),
                pre("out", ff.get(4), f.name()));
        check(net, x, want);
    }

    @ParameterizedTest
    @EnumSource(org.deeplearning4j.nn.conf.layers.Convolution3D.DataFormat.class)
    void convolution3D(org.deeplearning4j.nn.conf.layers.Convolution3D.DataFormat f) {
        String layout = f.name();
        MultiLayerNetwork net = init(base().list()
                .layer(new org.deeplearning4j.nn.conf.layers.Convolution3D.Builder(2, 2, 2).name("conv3d").nOut(6)
                        .activation(Activation.RELU).dataFormat(f).build())
                // DL4J's global pooling does not read the 3-D data format: name the spatial axes
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").poolingDimensions(
                        f == org.deeplearning4j.nn.conf.layers.Convolution3D.DataFormat.NCDHW
                                ? new int[] {2, 3, 4} : new int[] {1, 2, 3}).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional3D(f, 3, 4, 5, 2))
                .build());
        // D = 3, H = 4, W = 5 -> 2 x 3 x 4 after a 2x2x2 kernel
        INDArray x = f == org.deeplearning4j.nn.conf.layers.Convolution3D.DataFormat.NCDHW
                ? gaussian(2, 2, 3, 4, 5) : gaussian(2, 3, 4, 5, 2);
        List<INDArray> ff = feedForward(net, x, true);
        List<Expected> want = List.of(
                pre("conv3d", preActivation(net, x, 0, true), layout),
                post("conv3d", ff.get(1), layout),
                pre("out", Independent.dense(ff.get(2), net.getParam("2_W"), net.getParam("2_b")), "FF"));
        check(net, x, want);
    }
}
