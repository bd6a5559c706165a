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
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the axes of one activation array are laid out, and how NEAR turns it into a samples x neurons matrix.
 *
 * <p>A feed-forward activation {@code [N, F]} is already a matrix. An activation with a channel axis and
 * {@code k >= 1} other axes is turned into a {@code (N * prod(other axes)) x C} matrix exactly as the
 * reference does: in channels-first form {@code [N, C, d1, ..., dk]} the channel axis is swapped with the
 * last axis and the first {@code k + 1} axes are merged. For {@code NCHW} this orders rows by
 * (sample, width, height): row {@code r = n*W*H + w*H + h}; for a sequence {@code [N, F, T]} by (sample,
 * time). A channels-last array ({@code NHWC}, {@code NWC}) gives the same matrix as its channels-first
 * twin.
 *
 * <pre>{@code
 * ActivationLayout nchw = ActivationLayout.channelsFirst(4);
 * INDArray m = nchw.rows(featureMap, 0, 1); // image 0 as a (W*H) x C matrix
 * }</pre>
 */
public final class ActivationLayout {

    private static final ActivationLayout FEED_FORWARD = new ActivationLayout(2, false);

    private final int rank;
    private final boolean channelsLast;

    private ActivationLayout(int rank, boolean channelsLast) {
        this.rank = rank;
        this.channelsLast = channelsLast;
    }

    /**
     * A 2-D {@code [samples, features]} activation.
     *
     * @return the shared rank-2 layout, whose activation is already the matrix
     */
    public static ActivationLayout feedForward() {
        return FEED_FORWARD;
    }

    /**
     * {@code [N, C, ...]}: NCW, NCHW, NCDHW.
     *
     * @param rank the array's rank, 2 to 5 (2 gives {@link #feedForward()})
     * @return the channels-first layout of that rank
     * @throws IllegalArgumentException for a rank outside 2 to 5
     */
    public static ActivationLayout channelsFirst(int rank) {
        return of(rank, false);
    }

    /**
     * {@code [N, ..., C]}: NWC, NHWC, NDHWC.
     *
     * @param rank the array's rank, 2 to 5 (2 gives {@link #feedForward()})
     * @return the channels-last layout of that rank
     * @throws IllegalArgumentException for a rank outside 2 to 5
     */
    public static ActivationLayout channelsLast(int rank) {
        return of(rank, true);
    }

    /**
     * The layout of an array of the given rank.
     *
     * @param rank         2 for feed-forward, 3 for sequences and 1-D convolutions, 4 for images, 5 for volumes
     * @param channelsLast whether the channel axis is last (ignored for rank 2)
     * @return the layout; {@link #feedForward()} for rank 2
     * @throws IllegalArgumentException for a rank outside 2 to 5
     */
    public static ActivationLayout of(int rank, boolean channelsLast) {
        Preconditions.checkArgument(rank >= 2 && rank <= 5, "activation rank must be 2 to 5, got %s", rank);
        return rank == 2 ? FEED_FORWARD : new ActivationLayout(rank, channelsLast);
    }

    /**
     * The rank.
     *
     * @return the rank of the activations this layout reads, 2 to 5
     */
    public int rank() {
        return rank;
    }

    /**
     * Whether the channel axis is last.
     *
     * @return true for NWC, NHWC and NDHWC; false for channels-first and always for rank 2
     */
    public boolean isChannelsLast() {
        return channelsLast;
    }

    /**
     * Number of matrix columns (neurons or channels) of an activation in this layout.
     *
     * @param activation an array of this layout's rank, samples first
     * @return the size of its feature or channel axis
     * @throws IllegalArgumentException if the array has another rank
     */
    public long columns(INDArray activation) {
        check(activation);
        return channelsLast || rank == 2 ? activation.size(rank - 1) : activation.size(1);
    }

    /**
     * Number of matrix rows that one sample contributes (1 for feed-forward, H*W for an image).
     *
     * @param activation an array of this layout's rank, samples first
     * @return the product of the sizes of the axes other than samples and channels (1 for rank 2)
     * @throws IllegalArgumentException if the array has another rank
     */
    public long rowsPerSample(INDArray activation) {
        check(activation);
        long rows = 1;
        long[] shape = activation.shape();
        int[] perm = permutation();
        for (int i = 1; i < rank - 1; i++) {
            rows *= shape[perm[i]];
        }
        return rows;
    }

    /**
     * The length of a line: block starts in {@link BlockMode#RANDOM} mode are multiples of it, so that a
     * block starts at the top of a column strip of a feature map, at the start of a sequence, or (for
     * feed-forward outputs) at a multiple of the block size.
     *
     * @param activation an array of this layout's rank, samples first
     * @return the number of features for rank 2, the height H for an image, the length T for a sequence (the size of
     *         the axis that comes last before channels in the reference order)
     * @throws IllegalArgumentException if the array has another rank
     */
    public long lineLength(INDArray activation) {
        check(activation);
        if (rank == 2) {
            return activation.size(1);
        }
        return activation.shape()[permutation()[rank - 2]];
    }

    /**
     * The matrix rows of samples {@code [fromSample, toSample)}, in the reference's row order. A feed-forward
     * activation gives a view; other layouts give a copy of just those samples.
     *
     * @param activation an array of this layout's rank, samples first
     * @param fromSample first sample, inclusive, at least 0
     * @param toSample   end sample, exclusive, greater than {@code fromSample} and at most the number of samples
     * @return a matrix of {@code (toSample - fromSample) * rowsPerSample} rows and {@link #columns} columns
     * @throws IllegalArgumentException if the array has another rank or the sample range is empty or out of bounds
     */
    public INDArray rows(INDArray activation, long fromSample, long toSample) {
        check(activation);
        Preconditions.checkArgument(0 <= fromSample && fromSample < toSample && toSample <= activation.size(0),
                "sample range [%s, %s) outside [0, %s)", fromSample, toSample, activation.size(0));
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(fromSample, toSample);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        INDArray samples = (fromSample == 0 && toSample == activation.size(0)) ? activation : activation.get(idx);
        if (rank == 2) {
            return samples;
        }
        long rows = (toSample - fromSample) * rowsPerSample(activation);
        return samples.permute(permutation()).dup('c').reshape('c', rows, columns(activation));
    }

    /** Axis permutation from this layout to the reference order: channels-first with axis 1 and the last axis swapped. */
    private int[] permutation() {
        int[] p = new int[rank];
        if (rank == 2) {
            p[1] = 1;
            return p;
        }
        if (!channelsLast) {
            // [N, C, d1..dk]: swap axis 1 and the last axis
            for (int i = 0; i < rank; i++) {
                p[i] = i;
            }
            p[1] = rank - 1;
            p[rank - 1] = 1;
        } else {
            // [N, d1..dk, C] -> [N, dk, d1..d(k-1), C], the same order as the channels-first twin
            p[1] = rank - 2;
            for (int i = 2; i < rank - 1; i++) {
                p[i] = i - 1;
            }
            p[rank - 1] = rank - 1;
        }
        return p;
    }

    private void check(INDArray activation) {
        Preconditions.checkArgument(activation.rank() == rank, "expected a rank-%s activation, got shape %s", rank,
                Arrays.toString(activation.shape()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationLayout && ((ActivationLayout) o).rank == rank
                && ((ActivationLayout) o).channelsLast == channelsLast;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rank, channelsLast);
    }

    @Override
    public String toString() {
        switch (rank) {
            case 2: return "FF";
            case 3: return channelsLast ? "NWC" : "NCW";
            case 4: return channelsLast ? "NHWC" : "NCHW";
            default: return channelsLast ? "NDHWC" : "NCDHW";
        }
    }
}
