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
package org.neardl4j.space;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy computed from logits, for an output layer whose activation is the identity: per example
 * {@code -sum_k y_k * log softmax(z)_k} with {@code z} the layer's output, and gradient
 * {@code softmax(z) * sum_k y_k - y} with respect to {@code z}. This is PyTorch's {@code CrossEntropyLoss} on
 * logits, the loss NAS-Bench-201 trains with.
 *
 * <p>DL4J's own {@code LossMCXENT} expects probabilities (a softmax activation), and a softmax output layer would
 * add a post-activation matrix to NEAR that the NAS-Bench-201 network does not have: with this loss the
 * {@link Nb201Network} classifier outputs logits, so NEAR sees one matrix there (the logits), as the reference
 * does, while gradient-based proxies still get the training loss. Public with a no-arg constructor because DL4J
 * serialises loss functions by class name.
 *
 * <pre>{@code
 * new OutputLayer.Builder(new LogitsCrossEntropy()).activation(Activation.IDENTITY).nOut(10).build();
 * }</pre>
 */
public final class LogitsCrossEntropy implements ILossFunction {

    /** The loss; it has no parameters. */
    public LogitsCrossEntropy() {
    }

    /** [N, C] logits after the activation function (a copy). */
    private static INDArray logits(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), true);
    }

    /** Row-wise softmax of z (a new array). */
    private static INDArray softmax(INDArray z) {
        INDArray e = Transforms.exp(z.subColumnVector(z.max(true, 1)), false);
        return e.diviColumnVector(e.sum(true, 1));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray z = logits(preOutput, activationFn);
        INDArray max = z.max(true, 1);
        INDArray lse = Transforms.log(Transforms.exp(z.subColumnVector(max), false).sum(true, 1), false).addi(max);
        INDArray y = labels.castTo(z.dataType());
        INDArray score = lse.muli(y.sum(true, 1)).subi(y.mul(z).sum(true, 1));
        if (mask != null) {
            LossUtil.applyMask(score, mask.size(1) == 1 ? mask : mask.max(true, 1));
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double s = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? s / preOutput.size(0) : s;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray z = logits(preOutput, activationFn);
        INDArray y = labels.castTo(z.dataType());
        INDArray dz = softmax(z).muliColumnVector(y.sum(true, 1)).subi(y);
        if (mask != null) {
            LossUtil.applyMask(dz, mask);
        }
        INDArray grad = activationFn.backprop(preOutput.dup(), dz).getFirst();
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

    /**
     * The loss's name.
     *
     * @return {@code "LogitsCrossEntropy"}
     */
    @Override
    public String name() {
        return "LogitsCrossEntropy";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogitsCrossEntropy;
    }

    @Override
    public int hashCode() {
        return LogitsCrossEntropy.class.hashCode();
    }

    @Override
    public String toString() {
        return "LogitsCrossEntropy()";
    }
}
