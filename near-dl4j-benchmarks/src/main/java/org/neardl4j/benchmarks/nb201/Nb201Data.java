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

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.data.Cifar10;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark data bundled with the command-line tool (provenance in each folder's README): from
 * {@code nb201/} 1,000 NAS-Bench-201 architectures with their published CIFAR-10 accuracies, the authors' NEAR
 * package's values for them, and the first 512 CIFAR-10 test images with labels; from {@code nats-tss/} the same
 * architectures' NATS-Bench accuracies on all three datasets and probe images for CIFAR-100 (128) and
 * ImageNet16-120 (120 stand-ins); from {@code nb101/} 200 NAS-Bench-101 cells with their accuracies and parameter
 * counts and the authors' NEAR package's values; and, from this module's {@code nb201-space/}, the published CIFAR-10
 * accuracies of all 15,625 NAS-Bench-201 cells.
 *
 * <pre>{@code
 * for (Nb201Data.Arch a : Nb201Data.archs()) { ... a.cell() ... a.testAcc() ... }
 * INDArray x = Nb201Data.images(64);            // normalised as NAS-Bench-201 trains, [64, 3, 32, 32] FLOAT
 * INDArray y = Nb201Data.images(Nb201Dataset.IMAGENET16_120, 120);   // [120, 3, 16, 16]
 * Map<Integer, Double> acc = Nb201Data.natsAccuracy(Nb201Dataset.CIFAR100);   // arch -> test accuracy (%)
 * }</pre>
 */
public final class Nb201Data {

    /** Resource folder of the data. */
    public static final String FOLDER = "/nb201/";

    private static INDArray images;
    private static INDArray labels;
    private static final Map<Nb201Dataset, INDArray[]> OTHER = new EnumMap<>(Nb201Dataset.class);

    private Nb201Data() {
    }

    /**
     * One row of {@code nb201_cifar10_1000.csv}.
     *
     * @param arch     the architecture's index in NAS-Bench-201
     * @param cellstr  its cell string
     * @param paramsMb parameters in millions (the table's count, 6 significant digits)
     * @param testAcc  CIFAR-10 test accuracy (%) after 200 epochs
     * @param validAcc cifar10-valid accuracy (%)
     */
    public record Arch(int arch, String cellstr, double paramsMb, double testAcc, double validAcc) {

        /**
         * The parsed cell.
         *
         * @return the cell of {@link #cellstr()}
         */
        public Nb201Cell cell() {
            return Nb201Cell.parse(cellstr);
        }
    }

    private static Iterable<CSVRecord> csv(String name, Reader r) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
    }

    private static InputStream open(String name) {
        return openResource(FOLDER + name);
    }

    private static InputStream openResource(String path) {
        InputStream in = Nb201Data.class.getResourceAsStream(path);
        Preconditions.checkState(in != null, "resource %s is missing from the classpath", path);
        return in;
    }

    /**
     * NATS-Bench's test accuracy of the 1,000 architectures on a dataset ({@code nats-tss/nats_tss_1000.csv}: the
     * NATS-Bench release; its CIFAR-10 column differs slightly from NAS-Bench-201 v1.0's in {@link #archs()}).
     *
     * @param dataset the dataset
     * @return test accuracy (%) by architecture index
     */
    public static ImmutableMap<Integer, Double> natsAccuracy(Nb201Dataset dataset) {
        String column = switch (dataset) {
            case CIFAR10 -> "cifar10_test_acc";
            case CIFAR100 -> "cifar100_test_acc";
            case IMAGENET16_120 -> "imagenet16_test_acc";
        };
        try (Reader r = new InputStreamReader(openResource("/nats-tss/nats_tss_1000.csv"), StandardCharsets.UTF_8)) {
            ImmutableMap.Builder<Integer, Double> b = ImmutableMap.builder();
            for (CSVRecord c : csv("nats_tss_1000.csv", r)) {
                b.put(Integer.parseInt(c.get("arch")), Double.parseDouble(c.get(column)));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row of {@code nb101/nb101_cifar10_200.csv}.
     *
     * @param id     the row id
     * @param cell   the (pruned) cell
     * @param valAcc validation accuracy (%) after NAS-Bench-101's 108 epochs
     * @param params trainable parameters as NAS-Bench-101 counts them
     */
    public record Nb101Row(int id, Nb101Cell cell, double valAcc, long params) {
    }

    /**
     * The 200 NAS-Bench-101 rows in file order.
     *
     * @return the rows
     */
    public static ImmutableList<Nb101Row> nb101() {
        try (Reader r = new InputStreamReader(openResource("/nb101/nb101_cifar10_200.csv"), StandardCharsets.UTF_8)) {
            ImmutableList.Builder<Nb101Row> b = ImmutableList.builder();
            for (CSVRecord c : csv("nb101_cifar10_200.csv", r)) {
                b.add(new Nb101Row(Integer.parseInt(c.get("id")), Nb101Cell.fromCsv(c.get("matrix"), c.get("ops")),
                        Double.parseDouble(c.get("val_acc_108")), Long.parseLong(c.get("params"))));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The authors' package's NEAR on the NAS-Bench-101 rows ({@code nb101/reference_near_200.csv}).
     *
     * @param column {@code near_reference}, {@code n_matrices}, {@code n_short} or {@code seconds_reference}
     * @return values by row id
     */
    public static ImmutableMap<Integer, Double> nb101Reference(String column) {
        try (Reader r = new InputStreamReader(openResource("/nb101/reference_near_200.csv"), StandardCharsets.UTF_8)) {
            ImmutableMap.Builder<Integer, Double> b = ImmutableMap.builder();
            for (CSVRecord c : csv("reference_near_200.csv", r)) {
                b.put(Integer.parseInt(c.get("id")), Double.parseDouble(c.get(column)));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized INDArray[] other(Nb201Dataset d) {
        return OTHER.computeIfAbsent(d, k -> {
            String images = k == Nb201Dataset.CIFAR100 ? "cifar100_test_0_127_uint8.npy"
                    : "imagenet16_120_samples_uint8.npy";
            String labels = k == Nb201Dataset.CIFAR100 ? "cifar100_test_0_127_labels.npy"
                    : "imagenet16_120_samples_labels.npy";
            try (InputStream i = openResource("/nats-tss/" + images); InputStream l = openResource("/nats-tss/" + labels)) {
                return new INDArray[] {k.normalise(Cifar10.readImages(i), DataType.FLOAT),
                        Cifar10.oneHot(Cifar10.readLabels(l), k.classes())};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The first {@code n} bundled images of a dataset, normalised as NAS-Bench-201 trains on it: CIFAR-10 test images
     * (512), CIFAR-100 test images (128) or the ImageNet16-120 stand-ins (120).
     *
     * @param dataset the dataset
     * @param n       1..the number bundled
     * @return a new {@code [n, 3, size, size]} FLOAT array
     */
    public static INDArray images(Nb201Dataset dataset, int n) {
        if (dataset == Nb201Dataset.CIFAR10) {
            return images(n);
        }
        INDArray x = other(dataset)[0];
        Preconditions.checkArgument(n >= 1 && n <= x.size(0), "%s images: n must be 1..%s, got %s", dataset.title(),
                x.size(0), n);
        return x.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    /**
     * One-hot labels of the first {@code n} bundled images of a dataset.
     *
     * @param dataset the dataset
     * @param n       1..the number bundled
     * @return a new {@code [n, classes]} FLOAT array
     */
    public static INDArray labels(Nb201Dataset dataset, int n) {
        if (dataset == Nb201Dataset.CIFAR10) {
            return labels(n);
        }
        INDArray y = other(dataset)[1];
        Preconditions.checkArgument(n >= 1 && n <= y.size(0), "%s labels: n must be 1..%s, got %s", dataset.title(),
                y.size(0), n);
        return y.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
    }

    /**
     * The first {@code n} bundled CIFAR-10 test images with NAS-Bench-101's normalisation
     * ({@link Nb101Network#normalise}).
     *
     * @param n 1..512
     * @return a new {@code [n, 3, 32, 32]} FLOAT array
     */
    public static INDArray nb101Images(int n) {
        Preconditions.checkArgument(n >= 1 && n <= 512, "images: n must be 1..512, got %s", n);
        try (InputStream i = open("cifar10_test_0_511_uint8.npy")) {
            INDArray raw = Cifar10.readImages(i);
            return Nb101Network.normalise(raw.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup(), DataType.FLOAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The 1,000 architectures in file order (a seeded random sample of the space).
     *
     * @return the rows
     */
    public static ImmutableList<Arch> archs() {
        try (Reader r = new InputStreamReader(open("nb201_cifar10_1000.csv"), StandardCharsets.UTF_8)) {
            ImmutableList.Builder<Arch> b = ImmutableList.builder();
            for (CSVRecord c : csv("nb201_cifar10_1000.csv", r)) {
                b.add(new Arch(Integer.parseInt(c.get("arch")), c.get("cellstr"), Double.parseDouble(c.get("params_mb")),
                        Double.parseDouble(c.get("cifar10_test_acc")), Double.parseDouble(c.get("cifar10_valid_acc"))));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * All 15,625 NAS-Bench-201 cells with their published CIFAR-10 accuracies
     * ({@code nb201-space/nb201_cifar10_all.csv.gz} of this module: NAS-Bench-201 v1.0's table, the same values as
     * {@link #archs()} on its rows), in index order.
     *
     * @return the rows, {@code arch} 0..15624
     */
    public static List<Arch> space() {
        String path = "/nb201-space/nb201_cifar10_all.csv.gz";
        try (Reader r = new InputStreamReader(new GZIPInputStream(openResource(path)), StandardCharsets.UTF_8)) {
            List<Arch> b = new ArrayList<>();
            for (CSVRecord c : csv("nb201_cifar10_all.csv", r)) {
                b.add(new Arch(Integer.parseInt(c.get("arch")), c.get("cellstr"),
                        Double.parseDouble(c.get("params_mb")), Double.parseDouble(c.get("cifar10_test_acc")),
                        Double.parseDouble(c.get("cifar10_valid_acc"))));
            }
            return List.copyOf(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The authors' package's NEAR (1 repetition, first 64 images) by architecture index.
     *
     * @param column {@code near_reference} or {@code seconds_reference}
     * @return values by arch
     */
    public static ImmutableMap<Integer, Double> reference(String column) {
        try (Reader r = new InputStreamReader(open("reference_near_1000.csv"), StandardCharsets.UTF_8)) {
            ImmutableMap.Builder<Integer, Double> b = ImmutableMap.builder();
            for (CSVRecord c : csv("reference_near_1000.csv", r)) {
                b.put(Integer.parseInt(c.get("arch")), Double.parseDouble(c.get(column)));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void load() {
        if (images != null) {
            return;
        }
        try (InputStream i = open("cifar10_test_0_511_uint8.npy"); InputStream l = open("cifar10_test_0_511_labels.npy")) {
            images = Cifar10.normalise(Cifar10.readImages(i), DataType.FLOAT);
            labels = Cifar10.oneHot(Cifar10.readLabels(l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first {@code n} bundled CIFAR-10 test images, normalised as NAS-Bench-201 trains.
     *
     * @param n 1..512
     * @return a new {@code [n, 3, 32, 32]} FLOAT array
     */
    public static INDArray images(int n) {
        load();
        Preconditions.checkArgument(n >= 1 && n <= images.size(0), "images: n must be 1..%s, got %s", images.size(0), n);
        return images.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    /**
     * One-hot labels of the first {@code n} images.
     *
     * @param n 1..512
     * @return a new {@code [n, 10]} FLOAT array
     */
    public static INDArray labels(int n) {
        load();
        Preconditions.checkArgument(n >= 1 && n <= labels.size(0), "labels: n must be 1..%s, got %s", labels.size(0), n);
        return labels.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
    }
}
