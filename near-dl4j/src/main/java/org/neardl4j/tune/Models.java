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

import org.neardl4j.capture.Configurations;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.neardl4j.capture.FreshThread;
import org.neardl4j.capture.Initialisation;


/** Building and re-initialising networks without touching the calling thread's ND4J random generator. */
final class Models {

    private Models() {
    }

    /** A freshly initialised network of the configuration (cloned), initialised on a thread of its own. */
    static MultiLayerNetwork build(MultiLayerConfiguration conf) {
        return FreshThread.call(() -> {
            MultiLayerNetwork net = new MultiLayerNetwork(Configurations.copyOf(conf));
            Initialisation.init(net);
            return net;
        });
    }

    /** A freshly initialised graph of the configuration (cloned), initialised on a thread of its own. */
    static ComputationGraph build(ComputationGraphConfiguration conf) {
        return FreshThread.call(() -> {
            ComputationGraph g = new ComputationGraph(Configurations.copyOf(conf));
            Initialisation.init(g);
            return g;
        });
    }

    /** A copy of the model's architecture with fresh weights drawn with {@code seed}; the model is untouched. */
    static Model freshCopy(Model model, long seed) {
        if (model instanceof MultiLayerNetwork) {
            MultiLayerConfiguration conf = Configurations.copyOf(((MultiLayerNetwork) model).getLayerWiseConfigurations());
            for (NeuralNetConfiguration c : conf.getConfs()) {
                c.setSeed(seed);
            }
            return build(conf);
        }
        if (model instanceof ComputationGraph) {
            ComputationGraphConfiguration conf = Configurations.copyOf(((ComputationGraph) model).getConfiguration());
            conf.getDefaultConfiguration().setSeed(seed);
            for (org.deeplearning4j.nn.conf.graph.GraphVertex v : conf.getVertices().values()) {
                if (v instanceof LayerVertex) {
                    ((LayerVertex) v).getLayerConf().setSeed(seed);
                }
            }
            return build(conf);
        }
        throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
    }

}
