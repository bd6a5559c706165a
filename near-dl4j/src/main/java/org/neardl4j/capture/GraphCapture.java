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
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link ModelCapture} for a {@link ComputationGraph}: vertices in topological order. Each vertex's inputs are
 * released as soon as it has run, so only activations still to be consumed are held.
 */
final class GraphCapture extends ModelCapture {

    private static final String BUILT_IN_VERTEX_PACKAGE = "org.deeplearning4j.nn.graph.vertex.impl";

    private final ComputationGraph graph;
    private final int[] order;
    private final LayerStep[] steps;     // by vertex index; null for non-layer vertices
    private final ImmutableList<SkippedLayer> skipped;
    private final ImmutableList<MatrixSite> sites;

    GraphCapture(ComputationGraph original, Long seed) {
        Preconditions.checkArgument(original.getVertices() != null, "the ComputationGraph must be initialised (call init())");
        ComputationGraphConfiguration conf = Configurations.copyOf(original.getConfiguration());
        if (seed != null) {
            conf.getDefaultConfiguration().setSeed(seed);
        }
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex) {
                NeuralNetConfiguration c = ((LayerVertex) e.getValue()).getLayerConf();
                if (seed != null) {
                    c.setSeed(seed);
                }
                c.setLayer(workingLayer(c.getLayer()));
            }
        }
        graph = new ComputationGraph(conf);
        // activation wrappers are installed in the cloned configuration before init, which builds the layers
        GraphVertex[] protoVertices = original.getVertices();
        steps = new LayerStep[protoVertices.length];
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex) {
                int idx = original.getVertex(e.getKey()).getVertexIndex();
                steps[idx] = new LayerStep(e.getKey(), idx, ((LayerVertex) e.getValue()).getLayerConf().getLayer());
            }
        }
        if (seed == null) {
            // a graph without parameters has an empty parameter array, which init does not take back
            INDArray p = original.params();
            graph.init(p == null || p.isEmpty() ? null : p.dup(), false);
        } else {
            FreshThread.run(() -> Initialisation.init(graph));
        }
        order = graph.topologicalSortOrder();
        GraphVertex[] vertices = graph.getVertices();
        ImmutableList.Builder<SkippedLayer> sk = ImmutableList.builder();
        ImmutableList.Builder<MatrixSite> st = ImmutableList.builder();
        for (int idx : order) {
            GraphVertex v = vertices[idx];
            Preconditions.checkState(v.getVertexName().equals(protoVertices[idx].getVertexName()),
                    "vertex order of the working copy differs from the original at %s", idx);
            if (v.isInputVertex()) {
                continue;
            }
            if (v.hasLayer() && steps[idx] != null) {
                LayerStep s = steps[idx];
                SkippedLayer skip = s.skipped();
                if (skip != null) {
                    sk.add(skip);
                }
                s.addSites(st);
            } else {
                String type = v.getClass().getSimpleName();
                // a vertex holding a layer but not configured as a LayerVertex is not known: not silently dropped
                if (!v.hasLayer() && v.getClass().getName().startsWith(BUILT_IN_VERTEX_PACKAGE)) {
                    sk.add(SkippedLayer.noMatrix(v.getVertexName(), idx, type));
                } else {
                    sk.add(SkippedLayer.unsupported(v.getVertexName(), idx, type,
                            type + " is not supported by near-dl4j: its matrices are not scored"));
                }
            }
        }
        skipped = sk.build();
        sites = st.build();
    }

    @Override
    public int numInputs() {
        return graph.getNumInputArrays();
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
        checkInputs(features, numInputs());
        // activations are freed as soon as every vertex reading them has run; temporaries live in a workspace
        INDArray[] kept = Arrays.copyOf(features, features.length + 1);
        kept[features.length] = graph.params();
        WorkingMemory memory = new WorkingMemory(kept);
        LayerWorkspaceMgr mgr = memory.mgr();
        GraphVertex[] vertices = graph.getVertices();
        INDArray[] outputs = new INDArray[vertices.length];
        int[] readers = new int[vertices.length];
        ActivationLayout[] layouts = new ActivationLayout[vertices.length];
        // per vertex: samples of a time series its 2-D output holds flattened to [N*T, F] rows, or -1
        long[] flattened = new long[vertices.length];
        Arrays.fill(flattened, -1);
        // input preprocessors of layer vertices ask the graph for the batch size (ComputationGraph.batchSize(),
        // which reads the stored inputs): store them in the working copy for the duration of the pass
        graph.setInputs(features);
        try {
            for (int position = 0; position < order.length; position++) {
                int idx = order[position];
                GraphVertex v = vertices[idx];
                INDArray out;
                // layout of the first input after DL4J's format conversion, or null if it converted none
                ActivationLayout converted = position > 0 ? convertFormat(vertices[order[position - 1]], v, mgr) : null;
                if (v.isInputVertex()) {
                    out = features[v.getVertexIndex()];
                    layouts[idx] = LayerRole.inputLayout(out.rank(), firstLayerReading(v));
                } else {
                    ActivationLayout in = converted != null ? converted : inputLayout(v, layouts);
                    INDArray raw = v.getInputs() != null && v.getInputs().length > 0 ? v.getInputs()[0] : null;
                    if (v.hasLayer() && steps[idx] != null) {
                        long batch = raw != null ? raw.size(0) : features[0].size(0);
                        long fb = -1;
                        if (raw != null && v instanceof org.deeplearning4j.nn.graph.vertex.impl.LayerVertex) {
                            InputPreProcessor pp =
                                    ((org.deeplearning4j.nn.graph.vertex.impl.LayerVertex) v).getLayerPreProcessor();
                            if (pp != null) {
                                fb = LayerRole.flattensTimeSeries(pp, raw.rank(), 2) ? raw.size(0) : -1;
                            } else if (raw.rank() == 2) {
                                fb = flattened[v.getInputVertices()[0].getVertexIndex()];
                            }
                        }
                        final long flatBatch = fb;
                        Supplier<INDArray> dl4j = () -> v.doForward(true, mgr);
                        // the capture's own forward pass only where no preprocessor runs first
                        Supplier<INDArray> step = raw != null && fb < 0 && v.getInputs().length == 1
                                && v instanceof org.deeplearning4j.nn.graph.vertex.impl.LayerVertex
                                && ((org.deeplearning4j.nn.graph.vertex.impl.LayerVertex) v).getLayerPreProcessor() == null
                                ? steps[idx].forward(v.getLayer(), () -> raw, dl4j) : dl4j;
                        Output o = run(steps[idx], raw, in, batch, flatBatch, step, sink, memory);
                        memory.releaseCaches(v.getLayer(), o.array);
                        out = o.array;
                        layouts[idx] = o.layout;
                        flattened[idx] = fb > 0 && out.rank() == 2 && out.size(0) % fb == 0 ? fb : -1;
                    } else {
                        try {
                            out = memory.step(() -> v.doForward(true, mgr));
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("forward pass failed at vertex '" + v.getVertexName()
                                    + "' (" + v.getClass().getSimpleName() + "): " + e.getMessage(), e);
                        }
                        layouts[idx] = out.rank() == 2 ? ActivationLayout.feedForward()
                                : ActivationLayout.of(out.rank(), in != null && in.rank() == out.rank() && in.isChannelsLast());
                        if (v instanceof PreprocessorVertex && raw != null && LayerRole.flattensTimeSeries(
                                ((PreprocessorVertex) v).getPreProcessor(), raw.rank(), out.rank())) {
                            flattened[idx] = raw.size(0);
                        }
                    }
                    v.clear();
                    // the output first: it may share its inputs' buffer (identity-like vertices and layers, views,
                    // in-place operations), which must then outlive them
                    memory.hold(out);
                    // inputs that no later vertex reads are freed now
                    for (VertexIndices i : v.getInputVertices()) {
                        int j = i.getVertexIndex();
                        if (--readers[j] == 0) {
                            memory.drop(outputs[j]);
                            outputs[j] = null;
                        }
                    }
                }
                if (v.isInputVertex()) {
                    memory.hold(out);
                }
                VertexIndices[] targets = v.getOutputVertices();
                if (targets != null && targets.length > 0) {
                    outputs[idx] = out;
                    readers[idx] = targets.length;
                    for (VertexIndices t : targets) {
                        vertices[t.getVertexIndex()].setInput(t.getVertexEdgeNumber(), out, mgr);
                    }
                } else {
                    memory.drop(out);
                }
            }
        } finally {
            for (GraphVertex v : vertices) {
                v.clear();
            }
            graph.setInputs((INDArray[]) null);
            memory.close();
        }
    }

    /**
     * The format conversion DL4J's {@code ComputationGraph.output()} applies to the input {@code current} reads from
     * {@code previous}, the vertex before it in topological order, when both hold layers (see
     * {@link FormatConversion}). DL4J looks only at that vertex; one that does not feed {@code current} changes
     * nothing.
     *
     * @return the layout of {@code current}'s first input when it was converted, else null
     */
    private static ActivationLayout convertFormat(GraphVertex previous, GraphVertex current, LayerWorkspaceMgr mgr) {
        if (!previous.hasLayer() || !current.hasLayer() || current.getInputs() == null) {
            return null;
        }
        ActivationLayout first = null;
        VertexIndices[] in = current.getInputVertices();
        for (int k = 0; k < in.length; k++) {
            if (in[k].getVertexIndex() != previous.getVertexIndex() || current.getInputs()[k] == null) {
                continue;
            }
            FormatConversion.Converted c = FormatConversion.between(previous.getLayer().conf().getLayer(),
                    current.getLayer().conf().getLayer(), current.getInputs()[k]);
            if (c != null) {
                current.setInput(k, c.array, mgr);
                if (k == 0) {
                    first = c.layout;
                }
            }
        }
        return first;
    }

    private static ActivationLayout inputLayout(GraphVertex v, ActivationLayout[] layouts) {
        VertexIndices[] in = v.getInputVertices();
        return in == null || in.length == 0 ? null : layouts[in[0].getVertexIndex()];
    }

    private org.deeplearning4j.nn.conf.layers.Layer firstLayerReading(GraphVertex input) {
        VertexIndices[] targets = input.getOutputVertices();
        if (targets == null) {
            return null;
        }
        for (VertexIndices t : targets) {
            LayerStep s = steps[t.getVertexIndex()];
            if (s != null) {
                return s.conf;
            }
        }
        return null;
    }
}
