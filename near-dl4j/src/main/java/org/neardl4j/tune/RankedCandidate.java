package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.neardl4j.score.NearResult;

import java.io.Serializable;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One candidate of a {@link RankingResult}: its place, its NEAR score averaged over the repetitions with the standard
 * deviation, its parameter count, and the user's metric when one was given. Immutable.
 *
 * <pre>{@code
 * RankedCandidate best = ranking.entries().get(0);
 * System.out.printf("%d %s %.2f +- %.2f%n", best.rank(), best.name(), best.score(), best.standardDeviation());
 * }</pre>
 */
public final class RankedCandidate implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rank;
    private final String name;
    private final long parameters;
    private final NearResult result;
    private final double metric;
    private final int metricRank;

    RankedCandidate(int rank, String name, long parameters, NearResult result, double metric, int metricRank) {
        Preconditions.checkArgument(rank >= 1, "rank must be >= 1, got %s", rank);
        this.rank = rank;
        this.name = Preconditions.checkNotNull(name, "name");
        this.parameters = parameters;
        this.result = Preconditions.checkNotNull(result, "result");
        this.metric = metric;
        this.metricRank = metricRank;
    }

    RankedCandidate withRank(int newRank) {
        return new RankedCandidate(newRank, name, parameters, result, metric, metricRank);
    }

    RankedCandidate withMetric(double value, int valueRank) {
        return new RankedCandidate(rank, name, parameters, result, value, valueRank);
    }

    /** 1 for the highest NEAR score. */
    public int rank() {
        return rank;
    }

    public String name() {
        return name;
    }

    /** Mean NEAR score over the repetitions. */
    public double score() {
        return result.score();
    }

    /** Sample standard deviation over the repetitions (0 for one repetition). */
    public double standardDeviation() {
        return result.standardDeviation();
    }

    /** Each repetition's score. */
    public ImmutableList<Double> scores() {
        return result.scores();
    }

    /** Number of trainable parameters of the network. */
    public long parameters() {
        return parameters;
    }

    /** The full scoring result (per-matrix breakdown of the first repetition, warnings). */
    public NearResult result() {
        return result;
    }

    /** The user's metric for this candidate, if one was given. */
    public OptionalDouble metric() {
        return Double.isNaN(metric) ? OptionalDouble.empty() : OptionalDouble.of(metric);
    }

    /** Place by the metric (1 = best), 0 when no metric was given. */
    public int metricRank() {
        return metricRank;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d. %s: NEAR %.4f +- %.4f%s", rank, name, score(), standardDeviation(),
                Double.isNaN(metric) ? "" : String.format(Locale.ROOT, ", metric %.4f", metric));
    }
}
