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

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.data.Cifar10;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;

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
 * NAS-Bench-101 networks for the command line ({@code --nb101 SPEC|FILE}): a cell in {@link Nb101Cell}'s readable
 * form ({@code conv3x3(0) maxpool3x3(0,1) output(1,2)}) or a file of cells, and the bundled CIFAR-10 test images with
 * NAS-Bench-101's normalisation that score them when no {@code --input} is given. A file is either a CSV with
 * NAS-Bench-101's {@code matrix} and {@code ops} columns (as the bundled {@code nb101/nb101_cifar10_200.csv}; the
 * candidates are named by its {@code id} column when it has one) or one readable cell per line (blank lines and
 * lines starting with {@code #} skipped).
 *
 * <pre>{@code
 * List<Nb101Sources.Named> cells = Nb101Sources.cells("conv3x3(0) conv1x1(0) maxpool3x3(1) output(2,3)");
 * INDArray x = Nb101Sources.bundledImages(DataType.FLOAT);   // [64, 3, 32, 32], NAS-Bench-101's normalisation
 * }</pre>
 */
public final class Nb101Sources {

    /** How many bundled CIFAR-10 images score an NB101 network without {@code --input}. */
    public static final int DEFAULT_IMAGES = 64;

    private Nb101Sources() {
    }

    /**
     * A cell with the name it is ranked under.
     *
     * @param name the CSV's {@code id}, or the cell's readable form
     * @param cell the pruned cell
     */
    public record Named(String name, Nb101Cell cell) {
    }

    /**
     * The cells an {@code --nb101} argument names.
     *
     * @param arg a readable cell, or a file of cells
     * @return the cells, in order
     * @throws InvalidInputException for a malformed cell (naming the vertex or matrix entry at fault, and the file
     *                               and line when it comes from a file), a missing or unreadable file, or a file
     *                               without cells
     */
    public static List<Named> cells(String arg) throws InvalidInputException {
        String a = arg.strip();
        if (a.contains("(")) {
            try {
                Nb101Cell c = Nb101Cell.parse(a);
                return List.of(new Named(c.toString(), c));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--nb101 '" + a + "': " + InvalidInputException.oneLine(e), e);
            }
        }
        Path file = Paths.get(a);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("NB101 file " + file + ": file not found (--nb101 takes a cell such as"
                    + " 'conv3x3(0) maxpool3x3(0,1) output(1,2)' or a file of them)");
        }
        String what = "NB101 file " + file;
        List<Named> cells = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean csv = !lines.isEmpty() && lines.get(0).contains("matrix") && lines.get(0).contains("ops");
            if (csv) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                    boolean ids = p.getHeaderNames().contains("id");
                    for (CSVRecord rec : p) {
                        long line = rec.getRecordNumber() + 1;
                        Nb101Cell c;
                        try {
                            c = Nb101Cell.fromCsv(rec.get("matrix"), rec.get("ops"));
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException(what + " line " + line + ": "
                                    + InvalidInputException.oneLine(e), e);
                        }
                        cells.add(new Named(ids ? rec.get("id").strip() : c.toString(), c));
                    }
                }
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        try {
                            Nb101Cell c = Nb101Cell.parse(line);
                            cells.add(new Named(c.toString(), c));
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException(what + " line " + (i + 1) + ": "
                                    + InvalidInputException.oneLine(e), e);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        if (cells.isEmpty()) {
            throw new InvalidInputException(what + " holds no cell");
        }
        return List.copyOf(cells);
    }

    /**
     * The first {@link #DEFAULT_IMAGES} bundled CIFAR-10 test images with NAS-Bench-101's normalisation
     * ({@link Nb101Network#normalise}).
     *
     * @param type the floating-point type
     * @return {@code [64, 3, 32, 32]}
     */
    public static INDArray bundledImages(DataType type) {
        return bundledImages(DEFAULT_IMAGES, type);
    }

    /**
     * The first {@code n} bundled CIFAR-10 test images (at most the 512 bundled) with NAS-Bench-101's normalisation
     * ({@link Nb101Network#normalise}).
     *
     * @param n    how many, at least 1
     * @param type the floating-point type
     * @return {@code [min(n, 512), 3, 32, 32]}
     */
    public static INDArray bundledImages(int n, DataType type) {
        try (InputStream in = Nb101Sources.class.getClassLoader().getResourceAsStream(Nb201Sources.IMAGES)) {
            if (in == null) {
                throw new IllegalStateException("bundled images " + Nb201Sources.IMAGES + " not found on the class path");
            }
            INDArray raw = Cifar10.readImages(in);
            int k = (int) Math.min(n, raw.size(0));
            return Nb101Network.normalise(raw.get(NDArrayIndex.interval(0, k), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all()).dup('c'), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled images " + Nb201Sources.IMAGES, e);
        }
    }

    /**
     * The cells of a table of scores, each named by its value in the key column: a CSV with NAS-Bench-101's
     * {@code matrix} and {@code ops} columns (as the bundled {@code nb101/nb101_cifar10_200.csv}, keyed by its
     * {@code id}), or with the cells' readable form in the key column itself.
     *
     * @param file      the CSV file, with a header
     * @param keyColumn the column naming each row
     * @return the cells with their keys, in file order
     * @throws InvalidInputException for a missing file or column, a malformed cell (naming the file and line), a key
     *                               given twice, or a file without rows
     */
    public static List<Named> table(Path file, String keyColumn) throws InvalidInputException {
        String what = "NB101 table " + file;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + ": file not found");
        }
        List<Named> cells = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            List<String> header = p.getHeaderNames();
            if (!header.contains(keyColumn)) {
                throw new InvalidInputException(what + ": no column '" + keyColumn + "' (--key); columns: " + header);
            }
            boolean spec = header.contains("matrix") && header.contains("ops");
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                String key = rec.get(keyColumn).strip();
                Nb101Cell c;
                try {
                    c = spec ? Nb101Cell.fromCsv(rec.get("matrix"), rec.get("ops")) : Nb101Cell.parse(key);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(what + " line " + line + ": " + InvalidInputException.oneLine(e)
                            + (spec ? "" : " (a table without matrix and ops columns holds readable cells in its key"
                            + " column)"), e);
                }
                if (!keys.add(key)) {
                    throw new InvalidInputException(what + " line " + line + ": key '" + key + "' appears twice");
                }
                cells.add(new Named(key, c));
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        if (cells.isEmpty()) {
            throw new InvalidInputException(what + " holds no row");
        }
        return List.copyOf(cells);
    }

    /**
     * How the bundled images are described in the output.
     *
     * @param n how many were used
     * @return a one-line description
     */
    public static String describeImages(long n) {
        return "bundled " + Nb201Sources.IMAGES + " (real CIFAR-10 test images 0.." + (n - 1)
                + ", normalised as NAS-Bench-101)";
    }
}
