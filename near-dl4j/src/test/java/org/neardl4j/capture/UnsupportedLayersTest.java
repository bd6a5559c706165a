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

import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.score.NearResult;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MatrixCheck.Expected;
import static org.neardl4j.capture.MatrixCheck.feedForward;
import static org.neardl4j.capture.MatrixCheck.post;
import static org.neardl4j.capture.MatrixCheck.pre;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;
import static org.neardl4j.capture.MultiLayerMatricesTest.base;
import static org.neardl4j.capture.MultiLayerMatricesTest.gaussian;
import static org.neardl4j.capture.MultiLayerMatricesTest.skipped;

/**
 * Layers near-dl4j cannot score (SameDiff layers and vertices, variational autoencoders) are listed in
 * {@code skipped()} as unsupported with a warning naming them; the data still flows through them and every
 * other matrix is right.
 */
class UnsupportedLayersTest {

    /** A SameDiff layer: x * 2 + 1. */
    public static final class Affine extends SameDiffLambdaLayer {
        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable x) {
            return x.mul(2.0).add(1.0);
        }

        @Override
        public org.deeplearning4j.nn.conf.inputs.InputType getOutputType(int layerIndex,
                org.deeplearning4j.nn.conf.inputs.InputType inputType) {
            return inputType;
        }
    }

    /** A SameDiff vertex: a - b. */
    public static final class Difference extends SameDiffLambdaVertex {
        @Override
        public SDVariable defineVertex(SameDiff sd, VertexInputs inputs) {
            return inputs.getInput(0).sub(inputs.getInput(1));
        }
    }

    static void assertWarned(NearResult r, String layer, String type) {
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'" + layer + "'") && w.contains(type)
                && w.contains("not supported")), "no warning for " + layer + ": " + r.warnings());
        assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals(layer) && s.unsupported()
                && s.layerType().equals(type)), r.skipped().toString());
    }

    @Test
    void sameDiffLayerAndVariationalAutoencoderInAMultiLayerNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().name("d").nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new Affine())
                .layer(new VariationalAutoencoder.Builder().name("vae").nIn(5).nOut(3).encoderLayerSizes(4)
                        .decoderLayerSizes(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        INDArray x = gaussian(6, 4);
        List<INDArray> ff = feedForward(net, x, true);
        assertTrue(ff.get(2).equalsWithEps(ff.get(1).mul(2).add(1), 1e-12), "the SameDiff layer ran");
        List<Expected> want = List.of(
                pre("d", Independent.dense(x, net.getParam("0_W"), net.getParam("0_b")), "FF"),
                post("d", ff.get(1), "FF"),
                // the output layer reads the VAE's output: the data went through both unsupported layers
                pre("out", Independent.dense(ff.get(3), net.getParam("3_W"), net.getParam("3_b")), "FF"));
        NearResult r = FIRST.score(net, x);
        MatrixCheck.assertFirstBlocks(r, want);
        assertEquals(List.of("layer1:Affine!", "vae:VariationalAutoencoder!"), skipped(r));
        assertWarned(r, "layer1", "Affine");
        assertWarned(r, "vae", "VariationalAutoencoder");
        assertTrue(r.toString().contains("not supported"), r.toString());
        assertTrue(r.toJson().contains("vae"), r.toJson());
    }

    @Test
    void sameDiffVertexInAGraph() {
        ComputationGraph g = new ComputationGraph(base().graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addVertex("diff", new Difference(), "a", "b")
                .addVertex("merge", new MergeVertex(), "diff", "a")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(2)
                        .activation(Activation.IDENTITY).build(), "merge")
                .setOutputs("out")
                .build());
        g.init();
        INDArray x = gaussian(9, 3);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        NearResult r = FIRST.score(g, x);
        assertWarned(r, "diff", "SameDiffGraphVertex");
        assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals("merge") && !s.unsupported()));
        Expected out = pre("out", Independent.dense(ff.get("merge"), g.getParam("out_W"), g.getParam("out_b")), "FF");
        MatrixCheck.assertBlock(out, r.matrices().get(r.matrices().size() - 1), 0);
        assertEquals(4, r.matrices().size(), "a pre, a post, b pre, out pre");
    }
}
