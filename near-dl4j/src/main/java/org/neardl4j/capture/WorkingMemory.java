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

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the memory of a capturing forward pass bounded, without waiting for the garbage collector (ND4J frees
 * an array's off-heap buffer only when its Java object is collected, which a large heap may postpone for many
 * layers).
 * <ul>
 *   <li>Each layer's temporary arrays (im2col buffers, batch normalisation's normalised input, ...) are made in a
 *       workspace opened around that layer's step and reused by the next ({@link #step}); its outputs are made
 *       outside it (detached), as in DL4J's own inference, and copied out if a layer leaves one inside.</li>
 *   <li>An activation's buffer is freed ({@link #drop}) as soon as every layer that reads it has run, unless it
 *       is shared with the caller's input or the parameters.</li>
 * </ul>
 * Only the working copy's own activations are ever freed; the sink sees each array before it is released and
 * must copy what it keeps (as {@link ActivationSink} requires). One instance per forward pass, one thread.
 */
final class WorkingMemory {

    private static final String WORKSPACE = "NEAR_DL4J_LAYER_WORKING_MEM";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.02)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(2)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    // with(...) first: defaultNoWorkspace() scopes out every type not configured yet
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder()
            .with(ArrayType.FF_WORKING_MEM, WORKSPACE, CONFIG)
            .defaultNoWorkspace()
            .build();
    /** Buffers never freed: the caller's inputs and the parameters. */
    private final Map<DataBuffer, Boolean> kept = new IdentityHashMap<>();
    /** Live activations per buffer. */
    private final Map<DataBuffer, Integer> live = new IdentityHashMap<>();

    /**
     * @param kept arrays whose buffers must never be freed (inputs, parameters); nulls are ignored
     */
    WorkingMemory(INDArray... kept) {
        for (INDArray a : kept) {
            DataBuffer b = buffer(a);
            if (b != null) {
                this.kept.put(b, Boolean.TRUE);
            }
        }
    }

    /** The workspace manager to hand to layers and vertices. */
    LayerWorkspaceMgr mgr() {
        return mgr;
    }

    /** Runs one layer's or vertex's forward step inside the working-memory workspace; its output is detached. */
    INDArray step(Supplier<INDArray> forward) {
        try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
            INDArray out = forward.get();
            return out != null && out.isAttached() ? out.detach() : out;
        }
    }

    /** Counts an activation as live until {@link #drop} is called for it. */
    void hold(INDArray a) {
        DataBuffer b = buffer(a);
        if (b != null && !kept.containsKey(b)) {
            live.merge(b, 1, Integer::sum);
        }
    }

    /** The activation is no longer read: frees its buffer when no other live activation shares it. */
    void drop(INDArray a) {
        DataBuffer b = buffer(a);
        if (b == null || kept.containsKey(b)) {
            return;
        }
        Integer n = live.get(b);
        if (n == null) {
            return;
        }
        if (n > 1) {
            live.put(b, n - 1);
            return;
        }
        live.remove(b);
        if (b.closeable()) {
            b.close();
        }
    }

    /**
     * Frees what a layer keeps for a backward pass that never comes: DL4J's batch normalisation holds detached
     * copies of its centred and normalised input ({@code xMu}, {@code xHat}, two activation-sized arrays per
     * layer) until its next forward pass. Done through reflection on the working copy's own layer; a DL4J version
     * without these fields is left as it is.
     *
     * @param layer  the layer that just ran
     * @param output its output (never freed here)
     */
    void releaseCaches(Layer layer, INDArray output) {
        Layer l = layer;
        while (l instanceof BaseWrapperLayer) {
            l = ((BaseWrapperLayer) l).getUnderlying();
        }
        if (!(l instanceof BatchNormalization)) {
            return;
        }
        DataBuffer out = buffer(output);
        for (Field f : BN_CACHES) {
            try {
                INDArray a = (INDArray) f.get(l);
                f.set(l, null);
                DataBuffer b = buffer(a);
                if (b != null && b != out && !kept.containsKey(b) && !live.containsKey(b) && b.closeable()) {
                    b.close();
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // leave it to the garbage collector
            }
        }
    }

    private static final List<Field> BN_CACHES = bnCaches();

    private static List<Field> bnCaches() {
        List<Field> fields = new ArrayList<>();
        for (String name : new String[] {"xHat", "xMu"}) {
            try {
                Field f = BatchNormalization.class
                        .getDeclaredField(name);
                if (INDArray.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            } catch (NoSuchFieldException | RuntimeException e) {
                // another DL4J version: nothing to release
            }
        }
        return fields;
    }

    /** Ends the pass: frees the workspace of this thread (activations still live are left to the collector). */
    void close() {
        live.clear();
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(WORKSPACE)) {
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE).destroyWorkspace();
        }
    }

    /** Runs {@code r} outside every workspace (what the sink allocates must outlive the step). */
    static void outside(Runnable r) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            r.run();
        }
    }

    /** The buffer that owns an array's memory (views share their parent's), or null. */
    private static DataBuffer buffer(INDArray a) {
        if (a == null || a.isEmpty() || a.isAttached()) {
            return null;
        }
        DataBuffer b = a.data();
        if (b == null) {
            return null;
        }
        DataBuffer original = b.originalDataBuffer();
        return original != null ? original : b;
    }
}
