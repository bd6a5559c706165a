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
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Consumer;

/**
 * An {@link IActivation} that shows its input, the pre-activation {@code Z}, to an observer before delegating.
 * ND4J activations run in place, so the observer must copy what it keeps.
 *
 * <p>near-dl4j installs it only in its own working copy of a network's configuration, never in the user's.
 * Public with a no-arg constructor so that a configuration holding it still serialises.
 *
 * <pre>{@code
 * RecordingActivation r = new RecordingActivation(Activation.RELU.getActivationFunction());
 * r.observe(z -> block.assign(z));
 * }</pre>
 */
public final class RecordingActivation implements IActivation {

    private static final long serialVersionUID = 1L;

    /**
     * Delegate.
     */
    private IActivation delegate;
    private transient Consumer<INDArray> observer;
    private transient int calls;

    /** For serialisation only. */
    public RecordingActivation() {
    }

    /**
     * Creates a RecordingActivation.
     *
     * @param delegate the activation function to wrap, e.g. {@code Activation.RELU.getActivationFunction()}; not null
     */
    public RecordingActivation(IActivation delegate) {
        this.delegate = Preconditions.checkNotNull(delegate, "delegate");
    }

    /**
     * The wrapped activation function.
     *
     * @return the wrapped activation function
     */
    public IActivation getDelegate() {
        return delegate;
    }

    /**
     * Replaces the wrapped activation function (for serialisation).
     *
     * @param delegate the activation function to wrap (not checked for null)
     */
    public void setDelegate(IActivation delegate) {
        this.delegate = delegate;
    }

    /**
     * Starts observing: every forward call passes its input to {@code observer} first.
     *
     * @param observer gets each input {@code Z} before the activation runs in place (copy what you keep); null
     *                 passes nothing on but still counts the calls
     */
    public void observe(Consumer<INDArray> observer) {
        this.observer = observer;
        this.calls = 0;
    }

    /**
     * Stops observing; returns how many forward calls were seen since {@link #observe}.
     *
     * @return the number of {@code getActivation} calls since the last {@link #observe}
     */
    public int stopObserving() {
        this.observer = null;
        return calls;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        calls++;
        Consumer<INDArray> o = observer;
        if (o != null) {
            o.accept(in);
        }
        return delegate.getActivation(in, training);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return delegate.backprop(in, epsilon);
    }

    @Override
    public int numParams(int inputSize) {
        return delegate.numParams(inputSize);
    }

    @Override
    public String toString() {
        return String.valueOf(delegate);
    }
}
