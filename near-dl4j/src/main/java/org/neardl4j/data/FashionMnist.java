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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Fashion-MNIST from local IDX files (Debian package {@code dataset-fashion-mnist}, or any directory holding
 * {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...}). Images are
 * {@code [N, 784]} floats in [0, 1] (pixel / 255, rows of 28 pixels in order), labels one-hot {@code [N, 10]},
 * examples in file order.
 *
 * <pre>{@code
 * DataSetIterator train = FashionMnist.iterator(FashionMnist.Split.TRAIN, 20_000, 128);
 * DataSet test = FashionMnist.load(FashionMnist.Split.TEST, 10_000);
 * }</pre>
 *
 * <p>The directory is {@code -Dnear.fashionmnist.dir}, else the environment variable {@code FASHION_MNIST_DIR},
 * else {@value #DEFAULT_DIR}.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";

    /** The ten class names, by label. */
    public static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"};

    /** Training (60,000 images) or test (10,000 images) split. */
    public enum Split {
        /** The 60,000 training images ({@code train-*} files). */
        TRAIN("train"),
        /** The 10,000 test images ({@code t10k-*} files). */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private FashionMnist() {
    }

    /**
     * The directory the files are read from.
     *
     * @return {@code -Dnear.fashionmnist.dir} if set and not empty, else {@code FASHION_MNIST_DIR}, else
     *         {@link #DEFAULT_DIR}; it need not exist
     */
    public static Path directory() {
        String dir = System.getProperty("near.fashionmnist.dir");
        if (dir == null || dir.isEmpty()) {
            dir = System.getenv("FASHION_MNIST_DIR");
        }
        return Paths.get(dir == null || dir.isEmpty() ? DEFAULT_DIR : dir);
    }

    /**
     * Whether the files of both splits are present in {@link #directory()}.
     *
     * @return true if images and labels of both splits are there, plain or {@code .gz}
     */
    public static boolean isAvailable() {
        Path d = directory();
        for (Split s : Split.values()) {
            if (find(d, s.prefix + "-images-idx3-ubyte") == null || find(d, s.prefix + "-labels-idx1-ubyte") == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first {@code max} examples of a split as one DataSet.
     *
     * @param split {@link Split#TRAIN} or {@link Split#TEST}; not null
     * @param max   the most examples to read, at least 1; a larger value than the split holds gives the whole split
     * @return features {@code [n, 784]} in [0, 1] and one-hot labels {@code [n, 10]}, from {@link #directory()}
     * @throws IllegalStateException if the split's files are not in {@link #directory()}
     */
    public static DataSet load(Split split, int max) {
        return load(directory(), split, max);
    }

    /**
     * The first {@code max} examples of a split, from {@code dir}.
     *
     * @param dir   a directory holding the split's images and labels files, plain or {@code .gz}; not null
     * @param split {@link Split#TRAIN} or {@link Split#TEST}; not null
     * @param max   the most examples to read, at least 1; a larger value than the split holds gives the whole split
     * @return features {@code [n, 784]} in [0, 1] and one-hot labels {@code [n, 10]}, in file order
     * @throws IllegalArgumentException if {@code max} is below 1
     * @throws IllegalStateException    if the split's files are not in {@code dir}
     * @throws java.io.UncheckedIOException if a file cannot be read or is malformed
     */
    public static DataSet load(Path dir, Split split, int max) {
        Preconditions.checkArgument(max > 0, "max must be positive, got %s", max);
        Path images = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labels = find(dir, split.prefix + "-labels-idx1-ubyte");
        if (images == null || labels == null) {
            throw new IllegalStateException("Fashion-MNIST " + split + " files not found in " + dir
                    + " (install the Debian package dataset-fashion-mnist, or set -Dnear.fashionmnist.dir)");
        }
        try {
            return toDataSet(IdxFiles.readImages(images, max), IdxFiles.readLabels(labels, max));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Images and labels as a DataSet: features {@code [N, 784]} in [0, 1], one-hot labels {@code [N, 10]}.
     *
     * @param images one array of unsigned pixel bytes per example, all of the same length (784 for Fashion-MNIST)
     * @param labels one unsigned class byte per example, 0 to 9, as many as images
     * @return float features {@code [N, pixels]} (pixel / 255) and float one-hot labels {@code [N, 10]}
     * @throws IllegalArgumentException if the counts differ, the images differ in length, or a label is 10 or more
     */
    public static DataSet toDataSet(byte[][] images, byte[] labels) {
        Preconditions.checkArgument(images.length == labels.length, "%s images but %s labels", images.length,
                labels.length);
        int n = images.length;
        int size = n == 0 ? 0 : images[0].length;
        float[] f = new float[n * size];
        float[] l = new float[n * 10];
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(images[i].length == size, "image %s has %s pixels, image 0 has %s", i,
                    images[i].length, size);
            for (int j = 0; j < size; j++) {
                f[i * size + j] = (images[i][j] & 0xFF) / 255f;
            }
            int label = labels[i] & 0xFF;
            Preconditions.checkArgument(label < 10, "label %s out of range at example %s", label, i);
            l[i * 10 + label] = 1f;
        }
        INDArray features = Nd4j.create(f, new long[] {n, size}, DataType.FLOAT);
        INDArray oneHot = Nd4j.create(l, new long[] {n, 10}, DataType.FLOAT);
        return new DataSet(features, oneHot);
    }

    /**
     * An iterator over the first {@code max} examples of a split, in batches of {@code batchSize}.
     *
     * @param split     {@link Split#TRAIN} or {@link Split#TEST}; not null
     * @param max       the most examples to read (all loaded at once), at least 1
     * @param batchSize examples per batch
     * @return an iterator over the examples of {@link #load(Split, int)}, in file order; it supports reset
     * @throws IllegalStateException if the split's files are not in {@link #directory()}
     */
    public static DataSetIterator iterator(Split split, int max, int batchSize) {
        return new ViewIterator(load(split, max), batchSize);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
