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
package org.neardl4j.proxy;

import org.neardl4j.capture.Configurations;
import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.FreshThread;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Private working copies of networks and the forward/backward passes the proxies run on them. Nothing here
 * touches the user's network except reading its configuration and parameters.
 */
final class Networks {

    private Networks() {
    }

    /** A weight matrix of one layer with its gradient. */
    static final class Weight {
        final String layer;
        final INDArray value;
        final INDArray gradient;

        Weight(String layer, INDArray value, INDArray gradient) {
            this.layer = layer;
            this.value = value;
            this.gradient = gradient;
        }
    }

    static void check(Model model) {
        checkInitialised(model);
        if (model instanceof ComputationGraph) {
            ComputationGraph g = (ComputationGraph) model;
            Preconditions.checkArgument(g.getNumInputArrays() == 1 && g.getNumOutputArrays() == 1,
                    "zero-cost proxies support ComputationGraphs with one input and one output, got %s inputs and %s outputs",
                    g.getNumInputArrays(), g.getNumOutputArrays());
        }
    }

    /** An initialised {@code MultiLayerNetwork} or {@code ComputationGraph} (any number of inputs and outputs). */
    static void checkInitialised(Model model) {
        Preconditions.checkNotNull(model, "model");
        if (model instanceof MultiLayerNetwork) {
            Preconditions.checkArgument(((MultiLayerNetwork) model).isInitCalled(),
                    "the MultiLayerNetwork must be initialised (call init())");
        } else if (model instanceof ComputationGraph) {
            Preconditions.checkArgument(((ComputationGraph) model).getVertices() != null,
                    "the ComputationGraph must be initialised (call init())");
        } else {
            throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                    + model.getClass().getName());
        }
    }

    /** A copy with the model's own parameters, or with parameters freshly initialised from {@code seed}. */
    static Model workingCopy(Model model, Long seed) {
        return derive(model, seed, UnaryOperator.identity(), false);
    }

    /**
     * A network built from {@code model}'s configuration with every layer configuration passed through {@code edit},
     * dropout and weight noise removed, and workspaces off; its parameters are the model's (or, with {@code seed},
     * fresh ones from the unedited configuration) copied layer by layer and key by key, made absolute when
     * {@code abs}. Layers whose edited configuration has no parameter of a key get nothing for it.
     */
    static Model derive(Model model, Long seed, UnaryOperator<org.deeplearning4j.nn.conf.layers.Layer> edit,
                        boolean abs) {
        check(model);
        Model source = model;
        if (seed != null) {
            source = build(model, seed, UnaryOperator.identity());
        }
        Model copy = build(source, null, edit);
        LayerHelpers.install(copy);
        List<Layer> from = layers(source);
        List<Layer> to = layers(copy);
        Preconditions.checkState(from.size() == to.size(), "layer count changed in a working copy");
        for (int i = 0; i < to.size(); i++) {
            Layer src = from.get(i);
            Layer dst = to.get(i);
            for (Map.Entry<String, INDArray> e : dst.paramTable().entrySet()) {
                INDArray v = src.paramTable().get(e.getKey());
                Preconditions.checkState(v != null, "parameter %s missing in layer %s", e.getKey(), name(src));
                e.getValue().assign(abs ? org.nd4j.linalg.ops.transforms.Transforms.abs(v, true) : v);
            }
        }
        return copy;
    }

    /** A new network from the model's configuration (edited); initialised with seed (fresh) or arbitrarily. */
    private static Model build(Model model, Long seed, UnaryOperator<org.deeplearning4j.nn.conf.layers.Layer> edit) {
        if (model instanceof MultiLayerNetwork) {
            MultiLayerConfiguration conf = Configurations.copyOf(((MultiLayerNetwork) model).getLayerWiseConfigurations());
            conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
            conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
            for (NeuralNetConfiguration c : conf.getConfs()) {
                if (seed != null) {
                    c.setSeed(seed);
                }
                stripNoise(c.getLayer());
                c.setLayer(edit.apply(c.getLayer()));
            }
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            FreshThread.run(net::init);
            return net;
        }
        ComputationGraphConfiguration conf = Configurations.copyOf(((ComputationGraph) model).getConfiguration());
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        if (seed != null) {
            conf.getDefaultConfiguration().setSeed(seed);
        }
        for (org.deeplearning4j.nn.conf.graph.GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex) {
                NeuralNetConfiguration c = ((LayerVertex) v).getLayerConf();
                if (seed != null) {
                    c.setSeed(seed);
                }
                stripNoise(c.getLayer());
                c.setLayer(edit.apply(c.getLayer()));
            }
        }
        ComputationGraph g = new ComputationGraph(conf);
        FreshThread.run(g::init);
        return g;
    }

    /** The layers in a fixed order: by index (MultiLayerNetwork) or by vertex index (ComputationGraph). */
    static List<Layer> layers(Model model) {
        List<Layer> out = new ArrayList<>();
        if (model instanceof MultiLayerNetwork) {
            for (Layer l : ((MultiLayerNetwork) model).getLayers()) {
                out.add(l);
            }
        } else {
            for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : ((ComputationGraph) model).getVertices()) {
                if (v.hasLayer()) {
                    out.add(v.getLayer());
                }
            }
        }
        return out;
    }

    static String name(Layer l) {
        String n = l.conf().getLayer().getLayerName();
        return n != null ? n : "layer" + l.getIndex();
    }

    /** The layer configuration inside wrappers (frozen layers and the like). */
    static org.deeplearning4j.nn.conf.layers.Layer unwrap(org.deeplearning4j.nn.conf.layers.Layer conf) {
        org.deeplearning4j.nn.conf.layers.Layer c = conf;
        while (true) {
            if (c instanceof BaseWrapperLayer) {
                c = ((BaseWrapperLayer) c).getUnderlying();
            } else if (c instanceof FrozenLayer) {
                c = ((FrozenLayer) c).getLayer();
            } else {
                return c;
            }
        }
    }

    private static void stripNoise(org.deeplearning4j.nn.conf.layers.Layer conf) {
        conf.setIDropout(null);
        org.deeplearning4j.nn.conf.layers.Layer inner = unwrap(conf);
        inner.setIDropout(null);
        if (inner instanceof BaseLayer) {
            ((BaseLayer) inner).setWeightNoise(null);
        }
    }

    /** The network's data type (of its parameters). */
    static DataType dataType(Model model) {
        INDArray p = model.params();
        return p == null || p.isEmpty() ? DataType.FLOAT : p.dataType();
    }

    /**
     * Runs forward and backward passes with the network's own loss on a working copy and returns its gradient,
     * divided by the number of samples when {@code mean} (DL4J sums the loss gradient over the batch and divides in
     * the updater; PyTorch's default mean-reduced losses correspond to {@code mean = true}).
     */
    static Gradient gradient(Model copy, INDArray features, INDArray labels, boolean mean) {
        DataType dt = dataType(copy);
        INDArray f = features.castTo(dt);
        INDArray l = labels.castTo(dt);
        Gradient g;
        if (copy instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = (MultiLayerNetwork) copy;
            net.setInput(f);
            net.setLabels(l);
            net.computeGradientAndScore();
            g = net.gradient();
        } else {
            ComputationGraph graph = (ComputationGraph) copy;
            graph.setInputs(f);
            graph.setLabels(l);
            graph.computeGradientAndScore();
            g = graph.gradient();
        }
        if (mean) {
            long n = features.size(0);
            for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
                e.setValue(e.getValue().div(n));
            }
        }
        return g;
    }

    /**
     * The weight matrices ({@code W}) of every layer of a working copy that has a gradient in {@code g} (frozen
     * layers have none and are left out).
     */
    static List<Weight> weights(Model copy, Gradient g) {
        List<Weight> out = new ArrayList<>();
        boolean mln = copy instanceof MultiLayerNetwork;
        for (Layer l : layers(copy)) {
            INDArray w = l.paramTable().get("W");
            if (w == null) {
                continue;
            }
            String key = (mln ? Integer.toString(l.getIndex()) : name(l)) + "_W";
            INDArray grad = g.getGradientFor(key);
            if (grad == null) {
                continue;   // a frozen layer: not trained, no gradient
            }
            out.add(new Weight(name(l), w.dup(), grad.dup()));
        }
        return out;
    }

    /** Gradient of the network's loss (summed over the batch, not divided) with respect to its input. */
    static INDArray inputGradient(Model copy, INDArray features, INDArray labels) {
        DataType dt = dataType(copy);
        INDArray f = features.castTo(dt);
        INDArray l = labels.castTo(dt);
        if (copy instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) copy).calculateGradients(f, l, null, null).getSecond().dup();
        }
        ComputationGraph graph = (ComputationGraph) copy;
        String in = graph.getConfiguration().getNetworkInputs().get(0);
        INDArray[] eps = new INDArray[1];
        // the graph clears its vertices' epsilons at the end of computeGradientAndScore, after the listeners ran
        graph.setListeners(new BaseTrainingListener() {
            @Override
            public void onBackwardPass(Model model) {
                INDArray e = ((ComputationGraph) model).getVertex(in).getEpsilon();
                eps[0] = e == null ? null : e.dup();
            }
        });
        graph.setInputs(f);
        graph.setLabels(l);
        graph.computeGradientAndScore();
        graph.setListeners();
        Preconditions.checkState(eps[0] != null, "the graph gave no gradient for its input %s", in);
        return eps[0];
    }

    /**
     * Zero labels of the shape of the network's (single) output for {@code features}: {@code [n, nOut]} straight
     * from the output layer's configuration when it is a plain {@code OutputLayer} (whose output always has that
     * shape), otherwise from one forward pass. For the losses that ignore their labels ({@link SumOfOutputsLoss}).
     */
    static INDArray zeroLabels(Model copy, INDArray features, boolean train) {
        Layer out = null;
        if (copy instanceof MultiLayerNetwork) {
            out = ((MultiLayerNetwork) copy).getOutputLayer();
        } else if (((ComputationGraph) copy).getNumOutputArrays() == 1) {
            out = ((ComputationGraph) copy).getOutputLayer(0);
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = out == null ? null : out.conf().getLayer();
        if (conf != null && conf.getClass() == org.deeplearning4j.nn.conf.layers.OutputLayer.class) {
            return Nd4j.zeros(dataType(copy), features.size(0),
                    ((org.deeplearning4j.nn.conf.layers.OutputLayer) conf).getNOut());
        }
        return Nd4j.zerosLike(output(copy, features, train));
    }

    /** One forward pass of a working copy in inference or training mode; returns the network output. */
    static INDArray output(Model copy, INDArray features, boolean train) {
        INDArray f = features.castTo(dataType(copy));
        if (copy instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) copy).output(f, train);
        }
        return ((ComputationGraph) copy).outputSingle(train, f);
    }

}
