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
package org.neardl4j.listener;

import java.util.List;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonObject;
import org.neardl4j.internal.Json;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation of a {@link NearListener}: when it ran (trigger, completed epochs and iterations) and the NEAR
 * score of the model at that moment, with its per-matrix breakdown and its provenance (which includes the time the
 * evaluation took).
 *
 * <pre>{@code
 * NearRecord last = listener.history().last();
 * System.out.printf("after %d epochs: %.2f (%d ms)%n", last.epoch(), last.score(), last.elapsed().toMillis());
 * Map<String, Double> perLayer = last.layerScores();
 * }</pre>
 *
 * @param trigger   what made the listener evaluate
 * @param epoch     the network's epoch count when the score was taken: for {@link NearTrigger#START} the count before
 *                  this training's first update (0 for a new network, more for one trained before the listener was
 *                  attached), 1 at the end of a new network's first epoch
 * @param iteration the network's iteration count (parameter updates) when the score was taken: for
 *                  {@link NearTrigger#START} the count before this training's first update (0 for a new network)
 * @param result    the score of the model at that moment
 */
public record NearRecord(NearTrigger trigger, int epoch, long iteration, NearResult result) {

    /**
     * Checks the values.
     *
     * @param epoch     epochs completed when the score was taken, at least 0
     * @param iteration parameter updates completed when the score was taken, at least 0
     * @param result    the score of the model at that moment; not null
     * @param trigger   what made the listener evaluate; not null
     * @throws IllegalArgumentException for a negative epoch or iteration
     * @throws NullPointerException     without a trigger or a result
     */
    public NearRecord {
        Preconditions.checkNotNull(trigger, "trigger");
        Preconditions.checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
        Preconditions.checkArgument(iteration >= 0, "iteration must be >= 0, got %s", iteration);
        Preconditions.checkNotNull(result, "result");
    }

    /**
     * How long the evaluation took.
     *
     * @return the wall-clock time of the evaluation (copying the model, the forward pass and the effective ranks),
     *         {@link org.neardl4j.score.Provenance#elapsed()} of the result
     */
    public Duration elapsed() {
        return result.provenance().elapsed();
    }

    /**
     * The NEAR score of the model at that moment.
     *
     * @return {@link NearResult#score()}
     */
    public double score() {
        return result.score();
    }

    /**
     * Every matrix's effective rank, in forward order.
     *
     * @return {@link NearResult#matrices()}
     */
    public List<MatrixScore> matrices() {
        return result.matrices();
    }

    /**
     * Each layer's share of the score.
     *
     * @return the sum of each layer's matrices' effective ranks, keyed by layer name, in forward order
     */
    public Map<String, Double> layerScores() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (MatrixScore s : result.matrices()) {
            m.merge(s.layerName(), s.effectiveRank(), Double::sum);
        }
        return ImmutableMap.copyOf(m);
    }

    /**
     * One JSON object (one line of a JSON-lines history file): {@code trigger, epoch, iteration}, then the fields
     * of {@link NearResult#toJson()}.
     *
     * @return the JSON text
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("trigger", trigger.label());
        o.addProperty("epoch", epoch);
        o.addProperty("iteration", iteration);
        Json.readObject(result.toJson()).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return Json.write(o);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NearRecord{%s, epoch=%d, iteration=%d, score=%.4f, %d ms}", trigger.label(),
                epoch, iteration, score(), elapsed().toMillis());
    }
}
