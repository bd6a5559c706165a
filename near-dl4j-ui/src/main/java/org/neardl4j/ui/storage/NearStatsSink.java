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

import com.google.common.base.Preconditions;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.storage.impl.JavaStorageMetaData;
import org.neardl4j.listener.NearRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link org.neardl4j.listener.NearListener} output that routes every record to a DL4J
 * {@link StatsStorageRouter} (an {@code InMemoryStatsStorage}, a {@code FileStatsStorage}, or a
 * {@code RemoteUIStatsStorageRouter} posting to a UI in another JVM) as a {@link NearStatsReport}, under DL4J's
 * session ID, the type ID {@link NearStatsReport#TYPE_ID} and a worker ID. The NEAR page of DL4J's
 * {@code UIServer} (module near-dl4j-ui) shows them.
 *
 * <pre>{@code
 * StatsStorage storage = new InMemoryStatsStorage();
 * StatsListener stats = new StatsListener(storage);
 * NearStatsSink sink = NearStatsSink.sameSessionAs(stats);          // NEAR next to DL4J's charts
 * net.setListeners(stats, NearListener.builder().everyIterations(50).onRecord(sink).build());
 * UIServer.getInstance().attach(storage);                            // then open http://localhost:9000/near
 * }</pre>
 *
 * <p>It never blocks or stops training: the training thread only stamps the record and queues it; one background
 * thread (a daemon) writes to the router in order. When the queue is full (the storage is slower than the
 * evaluations) a record is dropped and counted in {@link #dropped()}; a failing router is logged and counted in
 * {@link #failures()}. {@link #flush(Duration)} waits until every queued record is written, {@link #close()} flushes
 * and stops the thread: call it before closing a {@code FileStatsStorage}.
 *
 * <p>Worker IDs keep the threads of one session apart: by default each record gets the ID that DL4J's
 * {@code StatsListener} gives the thread that calls it ({@code <JVM UID>_<thread id>}), so the workers of
 * {@code ParallelWrapper}, which call one shared {@code NearListener} from their own threads, appear separately;
 * {@link Builder#workerId(String)} sets one ID instead. Timestamps are unique per session and worker (DL4J's
 * storages keep one update per timestamp): a record stamped in the same millisecond as the previous one of its worker
 * gets the next millisecond. DL4J's storages list sessions and workers by their static information: the first
 * report of each worker is also put as its static information (it carries the scorer's settings), and the session's
 * metadata names {@link NearStatsReport} as its type.
 *
 * <p>Not serialised with the listener (the storage is not serializable): add it again to a deserialised listener.
 */
public final class NearStatsSink implements Consumer<NearRecord>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NearStatsSink.class);

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    private final ThreadPoolExecutor writer;
    private final Map<String, Long> lastTimestamp = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Touched by the writer thread only. */
    private final Set<String> workersWithStaticInfo = new HashSet<>();
    private boolean metaDataPut;

    private NearStatsSink(Builder b) {
        this.router = b.router;
        this.sessionId = b.sessionId != null ? b.sessionId : UUID.randomUUID().toString();
        this.workerId = b.workerId;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(b.queueCapacity),
                r -> {
                    Thread t = new Thread(r, "near-stats-sink");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Options of a sink that writes to the given router.
     *
     * @param router the storage or remote router; not null
     * @return a builder
     */
    public static Builder builder(StatsStorageRouter router) {
        return new Builder(router);
    }

    /**
     * A sink that writes into the storage of DL4J's {@code StatsListener}, under its session ID, so that the NEAR
     * page and DL4J's training page show the same session.
     *
     * @param stats the listener (a {@code StatsListener}), with its storage router set
     * @return a new sink
     * @throws IllegalArgumentException if the listener has no storage router
     */
    public static NearStatsSink sameSessionAs(BaseStatsListener stats) {
        Preconditions.checkNotNull(stats, "stats");
        Preconditions.checkArgument(stats.getStorageRouter() != null, "the StatsListener has no StatsStorageRouter");
        return builder(stats.getStorageRouter()).sessionId(stats.getSessionID()).build();
    }

    /**
     * DL4J's session ID of the records.
     *
     * @return the ID given to {@link Builder#sessionId} or a random one
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Records dropped because the queue was full or the sink was closed.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Records the router failed to take (logged as warnings).
     *
     * @return the count
     */
    public long failures() {
        return failures.get();
    }

    /**
     * Records handed to the router.
     *
     * @return the count
     */
    public long written() {
        return written.get();
    }

    /**
     * Queues the record for the router; returns at once.
     *
     * @param record the listener's record
     */
    @Override
    public void accept(NearRecord record) {
        if (record == null) {
            return;
        }
        String worker = workerId != null ? workerId
                : UIDProvider.getJVMUID() + "_" + Thread.currentThread().getId();
        long now = System.currentTimeMillis();
        long stamp = lastTimestamp.merge(worker, now, (last, t) -> Math.max(t, last + 1));
        NearStatsReport report = NearStatsReport.of(record, sessionId, worker, stamp);
        try {
            writer.execute(() -> write(report));
        } catch (RejectedExecutionException e) {
            if (dropped.getAndIncrement() == 0) {
                log.warn("NEAR record dropped ({}): {}", writer.isShutdown() ? "the sink is closed"
                        : "the StatsStorage is slower than the evaluations, queue full", report);
            }
        }
    }

    private void write(NearStatsReport report) {
        try {
            if (!metaDataPut) {
                router.putStorageMetaData(new JavaStorageMetaData(report.getTimeStamp(), sessionId,
                        NearStatsReport.TYPE_ID, report.getWorkerID(), NearStatsReport.class.getName(),
                        NearStatsReport.class.getName()));
                metaDataPut = true;
            }
            if (workersWithStaticInfo.add(report.getWorkerID())) {
                router.putStaticInfo(report);    // DL4J's storages list sessions and workers by their static info
            }
            router.putUpdate(report);
            written.incrementAndGet();
        } catch (RuntimeException e) {
            if (failures.getAndIncrement() == 0) {
                log.warn("could not put a NEAR record into the StatsStorage ({}): {}", router, e.toString());
            }
        }
    }

    /**
     * Waits until every record queued so far is written (or failed).
     *
     * @param timeout how long to wait at most
     * @return true if the queue emptied in time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writer.getQueue().size() + writer.getActiveCount() > 0 || writer.getCompletedTaskCount()
                < writer.getTaskCount()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Writes what is queued (waiting up to 30 seconds) and stops the background thread; later records are
     * dropped.
     */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("NearStatsSink closed with {} records not written", writer.getQueue().size());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "NearStatsSink{session " + sessionId + ", " + (workerId != null ? "worker " + workerId
                : "worker per thread") + ", " + router + "}";
    }

    /**
     * Options of a {@link NearStatsSink}. Defaults: a random session ID, a worker ID per training thread as DL4J's
     * {@code StatsListener} makes it, a queue of 1000 records.
     *
     * <pre>{@code
     * NearStatsSink sink = NearStatsSink.builder(new RemoteUIStatsStorageRouter("http://ui-host:9000"))
     *         .sessionId(stats.getSessionID()).workerId("machine-3").build();
     * }</pre>
     */
    public static final class Builder {
        private final StatsStorageRouter router;
        private String sessionId;
        private String workerId;
        private int queueCapacity = 1000;

        private Builder(StatsStorageRouter router) {
            this.router = Preconditions.checkNotNull(router, "router");
        }

        /**
         * DL4J's session ID of the records: give {@code StatsListener}'s ({@code stats.getSessionID()}) to see
         * NEAR and DL4J's charts as one session (default: a random UUID, as {@code StatsListener} makes).
         *
         * @param sessionId the ID; not empty
         * @return this builder
         */
        public Builder sessionId(String sessionId) {
            Preconditions.checkArgument(sessionId != null && !sessionId.isEmpty(), "sessionId must not be empty");
            this.sessionId = sessionId;
            return this;
        }

        /**
         * One worker ID for every record (default: one per training thread, as {@code StatsListener} makes it).
         *
         * @param workerId the ID; not empty
         * @return this builder
         */
        public Builder workerId(String workerId) {
            Preconditions.checkArgument(workerId != null && !workerId.isEmpty(), "workerId must not be empty");
            this.workerId = workerId;
            return this;
        }

        /**
         * How many records may wait for the router before new ones are dropped (default 1000).
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            Preconditions.checkArgument(capacity >= 1, "queueCapacity must be >= 1, got %s", capacity);
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Builds the configured object.
         *
         * @return a new sink with its background thread started on the first record
         */
        public NearStatsSink build() {
            return new NearStatsSink(this);
        }
    }
}
