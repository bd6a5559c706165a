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
package org.neardl4j.tune;

import java.util.List;
import com.google.common.collect.ImmutableList;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.weights.WeightInit;

/**
 * Ready-made candidate lists for {@link ArchitectureRanking#rankVariants}.
 *
 * <pre>{@code
 * SelectionResult<WeightInit> r = ranking.rankVariants(Variants.weightInits(), w -> mlp(w), features);
 * }</pre>
 */
public final class Variants {

    private static final ImmutableList<Activation> ACTIVATIONS = ImmutableList.of(Activation.RELU, Activation.LEAKYRELU,
            Activation.ELU, Activation.SELU, Activation.SWISH, Activation.GELU, Activation.MISH, Activation.TANH,
            Activation.SIGMOID, Activation.SOFTSIGN, Activation.SOFTPLUS, Activation.HARDTANH);

    private static final ImmutableList<WeightInit> WEIGHT_INITS = ImmutableList.of(WeightInit.XAVIER,
            WeightInit.XAVIER_UNIFORM, WeightInit.RELU, WeightInit.RELU_UNIFORM, WeightInit.LECUN_NORMAL,
            WeightInit.LECUN_UNIFORM, WeightInit.VAR_SCALING_NORMAL_FAN_AVG, WeightInit.NORMAL, WeightInit.UNIFORM,
            WeightInit.SIGMOID_UNIFORM);

    private Variants() {
    }

    /**
     * Common hidden-layer activation functions.
     *
     * @return common hidden-layer activation functions
     */
    public static List<Activation> activations() {
        return ACTIVATIONS;
    }

    /**
     * Common weight initialisations (DL4J's {@link WeightInit} schemes).
     *
     * @return common weight initialisations (DL4J's {@link WeightInit} schemes)
     */
    public static List<WeightInit> weightInits() {
        return WEIGHT_INITS;
    }
}
