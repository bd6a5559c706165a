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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.Independent;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Row order, columns, rows per sample and line length of every layout against hand-made index loops. */
class ActivationLayoutTest {

    /** Distinct sizes on every axis, so that a swapped axis cannot go unnoticed. */
    private static long[] shape(String layout) {
        switch (layout) {
            case "FF": return new long[] {5, 7};
            case "NCW": return new long[] {3, 4, 5};        // N, C, T
            case "NWC": return new long[] {3, 5, 4};        // N, T, C
            case "NCHW": return new long[] {3, 4, 5, 2};    // N, C, H, W
            case "NHWC": return new long[] {3, 5, 2, 4};    // N, H, W, C
            case "NCDHW": return new long[] {2, 4, 3, 5, 2}; // N, C, D, H, W
            case "NDHWC": return new long[] {2, 3, 5, 2, 4}; // N, D, H, W, C
            default: throw new IllegalArgumentException(layout);
        }
    }

    private static ActivationLayout layout(String name) {
        if (name.equals("FF")) {
            return ActivationLayout.feedForward();
        }
        boolean last = name.endsWith("C");
        return ActivationLayout.of(name.length(), last);
    }

    private static INDArray distinctValues(long[] shape) {
        // value = flat index + 1: every entry differs, so any misplaced entry shows
        double[] v = new double[(int) prod(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private static long prod(long[] s) {
        long p = 1;
        for (long v : s) {
            p *= v;
        }
        return p;
    }

    private static double[][] toArray(INDArray m) {
        return m.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @ParameterizedTest
    @CsvSource({"FF", "NCW", "NWC", "NCHW", "NHWC", "NCDHW", "NDHWC"})
    void rowsFollowTheReferenceOrder(String name) {
        INDArray a = distinctValues(shape(name));
        ActivationLayout l = layout(name);
        double[][] want = Independent.matrix(a, name);
        double[][] got = toArray(l.rows(a, 0, a.size(0)));
        assertEquals(want.length, got.length, "rows");
        for (int r = 0; r < want.length; r++) {
            assertArrayEquals(want[r], got[r], 0.0, name + " row " + r);
        }
        // a range of samples gives exactly those samples' rows
        int perSample = want.length / (int) a.size(0);
        double[][] part = toArray(l.rows(a, 1, 2));
        assertEquals(perSample, part.length);
        for (int r = 0; r < perSample; r++) {
            assertArrayEquals(want[perSample + r], part[r], 0.0, name + " sample 1 row " + r);
        }
    }

    @ParameterizedTest
    @CsvSource({
            // layout, columns, rows per sample, line length (the fastest-varying row axis)
            "FF, 7, 1, 7",
            "NCW, 4, 5, 5",
            "NWC, 4, 5, 5",
            "NCHW, 4, 10, 5",
            "NHWC, 4, 10, 5",
            "NCDHW, 4, 30, 5",
            "NDHWC, 4, 30, 5"})
    void sizes(String name, long columns, long perSample, long line) {
        INDArray a = distinctValues(shape(name));
        ActivationLayout l = layout(name);
        assertEquals(columns, l.columns(a));
        assertEquals(perSample, l.rowsPerSample(a));
        assertEquals(line, l.lineLength(a));
        assertEquals(name, l.toString());
        assertEquals(l, ActivationLayout.of(l.rank(), l.isChannelsLast()));
    }

    @Test
    void channelsLastTwinGivesTheSameMatrix() {
        INDArray nchw = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
        assertEquals(ActivationLayout.channelsFirst(4).rows(nchw, 0, 2),
                ActivationLayout.channelsLast(4).rows(nhwc, 0, 2));
        INDArray ncw = Nd4j.rand(DataType.DOUBLE, 2, 3, 6);
        assertEquals(ActivationLayout.channelsFirst(3).rows(ncw, 0, 2),
                ActivationLayout.channelsLast(3).rows(ncw.permute(0, 2, 1).dup('c'), 0, 2));
    }

    @Test
    void viewsAndFortranOrderGiveTheSameRows() {
        INDArray a = distinctValues(shape("NCHW"));
        double[][] want = Independent.matrix(a, "NCHW");
        assertArrayEquals(want, toArray(ActivationLayout.channelsFirst(4).rows(a.dup('f'), 0, 3)));
        INDArray permutedView = a.permute(0, 2, 3, 1);  // a strided NHWC view
        assertArrayEquals(want, toArray(ActivationLayout.channelsLast(4).rows(permutedView, 0, 3)));
    }

    @Test
    void badArgumentsAreNamed() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationLayout.feedForward().columns(a));
        assertEquals(true, e.getMessage().contains(Arrays.toString(a.shape())), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivationLayout.channelsFirst(4).rows(a, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ActivationLayout.channelsFirst(4).rows(a, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> ActivationLayout.of(6, false));
        assertThrows(IllegalArgumentException.class, () -> ActivationLayout.of(1, false));
    }
}
