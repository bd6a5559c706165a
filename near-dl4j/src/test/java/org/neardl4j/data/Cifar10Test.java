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
package org.neardl4j.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .npy reader and NAS-Bench-201's normalisation on hand-written files. */
class Cifar10Test {

    /** A version-1.0 .npy file as NumPy writes it (header padded with spaces to a multiple of 64, ending in \n). */
    static byte[] npy(String descr, long[] shape, byte[] data) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int len = dict.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        return out.toByteArray();
    }

    @Test
    void readsUint8ImagesAndNormalises() throws IOException {
        byte[] px = new byte[2 * 3 * 2 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 11);                // up to 253: values above 127 must stay unsigned
        }
        INDArray raw = Cifar10.readImages(new ByteArrayInputStream(npy("|u1", new long[] {2, 3, 2, 2}, px)));
        assertArrayEquals(new long[] {2, 3, 2, 2}, raw.shape());
        assertEquals(253, raw.getInt(1, 2, 1, 1));
        assertEquals(11 * 5, raw.getInt(0, 1, 0, 1));
        INDArray x = Cifar10.normalise(raw, DataType.FLOAT);
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals((253 / 255.0 - 0.4465) / 0.2616, x.getDouble(1, 2, 1, 1), 1e-6);
        assertEquals((55 / 255.0 - 0.4822) / 0.2435, x.getDouble(0, 1, 0, 1), 1e-6);
        assertEquals((0 - 0.4914) / 0.2470, x.getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(253, raw.getInt(1, 2, 1, 1));              // the argument is unchanged
    }

    @Test
    void readsInt64LabelsAndOneHot() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(3).putLong(9).putLong(0);
        INDArray labels = Cifar10.readLabels(new ByteArrayInputStream(npy("<i8", new long[] {3}, b.array())));
        assertArrayEquals(new long[] {3, 9, 0}, labels.toLongVector());
        INDArray y = Cifar10.oneHot(labels);
        assertArrayEquals(new long[] {3, 10}, y.shape());
        assertEquals(1.0, y.getDouble(1, 9), 0);
        assertEquals(3.0, y.sumNumber().doubleValue(), 0);
    }

    @Test
    void rejectsOtherFiles() throws IOException {
        byte[] f4 = npy("<f4", new long[] {1, 3, 1, 1}, new byte[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cifar10.readImages(new ByteArrayInputStream(f4)));
        assertTrue(e.getMessage().contains("'<f4'"), e.getMessage());
        byte[] rank2 = npy("|u1", new long[] {2, 3}, new byte[6]);
        assertThrows(IllegalArgumentException.class, () -> Cifar10.readImages(new ByteArrayInputStream(rank2)));
        assertThrows(IllegalArgumentException.class,
                () -> Cifar10.readImages(new ByteArrayInputStream("not npy at all".getBytes(StandardCharsets.UTF_8))));
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(10);
        INDArray bad = Cifar10.readLabels(new ByteArrayInputStream(npy("<i8", new long[] {1}, b.array())));
        assertThrows(IllegalArgumentException.class, () -> Cifar10.oneHot(bad));
    }
}
