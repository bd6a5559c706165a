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

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.sampling.ActivationLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs forward passes of a private working copy of a network and hands every NEAR matrix to an
 * {@link ActivationSink} as the layers produce it.
 *
 * <p>The working copy has the user's configuration (cloned) and either the user's parameters (copied) or
 * freshly initialised ones; the user's network, its parameters, updater, counters, listeners, stored
 * input and masks are never touched. In the copy, dropout and weight noise are removed, frozen layers
 * run as ordinary layers (so a frozen batch normalisation uses batch statistics too), and every
 * fused activation function is wrapped in a {@link RecordingActivation} to observe the pre-activation.
 * Forward passes run in training mode, so batch normalisation uses the statistics of the batch (its
 * running statistics are updated only by a backward pass, which never runs).
 *
 * <pre>{@code
 * ModelCapture capture = ModelCapture.of(net);
 * capture.forward(new INDArray[] {features}, (site, activation, layout) -> ...);
 * }</pre>
 */
public abstract class ModelCapture {

    /**
     * A working copy of {@code model} with its current parameters.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}; not null, never changed
     * @return a capture over a working copy of {@code model} with its current parameters
     * @throws IllegalArgumentException if the model is not initialised or of another type
     */
    public static ModelCapture of(Model model) {
        return create(model, null);
    }

    /**
     * A working copy of {@code model} whose parameters are freshly initialised by the configuration's own
     * weight initialisation, with {@code seed}. ND4J's random generator of the calling thread is not used.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}; not null, never changed
     * @param seed  seed of the fresh initialisation: the same seed gives the same parameters
     * @return a capture over a working copy of {@code model} with freshly initialised parameters
     * @throws IllegalArgumentException if the model is not initialised or of another type
     */
    public static ModelCapture freshlyInitialised(Model model, long seed) {
        return create(model, seed);
    }

    private static ModelCapture create(Model model, Long seed) {
        Preconditions.checkNotNull(model, "model");
        if (model instanceof MultiLayerNetwork) {
            return new MultiLayerCapture((MultiLayerNetwork) model, seed);
        }
        if (model instanceof ComputationGraph) {
            return new GraphCapture((ComputationGraph) model, seed);
        }
        throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                + model.getClass().getName());
    }

    /**
     * Number of input arrays a forward pass takes.
     *
     * @return 1 for a MultiLayerNetwork, the graph's number of inputs for a ComputationGraph
     */
    public abstract int numInputs();

    /**
     * Layers and vertices that give no matrix, in forward order.
     *
     * @return each layer or vertex that gives no matrix, with the reason; empty if every one gives one
     */
    public abstract List<SkippedLayer> skipped();

    /**
     * The sites that give matrices, in forward order (a layer's pre before its post).
     *
     * @return the sites that give matrices, in forward order (a layer's pre before its post)
     */
    public abstract List<MatrixSite> sites();

    /**
     * One forward pass over a batch.
     *
     * @param features one array per network input, all with the same number of samples
     * @param sink     receives each matrix as it is produced
     * @throws IllegalArgumentException naming the layer when the forward pass fails (for example a wrong
     *                                  input shape)
     */
    public abstract void forward(INDArray[] features, ActivationSink sink);

    // ---------------------------------------------------------------------------------------------------------

    /** One layer of the working copy, with its role and its observed activation. */
    static final class LayerStep {
        final String name;
        final int index;
        final Layer conf;
        final String type;
        final LayerRole role;
        final RecordingActivation recorder;
        /**
         * The activation function is called once per time step ({@code SimpleRnn}): the pre-activation is put
         * together from the calls, in time order.
         */
        final boolean perTimeStep;
        final MatrixSite pre;
        final MatrixSite post;
        /** The capture's own forward pass for this layer, or null: DL4J's layer runs. */
        final FastLayers.Step fast;

        LayerStep(String name, int index, Layer conf) {
            this.name = name;
            this.index = index;
            this.conf = conf;
            Layer inner = LayerRole.unwrap(conf);
            this.type = LayerRole.typeName(inner);
            this.role = LayerRole.of(conf);
            if (role == LayerRole.PRE_AND_POST) {
                BaseLayer bl = (BaseLayer) inner;
                recorder = new RecordingActivation(bl.getActivationFn());
                bl.setActivationFn(recorder);
            } else {
                recorder = null;
            }
            this.perTimeStep = recorder != null && inner instanceof SimpleRnn;
            boolean hasPre = role == LayerRole.PRE_AND_POST || role == LayerRole.PRE_ONLY;
            boolean hasPost = role == LayerRole.PRE_AND_POST || role == LayerRole.POST_ONLY;
            this.pre = hasPre ? MatrixSite.of(name, index, type, MatrixKind.PRE) : null;
            this.post = hasPost ? MatrixSite.of(name, index, type, MatrixKind.POST) : null;
            this.fast = FastLayers.of(conf);
        }

        /**
         * The layer's forward step: the fast path when there is one and it takes this input, else DL4J's own
         * ({@code dl4j}).
         */
        Supplier<INDArray> forward(org.deeplearning4j.nn.api.Layer layer, Supplier<INDArray> input,
                                   Supplier<INDArray> dl4j) {
            if (fast == null) {
                return dl4j;
            }
            return () -> {
                INDArray out = fast.forward(layer, input.get());
                return out != null ? out : dl4j.get();
            };
        }

        SkippedLayer skipped() {
            if (role == LayerRole.NONE) {
                return SkippedLayer.noMatrix(name, index, type);
            }
            if (role == LayerRole.UNSUPPORTED) {
                return SkippedLayer.unsupported(name, index, type,
                        type + " is not supported by near-dl4j: its matrices are not scored");
            }
            return null;
        }

        void addSites(ImmutableList.Builder<MatrixSite> b) {
            if (pre != null) {
                b.add(pre);
            }
            if (post != null) {
                b.add(post);
            }
        }

        String describe() {
            return "'" + name + "' (" + type + ", index " + index + ")";
        }
    }

    /**
     * The layer configuration the working copy runs in place of {@code conf} (a layer of a cloned
     * configuration):
     * <ul>
     * <li>frozen wrappers ({@code FrozenLayer}, {@code FrozenLayerWithBackprop}) are removed: DL4J runs frozen
     *     layers in inference mode, so a frozen batch normalisation would use its running statistics, while
     *     NEAR uses the statistics of the batch. The wrapper has the wrapped layer's parameters, so the
     *     parameter layout does not change;</li>
     * <li>layers held by wrappers ({@code TimeDistributed}, {@code LastTimeStep}, {@code MaskZeroLayer},
     *     {@code Bidirectional}) are cloned: DL4J's configuration clone is shallow for them and would share
     *     them with the user's network, which must not see the activation recorder or lose its dropout;</li>
     * <li>dropout and weight noise are removed at every level.</li>
     * </ul>
     */
    static Layer workingLayer(Layer conf) {
        Layer c = conf;
        while (c instanceof FrozenLayer || c instanceof FrozenLayerWithBackprop) {
            c = c instanceof FrozenLayer ? ((FrozenLayer) c).getLayer() : ((FrozenLayerWithBackprop) c).getUnderlying();
        }
        c = Configurations.copyOf(c);
        if (c instanceof BaseWrapperLayer) {
            BaseWrapperLayer w = (BaseWrapperLayer) c;
            w.setUnderlying(workingLayer(w.getUnderlying()));
        } else if (c instanceof Bidirectional) {
            Bidirectional b = (Bidirectional) c;
            b.setFwd(workingLayer(b.getFwd()));
            b.setBwd(workingLayer(b.getBwd()));
        }
        c.setIDropout(null);
        if (c instanceof BaseLayer) {
            ((BaseLayer) c).setWeightNoise(null);
        }
        return c;
    }

    /** A layer's name: its own or, for wrappers without one, that of the layer it wraps; null if none. */
    static String layerName(Layer conf) {
        for (Layer c = conf; c != null; c = LayerRole.unwrapOnce(c)) {
            if (c.getLayerName() != null) {
                return c.getLayerName();
            }
        }
        return null;
    }

    /** Output of {@link #run}: the layer's activation and its layout. */
    static final class Output {
        final INDArray array;
        final ActivationLayout layout;

        Output(INDArray array, ActivationLayout layout) {
            this.array = array;
            this.layout = layout;
        }
    }

    /**
     * Runs one layer's forward step, passing its pre-activation (observed inside the activation function) and
     * its output to the sink.
     *
     * @param batch          number of samples in the layer's input (to restore time-flattened pre-activations)
     * @param flattenedBatch  when the layer's 2-D input is a time series of this many samples flattened to
     *                        {@code [N*T, F]} by an {@code RnnToFeedForwardPreProcessor} (a dense layer between
     *                        recurrent layers), its matrices are handed to the sink as {@code [N, F, T]}, rows
     *                        (sample, time) like every other sequence matrix; otherwise -1. The array passed on to
     *                        the next layer stays as DL4J made it.
     * @param memory         the pass's working memory: the step runs in its workspace
     * @param input          the layer's (first) input, for the message when it fails; may be null
     */
    static Output run(LayerStep step, INDArray input, ActivationLayout inputLayout, long batch, long flattenedBatch,
                      Supplier<INDArray> forward, ActivationSink sink, WorkingMemory memory) {
        RuntimeException[] sinkFailure = new RuntimeException[1];
        List<INDArray> timeSteps = step.perTimeStep && sink.wants(step.pre) ? new ArrayList<>() : null;
        if (timeSteps != null) {
            // z_t = x_t W + h_{t-1} R + b, [N, F], one call per time step: copied out of the layer's workspace
            step.recorder.observe(z -> WorkingMemory.outside(() -> timeSteps.add(z.dup('c'))));
        } else if (step.perTimeStep) {
            step.recorder.observe(null);
        } else if (step.recorder != null) {
            Consumer<INDArray> observer = null;
            if (sink.wants(step.pre)) {
                observer = z -> {
                    try {
                        // inside the layer's working-memory workspace: what the sink keeps must be made outside it
                        WorkingMemory.outside(() -> {
                            Output restored = LayerRole.restoreTimeSeries(step.conf, z, batch);
                            Output r = restored == null && flattenedBatch > 0 ? LayerRole.unflatten(z, flattenedBatch)
                                    : restored;
                            if (r != null) {
                                sink.accept(step.pre, r.array, r.layout);
                            } else {
                                sink.accept(step.pre, z, LayerRole.outputLayout(step.conf, z.rank(), inputLayout));
                            }
                        });
                    } catch (RuntimeException e) {
                        sinkFailure[0] = e;
                        throw e;
                    }
                };
            }
            step.recorder.observe(observer);
        }
        INDArray out;
        int calls = -1;
        try {
            out = memory.step(forward);
        } catch (RuntimeException e) {
            if (e == sinkFailure[0]) {
                throw e;
            }
            throw new IllegalArgumentException("forward pass failed at layer " + step.describe() + ": "
                    + LayerFailure.explain(step.conf, input, inputLayout, e), e);
        } finally {
            if (step.recorder != null) {
                calls = step.recorder.stopObserving();
            }
        }
        if (step.perTimeStep) {
            if (timeSteps != null) {
                if (timeSteps.isEmpty() || timeSteps.get(0).rank() != 2) {
                    throw new IllegalStateException("layer " + step.describe() + " did not show its pre-activation"
                            + " one time step at a time: its pre-activation cannot be observed");
                }
                INDArray[] zs = timeSteps.toArray(new INDArray[0]);
                INDArray[] pre = new INDArray[1];
                WorkingMemory.outside(() -> pre[0] = Nd4j.stack(2, zs));   // [N, F, T]
                timeSteps.clear();
                sink.accept(step.pre, pre[0], ActivationLayout.channelsFirst(3));
            }
        } else if (step.recorder != null && calls != 1) {
            throw new IllegalStateException("layer " + step.describe() + " called its activation function " + calls
                    + " times in one forward pass (expected once): its pre-activation cannot be observed");
        }
        ActivationLayout layout = LayerRole.outputLayout(step.conf, out.rank(), inputLayout);
        MatrixSite outSite = step.role == LayerRole.PRE_ONLY ? step.pre
                : (step.role == LayerRole.PRE_AND_POST || step.role == LayerRole.POST_ONLY) ? step.post : null;
        if (outSite != null && sink.wants(outSite)) {
            Output unflattened = flattenedBatch > 0 ? LayerRole.unflatten(out, flattenedBatch) : null;
            if (unflattened != null) {
                sink.accept(outSite, unflattened.array, unflattened.layout);
            } else {
                sink.accept(outSite, out, layout);
            }
        }
        return new Output(out, layout);
    }

    static void checkInputs(INDArray[] features, int expected) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length == expected, "the network takes %s input array(s), got %s",
                expected, features.length);
        long n = -1;
        for (int i = 0; i < features.length; i++) {
            INDArray f = features[i];
            Preconditions.checkArgument(f != null, "input %s is null", i);
            Preconditions.checkArgument(f.rank() >= 2, "input %s must have a sample axis first and rank >= 2, got shape %s",
                    i, Arrays.toString(f.shape()));
            Preconditions.checkArgument(n < 0 || f.size(0) == n,
                    "all inputs must have the same number of samples: input 0 has %s, input %s has %s", n, i, f.size(0));
            n = f.size(0);
        }
    }
}
