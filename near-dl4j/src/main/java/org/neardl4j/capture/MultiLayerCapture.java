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

import java.util.List;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

/** {@link ModelCapture} for a {@link MultiLayerNetwork}: layers in index order, preprocessors between them. */
final class MultiLayerCapture extends ModelCapture {

    private final MultiLayerNetwork net;
    private final MultiLayerConfiguration conf;
    private final LayerStep[] steps;
    private final ImmutableList<SkippedLayer> skipped;
    private final ImmutableList<MatrixSite> sites;

    MultiLayerCapture(MultiLayerNetwork original, Long seed) {
        Preconditions.checkArgument(original.isInitCalled(), "the MultiLayerNetwork must be initialised (call init())");
        conf = Configurations.copyOf(original.getLayerWiseConfigurations());
        int n = conf.getConfs().size();
        steps = new LayerStep[n];
        ImmutableList.Builder<SkippedLayer> sk = ImmutableList.builder();
        ImmutableList.Builder<MatrixSite> st = ImmutableList.builder();
        for (int i = 0; i < n; i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            if (seed != null) {
                c.setSeed(seed);
            }
            String given = layerName(c.getLayer());
            String name = given != null ? given : "layer" + i;
            c.setLayer(workingLayer(c.getLayer()));
            steps[i] = new LayerStep(name, i, c.getLayer());
            SkippedLayer s = steps[i].skipped();
            if (s != null) {
                sk.add(s);
            }
            steps[i].addSites(st);
        }
        skipped = sk.build();
        sites = st.build();
        net = new MultiLayerNetwork(conf);
        if (seed == null) {
            // a network without parameters has an empty parameter array, which init does not take back
            INDArray p = original.params();
            net.init(p == null || p.isEmpty() ? null : p.dup(), false);
        } else {
            FreshThread.run(() -> Initialisation.init(net));
        }
    }

    @Override
    public int numInputs() {
        return 1;
    }

    @Override
    public List<SkippedLayer> skipped() {
        return skipped;
    }

    @Override
    public List<MatrixSite> sites() {
        return sites;
    }

    @Override
    public void forward(INDArray[] features, ActivationSink sink) {
        checkInputs(features, 1);
        // activations are freed as soon as the next layer has read them; temporaries live in a workspace
        WorkingMemory memory = new WorkingMemory(features[0], net.params());
        LayerWorkspaceMgr mgr = memory.mgr();
        try {
            forward(features[0], sink, memory, mgr);
        } finally {
            memory.close();
        }
    }

    private void forward(INDArray x, ActivationSink sink, WorkingMemory memory, LayerWorkspaceMgr mgr) {
        int batch = (int) x.size(0);
        ActivationLayout layout = LayerRole.inputLayout(x.rank(), steps.length > 0 ? steps[0].conf : null);
        int last = lastWantedLayer(sink);
        long flattened = -1;   // samples of a time series flattened to [N*T, F] rows, while x is one
        for (int i = 0; i <= last; i++) {
            LayerStep step = steps[i];
            InputPreProcessor pp = conf.getInputPreProcess(i);
            INDArray layerOutput = x;
            if (pp != null) {
                long samples = x.size(0);
                int rankBefore = x.rank();
                try {
                    x = pp.preProcess(x, batch, mgr);
                    if (x != layerOutput) {
                        memory.hold(x);
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("input preprocessor of layer " + step.describe()
                            + " failed: " + e.getMessage(), e);
                }
                layout = LayerRole.afterPreprocessor(pp, x.rank(), layout);
                flattened = LayerRole.flattensTimeSeries(pp, rankBefore, x.rank()) ? samples : -1;
            }
            Layer layer = net.getLayer(i);
            // the format conversion DL4J's output() applies between these two layers, if any
            INDArray preprocessed = null;
            FormatConversion.Converted converted = FormatConversion.between(
                    i > 0 ? net.getLayer(i - 1).conf().getLayer() : null, layer.conf().getLayer(), x);
            if (converted != null) {
                preprocessed = x != layerOutput ? x : null;
                x = converted.array;
                layout = converted.layout;
                memory.hold(x);
            }
            final INDArray in = x;
            Output out = run(step, in, layout, in.size(0), flattened,
                    step.forward(layer, () -> in, () -> layer.activate(in, true, mgr)), sink, memory);
            layer.clear();
            memory.releaseCaches(layer, out.array);
            if (out.array.rank() != 2 || out.array.size(0) != x.size(0)) {
                flattened = -1;
            }
            // this layer's input is read by no one else: free it (views and in-place outputs keep it alive)
            memory.hold(out.array);
            memory.drop(layerOutput);
            if (x != layerOutput) {
                memory.drop(x);
            }
            if (preprocessed != null) {
                memory.drop(preprocessed);
            }
            x = out.array;
            layout = out.layout;
        }
        memory.drop(x);
    }

    /** Layers after the last one whose matrices are still wanted need not run. */
    private int lastWantedLayer(ActivationSink sink) {
        for (int i = steps.length - 1; i >= 0; i--) {
            LayerStep s = steps[i];
            if ((s.pre != null && sink.wants(s.pre)) || (s.post != null && sink.wants(s.post))) {
                return i;
            }
        }
        return -1;
    }
}
