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
package org.neardl4j.cli;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.sampling.BlockMode;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The scoring options every command and program that computes NEAR shares, with one meaning everywhere:
 * {@code --repetitions R}, {@code --seed S}, {@code --block first|random} and {@code --max-samples N}. A picocli
 * mixin: {@code @Mixin ScoringOptions scoring;}.
 *
 * <p>{@code --max-samples N} keeps the first {@code N} samples of every input before anything else happens, in
 * {@code score} and {@code rank} alike: samples beyond it are neither read by the network nor checked.
 *
 * <pre>{@code
 * @Mixin ScoringOptions scoring;
 * ...
 * NearScorer scorer = NearScorer.builder().repetitions(scoring.repetitions(1)).seed(scoring.seed())
 *         .blockMode(scoring.block()).build();
 * }</pre>
 */
public final class ScoringOptions {

    /** The seed used when {@code --seed} is not given ({@code NearScorer}'s default). */
    public static final long DEFAULT_SEED = 12345L;

    @Option(names = {"-r", "--repetitions"}, paramLabel = "R", description = "repetitions averaged: the 1st on the model's"
            + " weights as given (rank: fresh unless --saved-weights), the others on fresh initialisations"
            + " (default: 1 in score, 3 in rank)")
    private Integer repetitions;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", description = "seed for the block choice and the fresh"
            + " initialisations (default " + DEFAULT_SEED + ")")
    private Long seed;

    @Option(names = {"-b", "--block"}, paramLabel = "first|random", completionCandidates = BlockChoices.class, description = "first: every block starts at row 0"
            + " (deterministic); random: start drawn with the seed among the starts where a full block fits"
            + " (default random)")
    private BlockMode block;

    /** What shell completion offers for {@code --block}: the names as typed, in lower case. */
    static final class BlockChoices extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        BlockChoices() {
            super(List.of(Cli.choices(BlockMode.class).split("\\|")));
        }
    }

    @Option(names = {"-n", "--max-samples"}, paramLabel = "N", description = "use only the first N samples of every input")
    private Long maxSamples;

    /**
     * The number of repetitions.
     *
     * @param dflt the command's default
     * @return {@code --repetitions} or {@code dflt}
     * @throws CliException (usage) when it is below 1
     */
    public int repetitions(int dflt) throws CliException {
        return repetitions == null ? dflt : (int) Cli.atLeast("--repetitions", repetitions, 1);
    }

    /**
     * The seed.
     *
     * @return {@code --seed} or {@value #DEFAULT_SEED}
     */
    public long seed() {
        return seed == null ? DEFAULT_SEED : seed;
    }

    /**
     * The block mode.
     *
     * @return {@code --block} or {@link BlockMode#RANDOM}
     */
    public BlockMode block() {
        return block == null ? BlockMode.RANDOM : block;
    }

    /**
     * The number of samples to keep.
     *
     * @return {@code --max-samples} or {@link Long#MAX_VALUE}
     * @throws CliException (usage) when it is below 1
     */
    public long maxSamples() throws CliException {
        return maxSamples == null ? Long.MAX_VALUE : Cli.atLeast("--max-samples", maxSamples, 1);
    }

    /**
     * The first {@code max} samples of each array (the arrays themselves when they are not longer).
     *
     * @param features one array per network input, samples first
     * @param max      the number of samples to keep
     * @return the kept samples, C-ordered copies where cut
     */
    public static List<INDArray> firstSamples(List<INDArray> features, long max) {
        List<INDArray> out = new ArrayList<>(features.size());
        for (INDArray x : features) {
            if (x.size(0) > max) {
                INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
                idx[0] = NDArrayIndex.interval(0, max);
                for (int d = 1; d < idx.length; d++) {
                    idx[d] = NDArrayIndex.all();
                }
                out.add(x.get(idx).dup('c'));
            } else {
                out.add(x);
            }
        }
        return out;
    }
}
