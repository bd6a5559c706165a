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
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.score.NearResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MatrixCheck.Expected;
import static org.neardl4j.capture.MatrixCheck.feedForward;
import static org.neardl4j.capture.MatrixCheck.post;
import static org.neardl4j.capture.MatrixCheck.pre;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;
import static org.neardl4j.capture.MultiLayerMatricesTest.gaussian;
import static org.neardl4j.capture.MultiLayerMatricesTest.skipped;

/**
 * NEAR matrices of ComputationGraphs: multiple inputs, merge / element-wise / subset / preprocessor / rnn
 * vertices, automatic input preprocessors, batch normalisation in both CNN formats, recurrent layers.
 */
class GraphMatricesTest {

    static NeuralNetConfiguration.Builder base() {
        return MultiLayerMatricesTest.base();
    }

    static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Expected matrices per vertex, put in DL4J's topological order. */
    static List<Expected> inTopologicalOrder(ComputationGraph g, Map<String, List<Expected>> byVertex) {
        List<Expected> out = new ArrayList<>();
        for (int idx : g.topologicalSortOrder()) {
            List<Expected> e = byVertex.remove(g.getVertices()[idx].getVertexName());
            if (e != null) {
                out.addAll(e);
            }
        }
        assertTrue(byVertex.isEmpty(), "unknown vertices " + byVertex.keySet());
        return out;
    }

    static List<String> namesInTopologicalOrder(ComputationGraph g, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int idx : g.topologicalSortOrder()) {
            String n = g.getVertices()[idx].getVertexName();
            for (String s : names) {
                if (s.startsWith(n + ":")) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    static void check(ComputationGraph g, INDArray[] x, List<Expected> want) {
        NearResult r = FIRST.score(g, x);
        MatrixCheck.assertFirstBlocks(r, want);
        MatrixCheck.assertRandomBlocks(g, x, want);
    }

    @Test
    void multipleInputsWithElementWiseMergeAndSubsetVertices() {
        ComputationGraph g = init(base().graphBuilder()
                .addInputs("a", "b")
                .addLayer("da", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build(), "a")
                .addLayer("db", new DenseLayer.Builder().nIn(3).nOut(5).activation(Activation.TANH).build(), "b")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "da", "db")
                .addVertex("merge", new MergeVertex(), "da", "sum")
                .addVertex("sub", new SubsetVertex(2, 7), "merge")
                .addLayer("d2", new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.SIGMOID).build(), "sub")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build(), "d2")
                .setOutputs("out")
                .build());
        INDArray a = gaussian(8, 4);
        INDArray b = gaussian(8, 3);
        INDArray[] x = {a, b};
        Map<String, INDArray> ff = feedForward(g, x, true);
        Map<String, List<Expected>> byVertex = new LinkedHashMap<>();
        byVertex.put("da", List.of(pre("da", Independent.dense(a, g.getParam("da_W"), g.getParam("da_b")), "FF"),
                post("da", ff.get("da"), "FF")));
        byVertex.put("db", List.of(pre("db", Independent.dense(b, g.getParam("db_W"), g.getParam("db_b")), "FF"),
                post("db", ff.get("db"), "FF")));
        byVertex.put("d2", List.of(pre("d2", Independent.dense(ff.get("sub"), g.getParam("d2_W"), g.getParam("d2_b")), "FF"),
                post("d2", ff.get("d2"), "FF")));
        byVertex.put("out", List.of(pre("out", Independent.dense(ff.get("d2"), g.getParam("out_W"), g.getParam("out_b")), "FF")));
        List<Expected> want = inTopologicalOrder(g, byVertex);
        check(g, x, want);

        NearResult r = FIRST.score(g, a, b);
        assertEquals(namesInTopologicalOrder(g, List.of("sum:ElementWiseVertex", "merge:MergeVertex", "sub:SubsetVertex")),
                skipped(r));
        // the same through a MultiDataSetIterator, in two batches of 4 (no batch norm: batching does not matter);
        // the widest layer has 6 columns, so both batches are needed
        List<org.nd4j.linalg.dataset.api.MultiDataSet> halves = new ArrayList<>();
        for (int start : new int[] {0, 4}) {
            halves.add(new MultiDataSet(new INDArray[] {a.get(NDArrayIndex.interval(start, start + 4), NDArrayIndex.all()),
                    b.get(NDArrayIndex.interval(start, start + 4), NDArrayIndex.all())},
                    new INDArray[] {Nd4j.zeros(4, 2)}));
        }
        int[] drawn = {0};
        java.util.Iterator<org.nd4j.linalg.dataset.api.MultiDataSet> source = halves.iterator();
        java.util.Iterator<org.nd4j.linalg.dataset.api.MultiDataSet> counting = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                drawn[0]++;
                return source.next();
            }
        };
        IteratorMultiDataSetIterator it = new IteratorMultiDataSetIterator(counting, 4);
        NearResult viaIterator = FIRST.score(g, it);
        assertEquals(2, drawn[0], "batches drawn");
        assertEquals(8, viaIterator.samples());
        assertEquals(r.score(), viaIterator.score(), 1e-12 * r.score());
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void convolutionBatchNormAndPreprocessors(CNN2DFormat f) {
        String layout = f.name();
        ComputationGraph g = init(base().graphBuilder()
                .addInputs("in")
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(4).activation(Activation.IDENTITY)
                        .dataFormat(f).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().dataFormat(f).build(), "conv")
                .addLayer("act", new ActivationLayer(Activation.RELU), "bn")
                .addVertex("flat", new PreprocessorVertex(new CnnToFeedForwardPreProcessor(5, 4, 4, f)), "act")
                .addLayer("d", new DenseLayer.Builder().nIn(80).nOut(5).activation(Activation.ELU).build(), "flat")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build(), "d")
                // an automatic CnnToFeedForwardPreProcessor on this layer vertex
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build(), "act")
                .setOutputs("out", "out2")
                // NCHW: flat input with an automatic FeedForwardToCnnPreProcessor on "conv"
                .setInputTypes(f == CNN2DFormat.NCHW ? InputType.convolutionalFlat(6, 5, 1)
                        : InputType.convolutional(6, 5, 1, f))
                .build());
        assertTrue(((org.deeplearning4j.nn.conf.graph.LayerVertex) g.getConfiguration().getVertices().get("out2"))
                .getPreProcessor() instanceof CnnToFeedForwardPreProcessor);
        INDArray x = f == CNN2DFormat.NCHW ? gaussian(3, 30) : gaussian(3, 6, 5, 1);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        double[] gamma = g.getParam("bn_gamma").toDoubleVector();
        double[] beta = g.getParam("bn_beta").toDoubleVector();
        INDArray bn = Independent.batchNorm(ff.get("conv"), f == CNN2DFormat.NCHW ? 1 : 3, gamma, beta, 1e-5);
        Map<String, List<Expected>> byVertex = new LinkedHashMap<>();
        byVertex.put("conv", List.of(pre("conv", ff.get("conv"), layout)));
        byVertex.put("bn", List.of(pre("bn", bn, layout)));
        byVertex.put("act", List.of(post("act", ff.get("act"), layout)));
        byVertex.put("d", List.of(pre("d", Independent.dense(ff.get("flat"), g.getParam("d_W"), g.getParam("d_b")), "FF"),
                post("d", ff.get("d"), "FF")));
        byVertex.put("out", List.of(pre("out", ff.get("out"), "FF")));
        byVertex.put("out2", List.of(pre("out2", ff.get("out2"), "FF")));
        check(g, xs, inTopologicalOrder(g, byVertex));
        assertEquals(List.of("flat:PreprocessorVertex"), skipped(FIRST.score(g, x)));
    }

    @Test
    void recurrentGraphWithLastTimeStepVertex() {
        ComputationGraph g = init(base().graphBuilder()
                .addInputs("seq")
                .addLayer("lstm", new LSTM.Builder().nIn(3).nOut(4).build(), "seq")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "lstm")
                .addVertex("last", new LastTimeStepVertex("seq"), "lstm")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build(), "last")
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build(), "d")
                .setOutputs("out", "out2")
                .build());
        INDArray x = gaussian(4, 3, 5);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        Map<String, List<Expected>> byVertex = new LinkedHashMap<>();
        byVertex.put("lstm", List.of(post("lstm", ff.get("lstm"), "NCW")));
        byVertex.put("out", List.of(pre("out", MatrixCheck.preActivation(g, xs, "out", true), "NCW"),
                post("out", ff.get("out"), "NCW")));
        byVertex.put("d", List.of(pre("d", Independent.dense(ff.get("last"), g.getParam("d_W"), g.getParam("d_b")), "FF"),
                post("d", ff.get("d"), "FF")));
        byVertex.put("out2", List.of(pre("out2", ff.get("out2"), "FF")));
        check(g, xs, inTopologicalOrder(g, byVertex));
        NearResult r = FIRST.score(g, x);
        assertEquals(List.of("last:LastTimeStepVertex"), skipped(r));
        Map<String, Long> cols = new LinkedHashMap<>();
        r.matrices().forEach(m -> cols.put(m.layerName() + "/" + m.kind().label(), m.cols()));
        assertEquals(Map.of("lstm/post", 4L, "out/pre", 2L, "out/post", 2L, "d/pre", 3L, "d/post", 3L, "out2/pre", 2L),
                cols);
    }

    /** The graph twin of MultiLayerMatricesTest.denseBetweenRecurrentLayers: automatic preprocessors on vertices. */
    @Test
    void denseBetweenRecurrentLayers() {
        ComputationGraph g = init(base().graphBuilder()
                .addInputs("seq")
                .addLayer("rnn", new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nOut(4)
                        .activation(Activation.TANH).build(), "seq")
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "rnn")
                .addLayer("dense2", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "dense")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "dense2")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(3, 4))
                .build());
        INDArray x = gaussian(3, 3, 4);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        INDArray z = MultiLayerMatricesTest.densePerTimeStep(ff.get("rnn"), g.getParam("dense_W"), g.getParam("dense_b"));
        INDArray h = MultiLayerMatricesTest.relu(z);
        INDArray z2 = MultiLayerMatricesTest.densePerTimeStep(h, g.getParam("dense2_W"), g.getParam("dense2_b"));
        INDArray zRnn = MultiLayerMatricesTest.simpleRnnPre(x, ff.get("rnn"), g.getParam("rnn_W"), g.getParam("rnn_RW"),
                g.getParam("rnn_b"));
        check(g, xs, List.of(pre("rnn", zRnn, "NCW"), post("rnn", ff.get("rnn"), "NCW"), pre("dense", z, "NCW"), post("dense", h, "NCW"),
                pre("dense2", z2, "NCW"), pre("out", ff.get("out"), "NCW")));
    }
}
