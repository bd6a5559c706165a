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
package org.neardl4j.benchmarks.speed;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * What the suites time: NEAR over a list of batches, the forward pass alone over the batches NEAR consumed, and
 * splitting an array into batches.
 *
 * <pre>{@code
 * List<INDArray> batches = Runs.split(x, 64);
 * NearResult r = Runs.score(NearScorer.builder().build(), model, batches);
 * Runs.forward(model, Runs.usedBatches(batches, r.samples()));
 * }</pre>
 */
final class Runs {

    private Runs() {
    }

    static NearResult score(NearScorer scorer, Model model, List<INDArray> batches) {
        INDArray all = batches.size() == 1 ? batches.get(0) : Nd4j.concat(0, batches.toArray(new INDArray[0]));
        ViewIterator it = new ViewIterator(new DataSet(all, Nd4j.zeros(DataType.FLOAT, all.size(0), 1)),
                (int) batches.get(0).size(0));
        if (model instanceof MultiLayerNetwork) {
            return scorer.score((MultiLayerNetwork) model, it);
        }
        return scorer.score((ComputationGraph) model, it);
    }

    static void forward(Model model, List<INDArray> batches) {
        for (INDArray b : batches) {
            if (model instanceof MultiLayerNetwork) {
                ((MultiLayerNetwork) model).output(b, true);
            } else {
                ((ComputationGraph) model).output(true, b);
            }
        }
    }

    static List<INDArray> usedBatches(List<INDArray> batches, long samples) {
        List<INDArray> used = new ArrayList<>();
        long n = 0;
        for (INDArray b : batches) {
            if (n >= samples) {
                break;
            }
            used.add(b);
            n += b.size(0);
        }
        return used;
    }

    static List<INDArray> split(INDArray x, int batch) {
        List<INDArray> list = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += batch) {
            long end = Math.min(x.size(0), i + batch);
            list.add(x.get(NDArrayIndex.interval(i, end)).dup());
        }
        return list;
    }
}
