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

import java.util.List;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.neardl4j.score.NearResult;

import java.io.Serializable;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One candidate of a {@link RankingResult}: its place, its NEAR score averaged over the repetitions with the standard
 * deviation, its parameter count, and the user's metric when one was given.
 *
 * <pre>{@code
 * RankedCandidate best = ranking.entries().get(0);
 * System.out.printf("%d %s %.2f +- %.2f%n", best.rank(), best.name(), best.score(), best.standardDeviation());
 * }</pre>
 *
 * @param rank       1 for the highest NEAR score
 * @param name       the candidate's name
 * @param parameters number of trainable parameters of the network
 * @param result     the full scoring result (per-matrix breakdown of the first repetition, warnings, provenance)
 * @param metricValue the user's metric for this candidate, NaN when none was given (see {@link #metric()})
 * @param metricRank place by the metric (1 = best), 0 when the candidate has no metric value
 * @serial exclude
 */
public record RankedCandidate(int rank, String name, long parameters, NearResult result, double metricValue,
                              int metricRank) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param rank        1 for the highest NEAR score
     * @param name        the candidate's name
     * @param parameters  number of trainable parameters of the network
     * @param result      the full scoring result
     * @param metricValue the user's metric, NaN when none was given
     * @param metricRank  place by the metric, 0 without a metric value
     * @throws IllegalArgumentException for a rank below 1 or a negative metric rank
     * @throws NullPointerException     for a missing name or result
     */
    public RankedCandidate {
        Preconditions.checkArgument(rank >= 1, "rank must be >= 1, got %s", rank);
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkNotNull(result, "result");
        Preconditions.checkArgument(metricRank >= 0, "metricRank must be >= 0, got %s", metricRank);
    }

    RankedCandidate withRank(int newRank) {
        return new RankedCandidate(newRank, name, parameters, result, metricValue, metricRank);
    }

    RankedCandidate withMetric(OptionalDouble value, int valueRank) {
        return new RankedCandidate(rank, name, parameters, result, value.orElse(Double.NaN), valueRank);
    }

    /**
     * The user's metric for this candidate.
     *
     * @return the metric, empty when none was given
     */
    public OptionalDouble metric() {
        return Double.isNaN(metricValue) ? OptionalDouble.empty() : OptionalDouble.of(metricValue);
    }

    /**
     * The candidate's NEAR score.
     *
     * @return the mean NEAR score over the repetitions
     */
    public double score() {
        return result.score();
    }

    /**
     * How much the repetitions disagree.
     *
     * @return the sample standard deviation over the repetitions (0 for one repetition)
     */
    public double standardDeviation() {
        return result.standardDeviation();
    }

    /**
     * Each repetition's score.
     *
     * @return {@link NearResult#scores()}
     */
    public List<Double> scores() {
        return result.scores();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d. %s: NEAR %.4f%s%s", rank, name, score(),
                scores().size() > 1 ? String.format(Locale.ROOT, " +- %.4f", standardDeviation()) : "",
                metric().isPresent() ? String.format(Locale.ROOT, ", metric %.4f", metricValue) : "");
    }
}
