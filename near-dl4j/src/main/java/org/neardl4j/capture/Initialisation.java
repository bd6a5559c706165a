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
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.neardl4j.init.OrthogonalInit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Initialises a network as its own {@code init()} does, except that weights DL4J would draw from an
 * {@code OrthogonalDistribution} (Keras' default for recurrent kernels, also set by hand in DL4J configurations) are
 * drawn by {@link OrthogonalInit} in Java. DL4J draws them through ND4J's native SVD, which did not return for some
 * seeds when ND4J ran on one OpenMP thread, so {@code init()} of such a network could hang.
 *
 * <p>The network keeps its configuration: the draw happens in a twin built from a copy of the configuration in which
 * each orthogonal distribution is replaced, and the network is then initialised with the twin's parameters. A
 * configuration without an orthogonal distribution is initialised by {@code init()} itself. As with {@code init()},
 * the calling thread's ND4J random generator is seeded from the configuration and advanced.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * Initialisation.init(net);   // instead of net.init()
 * }</pre>
 */
public final class Initialisation {

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private Initialisation() {
    }

    /**
     * Initialises {@code net}, drawing orthogonal weights in Java.
     *
     * @param net a network not yet initialised; not null
     * @throws IllegalArgumentException if the network is already initialised
     */
    public static void init(MultiLayerNetwork net) {
        Preconditions.checkNotNull(net, "net");
        Preconditions.checkArgument(!net.isInitCalled(), "the network is already initialised");
        MultiLayerConfiguration twin = Configurations.copyOf(net.getLayerWiseConfigurations());
        boolean replaced = false;
        for (NeuralNetConfiguration c : twin.getConfs()) {
            Layer l = replaceOrthogonal(c.getLayer());
            replaced |= l != c.getLayer();
            c.setLayer(l);
        }
        if (!replaced) {
            net.init();
            return;
        }
        MultiLayerNetwork drawn = new MultiLayerNetwork(twin);
        drawn.init();
        net.init(drawn.params(), false);
    }

    /**
     * Initialises {@code graph}, drawing orthogonal weights in Java.
     *
     * @param graph a graph not yet initialised; not null
     * @throws IllegalArgumentException if the graph is already initialised
     */
    public static void init(ComputationGraph graph) {
        Preconditions.checkNotNull(graph, "graph");
        Preconditions.checkArgument(graph.getVertices() == null, "the graph is already initialised");
        ComputationGraphConfiguration twin = Configurations.copyOf(graph.getConfiguration());
        boolean replaced = false;
        for (GraphVertex v : twin.getVertices().values()) {
            if (v instanceof LayerVertex) {
                NeuralNetConfiguration c = ((LayerVertex) v).getLayerConf();
                Layer l = replaceOrthogonal(c.getLayer());
                replaced |= l != c.getLayer();
                c.setLayer(l);
            }
        }
        if (!replaced) {
            graph.init();
            return;
        }
        ComputationGraph drawn = new ComputationGraph(twin);
        drawn.init();
        graph.init(drawn.params(), false);
    }

    /**
     * Whether a layer configuration (or a layer it wraps) draws weights from an {@code OrthogonalDistribution}.
     *
     * @param layer a layer configuration; not null, not changed
     * @return true if {@link #init} draws some of its weights with {@link OrthogonalInit}
     */
    public static boolean drawsOrthogonal(Layer layer) {
        Preconditions.checkNotNull(layer, "layer");
        return replaceOrthogonal(layer) != layer;
    }

    /**
     * The layer with every orthogonal weight initialisation (its own and those of the layers it wraps) replaced by an
     * {@link OrthogonalInit} of the same gain: a copy when there is one, {@code layer} itself otherwise.
     */
    static Layer replaceOrthogonal(Layer layer) {
        Layer copy = null;
        for (Field f : fields(layer.getClass())) {
            try {
                Object value = f.get(layer);
                Object replacement = null;
                if (value instanceof IWeightInit) {
                    double gain = orthogonalGain((IWeightInit) value);
                    if (!Double.isNaN(gain)) {
                        replacement = new OrthogonalInit(gain);
                    }
                } else if (value instanceof Layer) {
                    Layer inner = replaceOrthogonal((Layer) value);
                    replacement = inner != value ? inner : null;
                }
                if (replacement != null) {
                    if (copy == null) {
                        // DL4J's clone shares wrapped layers and weight initialisations: fields are replaced, never changed
                        copy = Configurations.copyOf(layer);
                    }
                    f.set(copy, replacement);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f + " of " + layer.getClass().getName(), e);
            }
        }
        return copy == null ? layer : copy;
    }

    /** The gain of an orthogonal weight initialisation, or NaN if it is another one. */
    private static double orthogonalGain(IWeightInit init) {
        if (init instanceof WeightInitDistribution) {
            Object d;
            try {
                d = DISTRIBUTION.get(init);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the distribution of " + init, e);
            }
            if (d instanceof OrthogonalDistribution) {
                return ((OrthogonalDistribution) d).getGain();
            }
        }
        return Double.NaN;
    }

    /** {@code WeightInitDistribution}'s distribution: DL4J 1.0.0-M2.1 has no getter for it. */
    private static final Field DISTRIBUTION = distributionField();

    private static Field distributionField() {
        try {
            Field f = WeightInitDistribution.class.getDeclaredField("distribution");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("WeightInitDistribution without a distribution field: another DL4J version?", e);
        }
    }

    private static List<Field> fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, k -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> t = k; t != null && t != Object.class; t = t.getSuperclass()) {
                for (Field f : t.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isFinal(m)
                            || !(IWeightInit.class.isAssignableFrom(f.getType()) || Layer.class.isAssignableFrom(f.getType()))) {
                        continue;
                    }
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return out;
        });
    }
}
