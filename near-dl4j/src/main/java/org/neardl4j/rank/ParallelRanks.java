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
package org.neardl4j.rank;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link EffectiveRank#of(List, EffectiveRank.Method, int)}: the plain-Java blocks solved {@code threads} at a time
 * on the calling thread and pooled daemon threads, everything that calls into ND4J on the calling thread.
 */
final class ParallelRanks {

    /** Daemon threads; idle ones end after a minute. */
    private static volatile ExecutorService pool;

    private ParallelRanks() {
    }

    static double[] of(List<INDArray> matrices, EffectiveRank.Method method, int threads) {
        Preconditions.checkNotNull(matrices, "matrices");
        Preconditions.checkNotNull(method, "method");
        Preconditions.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
        double[] ranks = new double[matrices.size()];
        List<Integer> host = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            INDArray m = matrices.get(i);
            try {
                Preconditions.checkNotNull(m, "matrix");
                MatrixChecks.checkMatrix(m);
                if (threads > 1 && Routes.takesHostRoute(m, method)) {
                    host.add(i);
                } else {
                    ranks[i] = Entropy.effectiveRank(Routes.singularValues(m, method));
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("matrix " + i + " of " + ranks.length + ": " + e.getMessage(), e);
            }
        }
        // the largest first, so that the matrices solved at the same time are of similar size
        host.sort(Comparator.comparingLong((Integer i) -> -Math.min(matrices.get(i).rows(),
                matrices.get(i).columns())));
        for (int from = 0; from < host.size(); from += threads) {
            List<Integer> group = host.subList(from, Math.min(host.size(), from + threads));
            double[][] copies = new double[group.size()][];
            for (int k = 0; k < copies.length; k++) {
                copies[k] = HostGram.copy(matrices.get(group.get(k)));
            }
            // the first matrix of the group on the calling thread, the others on pooled threads
            List<Future<double[]>> others = new ArrayList<>();
            for (int k = 1; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                double[] copy = copies[k];
                others.add(pool().submit(() -> HostGram.singularValues(copy, (int) m.rows(), (int) m.columns())));
            }
            double[][] values = new double[copies.length][];
            RuntimeException failure = null;
            for (int k = 0; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                try {
                    values[k] = k == 0 ? HostGram.singularValues(copies[0], (int) m.rows(), (int) m.columns())
                            : join(others.get(k - 1));
                } catch (IllegalArgumentException e) {
                    // NaN or infinite values: name the matrix (after every thread of the group has finished)
                    failure = failure != null ? failure
                            : new IllegalArgumentException("matrix " + group.get(k) + " of " + ranks.length + ": "
                            + e.getMessage(), e);
                } catch (RuntimeException e) {
                    failure = failure != null ? failure : e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            for (int k = 0; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                ranks[group.get(k)] = Entropy.effectiveRank(Routes.checked(m, method, values[k]));
            }
        }
        return ranks;
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (ParallelRanks.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger count = new AtomicInteger();
                    p = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "near-effective-rank-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    private static double[] join(Future<double[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing effective ranks", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;     // e.g. OutOfMemoryError on a worker: as it would be on the calling thread
            }
            throw new IllegalStateException(c);
        }
    }
}
