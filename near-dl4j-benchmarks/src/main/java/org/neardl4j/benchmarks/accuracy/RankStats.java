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

import com.google.common.base.Preconditions;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Rank agreement between a proxy and test accuracy: Spearman's rho (ties get their average rank), Kendall's
 * tau-b, and the top-k hit rate. Non-finite proxy values rank below every finite one ({@code NaN} and
 * {@code -Infinity} as the lowest, {@code +Infinity} as the highest).
 *
 * <pre>{@code
 * double rho = RankStats.spearman(proxyValues, accuracies);
 * double hit = RankStats.topKHitRate(proxyValues, accuracies, 10);
 * }</pre>
 */
public final class RankStats {

    private RankStats() {
    }

    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return new SpearmansCorrelation().correlation(finite(x), y);
    }

    public static double kendall(double[] x, double[] y) {
        check(x, y);
        return new KendallsCorrelation().correlation(finite(x), y);
    }

    /**
     * The fraction of the {@code k} highest-accuracy items among the {@code k} items with the highest proxy value
     * (ties broken by position, i.e. by the order of the inputs).
     */
    public static double topKHitRate(double[] proxy, double[] accuracy, int k) {
        check(proxy, accuracy);
        Preconditions.checkArgument(k >= 1 && k <= proxy.length, "k must be in 1..%s, got %s", proxy.length, k);
        Set<Integer> byProxy = new HashSet<>(Arrays.asList(top(finite(proxy), k)));
        Integer[] byAcc = top(accuracy, k);
        int hits = 0;
        for (Integer i : byAcc) {
            if (byProxy.contains(i)) {
                hits++;
            }
        }
        return hits / (double) k;
    }

    private static Integer[] top(double[] v, int k) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -v[i]).thenComparingInt(i -> i))
                .limit(k).toArray(Integer[]::new);
    }

    /** Maps NaN and -Infinity below, +Infinity above, every finite value, preserving the order of finite values. */
    static double[] finite(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double span = Double.isFinite(max - min) && max > min ? max - min : 1;
        double low = Double.isFinite(min) ? min - span : -1;
        double high = Double.isFinite(max) ? max + span : 1;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            out[i] = Double.isNaN(v) || v == Double.NEGATIVE_INFINITY ? low : v == Double.POSITIVE_INFINITY ? high : v;
        }
        return out;
    }

    private static void check(double[] x, double[] y) {
        Preconditions.checkArgument(x.length == y.length, "%s proxy values but %s accuracies", x.length, y.length);
        Preconditions.checkArgument(x.length >= 2, "need at least 2 architectures, got %s", x.length);
    }
}
