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

import com.google.common.base.Preconditions;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed.
 *
 * <pre>{@code
 * byte[][] images = IdxFiles.readImages(dir.resolve("train-images-idx3-ubyte.gz"), 1000); // 1000 x 784
 * byte[] labels = IdxFiles.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"), 1000);
 * }</pre>
 */
public final class IdxFiles {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /**
     * Reads up to {@code max} images of an idx3 file, each flattened row by row.
     *
     * @param file an idx3 image file, gzip-compressed when its name ends in {@code .gz}
     * @param max  the most images to read, at least 0
     * @return {@code [n][rows*cols]} unsigned pixel bytes, n the smaller of {@code max} and the file's count
     * @throws IllegalArgumentException if the file does not exist or {@code max} is negative
     * @throws IOException              if the file cannot be read, is truncated or is no IDX image file
     */
    public static byte[][] readImages(Path file, int max) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, max, file.toString());
        }
    }

    /**
     * Reads up to {@code max} images from an idx3 stream (see {@link #readImages(Path, int)}).
     *
     * @param raw  an uncompressed idx3 stream, read from its start (not closed)
     * @param max  the most images to read, at least 0
     * @param what a name for the stream in error messages, e.g. the file name
     * @return {@code [n][rows*cols]} unsigned pixel bytes, n the smaller of {@code max} and the stream's count
     * @throws IOException if the stream cannot be read, is truncated, is no IDX image stream or has a corrupt header
     */
    public static byte[][] readImages(InputStream raw, int max, String what) throws IOException {
        Preconditions.checkArgument(max >= 0, "max must be >= 0");
        DataInputStream in = new DataInputStream(raw);
        int magic = in.readInt();
        if (magic != IMAGES_MAGIC) {
            throw new IOException(what + " is not an IDX image file (magic " + Integer.toHexString(magic) + ")");
        }
        int count = in.readInt();
        int rows = in.readInt();
        int cols = in.readInt();
        if (count < 0 || rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new IOException(what + " has a corrupt header: " + count + " images of " + rows + " x " + cols);
        }
        int n = Math.min(count, max);
        int size = rows * cols;
        byte[][] out = new byte[n][size];
        for (int i = 0; i < n; i++) {
            readFully(in, out[i], what);
        }
        return out;
    }

    /**
     * Reads up to {@code max} labels of an idx1 file.
     *
     * @param file an idx1 label file, gzip-compressed when its name ends in {@code .gz}
     * @param max  the most labels to read, at least 0
     * @return one unsigned label byte per example, as many as the smaller of {@code max} and the file's count
     * @throws IllegalArgumentException if the file does not exist
     * @throws IOException              if the file cannot be read, is truncated or is no IDX label file
     */
    public static byte[] readLabels(Path file, int max) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, max, file.toString());
        }
    }

    /**
     * Reads up to {@code max} labels from an idx1 stream.
     *
     * @param raw  an uncompressed idx1 stream, read from its start (not closed)
     * @param max  the most labels to read, at least 0
     * @param what a name for the stream in error messages, e.g. the file name
     * @return one unsigned label byte per example, as many as the smaller of {@code max} and the stream's count
     * @throws IOException if the stream cannot be read, is truncated, is no IDX label stream or has a corrupt header
     */
    public static byte[] readLabels(InputStream raw, int max, String what) throws IOException {
        Preconditions.checkArgument(max >= 0, "max must be >= 0");
        DataInputStream in = new DataInputStream(raw);
        int magic = in.readInt();
        if (magic != LABELS_MAGIC) {
            throw new IOException(what + " is not an IDX label file (magic " + Integer.toHexString(magic) + ")");
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException(what + " has a corrupt header: " + count + " labels");
        }
        int n = Math.min(count, max);
        byte[] out = new byte[n];
        readFully(in, out, what);
        return out;
    }

    private static void readFully(DataInputStream in, byte[] b, String what) throws IOException {
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException(what + " is truncated", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        Preconditions.checkArgument(Files.isRegularFile(file), "no such file: %s", file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
