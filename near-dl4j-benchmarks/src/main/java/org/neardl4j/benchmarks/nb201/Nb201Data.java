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
import org.neardl4j.space.Nb201Cell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The NAS-Bench-201 data bundled with the samples ({@code src/main/resources/nb201/}, provenance in its README):
 * 1,000 architectures with their published CIFAR-10 accuracies, the authors' NEAR package's values for them, and
 * the first 512 CIFAR-10 test images with labels.
 *
 * <pre>{@code
 * for (Nb201Data.Arch a : Nb201Data.archs()) { ... a.cell() ... a.testAcc() ... }
 * INDArray x = Nb201Data.images(64);            // normalised as NAS-Bench-201 trains, [64, 3, 32, 32] FLOAT
 * }</pre>
 */
public final class Nb201Data {

    /** Resource folder of the data. */
    public static final String FOLDER = "/nb201/";

    private static INDArray images;
    private static INDArray labels;

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
        InputStream in = Nb201Data.class.getResourceAsStream(FOLDER + name);
        Preconditions.checkState(in != null, "resource %s%s is missing from the classpath", FOLDER, name);
        return in;
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
