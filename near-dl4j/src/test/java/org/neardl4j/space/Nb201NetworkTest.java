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
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
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
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.math.BigDecimal;
import java.math.MathContext;
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

/** The NB201 CIFAR network: structure, parameter counts against the published table, forward semantics. */
class Nb201NetworkTest {

    static final String BEST = Nb201CellTest.BEST;

    @Test
    void parameterCountsMatchTheTable() {
        Nb201Network nb = Nb201Network.defaults();
        List<String> mismatches = new ArrayList<>();
        List<Nb201Rows.Row> rows = Nb201Rows.load();
        for (Nb201Rows.Row r : rows) {
            long n = nb.parameterCount(Nb201Cell.parse(r.cellstr()));
            // the table gives millions to 6 significant digits (1045466 -> 1.04547, 802426 -> 0.802426)
            double built = new BigDecimal(n).movePointLeft(6).round(new MathContext(6)).doubleValue();
            if (built != r.paramsMb()) {
                long table = Math.round(r.paramsMb() * 1e6);
                mismatches.add("arch " + r.arch() + " " + r.cellstr() + ": built " + n + ", table " + r.paramsMb()
                        + " M (difference " + (n - table) + ")");
            }
        }
        System.out.println("NB201 parameter counts: " + (rows.size() - mismatches.size()) + " of " + rows.size()
                + " rows match params_mb (to its 6 significant digits); the others:");
        mismatches.forEach(m -> System.out.println("  " + m));
        assertEquals(1000, rows.size());
        assertTrue(mismatches.size() <= 20, () -> mismatches.size() + " mismatches (listed on stdout)");
    }

    @Test
    void hand_countedParameters() {
        // arch 10: three 3x3 convolution edges per cell (1<-0, 2<-0, 2<-1), output node zero
        Nb201Cell c = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
        long cells = 0;
        for (int ch : new int[] {16, 32, 64}) {
            cells += 5 * 3 * (9L * ch * ch + 2 * ch);
        }
        long stem = 3 * 16 * 9 + 2 * 16;
        long r1 = 9 * 16 * 32 + 2 * 32 + 9 * 32 * 32 + 2 * 32 + 16 * 32;
        long r2 = 9 * 32 * 64 + 2 * 64 + 9 * 64 * 64 + 2 * 64 + 32 * 64;
        long head = 2 * 64 + 64 * 10 + 10;
        assertEquals(cells + stem + r1 + r2 + head, Nb201Network.defaults().parameterCount(c));
        assertEquals(802_426, cells + stem + r1 + r2 + head);
        // DL4J's own count adds batch normalisation's running mean and variance
        ComputationGraph g = Nb201Network.builder().channels(4).cellsPerStage(1).build().graph(c);
        long bnChannels = 0;
        for (Map.Entry<String, GraphVertex> e : g.getConfiguration().getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization bn) {
                bnChannels += bn.getNOut();
            }
        }
        assertEquals(Nb201Network.builder().channels(4).cellsPerStage(1).build().parameterCount(c) + 2 * bnChannels,
                g.numParams());
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        assertNotNull(v, () -> "no vertex " + name);
        return ((LayerVertex) v).getLayerConf().getLayer();
    }

    private static void assertConv(ComputationGraphConfiguration conf, String name, long in, long out, int k,
                                   int stride, int pad) {
        ConvolutionLayer c = assertInstanceOf(ConvolutionLayer.class, layer(conf, name), name);
        assertEquals(in, c.getNIn(), name);
        assertEquals(out, c.getNOut(), name);
        assertArrayEquals(new int[] {k, k}, c.getKernelSize(), name);
        assertArrayEquals(new int[] {stride, stride}, c.getStride(), name);
        assertArrayEquals(new int[] {pad, pad}, c.getPadding(), name);
        assertFalse(c.hasBias(), name);
        assertEquals(ConvolutionMode.Truncate, c.getConvolutionMode(), name);
        assertInstanceOf(ActivationIdentity.class, c.getActivationFn(), name);
        assertEquals(WeightInit.UNIFORM.getWeightInitFunction(), c.getWeightInitFn(), name);
    }

    private static void assertRelu(ComputationGraphConfiguration conf, String name, String input) {
        ActivationLayer a = assertInstanceOf(ActivationLayer.class, layer(conf, name), name);
        assertInstanceOf(ActivationReLU.class, a.getActivationFn(), name);
        assertEquals(List.of(input), conf.getVertexInputs().get(name), name);
    }

    private static void assertShape(Map<String, InputType> types, String name, long c, long h, long w) {
        InputType.InputTypeConvolutional t = assertInstanceOf(InputType.InputTypeConvolutional.class, types.get(name),
                name);
        assertEquals(c, t.getChannels(), name);
        assertEquals(h, t.getHeight(), name);
        assertEquals(w, t.getWidth(), name);
    }

    @Test
    void layerByLayer() {
        // |nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|
        ComputationGraphConfiguration conf = Nb201Network.defaults().configuration(Nb201Cell.parse(BEST));
        Map<String, InputType> types = conf.getLayerActivationTypes(Nb201Network.defaults().inputType());
        assertConv(conf, "stem_conv", 3, 16, 3, 1, 1);
        assertEquals(List.of("input"), conf.getVertexInputs().get("stem_conv"));
        assertInstanceOf(BatchNormalization.class, layer(conf, "stem_bn"));
        assertEquals(1e-5, ((BatchNormalization) layer(conf, "stem_bn")).getEps(), 0);
        assertShape(types, "stem_bn", 16, 32, 32);
        // cell 0 of stage 0 reads the stem; every conv edge is ReLU -> conv -> BN
        assertRelu(conf, "s0c0_e10_relu", "stem_bn");
        assertConv(conf, "s0c0_e10_conv", 16, 16, 3, 1, 1);
        assertEquals(List.of("s0c0_e10_conv"), conf.getVertexInputs().get("s0c0_e10_bn"));
        assertRelu(conf, "s0c0_e21_relu", "s0c0_e10_bn");              // node 1 is the single edge's BN
        assertInstanceOf(ElementWiseVertex.class, conf.getVertices().get("s0c0_n2"));
        assertEquals(List.of("s0c0_e20_bn", "s0c0_e21_bn"), conf.getVertexInputs().get("s0c0_n2"));
        assertRelu(conf, "s0c0_e32_relu", "s0c0_n2");
        // node 3 = skip(node 0) + conv(node 1) + conv(node 2): the skip edge reads the cell input directly
        assertEquals(List.of("stem_bn", "s0c0_e31_bn", "s0c0_e32_bn"), conf.getVertexInputs().get("s0c0_n3"));
        assertRelu(conf, "s0c1_e10_relu", "s0c0_n3");
        assertShape(types, "s0c4_n3", 16, 32, 32);
        // reduction 1: 16 -> 32 channels, 32x32 -> 16x16
        assertRelu(conf, "r1_a_relu", "s0c4_n3");
        assertConv(conf, "r1_a_conv", 16, 32, 3, 2, 1);
        assertRelu(conf, "r1_b_relu", "r1_a_bn");
        assertConv(conf, "r1_b_conv", 32, 32, 3, 1, 1);
        SubsamplingLayer pool = assertInstanceOf(SubsamplingLayer.class, layer(conf, "r1_pool"));
        assertEquals(PoolingType.AVG, pool.getPoolingType());
        assertArrayEquals(new int[] {2, 2}, pool.getKernelSize());
        assertArrayEquals(new int[] {2, 2}, pool.getStride());
        assertArrayEquals(new int[] {0, 0}, pool.getPadding());
        assertEquals(List.of("s0c4_n3"), conf.getVertexInputs().get("r1_pool"));
        assertConv(conf, "r1_short", 16, 32, 1, 1, 0);
        assertEquals(List.of("r1_b_bn", "r1_short"), conf.getVertexInputs().get("r1_add"));
        assertShape(types, "r1_a_conv", 32, 16, 16);
        assertShape(types, "r1_short", 32, 16, 16);
        assertShape(types, "r1_add", 32, 16, 16);
        assertConv(conf, "s1c0_e10_conv", 32, 32, 3, 1, 1);
        assertConv(conf, "r2_a_conv", 32, 64, 3, 2, 1);
        assertConv(conf, "r2_short", 32, 64, 1, 1, 0);
        assertShape(types, "r2_add", 64, 8, 8);
        assertConv(conf, "s2c4_e32_conv", 64, 64, 3, 1, 1);
        assertShape(types, "s2c4_n3", 64, 8, 8);
        // head
        assertEquals(List.of("s2c4_n3"), conf.getVertexInputs().get("last_bn"));
        assertRelu(conf, "last_relu", "last_bn");
        GlobalPoolingLayer gap = assertInstanceOf(GlobalPoolingLayer.class, layer(conf, "gap"));
        assertEquals(PoolingType.AVG, gap.getPoolingType());
        OutputLayer out = assertInstanceOf(OutputLayer.class, layer(conf, "logits"));
        assertEquals(64, out.getNIn());
        assertEquals(10, out.getNOut());
        assertTrue(out.hasBias());
        assertInstanceOf(ActivationIdentity.class, out.getActivationFn());
        assertInstanceOf(LogitsCrossEntropy.class, out.getLossFn());
        assertEquals(List.of("logits"), conf.getNetworkOutputs());
        // 3 x 5 cells x (5 edges x 3 layers + 2 sums), stem 2, reductions 2 x 9, head 4, input 1
        assertEquals(15 * 17 + 2 + 18 + 4 + 1, conf.getVertices().size() + 1);
    }

    @Test
    void avgPoolEdgeAndPoolOnlyCell() {
        ComputationGraphConfiguration conf = Nb201Network.defaults().configuration(
                Nb201Cell.parse("|avg_pool_3x3~0|+|none~0|nor_conv_1x1~1|+|none~0|none~1|skip_connect~2|"));
        SubsamplingLayer p = assertInstanceOf(SubsamplingLayer.class, layer(conf, "s0c0_e10_pool"));
        assertEquals(PoolingType.AVG, p.getPoolingType());
        assertArrayEquals(new int[] {3, 3}, p.getKernelSize());
        assertArrayEquals(new int[] {1, 1}, p.getStride());
        assertArrayEquals(new int[] {1, 1}, p.getPadding());
        assertFalse(p.isAvgPoolIncludePadInDivisor());
        assertConv(conf, "s0c0_e21_conv", 16, 16, 1, 1, 0);
        assertRelu(conf, "s0c0_e21_relu", "s0c0_e10_pool");
        // node 3 = skip(node 2) = node 2 = the 1x1 edge's BN: the next cell reads it
        assertRelu(conf, "s0c1_e21_relu", "s0c1_e10_pool");
        assertEquals(List.of("s0c0_e21_bn"), conf.getVertexInputs().get("s0c1_e10_pool"));
        assertFalse(conf.getVertices().containsKey("s0c0_e32_pool"));
    }

    @Test
    void zeroOutputCellGivesZerosAndAValidNetwork() {
        Nb201Cell c = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
        Nb201Network nb = Nb201Network.builder().channels(4).cellsPerStage(2).initialisation(Initialisation.seeded(3)).build();
        ComputationGraphConfiguration conf = nb.configuration(c);
        assertInstanceOf(ScaleVertex.class, conf.getVertices().get("s0c0_n3_zero"));
        assertEquals(0.0, ((ScaleVertex) conf.getVertices().get("s0c0_n3_zero")).getScaleFactor(), 0);
        assertEquals(List.of("stem_bn"), conf.getVertexInputs().get("s0c0_n3_zero"));
        // node 2 is read by no edge: added to the output scaled by 0, so every vertex reaches the network output
        assertEquals(List.of("s0c0_n2"), conf.getVertexInputs().get("s0c0_n2_unused"));
        assertEquals(List.of("s0c0_n3_zero", "s0c0_n2_unused"), conf.getVertexInputs().get("s0c0_out"));
        assertEquals(List.of("s0c0_out"), conf.getVertexInputs().get("s0c1_e10_relu"));
        // the cell's edges are computed although nothing reads node 2 (disconnected vertices)
        assertEquals(List.of("s0c0_e20_bn", "s0c0_e21_bn"), conf.getVertexInputs().get("s0c0_n2"));
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32).subi(0.5);
        Map<String, INDArray> acts = g.feedForward(x, true);
        assertEquals(0.0, acts.get("s0c0_n3_zero").amaxNumber().doubleValue(), 0);
        assertEquals(0.0, acts.get("s0c0_out").amaxNumber().doubleValue(), 0);
        assertTrue(acts.get("stem_bn").amaxNumber().doubleValue() > 0);
        assertTrue(acts.get("s0c0_n2").amaxNumber().doubleValue() > 0);
        assertEquals(0.0, acts.get("s0c1_e10_bn").amaxNumber().doubleValue(), 0);
        assertEquals(0.0, acts.get("r2_add").amaxNumber().doubleValue(), 0);
        INDArray logits = g.outputSingle(true, x);
        // zero features: the logits are the classifier's bias (0 at initialisation) for every example
        assertEquals(0.0, logits.amaxNumber().doubleValue(), 0);
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(g, x);
        assertTrue(Double.isFinite(r.score()) && r.score() > 0);
        assertEquals(Set.copyOf(nb.expectedMatrices(c)), names(r));
        for (MatrixScore m : r.matrices()) {
            if (m.layerName().startsWith("s0c0") || m.layerName().startsWith("stem")) {
                assertTrue(m.effectiveRank() > 0, m.toString());
            } else {
                assertEquals(0.0, m.effectiveRank(), 0, m.toString());
            }
        }
    }

    @Test
    void unreadNodesStillGetAGradient() {
        // node 1 (3x3 from node 0) is read by no edge; node 3 = skip(node 0) + avg_pool(node 2)
        Nb201Cell c = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|");
        ComputationGraph g = Nb201Network.builder().channels(2).cellsPerStage(1).initialisation(Initialisation.seeded(4)).build().graph(c);
        assertEquals(List.of("s0c0_n3", "s0c0_n1_unused"), g.getConfiguration().getVertexInputs().get("s0c0_out"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i, 1);
        }
        INDArray before = g.outputSingle(true, x);
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        assertTrue(Double.isFinite(g.score()) && g.score() > 0);
        // the unread branch gets zero gradients; the read 1x1 edge does not
        assertEquals(0.0, g.gradient().getGradientFor("s0c0_e10_conv_W").amaxNumber().doubleValue(), 0);
        assertTrue(g.gradient().getGradientFor("s0c0_e20_conv_W").amaxNumber().doubleValue() > 0);
        // the 0-scaled branch does not change the output: compare with the cell without edge 1 <- 0
        ComputationGraph h = Nb201Network.builder().channels(2).cellsPerStage(1).initialisation(Initialisation.seeded(4)).build().graph(
                Nb201Cell.parse("|none~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"));
        for (String layer : List.of("stem_conv", "s0c0_e20_conv", "r1_a_conv", "logits")) {
            h.getLayer(layer).setParams(g.getLayer(layer).params().dup());
        }
        for (String layer : List.of("r1_b_conv", "r1_short", "r2_a_conv", "r2_b_conv", "r2_short", "s1c0_e20_conv",
                "s2c0_e20_conv")) {
            h.getLayer(layer).setParams(g.getLayer(layer).params().dup());
        }
        assertEquals(0.0, h.outputSingle(true, x).sub(before).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void edgesLeavingAZeroNodeAreComputedOnZeros() {
        // node 1 is zero (none); 2 <- 1 (3x3) and 3 <- 1 (1x1) read 0 * input; node 3 also gets avg_pool(node 2)
        Nb201Cell c = Nb201Cell.parse("|none~0|+|skip_connect~0|nor_conv_3x3~1|+|none~0|nor_conv_1x1~1|avg_pool_3x3~2|");
        ComputationGraphConfiguration conf = Nb201Network.defaults().configuration(c);
        assertEquals(List.of("stem_bn"), conf.getVertexInputs().get("s0c0_n1_zero"));
        assertEquals(List.of("s0c0_n1_zero"), conf.getVertexInputs().get("s0c0_e21_relu"));
        assertEquals(List.of("s0c0_n1_zero"), conf.getVertexInputs().get("s0c0_e31_relu"));
        assertEquals(List.of("stem_bn", "s0c0_e21_bn"), conf.getVertexInputs().get("s0c0_n2"));
        assertEquals(List.of("s0c0_e31_bn", "s0c0_e32_pool"), conf.getVertexInputs().get("s0c0_n3"));
        assertEquals(344_346, Nb201Network.parameterCount(conf));     // arch 40 of the table
    }

    private static Set<String> names(NearResult r) {
        Set<String> s = new HashSet<>();
        for (MatrixScore m : r.matrices()) {
            assertTrue(s.add(m.layerName() + " " + m.kind().label()), () -> "twice: " + m);
        }
        return s;
    }

    @Test
    void nearScoresExactlyTheReferenceMatrices() {
        Nb201Cell c = Nb201Cell.parse(BEST);
        Nb201Network nb = Nb201Network.builder().channels(4).cellsPerStage(1).initialisation(Initialisation.seeded(1)).build();
        ComputationGraph g = nb.graph(c);
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(g,
                Nd4j.rand(DataType.FLOAT, 10, 3, 32, 32));
        // counted by hand: stem 2, per cell 5 conv edges x 3, reductions 2 x 7, head 3
        assertEquals(2 + 3 * 5 * 3 + 2 * 7 + 3, r.matrices().size());
        assertEquals(Set.copyOf(nb.expectedMatrices(c)), names(r));
        long posts = r.matrices().stream().filter(m -> m.kind() == MatrixKind.POST).count();
        assertEquals(3 * 5 + 2 * 2 + 1, posts);          // the ReLUs: one per conv edge, two per reduction, one head
        assertTrue(r.matrices().stream().anyMatch(m -> m.layerName().equals("logits") && m.cols() == 10));
    }

    @Test
    void duplicateSkipInputsAreSummedTwice() {
        // node 1 = node 0; node 3 = skip(node 0) + skip(node 1) = 2 x the cell input
        Nb201Cell c = Nb201Cell.parse("|skip_connect~0|+|none~0|none~1|+|skip_connect~0|skip_connect~1|none~2|");
        ComputationGraph g = Nb201Network.builder().channels(2).cellsPerStage(1).build().graph(c);
        assertEquals(List.of("stem_bn", "stem_bn"), g.getConfiguration().getVertexInputs().get("s0c0_n3"));
        Map<String, INDArray> acts = g.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), true);
        INDArray in = acts.get("stem_bn");
        assertEquals(0.0, acts.get("s0c0_n3").sub(in.mul(2)).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void poolingIgnoresPaddingAndStrideTwoAlignsLikePyTorch() {
        Nb201Cell c = Nb201Cell.parse("|avg_pool_3x3~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|");
        ComputationGraph g = Nb201Network.builder().channels(2).cellsPerStage(1)
                .initialisation(Initialisation.builder().dataType(DataType.DOUBLE).seed(5).build()).build().graph(c);
        Map<String, INDArray> acts = g.feedForward(Nd4j.rand(DataType.DOUBLE, 2, 3, 32, 32), true);
        INDArray in = acts.get("stem_bn");
        INDArray pool = acts.get("s0c0_e10_pool");
        for (int ch = 0; ch < 2; ch++) {
            // a corner averages its 4 real neighbours, an edge pixel 6, an inner pixel 9
            assertEquals(mean(in, 1, ch, 0, 1, 0, 1), pool.getDouble(1, ch, 0, 0), 1e-12);
            assertEquals(mean(in, 1, ch, 0, 1, 4, 6), pool.getDouble(1, ch, 0, 5), 1e-12);
            assertEquals(mean(in, 1, ch, 6, 8, 9, 11), pool.getDouble(1, ch, 7, 10), 1e-12);
        }
        // r1_a_conv: stride 2, padding 1; output (i, j) reads input rows 2i-1..2i+1 and columns 2j-1..2j+1
        INDArray relu = acts.get("r1_a_relu");
        INDArray w = g.getLayer("r1_a_conv").getParam("W");          // [out, in, kh, kw]
        INDArray conv = acts.get("r1_a_conv");
        for (int[] ij : new int[][] {{0, 0}, {3, 5}, {15, 15}}) {
            double expected = 0;
            for (int ci = 0; ci < 2; ci++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int y = 2 * ij[0] + ky - 1;
                        int x = 2 * ij[1] + kx - 1;
                        if (y >= 0 && y < 32 && x >= 0 && x < 32) {
                            expected += w.getDouble(1, ci, ky, kx) * relu.getDouble(0, ci, y, x);
                        }
                    }
                }
            }
            assertEquals(expected, conv.getDouble(0, 1, ij[0], ij[1]), 1e-10);
        }
    }

    private static double mean(INDArray a, int n, int c, int y0, int y1, int x0, int x1) {
        double s = 0;
        int k = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                s += a.getDouble(n, c, y, x);
                k++;
            }
        }
        return s / k;
    }

    @Test
    void uniformInitialisationBound() {
        ComputationGraph g = Nb201Network.builder().channels(4).cellsPerStage(1).build().graph(Nb201Cell.parse(BEST));
        double bound = 1 / Math.sqrt(3 * 9);                  // fan_in of the stem convolution
        INDArray w = g.getLayer("stem_conv").getParam("W");
        assertTrue(w.amaxNumber().doubleValue() <= bound);
        assertTrue(w.amaxNumber().doubleValue() > 0.8 * bound);
        INDArray d = g.getLayer("logits").getParam("W");
        assertTrue(d.amaxNumber().doubleValue() <= 1 / Math.sqrt(16));
        assertEquals(1.0, g.getLayer("stem_bn").getParam("gamma").minNumber().doubleValue(), 0);
        assertEquals(0.0, g.getLayer("stem_bn").getParam("beta").amaxNumber().doubleValue(), 0);
    }

    @Test
    void configurationSurvivesJson() {
        Nb201Network nb = Nb201Network.builder()
                .initialisation(Initialisation.builder().weightInit(WeightInit.XAVIER).seed(9).build()).build();
        ComputationGraphConfiguration conf = nb.configuration(Nb201Cell.parse(BEST));
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(nb.parameterCount(Nb201Cell.parse(BEST)), Nb201Network.parameterCount(back));
        assertEquals(WeightInit.XAVIER.getWeightInitFunction(),
                ((ConvolutionLayer) layer(back, "stem_conv")).getWeightInitFn());
    }

    @Test
    void options() {
        Nb201Network nb = Nb201Network.builder().channels(8).cellsPerStage(2).classes(100).build();
        ComputationGraphConfiguration conf = nb.configuration(Nb201Cell.parse(BEST));
        assertEquals(32, ((ConvolutionLayer) layer(conf, "s2c1_e32_conv")).getNOut());
        assertEquals(100, ((OutputLayer) layer(conf, "logits")).getNOut());
        assertFalse(conf.getVertices().containsKey("s0c2_e10_conv"));
        assertEquals(nb, nb);
        assertEquals(nb.toString(), nb.toBuilder().build().toString());
        assertThrows(IllegalArgumentException.class, () -> Nb201Network.builder().channels(0));
        assertThrows(IllegalArgumentException.class, () -> Nb201Network.builder().initialisation(null));
        assertThrows(NullPointerException.class, () -> nb.configuration(null));
    }
}
