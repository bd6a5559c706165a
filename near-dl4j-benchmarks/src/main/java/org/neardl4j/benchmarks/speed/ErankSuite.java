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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Effective rank of an n x n float matrix (i.i.d. Gaussian) by method, on 1 and 2 threads, against the double SVD and
 * the authors' reference times.
 *
 * <pre>{@code
 * new ErankSuite(context).run();
 * }</pre>
 */
final class ErankSuite extends SuitePart {

    /** The authors' PyTorch implementation on a 2-core machine (another run; compare as ratios only). */
    private static final Map<Integer, Double> REFERENCE_ERANK = Map.of(512, 0.046, 1024, 0.32, 2048, 3.5);

    /** Largest n for which {@code GRAM_HOST} (scalar Java, O(n^3)) is measured. */
    static final int HOST_LIMIT = 1024;

    ErankSuite(Context ctx) {
        super(ctx);
    }

    @Override
    void run() throws Exception {
        erankSuite(ctx.suite.isCi() ? new int[] {256, 512} : new int[] {256, 512, 1024, 2048, 4096});
    }

    private void erankSuite(int[] sizes) {
        heading("\n### Effective rank of an n x n float matrix (i.i.d. Gaussian), by method\n");
        say("Seconds per matrix (median; n <= 1024 with the warm-up of short tasks); `err` = relative difference "
                + "from `SVD_DOUBLE` on the same matrix. `1 thr` / `2 thr`: ND4J and BLAS limited to 1 / 2 threads. Reference: the authors' float SVD (other run).\n\n");
        Table t = new Table("n", "method", "1 thr (s)", "2 thr (s)", "err", "speed-up vs SVD_DOUBLE (2 thr)",
                "reference (s)", "reference / this (2 thr)");
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            setThreads(threads);
            for (int n : sizes) {
                Nd4j.getRandom().setSeed(n);
                INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
                int r = n <= 512 ? reps : n <= 2048 ? Math.max(1, reps / 2) : 1;
                double exact = EffectiveRank.of(a, Method.SVD_DOUBLE);
                for (Method m : Method.values()) {
                    if (m == Method.GRAM_HOST && n > HOST_LIMIT) {
                        continue;   // scalar Java O(n^3): minutes at n = 4096
                    }
                    double[] v = new double[1];
                    Runnable rank = () -> v[0] = EffectiveRank.of(a, m);
                    double s = n <= 1024 ? adaptiveTime(r, rank) : medianTime(0, r, rank);
                    times.computeIfAbsent(n + " " + m, k -> new double[2])[threads - 1] = s;
                    errors.put(n + " " + m, Math.abs(v[0] - exact) / exact);
                }
                System.out.printf(Locale.ROOT, "  erank n=%d done with %d thread(s)%n", n, threads);
            }
        }
        setThreads(cores);
        for (int n : sizes) {
            double svd = times.get(n + " " + Method.SVD_DOUBLE)[1];
            for (Method m : Method.values()) {
                double[] s = times.get(n + " " + m);
                if (s == null) {
                    t.row(n, m, "-", "-", "-", "-", "-", "-");
                    continue;
                }
                Double ref = REFERENCE_ERANK.get(n);
                t.row(n, m, Table.sec(s[0]), Table.sec(s[1]), Table.err(errors.get(n + " " + m)), Table.x(svd / s[1]),
                        ref == null ? "-" : Table.sec(ref), ref == null ? "-" : Table.x(ref / s[1]));
            }
        }
        table(t);
    }

}
