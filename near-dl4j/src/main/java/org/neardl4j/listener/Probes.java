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
package org.neardl4j.listener;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.Configurations;

import java.util.Arrays;

/** The listener's probe: checked copies of given arrays, copies of the training inputs, copies of the model. */
final class Probes {

    private Probes() {
    }

    /** Checked copies (outside any workspace) of the arrays given as the probe. */
    static INDArray[] copyOfGiven(INDArray... features) {
        Preconditions.checkNotNull(features, "features");
        Preconditions.checkArgument(features.length > 0, "probe: no input array given");
        INDArray[] copy = new INDArray[features.length];
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < features.length; i++) {
                INDArray f = features[i];
                Preconditions.checkArgument(f != null, "probe input %s is null", i);
                Preconditions.checkArgument(f.rank() >= 2 && f.size(0) > 0,
                        "probe input %s must have rank >= 2 with samples first, got shape %s", i,
                        Arrays.toString(f.shape()));
                Preconditions.checkArgument(f.dataType().isFPType(), "probe input %s must be floating point, got %s",
                        i, f.dataType());
                copy[i] = f.dup();
            }
        }
        return copy;
    }

    /** Copies of the inputs the model holds from its current training batch, or null when it holds none. */
    static INDArray[] copyInputs(Model model) {
        INDArray[] in;
        if (model instanceof MultiLayerNetwork) {
            INDArray x = ((MultiLayerNetwork) model).getInput();
            in = x == null ? null : new INDArray[] {x};
        } else if (model instanceof ComputationGraph) {
            in = ((ComputationGraph) model).getInputs();
        } else {
            throw new IllegalArgumentException("NearListener works with a MultiLayerNetwork or a ComputationGraph, got "
                    + model.getClass().getName());
        }
        if (in == null || in.length == 0 || Arrays.stream(in).anyMatch(a -> a == null)) {
            return null;
        }
        INDArray[] copy = new INDArray[in.length];
        for (int i = 0; i < in.length; i++) {
            copy[i] = in[i].dup();
        }
        return copy;
    }

    /** A network with the model's configuration and the given parameters (no updater, no listeners). */
    static Model copyWithParams(Model model, INDArray params) {
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork copy = new MultiLayerNetwork(
                    Configurations.copyOf(((MultiLayerNetwork) model).getLayerWiseConfigurations()));
            copy.init(params, false);
            return copy;
        }
        ComputationGraph copy = new ComputationGraph(Configurations.copyOf(((ComputationGraph) model).getConfiguration()));
        copy.init(params, false);
        return copy;
    }
}
