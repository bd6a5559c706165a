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
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Largest relative difference of each effective-rank method from the double SVD: on the parity matrices, on synthetic
 * hard cases and on the real network blocks the workloads collected.
 *
 * <pre>{@code
 * new AccuracySuite(context).run();
 * }</pre>
 */
final class AccuracySuite extends SuitePart {

    AccuracySuite(Context ctx) {
        super(ctx);
    }

    @Override
    void run() throws Exception {
        accuracySuite();
    }

    /** Maximum relative error of each method vs SVD_DOUBLE on the parity matrices, synthetic hard cases, real blocks. */
    private void accuracySuite() throws IOException {
        heading("\n### Accuracy: largest relative difference from `SVD_DOUBLE`\n");
        Map<String, List<INDArray>> sets = new LinkedHashMap<>();
        if (Files.isDirectory(ctx.parityDir)) {
            sets.put("parity erank matrices", parityMatrices("erank", "matrices", "file"));
            List<INDArray> net = new ArrayList<>(parityMatrices("mlp", "matrices", "sampled_file"));
            net.addAll(parityMatrices("cnn", "matrices", "sampled_file"));
            sets.put("parity network blocks", net);
        } else {
            say("(parity files not found in " + ctx.parityDir + ": run from the repository root)\n\n");
        }
        sets.put("synthetic hard cases", hardCases());
        sets.putAll(ctx.networkBlocks);
        Table t = new Table("matrices", "count", "largest n", "AUTO", "AUTO fell back to SVD", "GRAM_DOUBLE",
                "GRAM_HOST (n <= " + ErankSuite.HOST_LIMIT + ")", "SVD_FLOAT", "GRAM_FLOAT");
        for (Map.Entry<String, List<INDArray>> e : sets.entrySet()) {
            double[] worst = new double[Method.values().length];
            int fallbacks = 0;
            long largest = 0;
            for (INDArray a : e.getValue()) {
                largest = Math.max(largest, Math.min(a.rows(), a.columns()));
                double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
                for (Method m : Method.values()) {
                    if (m == Method.GRAM_HOST && Math.min(a.rows(), a.columns()) > ErankSuite.HOST_LIMIT) {
                        continue;
                    }
                    double v = EffectiveRank.of(a, m);
                    double err = exact == 0 ? Math.abs(v) : Math.abs(v - exact) / exact;
                    worst[m.ordinal()] = Math.max(worst[m.ordinal()], err);
                }
                double[] g = EffectiveRank.singularValues(a, Method.GRAM_DOUBLE);
                if (EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE) {
                    fallbacks++;
                }
            }
            t.row(e.getKey(), e.getValue().size(), largest, Table.err(worst[Method.AUTO.ordinal()]), fallbacks,
                    Table.err(worst[Method.GRAM_DOUBLE.ordinal()]), Table.err(worst[Method.GRAM_HOST.ordinal()]),
                    Table.err(worst[Method.SVD_FLOAT.ordinal()]),
                    Table.err(worst[Method.GRAM_FLOAT.ordinal()]));
        }
        table(t);
    }

    private List<INDArray> parityMatrices(String caseName, String array, String fileKey) throws IOException {
        Path dir = ctx.parityDir.resolve(caseName);
        JsonObject expected = new JsonParser().parse(Files.readString(dir.resolve("expected.json"))).getAsJsonObject();
        JsonArray ms = expected.getAsJsonArray(array);
        List<INDArray> list = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            list.add(Nd4j.createFromNpyFile(dir.resolve(ms.get(i).getAsJsonObject().get(fileKey).getAsString()).toFile()));
        }
        return list;
    }

    /** Matrices where squaring hurts: identical rows (blank image regions), rank one, low rank, a spike over noise. */
    static List<INDArray> hardCases() {
        List<INDArray> list = new ArrayList<>();
        Nd4j.getRandom().setSeed(5);
        for (int n : new int[] {16, 64, 256}) {
            for (double frac : new double[] {0.5, 0.9}) {
                for (double mag : new double[] {1, 100}) {
                    INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
                    INDArray row = Nd4j.randn(DataType.FLOAT, 1, n).muli(mag);
                    for (int i = 0; i < (int) (n * frac); i++) {
                        a.putRow(i, row);
                    }
                    list.add(a);
                }
            }
            list.add(Nd4j.randn(DataType.FLOAT, n, 1).mmul(Nd4j.randn(DataType.FLOAT, 1, n)));
            list.add(Nd4j.randn(DataType.FLOAT, n, n / 4).mmul(Nd4j.randn(DataType.FLOAT, n / 4, n)));
            list.add(Nd4j.randn(DataType.FLOAT, n, n).addi(
                    Nd4j.randn(DataType.FLOAT, n, 1).mmul(Nd4j.randn(DataType.FLOAT, 1, n)).muli(1000)));
        }
        return list;
    }

}
