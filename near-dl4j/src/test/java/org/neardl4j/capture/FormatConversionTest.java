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

import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearResult;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;
import static org.neardl4j.capture.MultiLayerMatricesTest.base;

/**
 * Layers whose formats differ from the layer before them: near-dl4j's matrices are those of DL4J's inference forward
 * pass ({@code outputOfLayerDetached} / {@code outputOfLayersDetached}, behind {@code output()}), which converts the
 * format between them, while DL4J's {@code feedForward()} does not (and fails on these networks).
 */
class FormatConversionTest {

    static INDArray outputOfLayer(MultiLayerNetwork net, int i, INDArray x) throws Exception {
        Method m = MultiLayerNetwork.class.getDeclaredMethod("outputOfLayerDetached", boolean.class, FwdPassType.class,
                int.class, INDArray.class, INDArray.class, INDArray.class, MemoryWorkspace.class);
        m.setAccessible(true);
        return ((INDArray) m.invoke(net, true, FwdPassType.STANDARD, i, x.dup(), null, null, null)).dup();
    }

    /** ComputationGraph.output(): the graph's output (inference mode: these graphs have no dropout or normalisation). */
    static INDArray outputOf(ComputationGraph g, INDArray x) {
        return g.output(false, x.dup())[0].dup();
    }

    /**
     * Zero padding (NCHW) then a transposed convolution (NHWC): output() permutes the padded [N, 4, 4, 5] with DL4J's
     * axis order to [N, 5, 4, 4], which the NHWC layer reads as 4 channels.
     */
    @Test
    void convolutionFormatsAsOutputConvertsThem() throws Exception {
        MultiLayerConfiguration conf = base().list()
                .layer(new ZeroPaddingLayer.Builder(1, 1).dataFormat(CNN2DFormat.NCHW).build())
                .layer(new Deconvolution2D.Builder(2, 2).name("deconv").nIn(4).nOut(3).activation(Activation.TANH)
                        .dataFormat(CNN2DFormat.NHWC).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 4, 2, 3);
        assertThrows(RuntimeException.class, () -> net.clone().feedForward(x.dup(), true), "feedForward does not convert");
        INDArray post = outputOfLayer(net, 1, x);
        MultiLayerNetwork identity = new MultiLayerNetwork(conf.clone());
        ((BaseLayer) identity.getLayerWiseConfigurations().getConf(1).getLayer()).setActivationFn(new ActivationIdentity());
        identity.init(net.params().dup(), false);
        INDArray pre = outputOfLayer(identity, 1, x);
        NearResult r = FIRST.score(net, x);
        MatrixCheck.assertFirstBlocks(r, List.of(MatrixCheck.pre("deconv", pre, "NHWC"), MatrixCheck.post("deconv", post, "NHWC")));
    }

    /** In a graph: an embedding with NWC output feeding a Conv1D that reads NCW, as in Theano-ordered Keras models. */
    @Test
    void sequenceFormatsInAGraph() throws Exception {
        // without workspaces: DL4J's ComputationGraph.output() fails on its own converted input in a workspace
        // ("Workspace WS_LAYER_ACT_0 for array type INPUT is not open")
        ComputationGraphConfiguration conf = base().trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE).graphBuilder().addInputs("in")
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(7).nOut(3).inputLength(5)
                        .outputDataFormat(RNNFormat.NWC).build(), "in")
                .addLayer("conv", new Convolution1DLayer.Builder(2).nIn(3).nOut(4).activation(Activation.RELU)
                        .rnnDataFormat(RNNFormat.NCW).build(), "embed")
                .setOutputs("conv").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Random rnd = new Random(3);
        INDArray x = Nd4j.create(DataType.DOUBLE, 8, 5);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, rnd.nextInt(7));
        }
        // the embedding's output by hand: row x[n, t] of its weights at [n, t, :] (NWC); DL4J's feedForward fails at the
        // Conv1D, which it feeds without converting
        assertThrows(RuntimeException.class, () -> g.feedForward(new INDArray[] {x.dup()}, true), "feedForward does not convert");
        INDArray w = g.getParam("embed_W");
        INDArray embedded = Nd4j.create(DataType.DOUBLE, 8, 5, 3);
        for (int n = 0; n < 8; n++) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < 3; c++) {
                    embedded.putScalar(new long[] {n, t, c}, w.getDouble(x.getInt(n, t), c));
                }
            }
        }
        INDArray post = outputOf(g, x);
        ComputationGraphConfiguration c2 = ComputationGraphConfiguration.fromJson(conf.toJson());
        ((BaseLayer) ((LayerVertex) c2.getVertices().get("conv")).getLayerConf().getLayer())
                .setActivationFn(new ActivationIdentity());
        ComputationGraph identity = new ComputationGraph(c2);
        identity.init(g.params().dup(), false);
        INDArray pre = outputOf(identity, x);
        NearResult r = FIRST.score(g, x);
        MatrixCheck.assertFirstBlocks(r, List.of(MatrixCheck.pre("embed", embedded, "NWC"),
                MatrixCheck.pre("conv", pre, "NCW"), MatrixCheck.post("conv", post, "NCW")));
    }
}
