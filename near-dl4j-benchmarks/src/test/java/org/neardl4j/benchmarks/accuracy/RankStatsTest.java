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
package org.neardl4j.benchmarks.accuracy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RankStatsTest {

    @Test
    void spearmanAndKendallOfOneSwappedPair() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 3, 2, 4};
        // rank differences 0, 1, 1, 0: rho = 1 - 6 * 2 / (4 * (16 - 1))
        assertEquals(0.8, RankStats.spearman(x, y), 1e-12);
        // 5 concordant pairs, 1 discordant: tau = (5 - 1) / 6
        assertEquals(4.0 / 6, RankStats.kendall(x, y), 1e-12);
    }

    @Test
    void nonFiniteValuesRankLowest() {
        double[] y = {1, 3, 2, 4};
        assertEquals(0.8, RankStats.spearman(new double[] {Double.NEGATIVE_INFINITY, 2, 3, 4}, y), 1e-12);
        assertEquals(0.8, RankStats.spearman(new double[] {Double.NaN, 2, 3, 4}, y), 1e-12);
        assertEquals(-0.8, RankStats.spearman(new double[] {Double.POSITIVE_INFINITY, 3, 2, 1}, y), 1e-12);
    }

    @Test
    void tiesGetAverageRanks() {
        // x ranks 1.5, 1.5, 3, 4 against 1, 2, 3, 4: Pearson of the ranks
        double[] rx = {1.5, 1.5, 3, 4};
        double[] ry = {1, 2, 3, 4};
        double mx = 2.5;
        double my = 2.5;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 4; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        assertEquals(sxy / Math.sqrt(sxx * syy), RankStats.spearman(new double[] {7, 7, 8, 9}, new double[] {1, 2, 3, 4}),
                1e-12);
    }

    @Test
    void topKHitRate() {
        double[] acc = {0.1, 0.2, 0.3, 0.4, 0.5};
        assertEquals(0.0, RankStats.topKHitRate(new double[] {5, 4, 3, 2, 1}, acc, 2));
        assertEquals(1.0, RankStats.topKHitRate(new double[] {1, 2, 3, 4, 5}, acc, 2));
        assertEquals(2.0 / 3, RankStats.topKHitRate(new double[] {30, 2, 1, 4, 5}, acc, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RankStats.topKHitRate(new double[] {1, 2}, new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> RankStats.spearman(new double[] {1, 2}, new double[] {1}));
    }
}
