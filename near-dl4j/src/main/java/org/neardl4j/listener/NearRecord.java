package org.neardl4j.listener;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation of a {@link NearListener}: when it ran (trigger, completed epochs and iterations), the NEAR score
 * of the model at that moment with its per-matrix breakdown, and how long the evaluation took. Immutable.
 *
 * <pre>{@code
 * NearRecord last = listener.history().last();
 * System.out.printf("after %d epochs: %.2f (%d ms)%n", last.epoch(), last.score(), last.millis());
 * Map<String, Double> perLayer = last.layerScores();
 * }</pre>
 */
public final class NearRecord {

    private final NearTrigger trigger;
    private final int epoch;
    private final long iteration;
    private final long millis;
    private final NearResult result;

    /**
     * @param trigger   what made the listener evaluate
     * @param epoch     epochs completed when the score was taken (0 before the end of the first epoch)
     * @param iteration parameter updates completed when the score was taken (0 before the first one)
     * @param millis    wall-clock time the evaluation took
     * @param result    the score of the model at that moment
     */
    public NearRecord(NearTrigger trigger, int epoch, long iteration, long millis, NearResult result) {
        this.trigger = Preconditions.checkNotNull(trigger, "trigger");
        Preconditions.checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
        Preconditions.checkArgument(iteration >= 0, "iteration must be >= 0, got %s", iteration);
        Preconditions.checkArgument(millis >= 0, "millis must be >= 0, got %s", millis);
        this.epoch = epoch;
        this.iteration = iteration;
        this.millis = millis;
        this.result = Preconditions.checkNotNull(result, "result");
    }

    public NearTrigger trigger() {
        return trigger;
    }

    /** Epochs completed when the score was taken: 0 for {@link NearTrigger#START}, 1 at the end of the first epoch. */
    public int epoch() {
        return epoch;
    }

    /** Parameter updates (minibatches) completed when the score was taken: 0 for {@link NearTrigger#START}. */
    public long iteration() {
        return iteration;
    }

    /** Wall-clock milliseconds the evaluation took (copying the model, the forward pass and the SVDs). */
    public long millis() {
        return millis;
    }

    /** The NEAR score of the model at that moment. */
    public double score() {
        return result.score();
    }

    /** The full result, with the per-matrix breakdown and any warnings. */
    public NearResult result() {
        return result;
    }

    /** Every matrix's effective rank, in forward order. */
    public ImmutableList<MatrixScore> matrices() {
        return result.matrices();
    }

    /**
     * Each layer's share of the score (the sum of its matrices' effective ranks), keyed by layer name, in forward
     * order.
     */
    public ImmutableMap<String, Double> layerScores() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (MatrixScore s : result.matrices()) {
            m.merge(s.layerName(), s.effectiveRank(), Double::sum);
        }
        return ImmutableMap.copyOf(m);
    }

    /** One JSON object (one line of a JSON-lines history file). */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("trigger", trigger.label());
        o.addProperty("epoch", epoch);
        o.addProperty("iteration", iteration);
        o.addProperty("score", score());
        o.addProperty("millis", millis);
        o.addProperty("samples", result.samples());
        JsonArray matrices = new JsonArray();
        for (MatrixScore m : result.matrices()) {
            JsonObject j = new JsonObject();
            j.addProperty("layer", m.layerName());
            j.addProperty("index", m.layerIndex());
            j.addProperty("kind", m.kind().label());
            j.addProperty("rows", m.rows());
            j.addProperty("cols", m.cols());
            j.addProperty("effectiveRank", m.effectiveRank());
            matrices.add(j);
        }
        o.add("matrices", matrices);
        if (!result.warnings().isEmpty()) {
            JsonArray w = new JsonArray();
            result.warnings().forEach(w::add);
            o.add("warnings", w);
        }
        return new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NearRecord{%s, epoch=%d, iteration=%d, score=%.4f, %d ms}", trigger.label(),
                epoch, iteration, score(), millis);
    }
}
