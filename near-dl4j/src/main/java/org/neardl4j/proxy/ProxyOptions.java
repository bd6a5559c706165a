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
import org.neardl4j.score.NearScorer;

import java.util.SplittableRandom;

/**
 * Options shared by every {@link ZeroCostProxy}: the {@link NearScorer} whose options all proxies use. NEAR uses
 * the scorer as it is; the other proxies take its {@link NearScorer#repetitions() repetitions} and its
 * {@link NearScorer#seed() seed} (of the fresh weight initialisations of repetitions 2..R), the same seeds
 * {@link NearScorer} uses for its repetitions. Immutable.
 *
 * <pre>{@code
 * ProxyOptions o = ProxyOptions.of(NearScorer.builder().repetitions(3).seed(7).build());
 * }</pre>
 */
public final class ProxyOptions {

    private static final ProxyOptions DEFAULTS = builder().build();

    private final NearScorer scorer;

    private ProxyOptions(Builder b) {
        this.scorer = b.scorer;
    }

    /**
     * The defaults: {@link NearScorer#defaults()} (one repetition, the network's own weights, seed 12345).
     *
     * @return the default options
     */
    public static ProxyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options with the given scorer.
     *
     * @param scorer the scoring options all proxies use; not null
     * @return new options with that scorer
     */
    public static ProxyOptions of(NearScorer scorer) {
        return builder().scorer(scorer).build();
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The scorer whose options the proxies use.
     *
     * @return the scorer; {@link NearScorer#defaults()} unless another was given
     */
    public NearScorer scorer() {
        return scorer;
    }

    /** The weight-initialisation seed of repetition {@code rep} (1-based repetitions 2..R; 0 is the model's own). */
    long weightSeed(int rep) {
        Preconditions.checkArgument(rep >= 1, "repetition 0 uses the model's own weights");
        return new SplittableRandom(scorer.seed() * 0x9E3779B97F4A7C15L + rep).nextLong();
    }

    @Override
    public String toString() {
        return "repetitions=" + scorer.repetitions() + ", seed=" + scorer.seed();
    }

    /**
     * Builder of {@link ProxyOptions}.
     *
     * <pre>{@code
     * ProxyOptions o = ProxyOptions.builder().scorer(NearScorer.builder().repetitions(5).build()).build();
     * }</pre>
     */
    public static final class Builder {
        private NearScorer scorer = NearScorer.defaults();

        private Builder() {
        }

        /**
         * The scorer whose options the proxies use (default {@link NearScorer#defaults()}).
         *
         * @param scorer the scoring options: repetitions and seed for every proxy, all of them for NEAR
         * @return this builder
         */
        public Builder scorer(NearScorer scorer) {
            this.scorer = Preconditions.checkNotNull(scorer, "scorer");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return new immutable options with this builder's scorer
         */
        public ProxyOptions build() {
            return new ProxyOptions(this);
        }
    }
}
