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
package org.neardl4j.benchmarks.nb201;

import org.junit.jupiter.api.Test;
import org.neardl4j.space.Nb201Cell;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The bundled NB201 data: 1,000 rows, the reference values, and the images against their raw bytes. */
class Nb201DataTest {

    @Test
    void tables() {
        assertEquals(1000, Nb201Data.archs().size());
        Nb201Data.Arch first = Nb201Data.archs().get(0);
        assertEquals(10, first.arch());
        assertEquals(0.802426, first.paramsMb(), 0);
        assertEquals(1000, Nb201Data.reference("near_reference").size());
        assertEquals(58.938004, Nb201Data.reference("near_reference").get(10), 0);
    }

    @Test
    void wholeSpace() {
        List<Nb201Data.Arch> space = Nb201Data.space();
        assertEquals(15625, space.size());
        Set<String> cells = new HashSet<>();
        for (int i = 0; i < space.size(); i++) {
            assertEquals(i, space.get(i).arch());
            cells.add(space.get(i).cell().toString());
        }
        // every cell of the space once
        assertEquals(Nb201Cell.all().stream().map(Nb201Cell::toString).collect(Collectors.toSet()), cells);
        // NAS-Bench-201 v1.0's best test and validation accuracies (its paper and the data's README)
        assertEquals(94.3733, space.stream().mapToDouble(Nb201Data.Arch::testAcc).max().orElseThrow(), 1e-9);
        assertEquals(91.6067, space.stream().mapToDouble(Nb201Data.Arch::validAcc).max().orElseThrow(), 1e-9);
        // the 1,000-cell table is a subset with the same values
        for (Nb201Data.Arch a : Nb201Data.archs()) {
            assertEquals(a, space.get(a.arch()));
        }
    }

    @Test
    void imagesMatchTheRawFile() throws IOException {
        byte[] raw;
        try (InputStream in = Nb201Data.class.getResourceAsStream("/nb201/cifar10_test_0_511_uint8.npy")) {
            assertNotNull(in);
            raw = in.readAllBytes();
        }
        int header = 10 + ((raw[8] & 0xff) | (raw[9] & 0xff) << 8);
        assertEquals(header + 512 * 3 * 32 * 32, raw.length);
        INDArray x = Nb201Data.images(3);
        assertArrayEquals(new long[] {3, 3, 32, 32}, x.shape());
        double[] mean = {0.4914, 0.4822, 0.4465};
        double[] std = {0.2470, 0.2435, 0.2616};
        // image 2, channel 1 (green), row 5, column 7: index ((2*3 + 1)*32 + 5)*32 + 7
        int b = raw[header + ((2 * 3 + 1) * 32 + 5) * 32 + 7] & 0xff;
        assertEquals((b / 255.0 - mean[1]) / std[1], x.getDouble(2, 1, 5, 7), 1e-6);
        int c = raw[header + 31 * 32 + 31] & 0xff;         // image 0, red, last pixel
        assertEquals((c / 255.0 - mean[0]) / std[0], x.getDouble(0, 0, 31, 31), 1e-6);
        INDArray y = Nb201Data.labels(5);
        assertEquals(5.0, y.sumNumber().doubleValue(), 0);
        // CIFAR-10 test batch: the first labels are cat, ship, ship, airplane, frog
        assertEquals(3, y.getRow(0).argMax().getInt(0));
        assertEquals(8, y.getRow(1).argMax().getInt(0));
        assertEquals(0, y.getRow(3).argMax().getInt(0));
        assertEquals(6, y.getRow(4).argMax().getInt(0));
    }
}
