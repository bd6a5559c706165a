package org.neardl4j.score;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.math.Stats;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.neardl4j.capture.SkippedLayer;
import org.neardl4j.sampling.BlockMode;

import java.io.Serializable;
import java.util.Locale;

/**
 * The result of {@link NearScorer}: the NEAR score averaged over repetitions, each repetition's score and
 * per-matrix breakdown, the layers that gave no matrix, warnings, and how it was computed. Immutable; prints
 * as a table ({@link #toString()}) and serialises to JSON ({@link #toJson()}).
 *
 * <pre>{@code
 * NearResult r = NearScorer.builder().repetitions(3).build().score(net, features);
 * System.out.println(r);                 // table
 * double mean = r.score(), sd = r.standardDeviation();
 * String json = r.toJson();
 * }</pre>
 */
public final class NearResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ImmutableList<RepetitionScore> repetitions;
    private final ImmutableList<SkippedLayer> skipped;
    private final ImmutableList<String> warnings;
    private final long samples;
    private final BlockMode blockMode;
    private final long seed;
    private final String backend;
    private final String device;

    NearResult(Iterable<RepetitionScore> repetitions, Iterable<SkippedLayer> skipped, Iterable<String> warnings, long samples,
               BlockMode blockMode, long seed, String backend, String device) {
        this.repetitions = ImmutableList.copyOf(repetitions);
        Preconditions.checkArgument(!this.repetitions.isEmpty(), "at least one repetition");
        this.skipped = ImmutableList.copyOf(skipped);
        this.warnings = ImmutableList.copyOf(warnings);
        this.samples = samples;
        this.blockMode = Preconditions.checkNotNull(blockMode);
        this.seed = seed;
        this.backend = Preconditions.checkNotNull(backend);
        this.device = Preconditions.checkNotNull(device);
    }

    /** Mean NEAR score over the repetitions. */
    public double score() {
        return stats().mean();
    }

    /** Sample standard deviation of the repetitions' scores (0 for a single repetition). */
    public double standardDeviation() {
        return repetitions.size() < 2 ? 0.0 : stats().sampleStandardDeviation();
    }

    /** Each repetition's total score, the first with the model's own weights. */
    public ImmutableList<Double> scores() {
        ImmutableList.Builder<Double> b = ImmutableList.builder();
        for (RepetitionScore s : repetitions) {
            b.add(s.total());
        }
        return b.build();
    }

    /** Every repetition with its breakdown. */
    public ImmutableList<RepetitionScore> repetitions() {
        return repetitions;
    }

    /** The first repetition's matrices (the model's own weights), in forward order. */
    public ImmutableList<MatrixScore> matrices() {
        return repetitions.get(0).matrices();
    }

    /** Layers and vertices that gave no matrix, with the reason. */
    public ImmutableList<SkippedLayer> skipped() {
        return skipped;
    }

    /** Things the user should know, e.g. a layer that had fewer rows than columns. */
    public ImmutableList<String> warnings() {
        return warnings;
    }

    /** Samples that went through the network in the first repetition. */
    public long samples() {
        return samples;
    }

    public BlockMode blockMode() {
        return blockMode;
    }

    public long seed() {
        return seed;
    }

    /** The ND4J backend that computed the score, e.g. {@code CpuBackend} or {@code JCublasBackend}. */
    public String backend() {
        return backend;
    }

    /** The device that computed the score, e.g. {@code CPU, 2 cores, OPENBLAS} or {@code CUDA device 0 of 1: <name>}. */
    public String device() {
        return device;
    }

    private Stats stats() {
        return Stats.of(scores());
    }

    /** The result as one JSON object (see the README for the fields). */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("score", score());
        o.addProperty("standardDeviation", standardDeviation());
        JsonArray scores = new JsonArray();
        for (double s : scores()) {
            scores.add(s);
        }
        o.add("scores", scores);
        JsonArray matrices = new JsonArray();
        for (MatrixScore m : matrices()) {
            JsonObject j = new JsonObject();
            j.addProperty("layer", m.layerName());
            j.addProperty("index", m.layerIndex());
            j.addProperty("type", m.layerType());
            j.addProperty("kind", m.kind().label());
            j.addProperty("rows", m.rows());
            j.addProperty("cols", m.cols());
            j.addProperty("effectiveRank", m.effectiveRank());
            j.addProperty("samples", m.samples());
            j.addProperty("blockStart", m.blockStart());
            matrices.add(j);
        }
        o.add("matrices", matrices);
        JsonArray sk = new JsonArray();
        for (SkippedLayer s : skipped) {
            JsonObject j = new JsonObject();
            j.addProperty("layer", s.layerName());
            j.addProperty("index", s.layerIndex());
            j.addProperty("type", s.layerType());
            j.addProperty("reason", s.reason());
            sk.add(j);
        }
        o.add("skipped", sk);
        JsonArray w = new JsonArray();
        for (String s : warnings) {
            w.add(s);
        }
        o.add("warnings", w);
        o.addProperty("repetitions", repetitions.size());
        o.addProperty("samples", samples);
        o.addProperty("blockMode", blockMode.name().toLowerCase(Locale.ROOT));
        o.addProperty("seed", seed);
        o.addProperty("backend", backend);
        o.addProperty("device", device);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    /** A readable table: the score, then one line per matrix, then skipped layers and warnings. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "NEAR score %.4f", score()));
        if (repetitions.size() > 1) {
            sb.append(String.format(Locale.ROOT, " +- %.4f (%d repetitions)", standardDeviation(), repetitions.size()));
        }
        sb.append(String.format(Locale.ROOT, "  [block %s, seed %d, %d samples, %s on %s]%n",
                blockMode.name().toLowerCase(Locale.ROOT), seed, samples, backend, device));
        int nameWidth = 5;
        int typeWidth = 4;
        for (MatrixScore m : matrices()) {
            nameWidth = Math.max(nameWidth, m.layerName().length());
            typeWidth = Math.max(typeWidth, m.layerType().length());
        }
        String fmt = "%5s  %-" + nameWidth + "s  %-" + typeWidth + "s  %-4s  %11s  %7s  %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "index", "layer", "type", "kind", "rows x cols", "samples", "erank"));
        for (MatrixScore m : matrices()) {
            sb.append(String.format(Locale.ROOT, fmt, m.layerIndex(), m.layerName(), m.layerType(), m.kind().label(),
                    m.rows() + " x " + m.cols(), m.samples(), String.format(Locale.ROOT, "%.6f", m.effectiveRank())));
        }
        for (SkippedLayer s : skipped) {
            sb.append(String.format(Locale.ROOT, "skipped: %s%n", s));
        }
        for (String w : warnings) {
            sb.append(String.format(Locale.ROOT, "warning: %s%n", w));
        }
        return sb.toString();
    }
}
