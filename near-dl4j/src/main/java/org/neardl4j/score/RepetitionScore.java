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
package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import java.io.Serializable;
import java.util.List;

/**
 * The NEAR score of one repetition: the sum of the effective ranks of its matrices, in forward order.
 *
 * <pre>{@code
 * RepetitionScore first = result.repetitions().get(0);
 * double total = first.total();
 * }</pre>
 *
 * @param matrices per-matrix breakdown, in forward order
 * @serial exclude
 */
public record RepetitionScore(List<MatrixScore> matrices) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the matrices into an immutable list.
     *
     * @param matrices per-matrix breakdown, in forward order; not null, none null, may be empty
     * @throws NullPointerException without matrices, or with a null one
     */
    public RepetitionScore {
        matrices = ImmutableList.copyOf(Preconditions.checkNotNull(matrices, "matrices"));
    }

    /**
     * The repetition's NEAR score.
     *
     * @return the sum of the effective ranks of {@link #matrices()}; 0 without matrices
     */
    public double total() {
        double t = 0;
        for (MatrixScore m : matrices) {
            t += m.effectiveRank();
        }
        return t;
    }

    @Override
    public String toString() {
        return "RepetitionScore{total=" + total() + ", matrices=" + matrices.size() + "}";
    }
}
