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
package org.neardl4j.ui.storage;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.neardl4j.listener.NearListener;
import org.neardl4j.listener.NearRecord;
import org.neardl4j.ui.SmallTraining;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearStatsSinkTest {

    /** Trains 2 epochs of 3 iterations; returns the listener (7 records: start and one per iteration). */
    private static NearListener train(MultiLayerNetwork net, NearStatsSink sink) {
        NearListener.Builder b = NearListener.builder().everyIterations(1).atStart();
        if (sink != null) {
            b.onRecord(sink);
        }
        NearListener near = b.build();
        net.setListeners(near);
        net.fit(SmallTraining.data(11), 2);
        return near;
    }

    @Test
    void trainingIsBitIdenticalWithTheSinkAndTheStorageHoldsEveryRecord() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsListener stats = new StatsListener(storage);
        NearStatsSink sink = NearStatsSink.sameSessionAs(stats);
        assertEquals(stats.getSessionID(), sink.sessionId());

        MultiLayerNetwork with = SmallTraining.net(5);
        NearListener near = train(with, sink);
        MultiLayerNetwork without = SmallTraining.net(5);
        without.fit(SmallTraining.data(11), 2);
        assertEquals(without.params(), with.params());
        assertEquals(without.getUpdater().getStateViewArray(), with.getUpdater().getStateViewArray());
        assertEquals(without.getIterationCount(), with.getIterationCount());

        assertTrue(sink.flush(Duration.ofSeconds(30)));
        List<NearRecord> history = near.history().records();
        assertEquals(7, history.size());
        String worker = UIDProvider.getJVMUID() + "_" + Thread.currentThread().getId();
        assertEquals(List.of(worker), storage.listWorkerIDsForSessionAndType(stats.getSessionID(),
                NearStatsReport.TYPE_ID));
        List<Persistable> stored = storage.getAllUpdatesAfter(stats.getSessionID(), NearStatsReport.TYPE_ID, worker,
                Long.MIN_VALUE);
        assertEquals(history.size(), stored.size());
        for (int i = 0; i < history.size(); i++) {
            NearStatsReport r = (NearStatsReport) stored.get(i);
            assertEquals(history.get(i).toJson(), r.recordJson());
            assertEquals(history.get(i).iteration(), r.iteration());
        }
        assertEquals(NearStatsReport.class.getName(), storage.getStorageMetaData(stats.getSessionID(),
                NearStatsReport.TYPE_ID).getUpdateTypeClass());
        sink.close();
    }

    @Test
    void aBlockedStorageNeverBlocksTraining() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Persistable> got = new ArrayList<>();
        StatsStorageRouter blocked = new Router() {
            @Override
            public void putUpdate(Persistable update) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                got.add(update);
            }
        };
        NearStatsSink sink = NearStatsSink.builder(blocked).queueCapacity(1).build();
        NearListener near = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> train(SmallTraining.net(5), sink));
        assertEquals(7, near.history().size());
        // one record is being written (blocked), one waits in the queue, the others were dropped
        assertEquals(5, sink.dropped());
        release.countDown();
        sink.close();
        assertEquals(2, sink.written());
        assertEquals(2, got.size());
        assertEquals(near.history().records().get(0).toJson(), ((NearStatsReport) got.get(0)).recordJson());
        sink.accept(near.history().last());   // after close: dropped, no exception
        assertEquals(6, sink.dropped());
    }

    @Test
    void aFailingStorageIsCountedAndTrainingGoesOn() throws Exception {
        StatsStorageRouter failing = new Router() {
            @Override
            public void putUpdate(Persistable update) {
                throw new IllegalStateException("storage closed");
            }
        };
        NearStatsSink sink = NearStatsSink.builder(failing).build();
        MultiLayerNetwork net = SmallTraining.net(5);
        NearListener near = train(net, sink);
        assertTrue(sink.flush(Duration.ofSeconds(30)));
        assertEquals(7, near.history().size());
        assertEquals(7, sink.failures());
        assertEquals(0, sink.written());
        assertEquals(6, net.getIterationCount());
        sink.close();
    }

    @Test
    void workersAreKeptApartByThreadAndTimestampsAreUniquePerWorker() throws Exception {
        NearRecord record = NearStatsReportTest.records().get(0);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        NearStatsSink sink = NearStatsSink.builder(storage).sessionId("s").build();
        for (int i = 0; i < 50; i++) {      // many in the same millisecond
            sink.accept(record);
        }
        long[] otherThread = new long[1];
        Thread t = new Thread(() -> {
            otherThread[0] = Thread.currentThread().getId();
            for (int i = 0; i < 3; i++) {
                sink.accept(record);
            }
        });
        t.start();
        t.join();
        assertTrue(sink.flush(Duration.ofSeconds(30)));
        String main = UIDProvider.getJVMUID() + "_" + Thread.currentThread().getId();
        String other = UIDProvider.getJVMUID() + "_" + otherThread[0];
        assertNotEquals(main, other);
        assertEquals(List.of(main, other).stream().sorted().toList(),
                storage.listWorkerIDsForSessionAndType("s", NearStatsReport.TYPE_ID).stream().sorted().toList());
        assertEquals(50, storage.getNumUpdateRecordsFor("s", NearStatsReport.TYPE_ID, main));
        assertEquals(3, storage.getNumUpdateRecordsFor("s", NearStatsReport.TYPE_ID, other));
        sink.close();

        NearStatsSink fixed = NearStatsSink.builder(storage).sessionId("s2").workerId("machine-3").build();
        fixed.accept(record);
        fixed.close();
        assertEquals(List.of("machine-3"), storage.listWorkerIDsForSessionAndType("s2", NearStatsReport.TYPE_ID));
        assertThrows(IllegalArgumentException.class, () -> NearStatsSink.builder(storage).workerId(""));
        assertThrows(NullPointerException.class, () -> NearStatsSink.builder(null));
        assertThrows(IllegalArgumentException.class, () -> NearStatsSink.sameSessionAs(new StatsListener(null)));
    }

    /** A router that takes and drops everything; tests override putUpdate. */
    private abstract static class Router implements StatsStorageRouter {
        @Override
        public void putStorageMetaData(StorageMetaData storageMetaData) {
        }

        @Override
        public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        }

        @Override
        public void putStaticInfo(Persistable staticInfo) {
        }

        @Override
        public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        }

        @Override
        public void putUpdate(Collection<? extends Persistable> updates) {
            updates.forEach(this::putUpdate);
        }
    }
}
