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
package org.neardl4j.proxy;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;
import org.neardl4j.score.Provenance;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link ZeroCostProxy}: the proxy's name, each repetition's value and how it was computed (the
 * scorer's options, the samples used per repetition, the wall-clock time of all repetitions).
 *
 * <pre>{@code
 * ProxyResult r = new Snip().score(net, batch);
 * double v = r.score();            // mean over repetitions
 * Duration t = r.elapsed();
 * }</pre>
 *
 * @param name       the proxy's name
 * @param scores     each repetition's value, the first with the network's own weights
 * @param provenance how the result was computed; its samples are the samples one repetition used
 */
public record ProxyResult(String name, List<Double> scores, Provenance provenance) {

    /**
     * Checks the values and copies the scores into an immutable list.
     *
     * @param name       the proxy's name, e.g. {@code snip}; not null
     * @param provenance how the result was computed; not null
     * @param scores     each repetition's value; not null, at least one, none null (copied)
     * @throws IllegalArgumentException without a repetition
     * @throws NullPointerException     for a missing value
     */
    public ProxyResult {
        Preconditions.checkNotNull(name, "name");
        scores = ImmutableList.copyOf(Preconditions.checkNotNull(scores, "scores"));
        Preconditions.checkArgument(!scores.isEmpty(), "scores: at least one repetition");
        Preconditions.checkNotNull(provenance, "provenance");
    }

    /**
     * The proxy's score.
     *
     * @return the mean over the repetitions (NaN or infinite if a repetition was; see the proxy's documentation)
     */
    public double score() {
        double s = 0;
        for (double v : scores) {
            s += v;
        }
        return s / scores.size();
    }

    /**
     * The number of repetitions.
     *
     * @return the number of values in {@link #scores()}
     */
    public int repetitions() {
        return scores.size();
    }

    /**
     * How much the repetitions disagree.
     *
     * @return the sample standard deviation over the repetitions (0 for one repetition)
     */
    public double standardDeviation() {
        return scores.size() < 2 ? 0.0 : Stats.of(scores).sampleStandardDeviation();
    }

    /**
     * Samples used per repetition.
     *
     * @return {@link Provenance#samples()}
     */
    public long samples() {
        return provenance.samples();
    }

    /**
     * Wall-clock time of all repetitions.
     *
     * @return {@link Provenance#elapsed()}
     */
    public Duration elapsed() {
        return provenance.elapsed();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s = %.6g%s (%d samples, %d ms)", name, score(),
                scores.size() > 1 ? String.format(Locale.ROOT, " +- %.3g over %d repetitions", standardDeviation(),
                        scores.size()) : "", samples(), elapsed().toMillis());
    }
}
