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
package org.neardl4j.sampling;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects the rows of one layer's matrix batch by batch and keeps only the square block that NEAR scores.
 *
 * <p>As in the reference, samples are fed until the layer has produced at least {@code Q} rows ({@code Q} =
 * number of columns); then {@code Q} consecutive rows are cut out. Until then the (fewer than {@code Q}) rows
 * seen are kept; afterwards nothing more is taken, so a sampler never holds more than one {@code Q x Q}
 * block plus one batch's slice of it. When the data ends before {@code Q} rows were seen,
 * {@link #block()} gives the rectangular matrix of all rows and {@link #isShort()} says so.
 *
 * <pre>{@code
 * BlockSampler s = new BlockSampler(BlockMode.RANDOM, new SplittableRandom(42));
 * s.accept(denseOutput, ActivationLayout.feedForward());
 * if (s.isComplete()) { INDArray q = s.block(); }
 * }</pre>
 *
 * <p>Not thread-safe: one sampler per matrix, fed from one thread.
 */
public final class BlockSampler {

    private final BlockMode mode;
    private final SplittableRandom random;

    private long columns = -1;
    private long rowsPerSample;
    private long samplesSeen;
    private long rowsSeen;
    private final List<INDArray> pending = new ArrayList<>();
    private INDArray block;
    private long blockStart;

    /**
     * @param mode   how the block start is chosen
     * @param random the generator for {@link BlockMode#RANDOM}; this sampler's own, never ND4J's global RNG
     */
    public BlockSampler(BlockMode mode, SplittableRandom random) {
        this.mode = Preconditions.checkNotNull(mode, "mode");
        this.random = Preconditions.checkNotNull(random, "random");
    }

    /**
     * Whether a full {@code Q x Q} block has been cut: later batches are ignored.
     *
     * @return true if a full {@code Q x Q} block has been cut: later batches are ignored
     */
    public boolean isComplete() {
        return block != null;
    }

    /**
     * Offers one batch of this layer's activations. Does nothing once the block is complete.
     *
     * @param activation the layer's output for a batch of samples (not modified, not retained)
     * @param layout     its axis layout
     */
    public void accept(INDArray activation, ActivationLayout layout) {
        if (block != null) {
            return;
        }
        long n = activation.size(0);
        if (n == 0) {
            return;
        }
        long cols = layout.columns(activation);
        long perSample = layout.rowsPerSample(activation);
        if (columns < 0) {
            columns = cols;
            rowsPerSample = perSample;
        } else {
            Preconditions.checkArgument(cols == columns && perSample == rowsPerSample,
                    "activation shape changed between batches: %s columns and %s rows per sample, then shape %s",
                    columns, rowsPerSample, Arrays.toString(activation.shape()));
        }
        long before = rowsSeen;
        long total = before + n * perSample;
        samplesSeen += n;
        rowsSeen = total;
        if (total < columns) {
            pending.add(layout.rows(activation, 0, n).dup());
            return;
        }
        long start = chooseStart(total, layout.rank() == 2 ? columns : layout.lineLength(activation));
        long end = start + columns;
        List<INDArray> parts = new ArrayList<>(2);
        if (start < before) {
            INDArray kept = concat(pending);
            parts.add(kept.get(NDArrayIndex.interval(start, before), NDArrayIndex.all()));
        }
        // rows [max(start, before), end) come from this batch; convert to a sample range first
        long r0 = Math.max(start, before) - before;
        long r1 = end - before;
        long s0 = r0 / perSample;
        long s1 = (r1 + perSample - 1) / perSample;
        INDArray sampleRows = layout.rows(activation, s0, s1);
        parts.add(sampleRows.get(NDArrayIndex.interval(r0 - s0 * perSample, r1 - s0 * perSample), NDArrayIndex.all()));
        block = concat(parts).dup('c');
        blockStart = start;
        pending.clear();
    }

    private long chooseStart(long totalRows, long line) {
        if (mode == BlockMode.FIRST) {
            return 0;
        }
        long choices = (totalRows - columns) / line + 1;
        return random.nextLong(choices) * line;
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /**
     * The block to score: {@code Q x Q} when complete, otherwise every row seen ({@code rows x Q}, fewer rows
     * than columns).
     *
     * @return the block to score: {@code Q x Q} when complete, otherwise every row seen ({@code rows x Q}, fewer rows
     *         than columns)
     * @throws IllegalStateException when no activation was ever offered
     */
    public INDArray block() {
        if (block != null) {
            return block;
        }
        Preconditions.checkState(!pending.isEmpty(), "no activation was offered to this sampler");
        return concat(pending);
    }

    /**
     * Whether the data ended before a full square block could be cut.
     *
     * @return true if the data ended before a full square block could be cut
     */
    public boolean isShort() {
        return block == null;
    }

    /**
     * Matrix columns {@code Q}, or -1 before the first batch.
     *
     * @return matrix columns {@code Q}, or -1 before the first batch
     */
    public long columns() {
        return columns;
    }

    /**
     * Rows one sample contributes.
     *
     * @return {@link ActivationLayout#rowsPerSample} of the first batch (1 for feed-forward), or 0 before it
     */
    public long rowsPerSample() {
        return rowsPerSample;
    }

    /**
     * Samples whose rows were available when the block was cut (or all samples seen, when short).
     *
     * @return the number of samples offered until the block was cut, or all of them while it is not
     */
    public long samplesSeen() {
        return samplesSeen;
    }

    /**
     * Distinct samples whose rows are in the block.
     *
     * @return distinct samples whose rows are in the block
     */
    public long samplesInBlock() {
        if (block == null) {
            return samplesSeen;
        }
        return (blockStart + columns - 1) / rowsPerSample - blockStart / rowsPerSample + 1;
    }

    /**
     * Rows available when the block was cut.
     *
     * @return the number of matrix rows offered until the block was cut, or all of them while it is not
     */
    public long rowsSeen() {
        return rowsSeen;
    }

    /**
     * First row of the block among the rows available (0 when short).
     *
     * @return first row of the block among the rows available (0 when short)
     */
    public long blockStart() {
        return blockStart;
    }

    /**
     * Samples needed for a square block: {@code ceil(Q / rowsPerSample)}.
     *
     * @return the number of samples a square block needs
     * @throws IllegalStateException before the first batch, when the matrix's shape is not known yet
     */
    public long samplesNeeded() {
        Preconditions.checkState(columns >= 0 && rowsPerSample > 0,
                "samplesNeeded() is known only after the first batch: no activation has been offered yet");
        return (columns + rowsPerSample - 1) / rowsPerSample;
    }
}
