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
package org.neardl4j.space;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.data.Cifar10;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAS-Bench-101 CIFAR-10 network: parameter counts against the table, structure, forward semantics. */
class Nb101NetworkTest {

    /** Three vertices feed the output (128 = 43 + 43 + 42), vertex 3 reads vertex 1 cut to 42 channels. */
    static final String WIDE = "conv3x3(0) conv1x1(0,1) maxpool3x3(1) output(0,1,2,3)";

    @Test
    void parameterCountsMatchTheTable() {
        Nb101Network nb = Nb101Network.defaults();
        List<Nb101Rows.Row> rows = Nb101Rows.load();
        List<String> mismatches = new ArrayList<>();
        for (Nb101Rows.Row r : rows) {
            long n = nb.parameterCount(Nb101Cell.fromCsv(r.matrix(), r.ops()));
            if (n != r.params()) {
                mismatches.add("id " + r.id() + " " + r.matrix() + " " + r.ops() + ": built " + n + ", table "
                        + r.params() + " (difference " + (n - r.params()) + ")");
            }
        }
        System.out.println("NB101 parameter counts: " + (rows.size() - mismatches.size()) + " of " + rows.size()
                + " rows match params; the others:");
        mismatches.forEach(m -> System.out.println("  " + m));
        assertEquals(200, rows.size());
        assertTrue(mismatches.size() <= 4, () -> mismatches.size() + " mismatches (listed on stdout)");
    }

    @Test
    void handCountedParameters() {
        // input -> conv3x3 -> output: per cell a 1x1 projection in -> c (+ BN 2c) and a 3x3 convolution c -> c
        // (+ BN 2c); stem 3x3 3 -> 128 + BN; dense 512 -> 10 with bias. Table row 31: 10,177,674.
        long[] in = {128, 128, 128, 128, 256, 256, 256, 512, 512};
        long[] out = {128, 128, 128, 256, 256, 256, 512, 512, 512};
        long conv = 9 * 3 * 128 + 2 * 128 + 512 * 10 + 10;
        long pool = conv;
        for (int k = 0; k < 9; k++) {
            conv += in[k] * out[k] + 2 * out[k] + 9 * out[k] * out[k] + 2 * out[k];
            pool += in[k] * out[k] + 2 * out[k];
        }
        assertEquals(10_177_674, conv);
        assertEquals(conv, Nb101Network.defaults().parameterCount(Nb101Cell.parse("conv3x3(0) output(1)")));
        // input -> maxpool3x3 -> output: only the projection has weights (row 32: 882,570)
        assertEquals(882_570, pool);
        assertEquals(pool, Nb101Network.defaults().parameterCount(Nb101Cell.parse("maxpool3x3(0) output(1)")));
        // DL4J's own count adds batch normalisation's running mean and variance
        Nb101Network small = Nb101Network.builder().stemChannels(4).cellsPerStack(1).build();
        ComputationGraph g = small.graph(Nb101Cell.parse(WIDE));
        long bn = 0;
        for (Map.Entry<String, GraphVertex> e : g.getConfiguration().getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization b) {
                bn += b.getNOut();
            }
        }
        assertEquals(small.parameterCount(Nb101Cell.parse(WIDE)) + 2 * bn, g.numParams());
    }

    @Test
    void vertexChannelsAsNasBench101() {
        Nb101Cell wide = Nb101Cell.parse(WIDE);
        assertEquals(List.of(128, 43, 43, 42, 128), Nb101Network.vertexChannels(wide, 128, 128));
        assertEquals(List.of(128, 86, 85, 85, 256), Nb101Network.vertexChannels(wide, 128, 256));
        // a chain: vertex 1 feeds only vertex 2, which takes all the channels; vertex 1 gets vertex 2's
        assertEquals(List.of(64, 128, 128, 128), Nb101Network.vertexChannels(
                Nb101Cell.parse("conv1x1(0) conv3x3(1) output(2)"), 64, 128));
        // vertex 1 feeds vertices 2 (64) and 3 (64, after the output split 64 + 64): the larger
        assertEquals(List.of(128, 64, 64, 64, 128), Nb101Network.vertexChannels(
                Nb101Cell.parse("conv1x1(0) conv3x3(1) conv3x3(1) output(2,3)"), 128, 128));
        assertEquals(List.of(2, 2), Nb101Network.vertexChannels(Nb101Cell.parse("output(0)"), 2, 2));
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        assertNotNull(v, () -> "no vertex " + name);
        return ((LayerVertex) v).getLayerConf().getLayer();
    }

    private static void assertConvBnRelu(ComputationGraphConfiguration conf, String name, String input, long in,
                                         long out, int k) {
        ConvolutionLayer c = assertInstanceOf(ConvolutionLayer.class, layer(conf, name + "_conv"), name);
        assertEquals(List.of(input), conf.getVertexInputs().get(name + "_conv"), name);
        assertEquals(in, c.getNIn(), name);
        assertEquals(out, c.getNOut(), name);
        assertArrayEquals(new int[] {k, k}, c.getKernelSize(), name);
        assertArrayEquals(new int[] {1, 1}, c.getStride(), name);
        assertArrayEquals(new int[] {(k - 1) / 2, (k - 1) / 2}, c.getPadding(), name);
        assertFalse(c.hasBias(), name);
        assertEquals(ConvolutionMode.Truncate, c.getConvolutionMode(), name);
        assertInstanceOf(ActivationIdentity.class, c.getActivationFn(), name);
        assertEquals(WeightInit.UNIFORM.getWeightInitFunction(), c.getWeightInitFn(), name);
        BatchNormalization bn = assertInstanceOf(BatchNormalization.class, layer(conf, name + "_bn"), name);
        assertEquals(List.of(name + "_conv"), conf.getVertexInputs().get(name + "_bn"), name);
        assertEquals(1e-5, bn.getEps(), 0, name);
        assertEquals(0.997, bn.getDecay(), 0, name);
        assertFalse(bn.isLockGammaBeta(), name);
        ActivationLayer a = assertInstanceOf(ActivationLayer.class, layer(conf, name + "_relu"), name);
        assertInstanceOf(ActivationReLU.class, a.getActivationFn(), name);
        assertEquals(List.of(name + "_bn"), conf.getVertexInputs().get(name + "_relu"), name);
    }

    private static void assertShape(Map<String, InputType> types, String name, long c, long h) {
        InputType.InputTypeConvolutional t = assertInstanceOf(InputType.InputTypeConvolutional.class, types.get(name),
                name);
        assertEquals(c, t.getChannels(), name);
        assertEquals(h, t.getHeight(), name);
        assertEquals(h, t.getWidth(), name);
    }

    private static void assertSubset(ComputationGraphConfiguration conf, String name, String input, int to) {
        SubsetVertex s = assertInstanceOf(ChannelSubsetVertex.class, conf.getVertices().get(name), name);
        assertEquals(List.of(input), conf.getVertexInputs().get(name), name);
        // the first channels, as NAS-Bench-101's truncate (tf.slice from 0)
        assertEquals(0, s.getFrom(), name);
        assertEquals(to, s.getTo(), name);
    }

    @Test
    void layerByLayer() {
        Nb101Network nb = Nb101Network.defaults();
        ComputationGraphConfiguration conf = nb.configuration(Nb101Cell.parse(WIDE));
        Map<String, InputType> types = conf.getLayerActivationTypes(nb.inputType());
        assertConvBnRelu(conf, "stem", "input", 3, 128, 3);
        assertShape(types, "stem_relu", 128, 32);
        // stack 0, cell 0: channels 43, 43, 42
        assertConvBnRelu(conf, "s0c0_p1", "stem_relu", 128, 43, 1);
        assertConvBnRelu(conf, "s0c0_v1", "s0c0_p1_relu", 43, 43, 3);
        assertConvBnRelu(conf, "s0c0_p2", "stem_relu", 128, 43, 1);
        assertInstanceOf(ElementWiseVertex.class, conf.getVertices().get("s0c0_v2_sum"));
        assertEquals(List.of("s0c0_v1_relu", "s0c0_p2_relu"), conf.getVertexInputs().get("s0c0_v2_sum"));
        assertConvBnRelu(conf, "s0c0_v2", "s0c0_v2_sum", 43, 43, 1);
        assertSubset(conf, "s0c0_v1_to3", "s0c0_v1_relu", 41);
        SubsamplingLayer pool = assertInstanceOf(SubsamplingLayer.class, layer(conf, "s0c0_v3_pool"));
        assertEquals(PoolingType.MAX, pool.getPoolingType());
        assertArrayEquals(new int[] {3, 3}, pool.getKernelSize());
        assertArrayEquals(new int[] {1, 1}, pool.getStride());
        assertArrayEquals(new int[] {1, 1}, pool.getPadding());
        assertEquals(List.of("s0c0_v1_to3"), conf.getVertexInputs().get("s0c0_v3_pool"));
        assertShape(types, "s0c0_v3_pool", 42, 32);
        assertInstanceOf(MergeVertex.class, conf.getVertices().get("s0c0_concat"));
        assertEquals(List.of("s0c0_v1_relu", "s0c0_v2_relu", "s0c0_v3_pool"),
                conf.getVertexInputs().get("s0c0_concat"));
        assertConvBnRelu(conf, "s0c0_pout", "stem_relu", 128, 128, 1);
        assertEquals(List.of("s0c0_concat", "s0c0_pout_relu"), conf.getVertexInputs().get("s0c0_out"));
        assertShape(types, "s0c0_out", 128, 32);
        assertConvBnRelu(conf, "s0c1_p1", "s0c0_out", 128, 43, 1);
        // down-sampling, then channels doubled at the first cell: 86, 85, 85; vertex 1 cut for both readers
        SubsamplingLayer down = assertInstanceOf(SubsamplingLayer.class, layer(conf, "pool1"));
        assertEquals(PoolingType.MAX, down.getPoolingType());
        assertArrayEquals(new int[] {2, 2}, down.getKernelSize());
        assertArrayEquals(new int[] {2, 2}, down.getStride());
        assertEquals(List.of("s0c2_out"), conf.getVertexInputs().get("pool1"));
        assertShape(types, "pool1", 128, 16);
        assertConvBnRelu(conf, "s1c0_p1", "pool1", 128, 86, 1);
        assertSubset(conf, "s1c0_v1_to2", "s1c0_v1_relu", 84);
        assertSubset(conf, "s1c0_v1_to3", "s1c0_v1_relu", 84);
        assertConvBnRelu(conf, "s1c0_pout", "pool1", 128, 256, 1);
        assertShape(types, "s1c0_out", 256, 16);
        assertConvBnRelu(conf, "s1c1_pout", "s1c0_out", 256, 256, 1);
        assertConvBnRelu(conf, "s2c0_p1", "pool2", 256, 171, 1);
        assertShape(types, "s2c2_out", 512, 8);
        // head
        assertInstanceOf(GlobalPoolingLayer.class, layer(conf, "gap"));
        assertEquals(PoolingType.AVG, ((GlobalPoolingLayer) layer(conf, "gap")).getPoolingType());
        assertEquals(List.of("s2c2_out"), conf.getVertexInputs().get("gap"));
        OutputLayer out = assertInstanceOf(OutputLayer.class, layer(conf, "logits"));
        assertEquals(512, out.getNIn());
        assertEquals(10, out.getNOut());
        assertTrue(out.hasBias());
        assertInstanceOf(ActivationIdentity.class, out.getActivationFn());
        assertInstanceOf(LogitsCrossEntropy.class, out.getLossFn());
        assertEquals(List.of("logits"), conf.getNetworkOutputs());
        // the configuration survives JSON and cloning (the subset vertex keeps its class)
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertInstanceOf(ChannelSubsetVertex.class, back.getVertices().get("s1c0_v1_to2"));
        assertInstanceOf(ChannelSubsetVertex.class, conf.clone().getVertices().get("s1c0_v1_to2"));
        assertEquals(conf.toJson(), back.toJson());
    }

    @Test
    void singleOutputInputsNeedNoConcatOrAdd() {
        ComputationGraphConfiguration conf = Nb101Network.defaults().configuration(
                Nb101Cell.parse("conv1x1(0) maxpool3x3(1) output(2)"));
        assertEquals(List.of("s0c0_v1_relu"), conf.getVertexInputs().get("s0c0_v2_pool"));
        assertEquals(List.of("s0c0_v2_pool"), conf.getVertexInputs().get("s0c1_p1_conv"));
        assertFalse(conf.getVertices().containsKey("s0c0_concat"));
        assertFalse(conf.getVertices().containsKey("s0c0_pout_conv"));
        // the bare input -> output cell is the projection alone
        conf = Nb101Network.defaults().configuration(Nb101Cell.parse("output(0)"));
        assertConvBnRelu(conf, "s0c0_pout", "stem_relu", 128, 128, 1);
        assertConvBnRelu(conf, "s0c1_pout", "s0c0_pout_relu", 128, 128, 1);
        assertEquals(List.of("s2c2_pout_relu"), conf.getVertexInputs().get("gap"));
    }

    @Test
    void forwardConcatenatesTruncatesAndAdds() {
        // stem 8: channels 3, 3, 2; vertex 3 reads the first 2 channels of vertex 1
        Nb101Network nb = Nb101Network.builder().stemChannels(8).cellsPerStack(1).initialisation(Initialisation.seeded(3)).build();
        ComputationGraph g = nb.graph(Nb101Cell.parse(WIDE));
        Map<String, INDArray> a = g.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), true);
        INDArray v1 = a.get("s0c0_v1_relu");
        assertArrayEquals(new long[] {2, 3, 32, 32}, v1.shape());
        INDArray cut = a.get("s0c0_v1_to3");
        assertEquals(v1.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all(), NDArrayIndex.all()),
                cut);
        INDArray concat = a.get("s0c0_concat");
        assertArrayEquals(new long[] {2, 8, 32, 32}, concat.shape());
        assertEquals(v1, concat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all(),
                NDArrayIndex.all()));
        assertEquals(a.get("s0c0_v3_pool"), concat.get(NDArrayIndex.all(), NDArrayIndex.interval(6, 8),
                NDArrayIndex.all(), NDArrayIndex.all()));
        INDArray sum = concat.add(a.get("s0c0_pout_relu"));
        assertEquals(0.0, a.get("s0c0_out").sub(sum).amaxNumber().doubleValue(), 1e-6);
        // 3x3 max pooling of a vertex: the max of the in-bounds 3x3 window (inputs are >= 0 after the ReLU)
        INDArray pooled = a.get("s0c0_v3_pool");
        assertEquals(Math.max(Math.max(cut.getDouble(1, 1, 0, 0), cut.getDouble(1, 1, 0, 1)),
                Math.max(cut.getDouble(1, 1, 1, 0), cut.getDouble(1, 1, 1, 1))), pooled.getDouble(1, 1, 0, 0), 1e-6);
        assertArrayEquals(new long[] {2, 10}, a.get("logits").shape());
        assertArrayEquals(new long[] {2, 32, 8, 8}, a.get("s2c0_out").shape());
    }

    @Test
    void matricesAsTheAuthorsPackageCountsThem() {
        // the reference package's matrix count of every row (3 + 27 x (conv vertices + input edges) + 1)
        Map<Integer, Nb101Rows.Reference> ref = Nb101Rows.reference();
        Nb101Network nb = Nb101Network.defaults();
        for (Nb101Rows.Row r : Nb101Rows.load()) {
            assertEquals(ref.get(r.id()).matrices(), nb.expectedMatrices(Nb101Cell.fromCsv(r.matrix(), r.ops())).size(),
                    () -> "row " + r.id());
        }
        // and NEAR takes exactly those on a small network
        Nb101Network small = Nb101Network.builder().stemChannels(4).cellsPerStack(1).initialisation(Initialisation.seeded(5)).build();
        Nb101Cell c = Nb101Cell.parse(WIDE);
        NearResult res = NearScorer.builder().repetitions(1).seed(5).build().score(small.graph(c),
                Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32));
        Set<String> names = new HashSet<>();
        for (MatrixScore m : res.matrices()) {
            assertTrue(names.add(m.layerName() + " " + m.kind().label()), () -> "twice: " + m);
        }
        assertEquals(Set.copyOf(small.expectedMatrices(c)), names);
        assertEquals(3 + 3 * 3 * (2 + 3) + 1, names.size());
    }

    @Test
    void nearAgreesWithTheAuthorsPackage() throws Exception {
        // a row where the authors' package took every block whole (n_short 0): the same network, initialisation
        // distribution, images and normalisation give the same value to a few percent (the draws differ)
        INDArray x;
        try (InputStream in = Nb101NetworkTest.class.getResourceAsStream("/nb101/cifar10_test_0_63_uint8.npy")) {
            x = Cifar10.normalise(Cifar10.readImages(in), DataType.FLOAT);
        }
        Map<Integer, Nb101Rows.Reference> ref = Nb101Rows.reference();
        for (Nb101Rows.Row r : Nb101Rows.load()) {
            if (r.id() != 28) {
                continue;
            }
            assertEquals(0, ref.get(r.id()).shortBlocks());
            Nb101Cell c = Nb101Cell.fromCsv(r.matrix(), r.ops());
            NearResult res = NearScorer.builder().repetitions(1).seed(r.id()).build().score(
                    Nb101Network.builder().initialisation(Initialisation.seeded(r.id())).build().graph(c), x);
            assertEquals(ref.get(r.id()).matrices(), res.matrices().size());
            double ratio = res.score() / ref.get(r.id()).near();
            assertTrue(Math.abs(ratio - 1) < 0.05, () -> "row " + r.id() + ": near-dl4j " + res.score()
                    + ", the authors' package " + ref.get(r.id()).near());
        }
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().stemChannels(0));
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().stacks(7));
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().cellsPerStack(0));
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().classes(1));
        assertThrows(IllegalArgumentException.class, () -> Nb101Network.builder().initialisation(null));
        Nb101Network n = Nb101Network.builder().stemChannels(16).stacks(2).cellsPerStack(2).classes(5).initialisation(Initialisation.seeded(9)).build();
        assertEquals(n.toString(), n.toBuilder().build().toString());
        ComputationGraphConfiguration conf = n.configuration(Nb101Cell.parse("conv3x3(0) output(1)"));
        assertEquals(5, ((OutputLayer) layer(conf, "logits")).getNOut());
        assertEquals(32, ((OutputLayer) layer(conf, "logits")).getNIn());
        assertFalse(conf.getVertices().containsKey("pool2"));
    }

    @Test
    void normalisationIsNasBench101s() {
        INDArray raw = Nd4j.createFromArray(new int[] {0, 255, 128}).reshape(1, 3, 1, 1)
                .broadcast(1, 3, 32, 32).dup();
        INDArray x = Nb101Network.normalise(raw, DataType.DOUBLE);
        assertEquals((0 - 125.3) / 63.0, x.getDouble(0, 0, 5, 5), 1e-12);
        assertEquals((255 - 123.0) / 62.1, x.getDouble(0, 1, 0, 31), 1e-12);
        assertEquals((128 - 113.9) / 66.7, x.getDouble(0, 2, 31, 0), 1e-12);
    }
}
