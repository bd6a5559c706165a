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

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;

/**
 * A "loss" equal to the sum of the network's outputs, ignoring the labels: its gradient with respect to every
 * output is 1. {@link SynFlow} and {@link JacobCov} put it on a private copy of the output layer so that DL4J's
 * backward pass computes {@code d(sum of outputs)/d(parameters or inputs)}. It exists only for that; it is
 * public (with a no-arg constructor) because DL4J serialises loss functions by class name when it clones a
 * configuration.
 *
 * <pre>{@code
 * outputLayerConf.setLossFn(new SumOfOutputsLoss());
 * }</pre>
 */
public final class SumOfOutputsLoss implements ILossFunction {

    /**
     * Creates a SumOfOutputsLoss.
     */
    public SumOfOutputsLoss() {
    }

    private static INDArray output(INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        if (mask != null) {
            LossUtil.applyMask(out, mask);
        }
        return out;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = output(preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = output(preOutput, activationFn, mask);
        return out.reshape(out.size(0), -1).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray ones = Nd4j.onesLike(preOutput);
        if (mask != null) {
            LossUtil.applyMask(ones, mask);
        }
        INDArray grad = activationFn.backprop(preOutput.dup(), ones).getFirst();
        if (mask != null) {
            LossUtil.applyMask(grad, mask);
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "SumOfOutputsLoss";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SumOfOutputsLoss;
    }

    @Override
    public int hashCode() {
        return SumOfOutputsLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "SumOfOutputsLoss()";
    }
}
