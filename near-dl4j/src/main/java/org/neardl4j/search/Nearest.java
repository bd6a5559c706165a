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
package org.neardl4j.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The mutation step shared by the spaces that list their cells: when a mutated cell is not in the list, the search
 * goes on from one of the listed cells nearest to it.
 */
final class Nearest {

    private Nearest() {
    }

    /**
     * One of the cells at the smallest distance, drawn uniformly among the ties; never {@code parent}.
     *
     * @param cells    the listed cells, at least one other than {@code parent}
     * @param distance the distance of the cell at an index of {@code cells} to the target
     * @param parent   the cell mutated
     * @param rng      the draw among ties
     * @param <C>      the cell type
     * @return the chosen cell
     */
    static <C> C pick(List<C> cells, IntUnaryOperator distance, C parent, SplittableRandom rng) {
        List<C> nearest = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < cells.size(); i++) {
            C c = cells.get(i);
            int d = distance.applyAsInt(i);
            if (c.equals(parent) || d > best) {
                continue;
            }
            if (d < best) {
                best = d;
                nearest.clear();
            }
            nearest.add(c);
        }
        return nearest.get(rng.nextInt(nearest.size()));
    }
}
