package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
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
 */
public final class RankCorrelation implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int n;
    private final double spearman;
    private final double kendall;
    private final int k;
    private final int topKCommon;

    private RankCorrelation(int n, double spearman, double kendall, int k, int topKCommon) {
        this.n = n;
        this.spearman = spearman;
        this.kendall = kendall;
        this.k = k;
        this.topKCommon = topKCommon;
    }

    /**
     * Correlations between {@code scores} and {@code metric} (same order of candidates) and the overlap of the
     * {@code k} best by each. Ties in the top-k cut are broken by the candidates' order.
     *
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

    /** The default k: the top quarter, at least 1. */
    public static int defaultK(int n) {
        Preconditions.checkArgument(n >= 1, "n must be >= 1, got %s", n);
        return Math.max(1, (int) Math.round(n / 4.0));
    }

    private static Set<Integer> top(double[] v, int k) {
        Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -v[i]));   // stable: ties keep input order
        return new HashSet<>(Arrays.asList(idx).subList(0, k));
    }

    /** Number of candidates compared. */
    public int n() {
        return n;
    }

    /** Spearman's rank correlation (NaN when one side is constant). */
    public double spearman() {
        return spearman;
    }

    /** Kendall's tau-b (NaN when one side is constant). */
    public double kendall() {
        return kendall;
    }

    public int k() {
        return k;
    }

    /** Candidates in both top-k sets. */
    public int topKCommon() {
        return topKCommon;
    }

    /** {@link #topKCommon()} / k, in [0, 1]. */
    public double topKOverlap() {
        return topKCommon / (double) k;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RankCorrelation)) {
            return false;
        }
        RankCorrelation c = (RankCorrelation) o;
        return n == c.n && k == c.k && topKCommon == c.topKCommon && Double.compare(spearman, c.spearman) == 0
                && Double.compare(kendall, c.kendall) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(n, spearman, kendall, k, topKCommon);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Spearman rho %.4f, Kendall tau %.4f, top-%d overlap %d/%d (n = %d)", spearman,
                kendall, k, topKCommon, k, n);
    }
}
