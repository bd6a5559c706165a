package org.neardl4j.proxy;

import com.google.common.base.Preconditions;

import java.util.SplittableRandom;

/**
 * Options shared by every {@link ZeroCostProxy}: the number of repetitions and the seed of the fresh weight
 * initialisations of repetitions 2..R. Immutable.
 *
 * <pre>{@code
 * ProxyOptions o = ProxyOptions.builder().repetitions(3).seed(7).build();
 * }</pre>
 */
public final class ProxyOptions {

    private static final ProxyOptions DEFAULTS = builder().build();

    private final int repetitions;
    private final long seed;

    private ProxyOptions(Builder b) {
        this.repetitions = b.repetitions;
        this.seed = b.seed;
    }

    /** One repetition (the network's own weights), seed 12345. */
    public static ProxyOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int repetitions() {
        return repetitions;
    }

    public long seed() {
        return seed;
    }

    /** The weight-initialisation seed of repetition {@code rep} (1-based repetitions 2..R; 0 is the model's own). */
    long weightSeed(int rep) {
        Preconditions.checkArgument(rep >= 1, "repetition 0 uses the model's own weights");
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + rep).nextLong();
    }

    @Override
    public String toString() {
        return "repetitions=" + repetitions + ", seed=" + seed;
    }

    /**
     * Builder of {@link ProxyOptions}.
     *
     * <pre>{@code
     * ProxyOptions o = ProxyOptions.builder().repetitions(5).build();
     * }</pre>
     */
    public static final class Builder {
        private int repetitions = 1;
        private long seed = 12345L;

        private Builder() {
        }

        /** Number of repetitions, at least 1 (default 1). */
        public Builder repetitions(int repetitions) {
            Preconditions.checkArgument(repetitions >= 1, "repetitions must be >= 1, got %s", repetitions);
            this.repetitions = repetitions;
            return this;
        }

        /** Seed of the fresh initialisations (default 12345). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public ProxyOptions build() {
            return new ProxyOptions(this);
        }
    }
}
