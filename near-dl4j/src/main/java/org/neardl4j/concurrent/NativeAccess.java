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
package org.neardl4j.concurrent;

import com.google.common.base.Preconditions;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One process-wide read-write lock that makes near-dl4j safe to call from several threads at once on ND4J's CPU
 * backend. ND4J 1.0.0-M2.1's bundled OpenBLAS crashed the JVM (SIGSEGV in {@code dlatrd}) or failed ({@code syev}
 * status 255) when LAPACK ran on one thread while another thread ran BLAS (a forward pass); concurrent forward passes
 * and concurrent plain-Java work are safe. So:
 * <ul>
 *   <li>LAPACK calls ({@code syev}, {@code gesvd} through {@code Nd4j.getBlasWrapper().lapack()}) run
 *       {@link #exclusive}: no other near-dl4j native work runs meanwhile;</li>
 *   <li>all other native work of near-dl4j (building and initialising networks, forward and backward passes, copies
 *       out of ND4J) runs {@link #shared}: any number of threads at once;</li>
 *   <li>plain-Java work (the eigenvalues of small blocks, the proxies' eigenvalue problems) takes no lock.</li>
 * </ul>
 * {@code NearScorer}, {@code ArchitectureRanking}, {@code NearListener} and the zero-cost proxies take the lock
 * themselves. Native work of your own that runs at the same time as scoring on other threads (training a network
 * while another thread scores, for example) is not covered unless you run it through {@link #shared} too.
 *
 * <pre>{@code
 * // training on this thread while other threads of the JVM score with NearScorer
 * NativeAccess.shared(() -> net.fit(trainData));
 * }</pre>
 *
 * <p>Both methods are reentrant. {@link #exclusive} called by a thread that holds the shared lock gives up its
 * shared holds while it waits for and holds the exclusive lock, and takes them back afterwards, so nesting never
 * deadlocks. A task run under {@link #shared} must not wait for another thread that itself takes this lock (the
 * other thread could queue behind a waiting exclusive task that waits for the first); {@code FreshThread} in
 * {@code org.neardl4j.capture} handles that case for network initialisation.
 */
public final class NativeAccess {

    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    private NativeAccess() {
    }

    /**
     * Runs native work that may run alongside other shared work (BLAS, libnd4j ops, network initialisation), but
     * never alongside {@link #exclusive} work.
     *
     * @param task the work
     * @param <T>  its result type
     * @return what {@code task} returns
     */
    public static <T> T shared(Supplier<T> task) {
        Preconditions.checkNotNull(task, "task");
        LOCK.readLock().lock();
        try {
            return task.get();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /**
     * {@link #shared(Supplier)} for work without a result.
     *
     * @param task the work
     */
    public static void shared(Runnable task) {
        Preconditions.checkNotNull(task, "task");
        shared(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs native work that must run alone: LAPACK. Waits until no other thread runs shared or exclusive work.
     * The calling thread's own shared holds are released while it waits and runs, then taken back.
     *
     * @param task the work
     * @param <T>  its result type
     * @return what {@code task} returns
     */
    public static <T> T exclusive(Supplier<T> task) {
        Preconditions.checkNotNull(task, "task");
        int held = LOCK.isWriteLockedByCurrentThread() ? 0 : LOCK.getReadHoldCount();
        for (int i = 0; i < held; i++) {
            LOCK.readLock().unlock();
        }
        LOCK.writeLock().lock();
        try {
            return task.get();
        } finally {
            LOCK.writeLock().unlock();
            for (int i = 0; i < held; i++) {
                LOCK.readLock().lock();
            }
        }
    }

    /**
     * Whether the calling thread holds the lock, shared or exclusive.
     *
     * @return true inside {@link #shared} or {@link #exclusive}
     */
    public static boolean heldByCurrentThread() {
        return LOCK.getReadHoldCount() > 0 || LOCK.isWriteLockedByCurrentThread();
    }
}
