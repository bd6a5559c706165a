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
package org.neardl4j.benchmarks.speed;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * How the speed benchmark times a task: medians of repeated runs, short tasks warmed up and repeated for a few
 * seconds, two tasks timed in alternation so that a slow spell of a shared machine falls on both.
 *
 * <pre>{@code
 * Timing t = Timing.forSuite(Suite.FULL);
 * double[] nearAndForward = t.pairedTimes(5, () -> score(), () -> forward());
 * }</pre>
 */
final class Timing {

    /** Warm-up and measuring time of tasks under half a second (shorter in the {@code ci} suite). */
    private final double warmupSeconds;
    private final double measureSeconds;

    /** Nanoseconds; {@code System::nanoTime} except in tests, which drive it by hand. */
    private final LongSupplier clock;

    Timing(double warmupSeconds, double measureSeconds) {
        this(warmupSeconds, measureSeconds, System::nanoTime);
    }

    Timing(double warmupSeconds, double measureSeconds, LongSupplier clock) {
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.clock = clock;
    }

    static Timing forSuite(Suite suite) {
        return suite.isCi() ? new Timing(0.2, 0.5) : new Timing(2, 3);
    }

    double warmupSeconds() {
        return warmupSeconds;
    }

    double measureSeconds() {
        return measureSeconds;
    }

    /**
     * Median time of {@code r}: after one warm-up run, short tasks (under half a second) are warmed up for two
     * seconds more (JIT compilation of the plain-Java routes, ND4J's caches) and repeated for about three seconds (at
     * least {@code reps}, at most 101 times), so that sub-millisecond differences are not noise ({@code ci} suite:
     * 0.2 and 0.5 seconds).
     */
    double adaptiveTime(int reps, Runnable r) {
        double once = time(r);
        if (once >= 0.5) {
            return medianTime(0, reps, r);
        }
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        double fastest = once;
        while (System.nanoTime() < until) {
            fastest = Math.min(fastest, time(r));
        }
        int n = (int) Math.min(101, Math.max(reps, Math.ceil(measureSeconds / Math.max(fastest, 1e-4))));
        return medianTime(0, n | 1, r);
    }

    /**
     * Median times of {@code a} and {@code b} measured in alternation (a b, b a, a b, ...), so that a slow spell of a
     * shared machine falls on both and their ratio is not skewed by it. After one run of each, pairs taking under
     * half a second are warmed up and repeated as in {@link #adaptiveTime}; longer ones are repeated {@code reps}
     * times.
     *
     * @return {@code {median of a, median of b}}
     */
    double[] pairedTimes(int reps, Runnable a, Runnable b) {
        double once = timed(a) + timed(b);
        int n = reps;
        if (once < 0.5) {
            long until = clock.getAsLong() + (long) (warmupSeconds * 1e9);
            double fastest = once;
            while (clock.getAsLong() < until) {
                fastest = Math.min(fastest, timed(a) + timed(b));
            }
            n = (int) Math.min(101, Math.max(reps, Math.ceil(measureSeconds / Math.max(fastest, 1e-4))));
        }
        n |= 1;
        double[] ta = new double[n];
        double[] tb = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                ta[i] = timed(a);
                tb[i] = timed(b);
            } else {
                tb[i] = timed(b);
                ta[i] = timed(a);
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return new double[] {ta[n / 2], tb[n / 2]};
    }

    /** Seconds {@code r} takes, on this timing's clock. */
    double timed(Runnable r) {
        long t0 = clock.getAsLong();
        r.run();
        return (clock.getAsLong() - t0) / 1e9;
    }

    static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double medianTime(int warmup, int reps, Runnable r) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
    }
}
