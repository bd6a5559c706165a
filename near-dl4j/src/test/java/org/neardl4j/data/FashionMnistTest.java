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
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {

    @Test
    void readsPlainAndGzippedIdxFiles(@TempDir Path dir) throws IOException {
        writeImages(dir.resolve("train-images-idx3-ubyte.gz"), true);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), false);
        DataSet ds = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 10);
        assertEquals(3, ds.numExamples());
        assertEquals(4, ds.getFeatures().columns());
        assertEquals(255 / 255f, ds.getFeatures().getFloat(1, 2), 0f);
        assertEquals(7 / 255f, ds.getFeatures().getFloat(2, 3), 1e-7f);
        assertEquals(1f, ds.getLabels().getFloat(2, 9), 0f);
        assertEquals(1f, ds.getLabels().sum(1).minNumber().floatValue(), 0f);
        assertEquals(2, FashionMnist.load(dir, FashionMnist.Split.TRAIN, 2).numExamples());
    }

    /** The parity inputs are real Fashion-MNIST training images: the reader must reproduce them exactly. */
    @Test
    void realFilesMatchTheParityInputs() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FashionMnist.isAvailable() || "true".equals(System.getenv("CI")),
                "Fashion-MNIST not installed in " + FashionMnist.directory());
        DataSet train = FashionMnist.load(FashionMnist.Split.TRAIN, 181);
        org.nd4j.linalg.api.ndarray.INDArray mlp = org.neardl4j.ParityCases.mlpInput();
        assertEquals(mlp, train.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        org.nd4j.linalg.api.ndarray.INDArray cnn = org.neardl4j.ParityCases.cnnInput(org.deeplearning4j.nn.conf.CNN2DFormat.NCHW);
        assertEquals(cnn.reshape(16, 784), train.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(165, 181),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        assertEquals(10_000, FashionMnist.load(FashionMnist.Split.TEST, 20_000).numExamples());
    }

    @Test
    void missingFilesNameTheDirectory(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FashionMnist.load(dir, FashionMnist.Split.TEST, 5));
        assertEquals(true, e.getMessage().contains(dir.toString()));
    }

    @Test
    void wrongMagicIsAnError(@TempDir Path dir) throws IOException {
        writeLabels(dir.resolve("train-images-idx3-ubyte"), false);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), false);
        assertThrows(java.io.UncheckedIOException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 5));
    }

    @Test
    void badArgumentsAndCorruptHeadersAreErrors() throws IOException {
        java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(labels)) {
            d.writeInt(0x801);
            d.writeInt(-3);
        }
        IOException corrupt = assertThrows(IOException.class,
                () -> IdxFiles.readLabels(new java.io.ByteArrayInputStream(labels.toByteArray()), 5, "labels.idx"));
        assertTrue(corrupt.getMessage().contains("labels.idx has a corrupt header"), corrupt.getMessage());
        java.io.ByteArrayOutputStream images = new java.io.ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(images)) {
            d.writeInt(0x803);
            d.writeInt(3);
            d.writeInt(-2);
            d.writeInt(2);
        }
        assertThrows(IOException.class,
                () -> IdxFiles.readImages(new java.io.ByteArrayInputStream(images.toByteArray()), 5, "images.idx"));
        assertThrows(IllegalArgumentException.class,
                () -> IdxFiles.readLabels(new java.io.ByteArrayInputStream(labels.toByteArray()), -1, "labels.idx"));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.toDataSet(new byte[][] {{1, 2, 3}, {1, 2}}, new byte[] {0, 1}));
        assertTrue(ragged.getMessage().contains("image 1 has 2 pixels, image 0 has 3"), ragged.getMessage());
    }

    private static OutputStream out(Path p, boolean gz) throws IOException {
        OutputStream o = Files.newOutputStream(p);
        return gz ? new GZIPOutputStream(o) : o;
    }

    private static void writeImages(Path p, boolean gz) throws IOException {
        try (DataOutputStream d = new DataOutputStream(out(p, gz))) {
            d.writeInt(0x803);
            d.writeInt(3);
            d.writeInt(2);
            d.writeInt(2);
            d.write(new byte[] {0, 1, 2, 3, 4, 5, (byte) 255, 6, 8, 9, 10, 7});
        }
    }

    private static void writeLabels(Path p, boolean gz) throws IOException {
        try (DataOutputStream d = new DataOutputStream(out(p, gz))) {
            d.writeInt(0x801);
            d.writeInt(3);
            d.write(new byte[] {0, 4, 9});
        }
    }
}
