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
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.capture.ActivationSink;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.concurrent.NativeAccess;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.ActivationLayout;
import org.neardl4j.sampling.BlockSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The repetition loop of a {@link NearScorer}: for each repetition a capture of the model (its own weights, then
 * fresh initialisations), the batches fed until every block is complete (the first repetition reads the source, the
 * others replay the batches it used), the effective ranks of the blocks, and the result with its provenance.
 */
final class RepetitionLoop {

    private static final Logger log = LoggerFactory.getLogger(NearScorer.class);

    private final NearScorer scorer;
    private final int repetitions;

    RepetitionLoop(NearScorer scorer) {
        this.scorer = scorer;
        this.repetitions = scorer.repetitions();
    }

    NearResult run(Model model, BatchSource source) {
        Preconditions.checkNotNull(model, "model");
        return NativeAccess.shared(() -> scoreShared(model, source));
    }

    /** {@link #run} under the shared native lock (LAPACK inside takes it exclusively). */
    private NearResult scoreShared(Model model, BatchSource source) {
        long started = System.nanoTime();
        List<INDArray[]> used = new ArrayList<>();
        List<RepetitionScore> reps = new ArrayList<>(repetitions);
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        ModelCapture first = null;
        long samples = 0;
        for (int r = 0; r < repetitions; r++) {
            ModelCapture capture = r == 0 ? ModelCapture.of(model)
                    : ModelCapture.freshlyInitialised(model, weightSeed(r));
            if (r == 0) {
                first = capture;
                for (var s : capture.skipped()) {
                    if (s.unsupported()) {
                        warnings.add("layer '" + s.layerName() + "' (" + s.layerType() + ") is not supported and was not scored");
                    }
                }
            }
            Map<MatrixSite, BlockSampler> samplers = new LinkedHashMap<>();
            int k = 0;
            for (MatrixSite site : capture.sites()) {
                samplers.put(site, new BlockSampler(scorer.blockMode(), new SplittableRandom(blockSeed(r, k++))));
            }
            Preconditions.checkArgument(!samplers.isEmpty(),
                    "the network has no layer that gives a NEAR matrix (skipped: %s)", capture.skipped());
            final int rep = r;
            ActivationSink sink = new ActivationSink() {
                @Override
                public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
                    // the whole activation, not only the block: one reduction (a sum) per captured array
                    if (!EffectiveRank.isFinite(activation)) {
                        throw nonFinite(site, activation, rep);
                    }
                    samplers.get(site).accept(activation, layout);
                }

                @Override
                public boolean wants(MatrixSite site) {
                    return !samplers.get(site).isComplete();
                }
            };
            Iterator<INDArray[]> batches = r == 0 ? BatchSource.limited(source.open(), used, scorer.maxSamples())
                    : used.iterator();
            long fed = 0;
            try {
                while (batches.hasNext() && samplers.values().stream().anyMatch(s -> !s.isComplete())) {
                    INDArray[] batch = batches.next();
                    capture.forward(batch, sink);
                    fed += batch[0].size(0);
                }
            } finally {
                if (r == 0) {
                    source.close();
                }
            }
            if (r == 0) {
                if (source.sawMasks()) {
                    warnings.add("the data has feature masks, which NEAR ignores: masked entries (e.g. padding of"
                            + " variable-length sequences) are scored like real data");
                }
                Preconditions.checkArgument(fed > 0, "no data: the input has no samples");
                samples = fed;
                // only the batches actually used are replayed for the other repetitions
                while (used.size() > 0 && BatchSource.countSamples(used) > fed) {
                    used.remove(used.size() - 1);
                }
            }
            reps.add(scoreBlocks(samplers, warnings, r));
        }
        NearResult result = new NearResult(reps, first.skipped(), ImmutableList.copyOf(warnings),
                Provenance.of(scorer, samples, Duration.ofNanos(System.nanoTime() - started)));
        if (log.isDebugEnabled()) {
            log.debug("NEAR {} over {} repetition(s), {} matrices, {} samples, in {} ms", result.score(), repetitions,
                    result.matrices().size(), samples, (System.nanoTime() - started) / 1_000_000);
        }
        return result;
    }

    private RepetitionScore scoreBlocks(Map<MatrixSite, BlockSampler> samplers, LinkedHashSet<String> warnings, int rep) {
        List<MatrixSite> sites = new ArrayList<>(samplers.size());
        List<INDArray> blocks = new ArrayList<>(samplers.size());
        for (Map.Entry<MatrixSite, BlockSampler> e : samplers.entrySet()) {
            MatrixSite site = e.getKey();
            BlockSampler s = e.getValue();
            Preconditions.checkState(s.columns() > 0, "layer %s produced no activation", site.describe());
            if (s.isShort() && rep == 0) {
                warnings.add(String.format("layer %s has %d columns but only %d rows from %d samples: scored a %d x %d"
                                + " matrix; give at least %d samples for a square one", site.describe(), s.columns(),
                        s.rowsSeen(), s.samplesSeen(), s.rowsSeen(), s.columns(), s.samplesNeeded()));
            }
            sites.add(site);
            blocks.add(s.block());
        }
        double[] eranks;
        try {
            // checks that every value is finite
            eranks = EffectiveRank.of(blocks, scorer.rankMethod(), scorer.rankThreads());
        } catch (IllegalArgumentException invalid) {
            for (int i = 0; i < blocks.size(); i++) {
                INDArray block = blocks.get(i);
                if (!EffectiveRank.isFinite(block)) {
                    throw new IllegalStateException("activations of layer " + sites.get(i).describe() + " contain "
                            + (block.isNaN().any() ? "NaN" : "infinite") + " values (repetition " + (rep + 1)
                            + "): check the input data and the weight initialisation", invalid);
                }
            }
            throw invalid;
        }
        if (rep == 0) {
            List<String> zero = new ArrayList<>();
            for (int z = 0; z < eranks.length; z++) {
                if (eranks[z] == 0) {       // effective rank 0 only for the all-zero matrix
                    zero.add(sites.get(z).describe());
                }
            }
            if (!zero.isEmpty()) {
                warnings.add(String.format("%d of %d matrices are all zero (effective rank 0), the first of layer %s:"
                                + " its block saw only zeros (a blank image region after a ReLU, an all-zero input, or"
                                + " a branch whose output is zero, e.g. an NB201 cell whose output node has only"
                                + " 'none' edges)%s",
                        zero.size(), eranks.length, zero.get(0),
                        2 * zero.size() >= eranks.length ? "; with most matrices zero the score says little about the"
                                + " network" : ""));
            }
        }
        List<MatrixScore> scores = new ArrayList<>(samplers.size());
        int i = 0;
        for (BlockSampler s : samplers.values()) {
            INDArray block = blocks.get(i);
            scores.add(new MatrixScore(sites.get(i), block.rows(), block.columns(), eranks[i], s.samplesInBlock(),
                    s.rowsSeen(), s.blockStart()));
            i++;
        }
        return new RepetitionScore(scores);
    }

    /** The error for NaN or infinite values in a captured activation, naming the layer. */
    private static IllegalStateException nonFinite(MatrixSite site, INDArray activation, int rep) {
        return new IllegalStateException("activations of layer " + site.describe() + " contain "
                + (activation.isNaN().any() ? "NaN" : "infinite") + " values (repetition " + (rep + 1)
                + "): check the input data and the weight initialisation");
    }

    private long weightSeed(int rep) {
        return new SplittableRandom(scorer.seed() * 0x9E3779B97F4A7C15L + rep).nextLong();
    }

    private long blockSeed(int rep, int matrix) {
        return new SplittableRandom(scorer.seed()).split().nextLong() ^ (0xBF58476D1CE4E5B9L * (rep * 1_000_003L + matrix + 1));
    }
}
