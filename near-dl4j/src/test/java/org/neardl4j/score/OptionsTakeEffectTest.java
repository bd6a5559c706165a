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
package org.neardl4j.score;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.Independent;
import org.neardl4j.sampling.BlockMode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options that could be ignored without any result changing are shown to be used: {@code rankThreads} by the work
 * done on the effective-rank threads, the seed by the block starts it draws.
 */
class OptionsTakeEffectTest {

    /** Six dense layers of 40-60 neurons: twelve blocks on the plain-Java route (up to 512 columns on the CPU). */
    static MultiLayerNetwork wide() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.DOUBLE).list();
        int in = 8;
        for (int i = 0; i < 6; i++) {
            int w = 40 + 4 * i;
            b.layer(new DenseLayer.Builder().nIn(in).nOut(w).activation(Activation.TANH).build());
            in = w;
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nIn(in).nOut(3).activation(Activation.IDENTITY).build()).build());
        net.init();
        return net;
    }

    /** CPU nanoseconds used by the threads of near-dl4j's effective-rank pool, by thread id. */
    static Map<Long, Long> rankThreadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("near-effective-rank-")) {
                cpu.put(t.getId(), mx.getThreadCpuTime(t.getId()));
            }
        }
        return cpu;
    }

    static long cpuSince(Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : rankThreadCpu().entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    @Test
    void rankThreadsIsUsed() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled(),
                "thread CPU time is not measurable on this JVM");
        MultiLayerNetwork net = wide();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 80, 8);
        NearScorer one = NearScorer.builder().rankThreads(1).repetitions(3).build();
        NearScorer three = NearScorer.builder().rankThreads(3).repetitions(3).build();
        assertEquals(1, one.rankThreads());
        assertEquals(3, three.rankThreads());
        one.score(net, x);
        three.score(net, x);     // warm: the pool's threads exist

        Map<Long, Long> before = rankThreadCpu();
        NearResult r1 = one.score(net, x);
        long cpuWithOne = cpuSince(before);
        before = rankThreadCpu();
        NearResult r3 = three.score(net, x);
        long cpuWithThree = cpuSince(before);
        // with one thread every block is solved on the calling thread; with three, two of every three on the pool
        assertEquals(0, cpuWithOne, "rankThreads(1) used the effective-rank pool");
        assertTrue(cpuWithThree > 0, "rankThreads(3) did not use the effective-rank pool");
        assertEquals(r1.scores(), r3.scores(), "the same values either way");
    }

    /**
     * In RANDOM mode the seed chooses the block: over 40 seeds the start of a 4-column block among 60 samples takes
     * many values, each a multiple of 4 where a whole block fits, the same seed gives the same start, and the block
     * scored is the one at that start. A RANDOM mode that always started at row 0 fails here.
     */
    @Test
    void theSeedChoosesTheBlock() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(4).activation(Activation.RELU)
                        .build())
                .build());
        net.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 60, 5);
        INDArray z = Independent.dense(x, net.getParam("0_W"), net.getParam("0_b"));
        double[][] m = Independent.matrix(z, "FF");
        Set<Long> starts = new HashSet<>();
        Set<List<Long>> pairs = new HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            NearScorer s = NearScorer.builder().blockMode(BlockMode.RANDOM).seed(seed)
                    .rankMethod(org.neardl4j.rank.EffectiveRank.Method.SVD_DOUBLE).build();
            NearResult r = s.score(net, x);
            MatrixScore first = r.matrices().get(0);
            long start = first.blockStart();
            assertEquals(0, start % 4, "aligned to a line");
            assertTrue(start + 4 <= 60, "a whole block fits");
            assertEquals(Independent.erank(Independent.block(m, (int) start)), first.effectiveRank(), 1e-9,
                    "the block at the start reported");
            assertEquals(start, s.score(net, x).matrices().get(0).blockStart(), "reproducible");
            starts.add(start);
            pairs.add(List.of(start, r.matrices().get(1).blockStart()));
        }
        assertTrue(starts.size() >= 8, "block starts over 40 seeds: " + starts);
        assertTrue(starts.stream().anyMatch(s -> s != 0));
        // the two matrices draw their starts independently
        assertTrue(pairs.stream().anyMatch(p -> !p.get(0).equals(p.get(1))), pairs.toString());
        NearResult a = NearScorer.builder().seed(1).build().score(net, x);
        NearResult b = NearScorer.builder().seed(2).build().score(net, x);
        assertNotEquals(a.matrices().get(0).blockStart() + "," + a.matrices().get(1).blockStart(),
                b.matrices().get(0).blockStart() + "," + b.matrices().get(1).blockStart());
    }
}
