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

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.Untouched;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NearListener the way DL4J users train at scale: under {@code ParallelWrapper} (one listener object called from
 * several worker threads, each with its replica model) and under {@code EarlyStoppingTrainer} (fit per minibatch,
 * epoch callbacks fired by the trainer). Each record scores the model the callback was given at that moment, no
 * record is lost or duplicated, and each callback leaves the replica's parameters, updater state and counters bit for
 * bit as they were (ParallelWrapper) or training is bit-identical with and without the listener (EarlyStoppingTrainer).
 */
class ParallelTrainingTest {

    static final int BATCH = 16;
    static final int BATCHES = 8;

    static ListDataSetIterator<DataSet> data(long seed) {
        INDArray x = ListenerOptionsTest.gaussian(seed, BATCH * BATCHES, 20);
        List<DataSet> b = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            INDArray f = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i * BATCH, (i + 1) * BATCH),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            INDArray y = Nd4j.zeros(f.dataType(), BATCH, 3);
            for (int k = 0; k < BATCH; k++) {
                y.putScalar(k, (i + k) % 3, 1);
            }
            b.add(new DataSet(f, y));
        }
        return new ListDataSetIterator<>(b, 1);
    }

    /** Remembers, per thread, the model and a copy of its parameters at its last iterationDone / onEpochEnd. */
    static final class Spy extends BaseTrainingListener {
        final ThreadLocal<Model> model = new ThreadLocal<>();
        final ThreadLocal<INDArray> params = new ThreadLocal<>();
        final Set<Model> models = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final Set<String> threads = Collections.synchronizedSet(new HashSet<>());

        @Override
        public void iterationDone(Model m, int iteration, int epoch) {
            remember(m);
        }

        @Override
        public void onEpochEnd(Model m) {
            remember(m);
        }

        private void remember(Model m) {
            model.set(m);
            params.set(m.params().dup());
            models.add(m);
            threads.add(Thread.currentThread().getName());
        }
    }

    /** A record and the parameters of the model it was made from (the spy ran just before, on the same thread). */
    static final class Pair {
        final NearRecord record;
        final INDArray params;
        final Model model;
        final String thread;

        Pair(NearRecord record, INDArray params, Model model) {
            this.record = record;
            this.params = params;
            this.model = model;
            this.thread = Thread.currentThread().getName();
        }
    }

    static MultiLayerNetwork withParams(INDArray params) {
        MultiLayerNetwork net = NearListenerTest.mlp();
        net.setParams(params);
        return net;
    }

    /** Trains NearListenerTest's network under ParallelWrapper with these listeners, in this order. */
    static void trainParallel(int workers, org.deeplearning4j.optimize.api.TrainingListener... listeners) {
        ParallelWrapper pw = new ParallelWrapper.Builder<>(NearListenerTest.mlp()).workers(workers).prefetchBuffer(2)
                .averagingFrequency(2).build();
        pw.setListeners(List.of(listeners));
        pw.fit(data(5));
        pw.shutdown();
    }

    @Test
    void underParallelWrapper() {
        INDArray probe = ListenerOptionsTest.gaussian(1, 32, 20);
        NearScorer scorer = NearScorer.builder().seed(3).build();
        Spy spy = new Spy();
        List<Pair> pairs = Collections.synchronizedList(new ArrayList<>());
        NearListener listener = NearListener.builder().probe(probe).scorer(scorer).everyIterations(2).failOnError(true)
                .onRecord(r -> pairs.add(new Pair(r, spy.params.get(), spy.model.get()))).build();
        trainParallel(2, spy, listener);

        // the workers' replicas, not the wrapper's model, got the callbacks, from more than one thread
        assertTrue(spy.threads.size() >= 2, "worker threads: " + spy.threads);
        assertTrue(spy.models.size() >= 2, "replica models: " + spy.models.size());
        NearHistory h = listener.history();
        assertTrue(h.size() >= 2, "records: " + h.size());
        assertEquals(pairs.size(), h.size(), "every evaluation is in the history once");
        assertEquals(new HashSet<>(h.records()), new HashSet<>(pairs.stream().map(p -> p.record).toList()));
        assertEquals(0, listener.failures());
        for (Pair p : pairs) {
            // the replica's weights at that iteration, scored by NearScorer directly
            assertEquals(scorer.score(withParams(p.params), probe).scores(), p.record.result().scores(),
                    "record of " + p.thread + " at iteration " + p.record.iteration());
        }
    }

    /**
     * What the listener's callbacks see, bit for bit: the replica's parameters, updater state and counters, taken by
     * a listener called just before the NearListener on the same thread, compared by one called just after it.
     * (ParallelWrapper's training is not reproducible from run to run here, so training with and without the
     * listener cannot be compared as a whole; this compares each callback instead.)
     */
    static final class Bracket {
        final ThreadLocal<byte[][]> before = new ThreadLocal<>();
        final List<String> changed = Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger compared = new java.util.concurrent.atomic.AtomicInteger();

        final BaseTrainingListener open = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model m, int iteration, int epoch) {
                before.set(snapshot(m));
            }

            @Override
            public void onEpochStart(Model m) {
                before.set(snapshot(m));
            }

            @Override
            public void onEpochEnd(Model m) {
                before.set(snapshot(m));
            }
        };

        final BaseTrainingListener close = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model m, int iteration, int epoch) {
                check(m, "iterationDone " + iteration);
            }

            @Override
            public void onEpochStart(Model m) {
                check(m, "onEpochStart");
            }

            @Override
            public void onEpochEnd(Model m) {
                check(m, "onEpochEnd");
            }
        };

        private void check(Model m, String where) {
            byte[][] now = snapshot(m);
            byte[][] was = before.get();
            for (int i = 0; i < now.length; i++) {
                if (!Arrays.equals(was[i], now[i])) {
                    changed.add(Thread.currentThread().getName() + " " + where + ": part " + i);
                }
            }
            compared.incrementAndGet();
        }

        private static byte[][] snapshot(Model m) {
            MultiLayerNetwork net = (MultiLayerNetwork) m;
            INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
            return new byte[][] {Untouched.bits(net.params()), updater == null ? new byte[0] : Untouched.bits(updater),
                    java.nio.ByteBuffer.allocate(12).putInt(net.getIterationCount()).putInt(net.getEpochCount())
                            .putInt(net.getListeners().size()).array()};
        }
    }

    @Test
    void underParallelWrapperTheListenerLeavesEveryReplicaAsItWas() {
        INDArray probe = ListenerOptionsTest.gaussian(1, 32, 20);
        for (int workers : new int[] {2, 3}) {
            Bracket bracket = new Bracket();
            NearListener listener = NearListener.builder().probe(probe).everyIterations(1).atStart().failOnError(true)
                    .build();
            trainParallel(workers, bracket.open, listener, bracket.close);
            assertTrue(listener.history().size() >= BATCHES, workers + " workers: records " + listener.history().size());
            assertTrue(bracket.compared.get() >= BATCHES, workers + " workers: callbacks " + bracket.compared.get());
            assertEquals(List.of(), bracket.changed, workers + " workers");
        }
    }

    static EarlyStoppingResult<MultiLayerNetwork> earlyStopping(MultiLayerNetwork net) {
        EarlyStoppingConfiguration<MultiLayerNetwork> conf = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                .scoreCalculator(new DataSetLossCalculator(data(9), true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        return new EarlyStoppingTrainer(conf, net, data(5)).fit();
    }

    @Test
    void underEarlyStoppingTrainer() {
        INDArray probe = ListenerOptionsTest.gaussian(1, 32, 20);
        NearScorer scorer = NearScorer.builder().seed(3).build();
        MultiLayerNetwork plain = NearListenerTest.mlp();
        EarlyStoppingResult<MultiLayerNetwork> without = earlyStopping(plain);

        Spy spy = new Spy();
        List<Pair> pairs = new ArrayList<>();
        NearListener listener = NearListener.builder().probe(probe).scorer(scorer).everyEpochs(1).atStart()
                .failOnError(true).onRecord(r -> pairs.add(new Pair(r, spy.params.get(), spy.model.get()))).build();
        MultiLayerNetwork net = NearListenerTest.mlp();
        INDArray initial = net.params().dup();
        net.setListeners(spy, listener);
        EarlyStoppingResult<MultiLayerNetwork> with = earlyStopping(net);

        // one record before training and one per epoch, each of the network being trained at that moment
        NearHistory h = listener.history();
        assertEquals(List.of(NearTrigger.START, NearTrigger.EPOCH_END, NearTrigger.EPOCH_END, NearTrigger.EPOCH_END),
                h.records().stream().map(NearRecord::trigger).toList());
        assertEquals(scorer.score(withParams(initial), probe).scores(), h.records().get(0).result().scores());
        List<Pair> epochs = pairs.subList(1, pairs.size());
        for (Pair p : epochs) {
            assertTrue(p.model == net, "scored the network the trainer trains");
            assertEquals(scorer.score(withParams(p.params), probe).scores(), p.record.result().scores());
        }
        assertEquals(scorer.score(net, probe).scores(), h.last().result().scores(), "the last record: the final weights");
        // training is bit-identical with and without the listener: the final network and the best model
        assertArrayEquals(Untouched.bits(plain.params()), Untouched.bits(net.params()));
        assertArrayEquals(Untouched.bits(plain.getUpdater().getStateViewArray()),
                Untouched.bits(net.getUpdater().getStateViewArray()));
        assertArrayEquals(Untouched.bits(without.getBestModel().params()), Untouched.bits(with.getBestModel().params()));
        assertEquals(without.getBestModelEpoch(), with.getBestModelEpoch());
        Map<Integer, Double> a = without.getScoreVsEpoch();
        assertEquals(a, with.getScoreVsEpoch());
    }
}
