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

import com.google.common.base.Preconditions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Combines several scores by the average of their ranks: under each score the candidates are ranked 1 (lowest)
 * to n (highest), ties sharing their mean rank and {@code NaN} values ranking below every number; a candidate's
 * rank-average is the mean of its ranks (higher is better). With one score, the order is the score's own.
 *
 * <pre>{@code
 * double[] r = RankAverage.of(List.of(new double[] {3, 0.1}, new double[] {1, 0.9}, new double[] {2, 0.5}));
 * // ranks (3,1), (1,3), (2,2): r = {2.0, 2.0, 2.0}
 * }</pre>
 */
public final class RankAverage {

    private RankAverage() {
    }

    /**
     * The rank-average of each candidate.
     *
     * @param values one array per candidate, each with one value per score (all the same length)
     * @return one mean rank per candidate, in 1..n
     * @throws IllegalArgumentException for arrays of different lengths
     */
    public static double[] of(List<double[]> values) {
        Preconditions.checkNotNull(values, "values");
        int n = values.size();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int k = values.get(0).length;
        for (double[] v : values) {
            Preconditions.checkArgument(v.length == k, "every candidate needs %s values, one has %s", k, v.length);
        }
        double[] column = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = values.get(i)[j];
            }
            double[] r = ranks(column);
            for (int i = 0; i < n; i++) {
                out[i] += r[i] / k;
            }
        }
        return out;
    }

    /**
     * Ranks of values, 1 for the lowest; ties get their mean rank; {@code NaN} ranks below every number.
     *
     * @param x the values
     * @return their ranks
     */
    public static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Comparator<Integer> byValue = (a, b) -> Double.compare(key(x[a]), key(x[b]));
        Arrays.sort(order, byValue);
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && key(x[order[j + 1]]) == key(x[order[i]])) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[order[t]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    private static double key(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
