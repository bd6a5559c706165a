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
package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.gson.JsonObject;
import org.neardl4j.internal.Json;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.BlockMode;

import java.io.Serializable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * How a result was computed: the scorer's options, the ND4J backend and device, the samples used, the time taken
 * and the library's version. Every result carries one ({@link NearResult#provenance()}, and the results of the
 * listener, the tuning tools and the proxies), built by {@link #of(NearScorer, long, Duration)} and written to JSON
 * the same way everywhere ({@link #toJson()}).
 *
 * <pre>{@code
 * Provenance p = result.provenance();
 * System.out.println(p.repetitions() + " repetitions on " + p.device() + " in " + p.elapsed().toMillis() + " ms");
 * }</pre>
 *
 * @param repetitions repetitions of the scorer
 * @param seed        seed of the block choice and of the fresh initialisations
 * @param blockMode   how blocks were chosen
 * @param maxSamples  the scorer's sample limit ({@link Long#MAX_VALUE}: none)
 * @param rankMethod  how effective ranks were computed
 * @param backend     the ND4J backend, e.g. {@code CpuBackend} or {@code JCublasBackend}
 * @param device      the device, e.g. {@code CPU, 2 cores, OPENBLAS} or {@code CUDA device 0 of 1: <name>}
 * @param samples     samples that went through a network (for several networks: the most any one used)
 * @param elapsed     wall-clock time of the whole computation
 * @param version     the near-dl4j version that computed the result
 * @serial exclude
 */
public record Provenance(int repetitions, long seed, BlockMode blockMode, long maxSamples,
                         EffectiveRank.Method rankMethod, String backend, String device, long samples,
                         Duration elapsed, String version) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The library's version, read once. */
    private static final String VERSION = readVersion();

    /**
     * Checks the values.
     *
     * @param backend     the ND4J backend's name; not null
     * @param blockMode   how blocks were chosen; not null
     * @param device      a description of the device; not null
     * @param elapsed     wall-clock time of the whole computation; not null or negative
     * @param maxSamples  the sample limit, at least 1 ({@link Long#MAX_VALUE}: none)
     * @param rankMethod  how effective ranks were computed; not null
     * @param repetitions repetitions of the scorer, at least 1
     * @param samples     samples that went through a network, at least 0
     * @param seed        seed of the block choice and of the fresh initialisations (any value)
     * @param version     the near-dl4j version; not null
     * @throws IllegalArgumentException for a count below its minimum or a negative duration
     * @throws NullPointerException     for a missing value
     */
    public Provenance {
        Preconditions.checkArgument(repetitions >= 1, "repetitions must be >= 1, got %s", repetitions);
        Preconditions.checkNotNull(blockMode, "blockMode");
        Preconditions.checkArgument(maxSamples >= 1, "maxSamples must be >= 1, got %s", maxSamples);
        Preconditions.checkNotNull(rankMethod, "rankMethod");
        Preconditions.checkNotNull(backend, "backend");
        Preconditions.checkNotNull(device, "device");
        Preconditions.checkArgument(samples >= 0, "samples must be >= 0, got %s", samples);
        Preconditions.checkNotNull(elapsed, "elapsed");
        Preconditions.checkArgument(!elapsed.isNegative(), "elapsed must not be negative, got %s", elapsed);
        Preconditions.checkNotNull(version, "version");
    }

    /**
     * The provenance of a computation by (or with the options of) a scorer, on the current ND4J backend and
     * device, by this version of the library: the one place where provenance is built.
     *
     * @param scorer  the scorer whose options were used
     * @param samples samples that went through a network
     * @param elapsed wall-clock time taken
     * @return the scorer's options with these samples and time, the current backend and device, this version
     */
    public static Provenance of(NearScorer scorer, long samples, Duration elapsed) {
        Preconditions.checkNotNull(scorer, "scorer");
        return new Provenance(scorer.repetitions(), scorer.seed(), scorer.blockMode(), scorer.maxSamples(),
                scorer.rankMethod(), Backends.backend(), Backends.device(), samples, elapsed, VERSION);
    }

    /**
     * The same provenance with other samples and time (e.g. for a study over several networks).
     *
     * @param newSamples samples that went through a network (for several networks: the most any one used), at least 0
     * @param newElapsed wall-clock time of the whole computation; not null or negative
     * @return a provenance that differs only in these two
     */
    public Provenance with(long newSamples, Duration newElapsed) {
        return new Provenance(repetitions, seed, blockMode, maxSamples, rankMethod, backend, device, newSamples,
                newElapsed, version);
    }

    /**
     * Whether the scorer had a sample limit.
     *
     * @return true unless {@link #maxSamples()} is {@link Long#MAX_VALUE}
     */
    public boolean hasSampleLimit() {
        return maxSamples != Long.MAX_VALUE;
    }

    /**
     * The provenance as one JSON object, the same in every result's JSON: {@code repetitions, seed, blockMode,
     * maxSamples} (only with a limit){@code , rankMethod, backend, device, samples, elapsedSeconds, version}.
     *
     * @return the JSON text
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("repetitions", repetitions);
        o.addProperty("seed", seed);
        o.addProperty("blockMode", blockMode.name().toLowerCase(Locale.ROOT));
        if (hasSampleLimit()) {
            o.addProperty("maxSamples", maxSamples);
        }
        o.addProperty("rankMethod", rankMethod.name());
        o.addProperty("backend", backend);
        o.addProperty("device", device);
        o.addProperty("samples", samples);
        o.addProperty("elapsedSeconds", elapsed.toNanos() / 1e9);
        o.addProperty("version", version);
        return Json.write(o);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "block %s, seed %d, %d repetition(s), %s, %d samples, %s on %s, %d ms,"
                        + " near-dl4j %s", blockMode.name().toLowerCase(Locale.ROOT), seed, repetitions, rankMethod,
                samples, backend, device, elapsed.toMillis(), version);
    }

    /** From the filtered resource {@code near-dl4j.properties}, else the jar manifest, else {@code "unknown"}. */
    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("near-dl4j.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read near-dl4j.properties", e);
        }
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
