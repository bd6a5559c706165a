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
package org.neardl4j.keras;

import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.Independent;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Theano-ordered Embedding -> Conv1D models score, and every matrix agrees with an independent recomputation
 * from the activations of DL4J's own inference forward pass ({@code MultiLayerNetwork.output()}'s
 * {@code outputOfLayerDetached}, which converts the embedding's sequence layout for the Conv1D), in training mode,
 * dropout removed; each pre-activation from a twin whose layer has the identity activation. Effective ranks by
 * commons-math3's SVD ({@link Independent}).
 */
class TheanoModelsTest {

    static final double REL = 1e-5;

    static List<String> theano() {
        return Fixtures.THEANO;
    }

    /** DL4J's output() path up to layer {@code i}, in training mode, on a copy without dropout. */
    static INDArray outputOfLayer(MultiLayerNetwork net, int i, INDArray x, boolean identityAt) throws Exception {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        for (NeuralNetConfiguration c : conf.getConfs()) {
            c.getLayer().setIDropout(null);
        }
        if (identityAt) {
            ((BaseLayer) conf.getConf(i).getLayer()).setActivationFn(new ActivationIdentity());
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        Method m = MultiLayerNetwork.class.getDeclaredMethod("outputOfLayerDetached", boolean.class, FwdPassType.class,
                int.class, INDArray.class, INDArray.class, INDArray.class, MemoryWorkspace.class);
        m.setAccessible(true);
        return ((INDArray) m.invoke(copy, true, FwdPassType.STANDARD, i, x.dup(), null, null, null)).dup();
    }

    static String layout(Layer l, INDArray a) {
        if (a.rank() == 2) {
            return "FF";
        }
        RNNFormat f = l instanceof EmbeddingSequenceLayer ? ((EmbeddingSequenceLayer) l).getOutputFormat()
                : ((Convolution1DLayer) l).getRnnDataFormat();
        return f.name();
    }

    @ParameterizedTest
    @MethodSource("theano")
    void scoresLikeOutput(String name) throws Exception {
        Path file = Fixtures.file(name);
        MultiLayerNetwork net = (MultiLayerNetwork) KerasModels.load(file);
        INDArray x = Fixtures.inputs(file, net, 40, 7)[0];
        List<String> wantSites = new ArrayList<>();
        List<double[][]> wantMatrices = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer l = net.getLayer(i).conf().getLayer();
            if (l instanceof DropoutLayer) {
                continue;
            }
            INDArray out = outputOfLayer(net, i, x, false);
            boolean identity = ((BaseLayer) l).getActivationFn() instanceof ActivationIdentity;
            if (!identity) {
                INDArray pre = outputOfLayer(net, i, x, true);
                wantSites.add(l.getLayerName() + "/pre");
                wantMatrices.add(Independent.matrix(pre, layout(l, pre)));
                wantSites.add(l.getLayerName() + "/post");
            } else {
                wantSites.add(l.getLayerName() + "/pre");
            }
            wantMatrices.add(Independent.matrix(out, layout(l, out)));
        }
        NearResult r = NearScorer.builder().blockMode(BlockMode.FIRST).rankMethod(EffectiveRank.Method.SVD_DOUBLE)
                .build().score(net, x);
        List<String> gotSites = new ArrayList<>();
        r.matrices().forEach(m -> gotSites.add(m.layerName() + "/" + m.kind().label()));
        assertEquals(wantSites, gotSites, name);
        assertTrue(wantSites.contains("conv1d_1/pre"), wantSites.toString());
        for (int j = 0; j < wantSites.size(); j++) {
            double[][] full = wantMatrices.get(j);
            MatrixScore m = r.matrices().get(j);
            assertEquals(full[0].length, m.cols(), wantSites.get(j));
            assertEquals(full.length, m.rowsAvailable(), wantSites.get(j));
            double want = Independent.erank(Independent.block(full, 0));
            assertEquals(want, m.effectiveRank(), REL * Math.max(1, want), name + " " + wantSites.get(j));
        }
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("not supported")), r.warnings().toString());
    }
}
