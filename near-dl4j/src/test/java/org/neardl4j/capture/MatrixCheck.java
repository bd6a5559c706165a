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
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.Independent;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected NEAR matrices of a network, obtained from DL4J's own forward pass ({@code feedForward}) and an
 * identity-activation twin for pre-activations, and assertions that compare them with a {@link NearResult}
 * through {@link Independent}'s loops and SVD.
 */
final class MatrixCheck {

    static final double REL = 1e-9;
    /**
     * Effective ranks are compared at {@link #REL} with an independent SVD, so the scorers here use the exact
     * route ({@code SVD_DOUBLE}); the default {@code AUTO} is within 1e-6, see {@code EffectiveRankTest}.
     */
    static final EffectiveRank.Method EXACT = EffectiveRank.Method.SVD_DOUBLE;

    private MatrixCheck() {
    }

    /** One expected matrix: its layer, kind, the activation it comes from and that activation's layout. */
    static final class Expected {
        final String layer;
        final MatrixKind kind;
        final INDArray activation;
        final String layout;

        Expected(String layer, MatrixKind kind, INDArray activation, String layout) {
            this.layer = layer;
            this.kind = kind;
            this.activation = activation.dup();
            this.layout = layout;
        }

        @Override
        public String toString() {
            return layer + "/" + kind.label();
        }
    }

    static Expected pre(String layer, INDArray a, String layout) {
        return new Expected(layer, MatrixKind.PRE, a, layout);
    }

    static Expected post(String layer, INDArray a, String layout) {
        return new Expected(layer, MatrixKind.POST, a, layout);
    }

    /** The fastest-varying row axis: block starts in RANDOM mode are multiples of it. */
    static long line(Expected e) {
        long[] s = e.activation.shape();
        switch (e.layout) {
            case "FF": return s[1];
            case "NCW": return s[2];
            case "NWC": return s[1];
            case "NCHW": return s[2];
            case "NHWC": return s[1];
            case "NCDHW": return s[3];
            case "NDHWC": return s[2];
            default: throw new IllegalArgumentException(e.layout);
        }
    }

    /** Layer names, kinds, shapes and effective ranks of the first-block result. */
    static void assertFirstBlocks(NearResult r, List<Expected> want) {
        List<String> wantSites = new ArrayList<>();
        for (Expected e : want) {
            wantSites.add(e.toString());
        }
        List<String> gotSites = new ArrayList<>();
        for (MatrixScore m : r.matrices()) {
            gotSites.add(m.layerName() + "/" + m.kind().label());
        }
        assertEquals(wantSites, gotSites, "matrices in forward order");
        for (int i = 0; i < want.size(); i++) {
            assertBlock(want.get(i), r.matrices().get(i), 0);
        }
        double total = 0;
        for (MatrixScore m : r.matrices()) {
            total += m.effectiveRank();
        }
        assertEquals(total, r.score(), 1e-12 * total);
    }

    /** One matrix against the block of the hand-made matrix at {@code start}. */
    static void assertBlock(Expected e, MatrixScore m, long start) {
        assertBlock(e, m, start, REL);
    }

    /** The same with a relative tolerance for the effective rank. */
    static void assertBlock(Expected e, MatrixScore m, long start, double rel) {
        double[][] full = Independent.matrix(e.activation, e.layout);
        int cols = full[0].length;
        assertEquals(cols, m.cols(), e + ": columns");
        assertEquals(full.length, m.rowsAvailable(), e + ": rows available");
        assertEquals(Math.min(cols, full.length), m.rows(), e + ": rows of the block");
        assertEquals(start, m.blockStart(), e + ": block start");
        long perSample = full.length / e.activation.size(0);
        long rows = m.rows();
        assertEquals((start + rows - 1) / perSample - start / perSample + 1, m.samples(), e + ": samples in block");
        double want = Independent.erank(Independent.block(full, (int) start));
        assertEquals(want, m.effectiveRank(), rel * Math.max(1, want), e + ": effective rank");
    }

    /** Random blocks: aligned to a line, a full block fits, and the rank is that of the block at that start. */
    static void assertRandomBlocks(Model model, INDArray[] x, List<Expected> want) {
        for (long seed = 1; seed <= 4; seed++) {
            NearResult r = NearScorer.builder().blockMode(BlockMode.RANDOM).seed(seed).rankMethod(EXACT).build().score(model, x);
            assertEquals(want.size(), r.matrices().size());
            for (int i = 0; i < want.size(); i++) {
                Expected e = want.get(i);
                MatrixScore m = r.matrices().get(i);
                long start = m.blockStart();
                assertEquals(0, start % line(e), e + ": random start " + start + " not a multiple of " + line(e));
                assertTrue(start + m.cols() <= m.rowsAvailable() || start == 0,
                        e + ": block from " + start + " does not fit in " + m.rowsAvailable());
                assertBlock(e, m, start);
            }
        }
    }

    // ---- expected activations ------------------------------------------------------------------------------

    /** DL4J's own forward pass on a copy: [input, out0, out1, ...]. */
    static List<INDArray> feedForward(MultiLayerNetwork net, INDArray x, boolean train) {
        return net.clone().feedForward(x.dup(), train);
    }

    static Map<String, INDArray> feedForward(ComputationGraph g, INDArray[] x, boolean train) {
        INDArray[] copy = new INDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].dup();
        }
        return twin(g).feedForward(copy, train);
    }

    /**
     * A copy of a graph made through its JSON configuration, not {@code ComputationGraph.clone()}: DL4J's
     * configuration clone loses fields (a MergeVertex's axis, see ConfigurationsTest).
     */
    static ComputationGraph twin(ComputationGraph g) {
        ComputationGraph t = new ComputationGraph(ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson()));
        t.init(g.params().dup(), false);
        return t;
    }

    /**
     * Pre-activation of layer {@code i}: the same layer with an identity activation and the same parameters,
     * fed with DL4J's own output of layer {@code i - 1} (after the layer's input preprocessor).
     */
    static INDArray preActivation(MultiLayerNetwork net, INDArray x, int i, boolean train) {
        List<INDArray> ff = feedForward(net, x, train);
        // a JSON round trip: clone() shares the layer inside wrapper layers
        MultiLayerConfiguration c = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        for (NeuralNetConfiguration nc : c.getConfs()) {
            identity(nc.getLayer());
        }
        MultiLayerNetwork twin = new MultiLayerNetwork(c);
        twin.init(net.params().dup(), false);
        INDArray in = ff.get(i).dup();
        InputPreProcessor pp = c.getInputPreProcess(i);
        if (pp != null) {
            in = pp.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return twin.getLayer(i).activate(in, train, LayerWorkspaceMgr.noWorkspaces()).dup();
    }

    /** The same for a graph vertex with one input. */
    static INDArray preActivation(ComputationGraph g, INDArray[] x, String vertex, boolean train) {
        Map<String, INDArray> ff = feedForward(g, x, train);
        ComputationGraphConfiguration c = ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
        for (GraphVertex v : c.getVertices().values()) {
            if (v instanceof LayerVertex) {
                identity(((LayerVertex) v).getLayerConf().getLayer());
            }
        }
        ComputationGraph twin = new ComputationGraph(c);
        twin.init(g.params().dup(), false);
        List<String> inputs = c.getVertexInputs().get(vertex);
        assertEquals(1, inputs.size(), "helper supports single-input vertices");
        INDArray in = ff.get(inputs.get(0)).dup();
        InputPreProcessor pp = ((LayerVertex) c.getVertices().get(vertex)).getPreProcessor();
        if (pp != null) {
            in = pp.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return twin.getLayer(vertex).activate(in, train, LayerWorkspaceMgr.noWorkspaces()).dup();
    }

    private static void identity(Layer l) {
        Layer c = l;
        while (true) {
            if (c instanceof BaseLayer) {
                ((BaseLayer) c).setActivationFn(new ActivationIdentity());
            }
            if (c instanceof FrozenLayer) {
                c = ((FrozenLayer) c).getLayer();
            } else if (c instanceof BaseWrapperLayer) {
                c = ((BaseWrapperLayer) c).getUnderlying();
            } else {
                return;
            }
        }
    }
}
