package org.neardl4j.proxy;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link ZeroCostProxy}: the mean value over repetitions, each repetition's value, the number of
 * samples used, and the wall-clock time taken. Immutable.
 *
 * <pre>{@code
 * ProxyResult r = new Snip().score(net, batch);
 * double v = r.score();            // mean over repetitions
 * Duration t = r.elapsed();
 * }</pre>
 */
public final class ProxyResult {

    private final String name;
    private final ImmutableList<Double> values;
    private final long samples;
    private final Duration elapsed;

    /**
     * @param name    the proxy's name
     * @param values  one value per repetition, at least one
     * @param samples samples the proxy used per repetition
     * @param elapsed wall-clock time of all repetitions
     */
    public ProxyResult(String name, List<Double> values, long samples, Duration elapsed) {
        this.name = Preconditions.checkNotNull(name, "name");
        this.values = ImmutableList.copyOf(values);
        Preconditions.checkArgument(!this.values.isEmpty(), "values: at least one repetition");
        Preconditions.checkArgument(samples >= 0, "samples must be >= 0, got %s", samples);
        this.samples = samples;
        this.elapsed = Preconditions.checkNotNull(elapsed, "elapsed");
    }

    public String name() {
        return name;
    }

    /** Mean over the repetitions (NaN or infinite if a repetition was; see the proxy's documentation). */
    public double score() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.size();
    }

    /** Each repetition's value, the first with the network's own weights. */
    public ImmutableList<Double> scores() {
        return values;
    }

    public int repetitions() {
        return values.size();
    }

    /** Sample standard deviation over the repetitions (0 for one repetition). */
    public double standardDeviation() {
        return values.size() < 2 ? 0.0 : Stats.of(values).sampleStandardDeviation();
    }

    /** Samples used per repetition. */
    public long samples() {
        return samples;
    }

    /** Wall-clock time of all repetitions. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s = %.6g%s (%d samples, %d ms)", name, score(),
                values.size() > 1 ? String.format(Locale.ROOT, " +- %.3g over %d repetitions", standardDeviation(),
                        values.size()) : "", samples, elapsed.toMillis());
    }
}
