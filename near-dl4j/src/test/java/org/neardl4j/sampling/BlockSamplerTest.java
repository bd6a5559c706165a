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

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.Independent;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The block a sampler cuts, against blocks cut by hand from the whole matrix. */
class BlockSamplerTest {

    private static INDArray samples(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }

    /** Feeds {@code a} in batches of {@code batch} samples. */
    private static BlockSampler feed(INDArray a, ActivationLayout l, int batch, BlockMode mode, long seed) {
        BlockSampler s = new BlockSampler(mode, new SplittableRandom(seed));
        for (long i = 0; i < a.size(0); i += batch) {
            s.accept(samples(a, i, Math.min(a.size(0), i + batch)), l);
        }
        return s;
    }

    private static void assertBlock(double[][] want, INDArray got, String what) {
        double[][] g = got.castTo(DataType.DOUBLE).toDoubleMatrix();
        assertEquals(want.length, g.length, what + ": rows");
        for (int r = 0; r < want.length; r++) {
            assertArrayEquals(want[r], g[r], 0.0, what + ": row " + r);
        }
    }

    @Test
    void firstBlockDoesNotDependOnBatching() {
        INDArray conv = Nd4j.rand(DataType.DOUBLE, 5, 7, 3, 2);      // C = 7 > H*W = 6 rows per image
        double[][] want = Independent.block(Independent.matrix(conv, "NCHW"), 0);
        INDArray dense = Nd4j.rand(DataType.DOUBLE, 10, 6);
        double[][] wantDense = Independent.block(Independent.matrix(dense, "FF"), 0);
        for (int batch : new int[] {1, 2, 5}) {
            BlockSampler s = feed(conv, ActivationLayout.channelsFirst(4), batch, BlockMode.FIRST, 1);
            assertTrue(s.isComplete());
            assertFalse(s.isShort());
            assertBlock(want, s.block(), "conv, batch " + batch);
            assertEquals(0, s.blockStart());
            assertEquals(2, s.samplesInBlock(), "7 rows from images of 6 rows");
            assertEquals(2, s.samplesNeeded());
            assertEquals(7, s.columns());
            assertEquals(6, s.rowsPerSample());
            BlockSampler d = feed(dense, ActivationLayout.feedForward(), batch, BlockMode.FIRST, 1);
            assertBlock(wantDense, d.block(), "dense, batch " + batch);
            assertEquals(6, d.samplesInBlock());
        }
    }

    @Test
    void laterBatchesAreIgnoredOnceComplete() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 4, 3);
        BlockSampler s = new BlockSampler(BlockMode.FIRST, new SplittableRandom(1));
        s.accept(a, ActivationLayout.feedForward());
        INDArray block = s.block().dup();
        // a batch of a different shape would be an error, but a complete sampler no longer looks
        s.accept(Nd4j.rand(DataType.DOUBLE, 4, 9), ActivationLayout.feedForward());
        assertEquals(block, s.block());
        assertEquals(4, s.samplesSeen());
    }

    @Test
    void blockIsACopy() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 4, 3);
        double[][] want = Independent.block(Independent.matrix(a, "FF"), 0);
        BlockSampler s = new BlockSampler(BlockMode.FIRST, new SplittableRandom(1));
        s.accept(a, ActivationLayout.feedForward());
        a.assign(-1);   // the caller reuses its array (ND4J activations run in place)
        assertBlock(want, s.block(), "block after the input was overwritten");

        INDArray b = Nd4j.rand(DataType.DOUBLE, 1, 3);
        double[][] wantShort = Independent.matrix(b, "FF");
        BlockSampler p = new BlockSampler(BlockMode.FIRST, new SplittableRandom(1));
        p.accept(b, ActivationLayout.feedForward());
        b.assign(-1);
        assertBlock(wantShort, p.block(), "pending rows after the input was overwritten");
    }

    @Test
    void randomStartsAreAlignedFitAndCoverEveryBlock() {
        // NCHW, C = 4, H = 3, W = 2: 6 rows per image, lines of H = 3 rows
        INDArray conv = Nd4j.rand(DataType.DOUBLE, 3, 4, 3, 2);
        double[][] m = Independent.matrix(conv, "NCHW");
        TreeSet<Long> starts = new TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            BlockSampler s = feed(conv, ActivationLayout.channelsFirst(4), 3, BlockMode.RANDOM, seed);
            long start = s.blockStart();
            assertEquals(0, start % 3, "start " + start + " is not at the top of a column strip");
            assertTrue(start + 4 <= m.length, "a full block must fit: start " + start);
            assertBlock(Independent.block(m, (int) start), s.block(), "seed " + seed);
            starts.add(start);
        }
        // 18 rows, block 4, lines of 3: starts 0, 3, ..., 12 all possible, the last one included
        assertEquals(new TreeSet<>(Arrays.asList(0L, 3L, 6L, 9L, 12L)), starts);

        // dense: starts are multiples of the block size, the last block included
        INDArray dense = Nd4j.rand(DataType.DOUBLE, 12, 4);
        TreeSet<Long> denseStarts = new TreeSet<>();
        for (long seed = 0; seed < 100; seed++) {
            BlockSampler s = feed(dense, ActivationLayout.feedForward(), 12, BlockMode.RANDOM, seed);
            assertBlock(Independent.block(Independent.matrix(dense, "FF"), (int) s.blockStart()), s.block(), "dense");
            denseStarts.add(s.blockStart());
        }
        assertEquals(new TreeSet<>(Arrays.asList(0L, 4L, 8L)), denseStarts);
    }

    @Test
    void randomStartAcrossBatchesIsChosenAmongTheRowsSeen() {
        // a sequence [N, F, T] with F = 5, T = 3: the block needs rows of two samples
        INDArray seq = Nd4j.rand(DataType.DOUBLE, 4, 5, 3);
        double[][] m = Independent.matrix(seq, "NCW");
        for (long seed = 0; seed < 50; seed++) {
            BlockSampler s = feed(seq, ActivationLayout.channelsFirst(3), 1, BlockMode.RANDOM, seed);
            assertTrue(s.isComplete());
            assertEquals(6, s.rowsSeen(), "cut as soon as two samples (6 >= 5 rows) were seen");
            assertEquals(0, s.blockStart() % 3);
            assertTrue(s.blockStart() + 5 <= 6);
            assertBlock(Independent.block(m, (int) s.blockStart()), s.block(), "seed " + seed);
        }
    }

    @Test
    void randomIsReproducibleForASeed() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 40, 4);
        long first = feed(a, ActivationLayout.feedForward(), 40, BlockMode.RANDOM, 99).blockStart();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, feed(a, ActivationLayout.feedForward(), 40, BlockMode.RANDOM, 99).blockStart());
        }
    }

    @Test
    void shortDataGivesTheRectangularMatrix() {
        INDArray dense = Nd4j.rand(DataType.DOUBLE, 3, 5);
        for (int batch : new int[] {1, 2, 3}) {
            BlockSampler s = feed(dense, ActivationLayout.feedForward(), batch, BlockMode.RANDOM, 3);
            assertTrue(s.isShort());
            assertFalse(s.isComplete());
            assertBlock(Independent.matrix(dense, "FF"), s.block(), "batch " + batch);
            assertEquals(3, s.rowsSeen());
            assertEquals(3, s.samplesSeen());
            assertEquals(5, s.samplesNeeded());
            assertEquals(0, s.blockStart());
        }
        // 10 channels, 2x2 maps: 4 rows per image, 2 images give 8 < 10 rows, 3 images would be needed
        INDArray conv = Nd4j.rand(DataType.DOUBLE, 2, 10, 2, 2);
        BlockSampler c = feed(conv, ActivationLayout.channelsFirst(4), 1, BlockMode.FIRST, 3);
        assertTrue(c.isShort());
        assertBlock(Independent.matrix(conv, "NCHW"), c.block(), "conv");
        assertEquals(3, c.samplesNeeded());
    }

    @Test
    void misuseIsReported() {
        BlockSampler s = new BlockSampler(BlockMode.FIRST, new SplittableRandom(1));
        assertThrows(IllegalStateException.class, s::block);
        assertEquals(-1, s.columns());
        IllegalStateException early = assertThrows(IllegalStateException.class, s::samplesNeeded);
        assertTrue(early.getMessage().contains("after the first batch"), early.getMessage());
        s.accept(Nd4j.rand(DataType.DOUBLE, 1, 5), ActivationLayout.feedForward());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.accept(Nd4j.rand(DataType.DOUBLE, 1, 6), ActivationLayout.feedForward()));
        assertTrue(e.getMessage().contains("shape changed"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new BlockSampler(null, new SplittableRandom(1)));
        assertThrows(NullPointerException.class, () -> new BlockSampler(BlockMode.FIRST, null));
    }
}
