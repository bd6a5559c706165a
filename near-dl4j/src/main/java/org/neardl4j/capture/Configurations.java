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
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies of DL4J network configurations that keep everything the original has.
 *
 * <p>DL4J 1.0.0-M2.1's {@code clone()} of several configuration classes returns an object without some of the
 * original's fields: {@code MergeVertex} loses its merge axis (a cloned NHWC graph concatenates on axis 1),
 * {@code L2Vertex} its epsilon, {@code ReshapeVertex} its order and mask shape, {@code AttentionVertex} its name,
 * gradient normalisation and data type, the configuration {@code LayerVertex} its output-vertex flag (found by
 * {@code ConfigurationsTest}, which checks every configuration class of DL4J). The copies made here are DL4J's
 * clones repaired field by field: every field of a plain value (primitive, boxed, string, enum, primitive array)
 * that the clone lost is copied back from the original, in the configuration object and in the DL4J configuration
 * objects it holds (layers, vertices, preprocessors). Layers held by wrapper layers stay shared with the original,
 * as in DL4J's own clone; near-dl4j's working copies clone them separately.
 *
 * <pre>{@code
 * ComputationGraphConfiguration copy = Configurations.copyOf(graph.getConfiguration());
 * ComputationGraph twin = new ComputationGraph(copy);
 * }</pre>
 */
public final class Configurations {

    private static final String DL4J_CONF = "org.deeplearning4j.nn.conf.";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private Configurations() {
    }

    /**
     * A copy of a multi-layer configuration with every field of the original.
     *
     * @param conf the configuration (not changed)
     * @return DL4J's clone, repaired
     */
    public static MultiLayerConfiguration copyOf(MultiLayerConfiguration conf) {
        Preconditions.checkNotNull(conf, "conf");
        MultiLayerConfiguration copy = conf.clone();
        repair(conf, copy);
        return copy;
    }

    /**
     * A copy of a graph configuration with every field of the original.
     *
     * @param conf the configuration (not changed)
     * @return DL4J's clone, repaired
     */
    public static ComputationGraphConfiguration copyOf(ComputationGraphConfiguration conf) {
        Preconditions.checkNotNull(conf, "conf");
        ComputationGraphConfiguration copy = conf.clone();
        repair(conf, copy);
        return copy;
    }

    /**
     * A copy of one graph vertex configuration with every field of the original.
     *
     * @param vertex the vertex configuration (not changed)
     * @return DL4J's clone of it, repaired
     */
    public static GraphVertex copyOf(GraphVertex vertex) {
        Preconditions.checkNotNull(vertex, "vertex");
        GraphVertex copy = vertex.clone();
        repair(vertex, copy);
        return copy;
    }

    /**
     * A copy of one layer configuration with every field of the original.
     *
     * @param layer the layer configuration (not changed)
     * @return DL4J's clone of it, repaired
     */
    public static org.deeplearning4j.nn.conf.layers.Layer copyOf(org.deeplearning4j.nn.conf.layers.Layer layer) {
        Preconditions.checkNotNull(layer, "layer");
        org.deeplearning4j.nn.conf.layers.Layer copy = layer.clone();
        repair(layer, copy);
        return copy;
    }

    /**
     * A copy of one input preprocessor with every field of the original.
     *
     * @param preProcessor the preprocessor (not changed)
     * @return DL4J's clone of it, repaired
     */
    public static InputPreProcessor copyOf(InputPreProcessor preProcessor) {
        Preconditions.checkNotNull(preProcessor, "preProcessor");
        InputPreProcessor copy = preProcessor.clone();
        repair(preProcessor, copy);
        return copy;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void repair(Object original, Object copy) {
        repair(original, copy, new IdentityHashMap<>());
    }

    private static void repair(Object original, Object copy, IdentityHashMap<Object, Boolean> seen) {
        if (original == null || copy == null || original == copy || original.getClass() != copy.getClass()
                || seen.put(original, Boolean.TRUE) != null) {
            return;
        }
        if (original instanceof Map && copy instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) original).entrySet()) {
                repair(e.getValue(), ((Map<?, ?>) copy).get(e.getKey()), seen);
            }
            return;
        }
        if (original instanceof List && copy instanceof List) {
            List<?> a = (List<?>) original;
            List<?> b = (List<?>) copy;
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                repair(a.get(i), b.get(i), seen);
            }
            return;
        }
        if (original.getClass().isArray() && !original.getClass().getComponentType().isPrimitive()) {
            int n = Math.min(Array.getLength(original), Array.getLength(copy));
            for (int i = 0; i < n; i++) {
                repair(Array.get(original, i), Array.get(copy, i), seen);
            }
            return;
        }
        if (!original.getClass().getName().startsWith(DL4J_CONF)) {
            return;
        }
        for (Field f : fields(original.getClass())) {
            try {
                Object a = f.get(original);
                Object b = f.get(copy);
                if (isPlainValue(f.getType())) {
                    if (!Objects.deepEquals(a, b)) {
                        f.set(copy, a != null && a.getClass().isArray() ? cloneArray(a) : a);
                    }
                } else {
                    repair(a, b, seen);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // a field that cannot be read or written is left as DL4J's clone made it
            }
        }
    }

    private static boolean isPlainValue(Class<?> t) {
        return t.isPrimitive() || t.isEnum() || t == String.class || Number.class.isAssignableFrom(t)
                || t == Boolean.class || t == Character.class
                || (t.isArray() && t.getComponentType().isPrimitive());
    }

    private static Object cloneArray(Object a) {
        int n = Array.getLength(a);
        Object c = Array.newInstance(a.getClass().getComponentType(), n);
        System.arraycopy(a, 0, c, 0, n);
        return c;
    }

    private static List<Field> fields(Class<?> c) {
        return FIELDS.computeIfAbsent(c, k -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> t = k; t != null && t != Object.class; t = t.getSuperclass()) {
                for (Field f : t.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || Modifier.isFinal(m)) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        out.add(f);
                    } catch (RuntimeException e) {
                        // not accessible: left as the clone made it
                    }
                }
            }
            return out;
        });
    }
}
