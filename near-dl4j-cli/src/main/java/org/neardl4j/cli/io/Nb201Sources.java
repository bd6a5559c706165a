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

import com.google.common.collect.ImmutableList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.data.Cifar10;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * NAS-Bench-201 networks for the command line ({@code --nb201 CELL|FILE}): a cell string in NAS-Bench-201's notation
 * ({@code |nor_conv_3x3~0|+|...|}) or a file of them, and the images bundled in the jar that score them when no
 * {@code --input} is given: for CIFAR-10 the first 64 CIFAR-10 test images, for CIFAR-100 the first 100 CIFAR-100 test
 * images, for ImageNet16-120 the 120 stand-in images (as many as the logits' columns need), each normalised as
 * NAS-Bench-201 trains on that dataset. A file holds one cell string per line (blank lines and lines starting with
 * {@code #} are skipped), or is a CSV with a {@code cellstr} column (as the bundled {@code nb201_cifar10_1000.csv}).
 *
 * <pre>{@code
 * List<Nb201Cell> cells = Nb201Sources.cells("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|");
 * INDArray x = Nb201Sources.bundledImages(64, DataType.FLOAT);   // [64, 3, 32, 32], normalised as NAS-Bench-201
 * INDArray y = Nb201Sources.bundledImages(Nb201Dataset.IMAGENET16_120, DataType.FLOAT);   // [120, 3, 16, 16]
 * }</pre>
 */
public final class Nb201Sources {

    /** The bundled images: the first 512 CIFAR-10 test images, uint8 NCHW. */
    public static final String IMAGES = "nb201/cifar10_test_0_511_uint8.npy";
    /** How many bundled images score an NB201 network without {@code --input}: the reference's one batch of 64. */
    public static final int DEFAULT_IMAGES = 64;
    /** The bundled CIFAR-100 images: the first 128 CIFAR-100 test images, uint8 NCHW. */
    public static final String CIFAR100_IMAGES = "nats-tss/cifar100_test_0_127_uint8.npy";
    /** The bundled ImageNet16-120 stand-ins: one real ImageNet photo per class, 16x16, uint8 NCHW. */
    public static final String IMAGENET16_IMAGES = "nats-tss/imagenet16_120_samples_uint8.npy";

    private Nb201Sources() {
    }

    /**
     * The cells an {@code --nb201} argument names.
     *
     * @param arg a cell string, or a file of them
     * @return the cells, in order
     * @throws InvalidInputException for a malformed cell string (naming the bad token and its position, and the
     *                               file and line when it comes from a file), a missing or unreadable file, or a
     *                               file without cells
     */
    public static ImmutableList<Nb201Cell> cells(String arg) throws InvalidInputException {
        String a = arg.strip();
        if (a.startsWith("|")) {
            try {
                return ImmutableList.of(Nb201Cell.parse(a));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--nb201 '" + a + "': " + InvalidInputException.oneLine(e), e);
            }
        }
        Path file = Paths.get(a);
        String what = "NB201 file " + file;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + ": file not found (--nb201 takes a cell string such as"
                    + " '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|' or a file of them)");
        }
        List<Nb201Cell> cells = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean csv = !lines.isEmpty() && lines.get(0).contains("cellstr");
            if (csv) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                    for (CSVRecord rec : p) {
                        cells.add(parse(rec.get("cellstr"), what, rec.getRecordNumber() + 1));
                    }
                }
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        cells.add(parse(line, what, i + 1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidCellException) {
                throw new InvalidInputException(e.getMessage(), e.getCause());
            }
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        if (cells.isEmpty()) {
            throw new InvalidInputException(what + " holds no cell string");
        }
        return ImmutableList.copyOf(cells);
    }

    /** A bad cell in a file, carried out of the CSV loop. */
    private static final class InvalidCellException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidCellException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Nb201Cell parse(String s, String what, long line) {
        try {
            return Nb201Cell.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidCellException(what + " line " + line + ": " + InvalidInputException.oneLine(e), e);
        }
    }

    /**
     * The first {@code n} bundled CIFAR-10 test images, normalised as NAS-Bench-201 trains ({@link Cifar10#normalise}).
     *
     * @param n    how many (1..512)
     * @param type the floating-point type
     * @return {@code [n, 3, 32, 32]}
     */
    public static INDArray bundledImages(int n, DataType type) {
        try (InputStream in = Nb201Sources.class.getClassLoader().getResourceAsStream(IMAGES)) {
            if (in == null) {
                throw new IllegalStateException("bundled images " + IMAGES + " not found on the class path");
            }
            INDArray raw = Cifar10.readImages(in);
            int k = (int) Math.min(n, raw.size(0));
            return Cifar10.normalise(raw.get(NDArrayIndex.interval(0, k), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c'), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled images " + IMAGES, e);
        }
    }

    /** The labels of the bundled images ({@code int64 [512]}, CIFAR-10 classes 0..9). */
    public static final String LABELS = "nb201/cifar10_test_0_511_labels.npy";

    /**
     * The labels of the first {@code n} bundled images.
     *
     * @param n how many (1..512)
     * @return class indices {@code [n]}, INT64
     */
    public static INDArray bundledLabels(int n) {
        try (InputStream in = Nb201Sources.class.getClassLoader().getResourceAsStream(LABELS)) {
            if (in == null) {
                throw new IllegalStateException("bundled labels " + LABELS + " not found on the class path");
            }
            INDArray all = Cifar10.readLabels(in);
            return all.get(NDArrayIndex.interval(0, Math.min(n, all.size(0)))).dup();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled labels " + LABELS, e);
        }
    }

    /**
     * How many bundled images score a dataset's network without {@code --input}: 64 for CIFAR-10 (the reference's
     * batch), 100 for CIFAR-100 and 120 for ImageNet16-120 (the classifier's width: a square logits matrix).
     *
     * @param dataset the dataset
     * @return the number of images
     */
    public static int defaultImages(Nb201Dataset dataset) {
        return switch (dataset) {
            case CIFAR10 -> DEFAULT_IMAGES;
            case CIFAR100 -> 100;
            case IMAGENET16_120 -> 120;
        };
    }

    /**
     * The bundled images of a dataset, {@link #defaultImages} of them, normalised as NAS-Bench-201 trains on it.
     *
     * @param dataset the dataset
     * @param type    the floating-point type
     * @return {@code [n, 3, size, size]}
     */
    public static INDArray bundledImages(Nb201Dataset dataset, DataType type) {
        if (dataset == Nb201Dataset.CIFAR10) {
            return bundledImages(DEFAULT_IMAGES, type);
        }
        String resource = dataset == Nb201Dataset.CIFAR100 ? CIFAR100_IMAGES : IMAGENET16_IMAGES;
        try (InputStream in = Nb201Sources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled images " + resource + " not found on the class path");
            }
            INDArray raw = Cifar10.readImages(in);
            int k = (int) Math.min(defaultImages(dataset), raw.size(0));
            return dataset.normalise(raw.get(NDArrayIndex.interval(0, k), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c'), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled images " + resource, e);
        }
    }

    /**
     * How a dataset's bundled images are described in the output.
     *
     * @param dataset the dataset
     * @param n       how many were used
     * @return e.g. {@code bundled nats-tss/cifar100_test_0_127_uint8.npy (real CIFAR-100 test images 0..99, ...)}
     */
    public static String describeImages(Nb201Dataset dataset, long n) {
        return switch (dataset) {
            case CIFAR10 -> describeImages(n);
            case CIFAR100 -> "bundled " + CIFAR100_IMAGES + " (real CIFAR-100 test images 0.." + (n - 1)
                    + ", normalised as NAS-Bench-201)";
            case IMAGENET16_120 -> "bundled " + IMAGENET16_IMAGES + " (" + n + " real ImageNet photos downsampled to"
                    + " 16x16, one per ImageNet16-120 class: stand-ins for the benchmark's images; normalised as"
                    + " NAS-Bench-201)";
        };
    }

    /**
     * How the bundled images are described in the output.
     *
     * @param n how many were used
     * @return e.g. {@code bundled nb201/cifar10_test_0_511_uint8.npy (real CIFAR-10 test images 0..63, normalised as NAS-Bench-201)}
     */
    public static String describeImages(long n) {
        return "bundled " + IMAGES + " (real CIFAR-10 test images 0.." + (n - 1) + ", normalised as NAS-Bench-201)";
    }
}
