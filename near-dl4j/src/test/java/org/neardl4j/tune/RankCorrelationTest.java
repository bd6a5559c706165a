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
package org.neardl4j.tune;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RankCorrelationTest {

    @Test
    void oneSwappedPair() {
        // ranks by metric 1 2 3 5 4: sum d^2 = 2, rho = 1 - 6*2/(5*24) = 0.9; 9 concordant, 1 discordant pair of 10
        double[] scores = {1, 2, 3, 4, 5};
        double[] metric = {10, 20, 30, 50, 40};
        RankCorrelation c = RankCorrelation.of(scores, metric, 2);
        assertEquals(5, c.n());
        assertEquals(0.9, c.spearman(), 1e-12);
        assertEquals(0.8, c.kendall(), 1e-12);
        assertEquals(2, c.topKCommon());          // {5th, 4th} both ways
        assertEquals(1.0, c.topKOverlap(), 0);
        RankCorrelation top1 = RankCorrelation.of(scores, metric, 1);
        assertEquals(0, top1.topKCommon());       // best by score is the 5th, by metric the 4th
        RankCorrelation top3 = RankCorrelation.of(scores, metric, 3);
        assertEquals(3, top3.topKCommon());
    }

    @Test
    void reversedRanking() {
        RankCorrelation c = RankCorrelation.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}, 2);
        assertEquals(-1, c.spearman(), 1e-12);
        assertEquals(-1, c.kendall(), 1e-12);
        assertEquals(0, c.topKCommon());
    }

    @Test
    void tiesUseAverageRanksAndTauB() {
        // score ranks 1.5 1.5 3 4 vs 1 2 3 4: Pearson of ranks = 4.5 / sqrt(4.5 * 5)
        // tau-b: 5 concordant, 0 discordant, one pair tied in the scores: 5 / sqrt((6 - 1) * 6)
        RankCorrelation c = RankCorrelation.of(new double[] {1, 1, 2, 3}, new double[] {1, 2, 3, 4}, 1);
        assertEquals(4.5 / Math.sqrt(22.5), c.spearman(), 1e-12);
        assertEquals(5 / Math.sqrt(30), c.kendall(), 1e-12);
        assertEquals(1, c.topKCommon());
    }

    @Test
    void topKTiesAreBrokenByOrder() {
        // scores tie for first place: the first of the two is taken
        RankCorrelation c = RankCorrelation.of(new double[] {5, 5, 1}, new double[] {1, 3, 2}, 1);
        assertEquals(0, c.topKCommon());
        RankCorrelation d = RankCorrelation.of(new double[] {5, 5, 1}, new double[] {3, 1, 2}, 1);
        assertEquals(1, d.topKCommon());
    }

    @Test
    void defaultKIsTheTopQuarter() {
        assertEquals(1, RankCorrelation.defaultK(1));
        assertEquals(1, RankCorrelation.defaultK(5));
        assertEquals(3, RankCorrelation.defaultK(10));
        assertEquals(25, RankCorrelation.defaultK(100));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1, 2}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1, 2}, new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> RankCorrelation.of(new double[] {1, 2}, new double[] {1, 2}, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 1));
        assertEquals("scores[1] is not finite: NaN", e.getMessage());
    }
}
