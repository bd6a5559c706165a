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
package org.neardl4j.proxy;

import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the native memory of the working copies a proxy has finished with. Their arrays live outside the Java
 * heap (the copies run without workspaces) and are freed only when the garbage collector finds their small Java
 * objects unreachable; a proxy allocates little on the heap, so the collector may not run for a long time while the
 * process grows by the full activations and gradients of every copy (about 2 GiB per NAS-Bench-201 network and
 * gradient proxy, measured: a run over NB201 networks was killed by the kernel at 24 GB). JavaCPP collects when
 * its own allocations pass {@link Pointer#maxPhysicalBytes()}, but ND4J's buffers are allocated natively, past that
 * check. So after every working copy, when the process's resident memory is above an eighth of the machine's
 * memory (or half of JavaCPP's limit, if that is lower), this asks for a collection. (Half of JavaCPP's default limit
 * alone was 12 GB on a 23 GB machine, measured: too close to the kernel's limit with other processes running.)
 */
final class NativeMemory {

    private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

    private NativeMemory() {
    }

    /** The resident size above which {@link #relieve()} collects: an eighth of the machine, at most half of JavaCPP's limit. */
    static long threshold() {
        long machine = Pointer.totalPhysicalBytes() / 8;
        long javacpp = Pointer.maxPhysicalBytes() / 2;
        if (machine <= 0) {
            return javacpp;
        }
        return javacpp <= 0 ? machine : Math.min(machine, javacpp);
    }

    /**
     * Collects when the process is above {@link #threshold()}.
     *
     * @return whether a collection was asked for
     */
    static boolean relieve() {
        long rss = Pointer.physicalBytes();
        long threshold = threshold();
        if (threshold <= 0 || rss <= threshold) {
            return false;
        }
        System.gc();
        log.debug("resident {} MiB above {} MiB: garbage collection for the working copies' native memory",
                rss >> 20, threshold >> 20);
        return true;
    }
}
