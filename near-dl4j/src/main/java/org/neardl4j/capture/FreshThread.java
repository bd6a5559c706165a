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
package org.neardl4j.capture;

import com.google.common.base.Preconditions;
import org.neardl4j.concurrent.NativeAccess;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs a task on a new thread of its own and waits for it. ND4J's random generator is per thread, and initialising
 * a network seeds it: building or re-initialising a network this way leaves the caller's generator exactly as it
 * was. Exceptions of the task are rethrown as they are.
 *
 * <p>The task runs under {@link NativeAccess#shared}: the new thread takes the shared lock itself, unless the caller
 * already holds it, in which case the caller's hold covers the task (the caller only waits meanwhile; taking it again
 * on the new thread could deadlock behind a waiting exclusive task).
 *
 * <pre>{@code
 * MultiLayerNetwork net = FreshThread.call(() -> { MultiLayerNetwork n = new MultiLayerNetwork(conf); n.init(); return n; });
 * }</pre>
 */
public final class FreshThread {

    private FreshThread() {
    }

    /**
     * Runs {@code task} on a new thread and returns its result.
     *
     * @param task the work to run, e.g. building and initialising a network; not null
     * @param <T>  the type of the task's result
     * @return what the task returned (null if it returned null)
     * @throws IllegalStateException if the calling thread is interrupted while it waits
     */
    public static <T> T call(Supplier<T> task) {
        Preconditions.checkNotNull(task, "task");
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "near-dl4j-init");
            t.setDaemon(true);
            return t;
        });
        try {
            Supplier<T> guarded = NativeAccess.heldByCurrentThread() ? task : () -> NativeAccess.shared(task);
            return ex.submit(guarded::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising a network", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException("could not initialise a network", c);
        } finally {
            ex.shutdownNow();
        }
    }

    /**
     * Runs {@code task} on a new thread.
     *
     * @param task the work to run; not null; its exceptions are rethrown as they are
     */
    public static void run(Runnable task) {
        Preconditions.checkNotNull(task, "task");
        call(() -> {
            task.run();
            return null;
        });
    }
}
