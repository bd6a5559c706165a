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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.rank.EffectiveRank;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where the batches come from. Opened once (for the first repetition; later repetitions replay the batches
 * that were used), then closed.
 */
interface BatchSource {

    /** The batches, each one array per network input. */
    Iterator<INDArray[]> open();

    /** Whether a batch handed out so far came with a feature mask, which NEAR ignores. */
    default boolean sawMasks() {
        return false;
    }

    /** Called once the first repetition has taken what it needs. */
    default void close() {
    }

    /** One batch: the given arrays. */
    static BatchSource fromArrays(INDArray[] features) {
        return () -> ImmutableList.of(features).iterator();
    }

    /** The features of a DataSet iterator's batches (labels unused; masks noted). */
    static BatchSource fromDataSets(DataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        return new IteratorSource<>(data, data::resetSupported, data::reset, ds -> {
            Preconditions.checkArgument(ds.getFeatures() != null, "a DataSet without features");
            return new INDArray[] {ds.getFeatures()};
        }, ds -> ds.getFeaturesMaskArray() != null);
    }

    /** The features of a MultiDataSet iterator's batches (labels unused; masks noted). */
    static BatchSource fromMultiDataSets(MultiDataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        return new IteratorSource<>(data, data::resetSupported, data::reset, ds -> {
            Preconditions.checkArgument(ds.getFeatures() != null, "a MultiDataSet without features");
            return ds.getFeatures();
        }, ds -> ds.getFeaturesMaskArrays() != null
                && Arrays.stream(ds.getFeaturesMaskArrays()).anyMatch(m -> m != null));
    }

    /** Batches of a DL4J iterator, reset before and after use when it can be; remembers whether masks were seen. */
    final class IteratorSource<T> implements BatchSource {
        private final Iterator<T> data;
        private final BooleanSupplier resetSupported;
        private final Runnable reset;
        private final Function<T, INDArray[]> features;
        private final Predicate<T> hasMask;
        private boolean masked;

        IteratorSource(Iterator<T> data, BooleanSupplier resetSupported, Runnable reset,
                       Function<T, INDArray[]> features, Predicate<T> hasMask) {
            this.data = data;
            this.resetSupported = resetSupported;
            this.reset = reset;
            this.features = features;
            this.hasMask = hasMask;
        }

        @Override
        public Iterator<INDArray[]> open() {
            close();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return data.hasNext();
                }

                @Override
                public INDArray[] next() {
                    T item = data.next();
                    masked |= hasMask.test(item);
                    return features.apply(item);
                }
            };
        }

        @Override
        public boolean sawMasks() {
            return masked;
        }

        @Override
        public void close() {
            if (resetSupported.getAsBoolean()) {
                reset.run();
            }
        }
    }

    /** Applies {@code maxSamples}, checks every batch, and records the batches handed out. */
    static Iterator<INDArray[]> limited(Iterator<INDArray[]> it, List<INDArray[]> record, long maxSamples) {
        return new Iterator<>() {
            long remaining = maxSamples;

            @Override
            public boolean hasNext() {
                return remaining > 0 && it.hasNext();
            }

            @Override
            public INDArray[] next() {
                INDArray[] b = it.next();
                checkBatch(b);
                long n = b[0].size(0);
                if (n > remaining) {
                    INDArray[] cut = new INDArray[b.length];
                    for (int i = 0; i < b.length; i++) {
                        cut[i] = firstSamples(b[i], remaining);
                    }
                    b = cut;
                    n = remaining;
                }
                remaining -= n;
                record.add(b);
                return b;
            }
        };
    }

    /** Samples in the batches (the first input's rows). */
    static long countSamples(List<INDArray[]> batches) {
        long n = 0;
        for (INDArray[] b : batches) {
            n += b[0].size(0);
        }
        return n;
    }

    private static INDArray firstSamples(INDArray a, long n) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(0, n);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx);
    }

    private static void checkBatch(INDArray[] b) {
        Preconditions.checkArgument(b != null && b.length > 0, "a batch without input arrays");
        for (int i = 0; i < b.length; i++) {
            INDArray a = b[i];
            Preconditions.checkArgument(a != null, "input %s is null", i);
            Preconditions.checkArgument(a.rank() >= 2, "input %s must have rank >= 2 (samples first), got shape %s", i,
                    Arrays.toString(a.shape()));
            Preconditions.checkArgument(a.length() > 0, "input %s is empty (shape %s)", i, Arrays.toString(a.shape()));
            Preconditions.checkArgument(a.dataType().isFPType(), "input %s must be floating point, got %s", i, a.dataType());
            if (!EffectiveRank.isFinite(a)) {   // one reduction; which kind only on failure
                Preconditions.checkArgument(!a.isNaN().any(), "input %s contains NaN values", i);
                Preconditions.checkArgument(!a.isInfinite().any(), "input %s contains infinite values", i);
            }
        }
    }
}
