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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.proxy.GradNorm;
import org.neardl4j.proxy.Naswot;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads scoring at once give exactly the values of a serial run, and nothing crashes: 4 threads x 27
 * tasks of mixed MLPs (one with 600 columns, so that LAPACK {@code syev} and the {@code gesvd} fallback run), CNNs,
 * graphs, an ArchitectureRanking and two proxies, the same model instances shared between the threads. Before the
 * process-wide native lock, LAPACK on one thread while another ran a forward pass crashed OpenBLAS.
 */
class ConcurrentScoringTest {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentScoringTest.class);

    private static final int THREADS = 4;
    private static final int PER_THREAD = 27;

    private static INDArray gaussian(long seed, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] x = new float[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, shape, 'c');
    }

    private static MultiLayerConfiguration wideMlp() {     // 600 columns: the LAPACK route (and its SVD fallback)
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(24).nOut(600).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(600).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static MultiLayerConfiguration smallMlp(int width) {
        return new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(24).nOut(width).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(width).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static MultiLayerConfiguration cnn() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
    }

    private static ComputationGraphConfiguration residual() {
        return new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(24).nOut(48).activation(Activation.RELU).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(48).nOut(48).activation(Activation.TANH).build(), "a")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(48).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "sum")
                .setOutputs("out").build();
    }

    private static MultiLayerNetwork net(MultiLayerConfiguration c) {
        MultiLayerNetwork n = new MultiLayerNetwork(c);
        n.init();
        return n;
    }

    private static ComputationGraph graph(ComputationGraphConfiguration c) {
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        return g;
    }

    /** Every value a task computes, as a list of doubles compared bit for bit. */
    private static List<Double> values(NearResult r) {
        List<Double> v = new ArrayList<>(r.scores());
        for (MatrixScore m : r.matrices()) {
            v.add(m.effectiveRank());
        }
        return v;
    }

    @Test
    void concurrentScoringGivesTheSerialValues() throws Exception {
        INDArray dense = gaussian(11, 640, 24);        // 640 samples: a square 600 x 600 block
        INDArray images = gaussian(12, 48, 1, 12, 12);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 4);
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, i % 4, 1.0);
        }
        DataSet proxyData = new DataSet(dense.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), labels);
        MultiLayerNetwork wide = net(wideMlp());
        MultiLayerNetwork small = net(smallMlp(40));
        MultiLayerNetwork conv = net(cnn());
        ComputationGraph res = graph(residual());
        NearScorer two = NearScorer.builder().repetitions(2).seed(7).build();
        NearScorer svd = NearScorer.builder().repetitions(1).seed(8).rankMethod(EffectiveRank.Method.SVD_DOUBLE).build();
        NearScorer gram = NearScorer.builder().repetitions(2).seed(9).rankMethod(EffectiveRank.Method.GRAM_DOUBLE)
                .rankThreads(2).build();
        ArchitectureRanking ranking = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(2).seed(5).build()).build();
        ZeroCostProxy gradNorm = new GradNorm(ProxyOptions.builder().scorer(NearScorer.builder().repetitions(2).build()).build());
        ZeroCostProxy naswot = new Naswot();
        INDArray[] before = {wide.params().dup(), small.params().dup(), conv.params().dup(), res.params().dup()};

        List<Supplier<List<Double>>> kinds = List.of(
                () -> values(two.score(wide, dense)),
                () -> values(svd.score(small, dense)),
                () -> values(two.score(conv, images)),
                () -> values(gram.score(res, dense)),
                () -> values(svd.score(wide, dense)),
                () -> values(gram.score(conv, images)),
                () -> {
                    RankingResult r = ranking.rank(List.of(Candidate.ofConfiguration("mlp", smallMlp(20)),
                            Candidate.ofConfiguration("graph", residual())), dense);
                    List<Double> v = new ArrayList<>();
                    r.entries().forEach(c -> v.addAll(values(c.result())));
                    return v;
                },
                () -> List.of(gradNorm.score(small, proxyData).score(), naswot.score(res, proxyData).score()),
                () -> values(two.score(small, dense)));
        int tasks = THREADS * PER_THREAD;
        long t0 = System.nanoTime();
        List<List<Double>> serial = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            serial.add(kinds.get(t % kinds.size()).get());
        }
        long serialNanos = System.nanoTime() - t0;

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<List<List<Double>>>> futures = new ArrayList<>();
        long t1 = System.nanoTime();
        try {
            for (int w = 0; w < THREADS; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<List<Double>> out = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        // each thread walks the kinds from another offset, so different kinds run at the same time
                        int t = worker * PER_THREAD + i;
                        out.add(kinds.get(t % kinds.size()).get());
                    }
                    return out;
                }));
            }
            for (int w = 0; w < THREADS; w++) {
                List<List<Double>> got = futures.get(w).get();
                for (int i = 0; i < PER_THREAD; i++) {
                    int t = w * PER_THREAD + i;
                    assertEquals(serial.get(t), got.get(i), "task " + t + " (kind " + t % kinds.size()
                            + ") on thread " + w + " differs from the serial run");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long concurrentNanos = System.nanoTime() - t1;
        log.info("{} tasks: serial {} ms, {} threads {} ms", tasks, serialNanos / 1_000_000, THREADS,
                concurrentNanos / 1_000_000);
        // the shared models were never changed
        assertEquals(before[0], wide.params());
        assertEquals(before[1], small.params());
        assertEquals(before[2], conv.params());
        assertEquals(before[3], res.params());
        // the 600-column blocks were scored: a value of the wide MLP's hidden layer is there
        assertTrue(two.score(wide, dense).matrices().stream().anyMatch(m -> m.cols() == 600));
    }
}
