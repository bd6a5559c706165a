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
package org.neardl4j.cli.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks {@link NpyFiles} makes before handing a file to ND4J's native reader, which would abort the JVM
 * (big-endian) or silently misread (Fortran order, truncated data).
 */
class NpyFilesTest {

    @TempDir
    Path dir;

    /** A version-1.0 .npy file with the given header fields and raw data bytes. */
    private Path npy(String name, int major, String descr, String fortran, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x93);
        b.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        b.write(major);
        b.write(0);
        b.write(header.length & 0xFF);
        b.write(header.length >> 8);
        b.writeBytes(header);
        b.writeBytes(data);
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    private static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private String error(Path file) {
        return assertThrows(InvalidInputException.class, () -> NpyFiles.read(file)).getMessage();
    }

    @Test
    void readsWhatNumpyWrites() throws IOException, InvalidInputException {
        Path f = npy("ok.npy", 1, "<f4", "False", "(2, 3)", floats(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5));
        NpyFiles.Header h = NpyFiles.readHeader(f);
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertEquals(DataType.FLOAT, h.dataType());
        assertEquals(6, h.length());
        assertEquals(0, h.dataOffset() % 64, "numpy aligns the data to 64 bytes");
        INDArray a = NpyFiles.read(f);
        assertEquals(Nd4j.create(new float[] {0, 1, 2, 3, 4, 5}, new long[] {2, 3}, 'c'), a);
    }

    @Test
    void readsWhatNd4jWrites() throws IOException, InvalidInputException {
        INDArray x = Nd4j.create(new double[] {1.5, -2, 3, 4}, new long[] {4, 1}, 'c');
        Path f = dir.resolve("nd4j.npy");
        Nd4j.writeAsNumpy(x, f.toFile());
        assertEquals(DataType.DOUBLE, NpyFiles.readHeader(f).dataType());
        assertEquals(x, NpyFiles.read(f));
    }

    @Test
    void integersAreRead() throws IOException, InvalidInputException {
        Path f = npy("u8.npy", 1, "|u1", "False", "(1, 4)", new byte[] {0, 1, (byte) 200, (byte) 255});
        INDArray a = NpyFiles.read(f);
        assertEquals(DataType.UBYTE, a.dataType());
        assertArrayEquals(new double[] {0, 1, 200, 255}, a.castTo(DataType.DOUBLE).toDoubleVector(), 0.0);
    }

    @Test
    void rejectsBigEndian() throws IOException, InvalidInputException {
        Path f = npy("be.npy", 1, ">f4", "False", "(2, 2)", floats(ByteOrder.BIG_ENDIAN, 1, 2, 3, 4));
        assertTrue(error(f).contains("little-endian"), error(f));
    }

    @Test
    void rejectsFortranOrder() throws IOException, InvalidInputException {
        Path f = npy("f.npy", 1, "<f4", "True", "(2, 2)", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        assertTrue(error(f).contains("Fortran order"), error(f));
    }

    @Test
    void rejectsTruncatedData() throws IOException, InvalidInputException {
        Path f = npy("t.npy", 1, "<f4", "False", "(2, 3)", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5));
        String m = error(f);
        assertTrue(m.contains("truncated") && m.contains("[2, 3]"), m);
    }

    @Test
    void rejectsEmptyArrays() throws IOException, InvalidInputException {
        Path f = npy("e.npy", 1, "<f8", "False", "(0, 10)", new byte[0]);
        assertTrue(error(f).contains("is empty (shape [0, 10])"), error(f));
    }

    @Test
    void rejectsOtherTypesAndVersions() throws IOException, InvalidInputException {
        Path b = npy("b.npy", 1, "|b1", "False", "(1, 2)", new byte[] {1, 0});
        assertTrue(error(b).contains("'|b1'"), error(b));
        Path s = npy("s.npy", 1, "<U3", "False", "(1,)", new byte[12]);
        assertTrue(error(s).contains("'<U3'"), error(s));
        Path v2 = npy("v2.npy", 2, "<f4", "False", "(1,)", new byte[4]);
        assertTrue(error(v2).contains("version 2.0"), error(v2));
    }

    @Test
    void rejectsFilesThatAreNotNpy() throws IOException, InvalidInputException {
        Path f = Files.writeString(dir.resolve("x.npy"), "this is a text file, not an array");
        assertTrue(error(f).contains("not a NumPy .npy file"), error(f));
        Path tiny = Files.write(dir.resolve("tiny.npy"), new byte[] {(byte) 0x93, 'N'});
        assertTrue(error(tiny).contains("not a NumPy .npy file"), error(tiny));
        assertTrue(error(dir.resolve("missing.npy")).contains("file not found"));
        assertTrue(error(dir).contains("not a readable file"));
    }
}
