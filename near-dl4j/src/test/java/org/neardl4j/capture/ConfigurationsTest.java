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

import com.google.common.reflect.ClassPath;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2Vertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.score.NearResult;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.capture.MatrixCheck.Expected;
import static org.neardl4j.capture.MatrixCheck.feedForward;
import static org.neardl4j.capture.MatrixCheck.post;
import static org.neardl4j.capture.MatrixCheck.pre;
import static org.neardl4j.capture.MultiLayerMatricesTest.FIRST;
import static org.neardl4j.capture.MultiLayerMatricesTest.gaussian;

/**
 * DL4J's configuration {@code clone()} drops fields of some classes; {@link Configurations#copyOf} keeps them.
 * Checked for every concrete layer, vertex and preprocessor class of DL4J's {@code nn.conf} packages, then on graphs
 * of the affected classes.
 */
class ConfigurationsTest {

    private static final String CONF_PACKAGE = "org.deeplearning4j.nn.conf";

    /** Every concrete configuration class: each plain field set to a non-default value, cloned, compared. */
    @Test
    void everyConfigurationClassKeepsItsFieldsInTheLibrarysCopy() throws Exception {
        Map<String, List<String>> lostByClone = new TreeMap<>();
        Map<String, List<String>> lostByCopy = new TreeMap<>();
        int checked = 0;
        for (ClassPath.ClassInfo info : ClassPath.from(Layer.class.getClassLoader()).getTopLevelClassesRecursive(CONF_PACKAGE)) {
            Class<?> c;
            try {
                c = info.load();
            } catch (Throwable e) {
                continue;
            }
            if (Modifier.isAbstract(c.getModifiers()) || c.isInterface() || !(Layer.class.isAssignableFrom(c)
                    || GraphVertex.class.isAssignableFrom(c) || InputPreProcessor.class.isAssignableFrom(c))) {
                continue;
            }
            Object original = instantiate(c);
            for (Field f : fields(c)) {
                Object v = nonDefault(f.getType(), f.get(original));
                if (v != null) {
                    f.set(original, v);
                }
            }
            Object clone = c.getMethod("clone").invoke(original);
            Object copy = copy(original);
            List<String> byClone = differences(c, original, clone);
            List<String> byCopy = differences(c, original, copy);
            if (!byClone.isEmpty()) {
                lostByClone.put(c.getSimpleName(), byClone);
            }
            if (!byCopy.isEmpty()) {
                lostByCopy.put(c.getSimpleName(), byCopy);
            }
            checked++;
        }
        assertTrue(checked >= 80, "configuration classes checked: " + checked);
        // what DL4J 1.0.0-M2.1's clone() loses (the scan finds them: it would find a new one too)
        assertTrue(lostByClone.keySet().containsAll(List.of("MergeVertex", "L2Vertex", "ReshapeVertex", "AttentionVertex",
                "LayerVertex")), lostByClone.toString());
        assertEquals(List.of("mergeAxis", "modified"), lostByClone.get("MergeVertex"));
        assertEquals(Map.of(), lostByCopy, "fields lost by Configurations.copyOf (checked " + checked + " classes)");
    }

    private static Object copy(Object o) {
        if (o instanceof Layer) {
            return Configurations.copyOf((Layer) o);
        }
        if (o instanceof GraphVertex) {
            return Configurations.copyOf((GraphVertex) o);
        }
        return Configurations.copyOf((InputPreProcessor) o);
    }

    private static Object instantiate(Class<?> c) throws Exception {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (NoSuchMethodException e) {
            // no no-arg constructor: an empty instance whose fields are all set below
            Field uf = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            uf.setAccessible(true);
            Object unsafe = uf.get(null);
            return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, c);
        }
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> l = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
                    f.setAccessible(true);
                    l.add(f);
                }
            }
        }
        return l;
    }

    /** A value different from {@code current} for plain types; required sub-objects where none is set. */
    private static Object nonDefault(Class<?> t, Object cur) {
        if (t == int.class || t == Integer.class) {
            return Objects.equals(cur, 7) ? 8 : 7;
        }
        if (t == long.class || t == Long.class) {
            return Objects.equals(cur, 7L) ? 8L : 7L;
        }
        if (t == double.class || t == Double.class) {
            return Objects.equals(cur, 0.37) ? 0.38 : 0.37;
        }
        if (t == float.class || t == Float.class) {
            return Objects.equals(cur, 0.37f) ? 0.38f : 0.37f;
        }
        if (t == boolean.class || t == Boolean.class) {
            return cur == null || !((Boolean) cur);
        }
        if (t == char.class) {
            return Objects.equals(cur, 'f') ? 'c' : 'f';
        }
        if (t == String.class) {
            return "xyz";
        }
        if (t.isEnum()) {
            Object[] c = t.getEnumConstants();
            return c.length == 0 ? null : c[c.length - 1].equals(cur) ? c[0] : c[c.length - 1];
        }
        if (t == int[].class) {
            return new int[] {3, 5};
        }
        if (t == long[].class) {
            return new long[] {3, 5};
        }
        if (t == double[].class) {
            return new double[] {0.3, 0.5};
        }
        if (cur != null) {
            return null;
        }
        if (t.isAssignableFrom(DenseLayer.class)) {
            return new DenseLayer.Builder().nIn(3).nOut(4).build();
        }
        if (t == NeuralNetConfiguration.class) {
            NeuralNetConfiguration nc = new NeuralNetConfiguration();
            nc.setLayer(new DenseLayer.Builder().nIn(3).nOut(4).build());
            return nc;
        }
        if (t.isAssignableFrom(CnnToFeedForwardPreProcessor.class)) {
            return new CnnToFeedForwardPreProcessor(3, 4, 5);
        }
        if (t == InputPreProcessor[].class) {
            return new InputPreProcessor[] {new CnnToFeedForwardPreProcessor(3, 4, 5)};
        }
        if (t.isAssignableFrom(L2Vertex.class)) {
            return new L2Vertex(0.5);
        }
        return null;
    }

    private static List<String> differences(Class<?> c, Object a, Object b) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : fields(c)) {
            if (!Modifier.isTransient(f.getModifiers()) && !Objects.deepEquals(f.get(a), f.get(b))) {
                out.add(f.getName());
            }
        }
        return out;
    }

    // ---- graphs of the affected classes ------------------------------------------------------------------------

    /**
     * An inception-style NHWC block: 1x1 and 3x3 convolutions and a pooling branch concatenated on the channel axis
     * (MergeVertex axis 3), then a convolution. With equal branch widths DL4J's clone would concatenate on axis 1
     * and give wrong matrices after the merge; with unequal widths it fails.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nhwcInceptionWithMergeVertexOnAxis3(boolean equalWidths) {
        CNN2DFormat f = CNN2DFormat.NHWC;
        int w3 = equalWidths ? 3 : 5;
        ComputationGraphConfiguration conf = MultiLayerMatricesTest.base().convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in")
                .addLayer("b1", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.RELU).dataFormat(f).build(), "in")
                .addLayer("b3", new ConvolutionLayer.Builder(3, 3).nOut(w3).activation(Activation.TANH).dataFormat(f).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {3, 3}, new int[] {1, 1})
                        .dataFormat(f).build(), "in")
                .addLayer("bp", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).dataFormat(f).build(), "pool")
                .addVertex("concat", new MergeVertex(), "b1", "b3", "bp")
                .addLayer("after", new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.SIGMOID).dataFormat(f).build(), "concat")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "after")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build(), "gap")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(5, 4, 2, f))
                .build();
        assertEquals(3, ((MergeVertex) conf.getVertices().get("concat")).getMergeAxis());
        assertEquals(1, ((MergeVertex) conf.clone().getVertices().get("concat")).getMergeAxis(), "DL4J's clone");
        assertEquals(3, ((MergeVertex) Configurations.copyOf(conf).getVertices().get("concat")).getMergeAxis());
        ComputationGraph g = GraphMatricesTest.init(conf);
        INDArray x = gaussian(3, 5, 4, 2);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        // the merge by hand: channels of the three branches side by side
        INDArray merged = Nd4j.concat(3, ff.get("b1"), ff.get("b3"), ff.get("bp"));
        assertEquals(merged, ff.get("concat"));
        Map<String, List<Expected>> byVertex = new LinkedHashMap<>();
        byVertex.put("b1", List.of(pre("b1", MatrixCheck.preActivation(g, xs, "b1", true), "NHWC"), post("b1", ff.get("b1"), "NHWC")));
        byVertex.put("b3", List.of(pre("b3", MatrixCheck.preActivation(g, xs, "b3", true), "NHWC"), post("b3", ff.get("b3"), "NHWC")));
        byVertex.put("bp", List.of(pre("bp", ff.get("bp"), "NHWC")));
        // the 1x1 convolution after the merge, by hand: per position, merged channels times W [out, in, 1, 1] plus b
        INDArray w = g.getParam("after_W").reshape(4, merged.size(3)).transpose();
        INDArray zAfter = Independent.dense(merged.reshape(merged.length() / merged.size(3), merged.size(3)), w,
                g.getParam("after_b")).reshape(3, 5, 4, 4);
        INDArray hAfter = Nd4j.create(DataType.DOUBLE, zAfter.shape());
        for (long i = 0; i < zAfter.length(); i++) {
            hAfter.putScalar(i, 1 / (1 + Math.exp(-zAfter.getDouble(i))));
        }
        byVertex.put("after", List.of(pre("after", zAfter, "NHWC"), post("after", hAfter, "NHWC")));
        byVertex.put("out", List.of(pre("out", Independent.dense(ff.get("gap"), g.getParam("out_W"), g.getParam("out_b")), "FF")));
        GraphMatricesTest.check(g, xs, GraphMatricesTest.inTopologicalOrder(g, byVertex));
    }

    /** A ReshapeVertex in 'f' order (DL4J's clone makes it 'c'): the layer after it sees the features permuted. */
    @Test
    void reshapeVertexInFortranOrder() {
        ComputationGraph g = GraphMatricesTest.init(MultiLayerMatricesTest.base().graphBuilder()
                .addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addVertex("rf", new ReshapeVertex('f', new int[] {-1, 2, 3}, null), "d")
                .addVertex("rc", new ReshapeVertex('c', new int[] {-1, 6}, null), "rf")
                .addLayer("d2", new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.RELU).build(), "rc")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build(), "d2")
                .setOutputs("out")
                .build());
        INDArray x = gaussian(7, 4);
        INDArray[] xs = {x};
        Map<String, INDArray> ff = feedForward(g, xs, true);
        // by hand: sample n's features h[0..5] laid out 'f' in [2, 3] are read back 'c': j = 3 a + b takes h[a + 2 b]
        INDArray h = ff.get("d");
        INDArray permuted = Nd4j.create(DataType.DOUBLE, 7, 6);
        for (int n = 0; n < 7; n++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    permuted.putScalar(n, 3 * a + b, h.getDouble(n, a + 2 * b));
                }
            }
        }
        assertEquals(permuted, ff.get("rc"));
        INDArray z2 = Independent.dense(permuted, g.getParam("d2_W"), g.getParam("d2_b"));
        List<Expected> want = List.of(pre("d", Independent.dense(x, g.getParam("d_W"), g.getParam("d_b")), "FF"),
                post("d", h, "FF"), pre("d2", z2, "FF"), post("d2", MultiLayerMatricesTest.relu(z2), "FF"),
                pre("out", Independent.dense(ff.get("d2"), g.getParam("out_W"), g.getParam("out_b")), "FF"));
        GraphMatricesTest.check(g, xs, want);
    }

    /**
     * An L2Vertex with a non-default epsilon (used by DL4J only in the backward pass) and an AttentionVertex (a
     * SameDiff vertex: reported unsupported, its output still feeds the next layer): the graph scores, the layers
     * after them match DL4J's own forward pass.
     */
    @Test
    void l2AndAttentionVertices() {
        ComputationGraph g = GraphMatricesTest.init(MultiLayerMatricesTest.base().graphBuilder()
                .addInputs("seq")
                .addVertex("att", new AttentionVertex.Builder().nOut(4).nHeads(1).nInKeys(3).nInQueries(3).nInValues(3)
                        .headSize(4).projectInput(true).build(), "seq", "seq", "seq")
                .addLayer("rnnOut", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(3)
                        .activation(Activation.TANH).build(), "att")
                .addInputs("a", "b")
                .addLayer("da", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build(), "a")
                .addLayer("db", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build(), "b")
                .addVertex("l2", new L2Vertex(0.25), "da", "db")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(2)
                        .activation(Activation.SIGMOID).build(), "l2")
                .setOutputs("rnnOut", "out")
                .build());
        assertEquals(new L2Vertex(0.25), Configurations.copyOf(g.getConfiguration()).getVertices().get("l2"));
        INDArray[] xs = {gaussian(4, 3, 5), gaussian(6, 3), gaussian(6, 3)};
        // all inputs must have the same number of samples
        xs[0] = gaussian(6, 3, 5);
        Map<String, INDArray> ff = feedForward(g, xs, true);
        NearResult r = FIRST.score(g, xs);
        List<String> sites = new ArrayList<>();
        r.matrices().forEach(m -> sites.add(m.layerName() + "/" + m.kind().label()));
        assertTrue(sites.containsAll(List.of("rnnOut/pre", "rnnOut/post", "da/pre", "da/post", "db/pre", "db/post",
                "out/pre", "out/post")), sites.toString());
        assertTrue(r.skipped().stream().anyMatch(s -> s.layerName().equals("att") && s.unsupported()), r.skipped().toString());
        INDArray zOut = Independent.dense(ff.get("l2"), g.getParam("out_W"), g.getParam("out_b"));
        for (var m : r.matrices()) {
            if (m.layerName().equals("out") && m.kind() == MatrixKind.PRE) {
                MatrixCheck.assertBlock(pre("out", zOut, "FF"), m, 0);
            }
            if (m.layerName().equals("rnnOut") && m.kind() == MatrixKind.POST) {
                MatrixCheck.assertBlock(post("rnnOut", ff.get("rnnOut"), "NCW"), m, 0);
            }
        }
        assertTrue(Arrays.asList(g.getConfiguration().getNetworkInputs().toArray()).contains("seq"));
    }
}
