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
package org.neardl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots for the no-mutation guarantee, compared bit for bit (raw bytes, not {@code INDArray.equals}, which
 * allows 1e-5): a model's parameters (batch-norm running statistics included), updater state, iteration and epoch
 * counters, listeners, configuration, stored input and labels; and the caller's own arrays (the array object, its
 * shape, strides, order, type, its values and the whole buffer it lives in), alone or in a DataSet / MultiDataSet
 * with labels and masks.
 *
 * <pre>{@code
 * Untouched.Snapshot before = Untouched.of(net, features);
 * scorer.score(net, features);
 * before.assertUnchanged();
 * }</pre>
 */
public final class Untouched {

    private Untouched() {
    }

    /** Raw bytes of an array's values in C order (a copy, so views and strides do not matter). */
    public static byte[] bits(INDArray a) {
        return a == null ? null : a.dup('c').data().asBytes();
    }

    /** One array of the caller's: the object and everything about it. */
    public static final class ArrayState {
        final String what;
        final INDArray array;
        final long[] shape;
        final long[] stride;
        final char order;
        final String type;
        final byte[] values;
        final byte[] buffer;

        ArrayState(String what, INDArray a) {
            this.what = what;
            this.array = a;
            this.shape = a == null ? null : a.shape().clone();
            this.stride = a == null ? null : a.stride().clone();
            this.order = a == null ? ' ' : a.ordering();
            this.type = a == null ? null : a.dataType().toString();
            this.values = bits(a);
            this.buffer = a == null ? null : a.data().asBytes();
        }

        void assertUnchanged(INDArray now) {
            assertSame(array, now, what + ": the array object was replaced");
            if (array == null) {
                return;
            }
            assertArrayEquals(shape, now.shape(), what + ": shape");
            assertArrayEquals(stride, now.stride(), what + ": strides");
            assertEquals(order, now.ordering(), what + ": order");
            assertEquals(type, now.dataType().toString(), what + ": data type");
            assertTrue(Arrays.equals(values, bits(now)), what + ": values changed (bit for bit)");
            assertTrue(Arrays.equals(buffer, now.data().asBytes()), what + ": its buffer changed (bit for bit)");
        }
    }

    /** Everything to compare afterwards. */
    public static final class Snapshot {
        private final List<Runnable> checks = new ArrayList<>();

        /** Asserts that nothing recorded changed. */
        public void assertUnchanged() {
            checks.forEach(Runnable::run);
        }
    }

    /**
     * A snapshot of models and caller's data.
     *
     * @param things {@link Model}s, {@link INDArray}s, {@link DataSet}s, {@link MultiDataSet}s
     */
    public static Snapshot of(Object... things) {
        Snapshot s = new Snapshot();
        int k = 0;
        for (Object o : things) {
            String name = "#" + (k++) + " ";
            if (o instanceof Model) {
                model(s, name, (Model) o);
            } else if (o instanceof INDArray) {
                ArrayState st = new ArrayState(name + "features", (INDArray) o);
                s.checks.add(() -> st.assertUnchanged((INDArray) o));
            } else if (o instanceof DataSet) {
                DataSet d = (DataSet) o;
                ArrayState f = new ArrayState(name + "DataSet features", d.getFeatures());
                ArrayState l = new ArrayState(name + "DataSet labels", d.getLabels());
                ArrayState fm = new ArrayState(name + "DataSet features mask", d.getFeaturesMaskArray());
                ArrayState lm = new ArrayState(name + "DataSet labels mask", d.getLabelsMaskArray());
                s.checks.add(() -> {
                    f.assertUnchanged(d.getFeatures());
                    l.assertUnchanged(d.getLabels());
                    fm.assertUnchanged(d.getFeaturesMaskArray());
                    lm.assertUnchanged(d.getLabelsMaskArray());
                });
            } else if (o instanceof MultiDataSet) {
                MultiDataSet d = (MultiDataSet) o;
                List<Runnable> c = new ArrayList<>();
                addAll(c, name + "MultiDataSet features", d.getFeatures(), d::getFeatures);
                addAll(c, name + "MultiDataSet labels", d.getLabels(), d::getLabels);
                addAll(c, name + "MultiDataSet features masks", d.getFeaturesMaskArrays(), d::getFeaturesMaskArrays);
                addAll(c, name + "MultiDataSet labels masks", d.getLabelsMaskArrays(), d::getLabelsMaskArrays);
                s.checks.addAll(c);
            } else {
                throw new IllegalArgumentException("cannot snapshot " + o);
            }
        }
        return s;
    }

    private static void addAll(List<Runnable> checks, String what, INDArray[] arrays,
                               java.util.function.Supplier<INDArray[]> now) {
        if (arrays == null) {
            checks.add(() -> assertEquals(null, now.get(), what));
            return;
        }
        INDArray[] copy = arrays.clone();
        List<ArrayState> states = new ArrayList<>();
        for (int i = 0; i < arrays.length; i++) {
            states.add(new ArrayState(what + "[" + i + "]", arrays[i]));
        }
        checks.add(() -> {
            INDArray[] n = now.get();
            assertSame(arrays, n, what + ": the array of arrays was replaced");
            for (int i = 0; i < copy.length; i++) {
                states.get(i).assertUnchanged(n[i]);
            }
        });
    }

    private static void model(Snapshot s, String name, Model m) {
        boolean mln = m instanceof MultiLayerNetwork;
        MultiLayerNetwork net = mln ? (MultiLayerNetwork) m : null;
        ComputationGraph g = mln ? null : (ComputationGraph) m;
        byte[] params = bits(m.params());
        INDArray upd = updaterState(m);
        byte[] updater = bits(upd);
        int iterations = mln ? net.getIterationCount() : g.getIterationCount();
        int epochs = mln ? net.getEpochCount() : g.getEpochCount();
        List<TrainingListener> listeners = new ArrayList<>(mln ? net.getListeners() : g.getListeners());
        String json = mln ? net.getLayerWiseConfigurations().toJson() : g.getConfiguration().toJson();
        INDArray input = mln ? net.getInput() : (g.getInputs() == null ? null : g.getInputs()[0]);
        ArrayState inputState = new ArrayState(name + "stored input", input);
        INDArray labels = mln ? net.getLabels() : null;
        ArrayState labelState = new ArrayState(name + "stored labels", labels);
        s.checks.add(() -> {
            assertTrue(Arrays.equals(params, bits(m.params())),
                    name + "parameters (batch-norm running statistics included) changed, bit for bit");
            assertTrue(Arrays.equals(updater, bits(updaterState(m))), name + "updater state changed, bit for bit");
            assertEquals(iterations, mln ? net.getIterationCount() : g.getIterationCount(), name + "iteration count");
            assertEquals(epochs, mln ? net.getEpochCount() : g.getEpochCount(), name + "epoch count");
            List<TrainingListener> now = new ArrayList<>(mln ? net.getListeners() : g.getListeners());
            assertEquals(listeners.size(), now.size(), name + "listeners");
            for (int i = 0; i < now.size(); i++) {
                assertSame(listeners.get(i), now.get(i), name + "listener " + i);
            }
            assertEquals(json, mln ? net.getLayerWiseConfigurations().toJson() : g.getConfiguration().toJson(),
                    name + "configuration");
            inputState.assertUnchanged(mln ? net.getInput() : (g.getInputs() == null ? null : g.getInputs()[0]));
            if (mln) {
                labelState.assertUnchanged(net.getLabels());
            }
        });
    }

    private static INDArray updaterState(Model m) {
        if (m instanceof MultiLayerNetwork) {
            MultiLayerNetwork n = (MultiLayerNetwork) m;
            return n.getUpdater(false) == null ? null : n.getUpdater(false).getStateViewArray();
        }
        ComputationGraph g = (ComputationGraph) m;
        return g.getUpdater(false) == null ? null : g.getUpdater(false).getStateViewArray();
    }
}
