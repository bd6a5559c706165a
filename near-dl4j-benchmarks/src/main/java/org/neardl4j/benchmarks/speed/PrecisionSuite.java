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
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.rank.EffectiveRank.Method;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of an effective rank is the forward pass's own rounding: zoo ResNet50 from a float and from a double
 * forward pass, next to the Gram route's error.
 *
 * <pre>{@code
 * new PrecisionSuite(context).run();
 * }</pre>
 */
final class PrecisionSuite extends SuitePart {

    PrecisionSuite(Context ctx) {
        super(ctx);
    }

    @Override
    void run() throws Exception {
        precisionSuite();
    }

    /**
     * Zoo ResNet50 (the (d) workload's model, images and blocks) scored from a single-precision forward pass and
     * from the same network converted to double precision: the difference is what the float forward pass's own
     * rounding does to each effective rank, next to the error of the Gram route ({@code GRAM_DOUBLE} against
     * {@code SVD_DOUBLE} on the same float block). Blocks are grouped by whether {@code AUTO} falls back to the SVD.
     */
    private void precisionSuite() {
        System.out.println("  precision: zoo ResNet50, float and double forward passes");
        ComputationGraph model = (ComputationGraph) ZooBench.build("ResNet50").model;
        List<INDArray> floats = Runs.split(Workloads.randomImages(42, 128, 3, 224, 224), 16);
        List<INDArray> doubles = new ArrayList<>();
        for (INDArray b : floats) {
            doubles.add(b.castTo(DataType.DOUBLE));
        }
        BlockCollector.Blocks f = BlockCollector.collect(model, floats);
        BlockCollector.Blocks d = BlockCollector.collect(model.convertDataType(DataType.DOUBLE), doubles);
        double[][] worst = new double[2][3];   // [fallback?][forward rounding max, gram max, count]
        double[][] median = new double[2][];
        List<List<Double>> rounding = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < f.blocks.size(); i++) {
            INDArray x = f.blocks.get(i);
            double exact = EffectiveRank.of(x, Method.SVD_DOUBLE);
            double fromDouble = EffectiveRank.of(d.blocks.get(i), Method.SVD_DOUBLE);
            double[] g = EffectiveRank.singularValues(x, Method.GRAM_DOUBLE);
            int k = EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE ? 1 : 0;
            double r = Math.abs(exact - fromDouble) / fromDouble;
            worst[k][0] = Math.max(worst[k][0], r);
            worst[k][1] = Math.max(worst[k][1], Math.abs(EffectiveRank.ofSingularValues(g) - exact) / exact);
            worst[k][2]++;
            rounding.get(k).add(r);
        }
        for (int k = 0; k < 2; k++) {
            List<Double> v = rounding.get(k);
            v.sort(null);
            median[k] = new double[] {v.isEmpty() ? Double.NaN : v.get(v.size() / 2),
                    v.isEmpty() ? Double.NaN : v.get(0)};
        }
        heading("\n### Precision: the forward pass's own rounding against the Gram route's error (zoo ResNet50)\n");
        say("The blocks of workload (d) (same images, same block choice) from DL4J's single-precision forward pass "
                + "and from the same network converted to double (`convertDataType(DOUBLE)`), each scored with "
                + "`SVD_DOUBLE`: the relative difference is what single-precision rounding in the forward pass does to "
                + "the effective rank. `Gram error`: `GRAM_DOUBLE` against `SVD_DOUBLE` on the float block.\n\n");
        Table t = new Table("blocks", "count", "float vs double forward: min", "median", "max",
                "Gram error (max)");
        String[] names = {"Gram estimate within " + EffectiveRank.AUTO_TOLERANCE + " (AUTO keeps the Gram result)",
                "Gram estimate above " + EffectiveRank.AUTO_TOLERANCE + " (AUTO recomputes with SVD_DOUBLE)"};
        for (int k = 0; k < 2; k++) {
            t.row(names[k], (long) worst[k][2], Table.err(median[k][1]), Table.err(median[k][0]),
                    Table.err(worst[k][0]), Table.err(worst[k][1]));
        }
        table(t);
    }

}
