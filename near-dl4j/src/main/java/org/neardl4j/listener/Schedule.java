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

import org.deeplearning4j.optimize.api.InvocationType;

import java.io.Serializable;

/** When a {@link NearListener} evaluates: the trigger, its frequency, the epoch limit and the score at start. */
final class Schedule implements Serializable {

    private static final long serialVersionUID = 1L;

    final InvocationType invocationType;
    final int frequency;
    final int firstEpochs;
    final boolean atStart;

    Schedule(InvocationType invocationType, int frequency, int firstEpochs, boolean atStart) {
        this.invocationType = invocationType;
        this.frequency = frequency;
        this.firstEpochs = firstEpochs;
        this.atStart = atStart;
    }

    /** At the start of epoch {@code epoch} (epochs 0, n, 2n, ...). */
    boolean dueAtEpochStart(int epoch) {
        return invocationType == InvocationType.EPOCH_START && epoch < firstEpochs && epoch % frequency == 0;
    }

    /** After iteration {@code iteration} (0-based) of epoch {@code epoch}: after updates n, 2n, ... */
    boolean dueAfterIteration(int iteration, int epoch) {
        return invocationType == InvocationType.ITERATION_END && epoch < firstEpochs
                && (iteration + 1L) % frequency == 0;
    }

    /** At the end of epoch {@code epoch} (0-based, the counter not yet incremented): after epochs n, 2n, ... */
    boolean dueAtEpochEnd(int epoch) {
        return invocationType == InvocationType.EPOCH_END && epoch < firstEpochs && (epoch + 1) % frequency == 0;
    }

    @Override
    public String toString() {
        return invocationType + " every " + frequency
                + (firstEpochs == Integer.MAX_VALUE ? "" : ", first " + firstEpochs + " epochs")
                + (atStart ? ", at start" : "");
    }
}
