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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.sampling.ActivationLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capturing forward pass frees each activation as soon as no later layer reads it and keeps layer temporaries in
 * a reused workspace, so its off-heap memory does not grow with the number of layers (ND4J would otherwise free
 * buffers only when the garbage collector happens to run). Measured with ND4J's own allocation counter while a
 * sink that keeps nothing watches the pass.
 */
class CaptureMemoryTest {

    private static final int DEPTH = 40;

    /** Records the growth of ND4J's allocated bytes at every matrix the pass hands out. */
    private static final class PeakSink implements ActivationSink {
        final long start = allocated();
        long peak;
        long largest;
        int calls;

        @Override
        public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
            peak = Math.max(peak, allocated() - start);
            largest = Math.max(largest, activation.length() * activation.dataType().width());
            calls++;
        }
    }

    private static long allocated() {
        return Nd4j.getEnvironment().getDeviceCouner(Nd4j.getAffinityManager().getDeviceForCurrentThread());
    }

    private static PeakSink pass(Model model, INDArray x) {
        ModelCapture capture = ModelCapture.of(model);
        System.gc();
        PeakSink sink = new PeakSink();
        capture.forward(new INDArray[] {x}, sink);
        return sink;
    }

    @Test
    void deepMultiLayerNetworkHoldsAFewActivationsAtATime() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .list();
        for (int i = 0; i < DEPTH; i++) {
            b.layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.TANH).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        PeakSink s = pass(net, Nd4j.rand(DataType.FLOAT, 512, 256));
        assertEquals(2 * DEPTH, s.calls);
        // every layer makes at least one activation-sized array; all of them together would be DEPTH times this
        assertTrue(s.peak <= 6 * s.largest, "peak " + s.peak + " bytes, one activation " + s.largest + " bytes");
    }

    @Test
    void deepResidualGraphHoldsAFewActivationsAtATime() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(16, 16, 8));
        String x = "in";
        for (int i = 0; i < DEPTH / 2; i++) {
            g.addLayer("c" + i, new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build(), x);
            g.addLayer("bn" + i, new BatchNormalization.Builder().build(), "c" + i);
            g.addVertex("add" + i, new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn" + i, x);
            x = "add" + i;
        }
        g.setOutputs(x);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        PeakSink s = pass(net, Nd4j.rand(DataType.FLOAT, 64, 8, 16, 16));
        assertEquals(DEPTH, s.calls);
        // each block makes a convolution output, its 9x im2col buffer, two batch-norm temporaries and the sum
        assertTrue(s.peak <= 20 * s.largest, "peak " + s.peak + " bytes, one activation " + s.largest + " bytes");
    }

    @Test
    void verticesWhoseOutputSharesTheirInputsBufferKeepItAlive() {
        // a dropout layer without dropout hands its input on as its output (one buffer for two activations); the
        // buffer must survive until the layer after it has run (DL4J zoo SqueezeNet: drop9 -> conv10)
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(20))
                .addLayer("d1", new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build(), "in")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "d1")
                .addLayer("d2", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build(), "drop")
                .addLayer("out", new OutputLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build(), "d2")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 20);
        // the same network without the dropout vertex, same weights
        ComputationGraph plain = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(20))
                .addLayer("d1", new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).build(), "d1")
                .addLayer("out", new OutputLayer.Builder().nOut(5).activation(Activation.SOFTMAX).build(), "d2")
                .setOutputs("out").build());
        plain.init(net.params().dup(), false);
        for (int pass = 0; pass < 3; pass++) {
            java.util.Map<String, INDArray> got = new java.util.LinkedHashMap<>();
            java.util.Map<String, INDArray> want = new java.util.LinkedHashMap<>();
            ModelCapture.of(net).forward(new INDArray[] {x}, (site, a, layout) -> got.put(site.layerName() + "/" + site.kind(), a.dup()));
            ModelCapture.of(plain).forward(new INDArray[] {x}, (site, a, layout) -> want.put(site.layerName() + "/" + site.kind(), a.dup()));
            assertEquals(want.keySet(), got.keySet());
            for (String k : want.keySet()) {
                assertEquals(want.get(k), got.get(k), k);
            }
        }
    }
}
