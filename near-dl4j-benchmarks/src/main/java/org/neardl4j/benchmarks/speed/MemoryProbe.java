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

import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Peak memory of one piece of work, measured from a background thread that samples every millisecond:
 * <ul>
 *   <li>heap: {@link MemoryMXBean#getHeapMemoryUsage()} used bytes (live objects and garbage not yet collected),
 *       above the level after a {@code System.gc()} just before the work;</li>
 *   <li>off-heap: ND4J's own allocation counter ({@code Nd4j.getEnvironment().getDeviceCouner(device)}), which
 *       counts every array buffer libnd4j allocates on the current device (host memory on the CPU backend,
 *       device memory on CUDA), plus the memory of workspaces ({@code AllocationsTracker}, kind WORKSPACE), above
 *       their level before the work; the calling thread's workspaces are destroyed first, so a forward pass that
 *       keeps its activations in DL4J's workspaces is charged for them;</li>
 *   <li>RSS (Linux only): the peak resident set size ({@code VmHWM} in {@code /proc/self/status}, reset through
 *       {@code /proc/self/clear_refs}) above the resident size before the work; it includes everything else
 *       native code allocates (BLAS/LAPACK work arrays, im2col buffers freed late, glibc caches).</li>
 * </ul>
 *
 * <pre>{@code
 * MemoryProbe.Peak p = MemoryProbe.measure(() -> scorer.score(net, x));
 * System.out.println(p.offHeapMiB());
 * }</pre>
 */
public final class MemoryProbe {

    private static final Path STATUS = Paths.get("/proc/self/status");
    private static final Path CLEAR_REFS = Paths.get("/proc/self/clear_refs");

    /** Peak usage above the level before the work, in bytes ({@code -1} when not available). */
    public static final class Peak {
        public final long heap;
        public final long offHeap;
        public final long rss;

        Peak(long heap, long offHeap, long rss) {
            this.heap = heap;
            this.offHeap = offHeap;
            this.rss = rss;
        }

        public double heapMiB() {
            return mib(heap);
        }

        public double offHeapMiB() {
            return mib(offHeap);
        }

        public double rssMiB() {
            return mib(rss);
        }

        private static double mib(long b) {
            return b < 0 ? Double.NaN : b / (1024.0 * 1024.0);
        }
    }

    private MemoryProbe() {
    }

    /** Runs {@code work} once and returns its peak memory. */
    public static Peak measure(Runnable work) {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        int device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
        System.gc();
        long heap0 = mx.getHeapMemoryUsage().getUsed();
        long off0 = offHeap(device);
        long rss0 = statusKiB("VmRSS:");
        boolean hwm = resetHighWaterMark();
        long[] peaks = {heap0, off0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peaks[0] = Math.max(peaks[0], mx.getHeapMemoryUsage().getUsed());
                peaks[1] = Math.max(peaks[1], offHeap(device));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "near-bench-memory");
        sampler.setDaemon(true);
        sampler.start();
        try {
            work.run();
        } finally {
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        peaks[0] = Math.max(peaks[0], mx.getHeapMemoryUsage().getUsed());
        peaks[1] = Math.max(peaks[1], offHeap(device));
        long rss = hwm && rss0 >= 0 ? Math.max(0, statusKiB("VmHWM:") - rss0) * 1024 : -1;
        return new Peak(peaks[0] - heap0, peaks[1] - off0, rss);
    }

    private static long offHeap(int device) {
        return Nd4j.getEnvironment().getDeviceCouner(device)
                + AllocationsTracker.getInstance().bytesOnDevice(AllocationKind.WORKSPACE, device);
    }

    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusKiB(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
