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

import com.google.common.base.Preconditions;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How well one ranking (by NEAR) agrees with another (by a measured metric such as accuracy): Spearman's rho,
 * Kendall's tau (tau-b, ties accounted for; both from commons-math3) and the overlap of the two top-k sets.
 * Immutable.
 *
 * <pre>{@code
 * RankCorrelation c = RankCorrelation.of(nearScores, accuracies, 3);
 * System.out.println(c.spearman() + " " + c.kendall() + " " + c.topKOverlap());
 * }</pre>
 *
 * <p>Both arrays are "higher is better": negate a metric where lower is better (a loss) before passing it.
 *
 * @param n          number of candidates compared
 * @param spearman   Spearman's rank correlation (NaN when one side is constant)
 * @param kendall    Kendall's tau-b (NaN when one side is constant)
 * @param k          size of the top sets compared
 * @param topKCommon candidates in both top-k sets
 * @serial exclude
 */
public record RankCorrelation(int n, double spearman, double kendall, int k, int topKCommon) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the counts.
     *
     * @param k          size of the top sets compared, in {@code [1, n]}
     * @param kendall    Kendall's tau-b, in [-1, 1] (NaN when one side is constant)
     * @param n          number of candidates compared
     * @param spearman   Spearman's rho, in [-1, 1] (NaN when one side is constant)
     * @param topKCommon candidates in both top-k sets, in {@code [0, k]}
     * @throws IllegalArgumentException unless {@code 1 <= k <= n} and {@code 0 <= topKCommon <= k}
     */
    public RankCorrelation {
        Preconditions.checkArgument(k >= 1 && k <= n, "k must be in [1, %s], got %s", n, k);
        Preconditions.checkArgument(topKCommon >= 0 && topKCommon <= k, "topKCommon must be in [0, %s], got %s", k,
                topKCommon);
    }

    /**
     * Correlations between {@code scores} and {@code metric} (same order of candidates) and the overlap of the
     * {@code k} best by each. Ties in the top-k cut are broken by the candidates' order.
     *
     * @param scores NEAR score per candidate, higher is better; not null
     * @param metric measured value per candidate in the same order, higher is better (negate a loss); not null
     * @param k      size of the top sets compared, in {@code [1, scores.length]} (see {@link #defaultK})
     * @return rho, tau and the top-k overlap of the {@code scores.length} candidates
     * @throws IllegalArgumentException if the lengths differ, fewer than 2 candidates are given, a value is not
     *                                  finite, or {@code k} is not in {@code [1, n]}
     */
    public static RankCorrelation of(double[] scores, double[] metric, int k) {
        Preconditions.checkNotNull(scores, "scores");
        Preconditions.checkNotNull(metric, "metric");
        Preconditions.checkArgument(scores.length == metric.length, "scores and metric differ in length: %s vs %s",
                scores.length, metric.length);
        int n = scores.length;
        Preconditions.checkArgument(n >= 2, "a correlation needs at least 2 candidates, got %s", n);
        Preconditions.checkArgument(k >= 1 && k <= n, "k must be in [1, %s], got %s", n, k);
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(Double.isFinite(scores[i]), "scores[%s] is not finite: %s", i, (Double) scores[i]);
            Preconditions.checkArgument(Double.isFinite(metric[i]), "metric[%s] is not finite: %s", i, (Double) metric[i]);
        }
        double rho = new SpearmansCorrelation().correlation(scores, metric);
        double tau = new KendallsCorrelation().correlation(scores, metric);
        Set<Integer> top = top(scores, k);
        top.retainAll(top(metric, k));
        return new RankCorrelation(n, rho, tau, k, top.size());
    }

    /**
     * The default k: the top quarter, at least 1.
     *
     * @param n number of candidates compared, at least 1
     * @return {@code n / 4} rounded to the nearest integer (half up), at least 1
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public static int defaultK(int n) {
        Preconditions.checkArgument(n >= 1, "n must be >= 1, got %s", n);
        return Math.max(1, (int) Math.round(n / 4.0));
    }

    private static Set<Integer> top(double[] v, int k) {
        Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -v[i]));   // stable: ties keep input order
        return new HashSet<>(Arrays.asList(idx).subList(0, k));
    }

    /**
     * {@link #topKCommon()} / k, in [0, 1].
     *
     * @return the fraction of the top-k by NEAR that is also in the top-k by the metric, in [0, 1]
     */
    public double topKOverlap() {
        return topKCommon / (double) k;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Spearman rho %.4f, Kendall tau %.4f, top-%d overlap %d/%d (n = %d)", spearman,
                kendall, k, topKCommon, k, n);
    }
}
