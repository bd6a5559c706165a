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

/**
 * What made a {@link NearListener} compute a score.
 *
 * <pre>{@code
 * for (NearRecord r : listener.history().records()) {
 *     if (r.trigger() == NearTrigger.START) { ... }   // the untrained model
 * }
 * }</pre>
 */
public enum NearTrigger {
    /** Once, before the first parameter update the listener saw (the "epoch 0" score). */
    START("start"),
    /** At the start of an epoch (fit on an iterator). */
    EPOCH_START("epoch_start"),
    /** At the end of an epoch (fit on an iterator). */
    EPOCH_END("epoch_end"),
    /** After a parameter update (every fit call on arrays, every minibatch on an iterator). */
    ITERATION_END("iteration_end");

    private final String label;

    NearTrigger(String label) {
        this.label = label;
    }

    /**
     * Lower-case name as written to CSV and JSON, e.g. {@code epoch_end}.
     *
     * @return lower-case name as written to CSV and JSON, e.g
     */
    public String label() {
        return label;
    }
}
