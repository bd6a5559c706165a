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

import com.google.common.base.Preconditions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.tune.RankingResult;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured metric values for {@code rank --accuracies}, read and checked before anything is scored. Two forms:
 * <ul>
 * <li>{@code FILE}: {@code name,value} lines (a header line is allowed), every name a candidate's;</li>
 * <li>{@code FILE:COLUMN}: a CSV with a header; the values are in {@code COLUMN}, the candidate of a row is its
 * {@code name} column, else its {@code cellstr} column (NAS-Bench-201 cell strings, as in the bundled
 * {@code nb201_cifar10_1000.csv}), else its first column. Rows that name no candidate are ignored, so that a table of
 * a whole search space can be given.</li>
 * </ul>
 * Names are matched as {@code rank} names its candidates: file names without {@code .zip}, {@code .json},
 * {@code .yaml}, {@code .yml}; NB201 cell strings in their canonical form.
 *
 * <pre>{@code
 * MetricFiles.Metric m = MetricFiles.read("nb201_cifar10_1000.csv:cifar10_test_acc");
 * Map<String, Double> values = m.forCandidates(candidateNames);   // throws naming unknown names
 * }</pre>
 */
public final class MetricFiles {

    /** The name column looked for first in {@code FILE:COLUMN} tables. */
    public static final String NAME_COLUMN = "name";
    /** The NAS-Bench-201 cell-string column, looked for next. */
    public static final String CELL_COLUMN = "cellstr";

    private MetricFiles() {
    }

    /**
     * Metric values as read, before they are matched to candidates.
     *
     * @param name      the metric's name ({@code accuracy}, or the column's name)
     * @param values    value per name as written in the file (in file order)
     * @param file      the file
     * @param fromTable true for {@code FILE:COLUMN} (rows that name no candidate are ignored)
     */
    public record Metric(String name, Map<String, Double> values, Path file, boolean fromTable) {

        /**
         * Copies the values.
         *
         * @param name      the metric's name
         * @param values    value per name
         * @param file      the file
         * @param fromTable whether it is a {@code FILE:COLUMN} table
         */
        public Metric {
            Preconditions.checkNotNull(name, "name");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            Preconditions.checkNotNull(file, "file");
        }

        /**
         * The values of the candidates, by candidate name.
         *
         * @param candidates the candidates' names, as {@code rank} names them
         * @param key        how {@code rank} names a candidate from a name in the file (e.g. strips {@code .zip})
         * @return value per candidate that has one
         * @throws InvalidInputException naming the file: a name that is no candidate's ({@code FILE} form), two
         *                               rows for one candidate, or fewer than two candidates with a value
         */
        public Map<String, Double> forCandidates(List<String> candidates, java.util.function.UnaryOperator<String> key)
                throws InvalidInputException {
            Map<String, Double> out = new LinkedHashMap<>();
            java.util.Set<String> known = new java.util.HashSet<>(candidates);
            java.util.Set<String> unknown = new java.util.TreeSet<>();
            for (Map.Entry<String, Double> e : values.entrySet()) {
                String k = canonical(key.apply(e.getKey()));
                if (!known.contains(k)) {
                    unknown.add(e.getKey());
                    continue;
                }
                if (out.put(k, e.getValue()) != null) {
                    throw new InvalidInputException("accuracies " + file + ": two rows for candidate '" + k + "'");
                }
            }
            if (!fromTable && !unknown.isEmpty()) {
                throw new InvalidInputException("accuracies " + file + " names " + unknown.size() + " unknown"
                        + " candidate(s) " + shortList(unknown) + "; candidates: " + shortList(candidates));
            }
            if (out.size() < 2) {
                throw new InvalidInputException("accuracies " + file + " has values for " + out.size() + " of the "
                        + candidates.size() + " candidates; at least 2 are needed (candidates: "
                        + shortList(candidates) + ")");
            }
            return out;
        }
    }

    /**
     * Reads {@code FILE} or {@code FILE:COLUMN} (an existing file whose name holds a colon is read whole).
     *
     * @param spec the {@code --accuracies} argument
     * @return the values as written
     * @throws InvalidInputException naming the file and line: missing file, malformed line, a value that is not a
     *                               finite number, a name given twice, an unknown column
     */
    public static Metric read(String spec) throws InvalidInputException {
        Preconditions.checkNotNull(spec, "spec");
        Path whole = Paths.get(spec);
        int colon = spec.lastIndexOf(':');
        if (Files.isRegularFile(whole) || colon <= 0 || colon == spec.length() - 1) {
            return readPairs(whole);
        }
        return readColumn(Paths.get(spec.substring(0, colon)), spec.substring(colon + 1));
    }

    private static Metric readPairs(Path file) throws InvalidInputException {
        requireFile(file);
        try {
            return new Metric("accuracy", RankingResult.readMetricCsv(file), file, false);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("accuracies " + file + " cannot be read: " + InvalidInputException.oneLine(e), e);
        } catch (IllegalArgumentException e) {
            List<String> header = header(file);
            if (header.size() > 2) {
                throw new InvalidInputException("accuracies " + file + " has " + header.size() + " columns ("
                        + String.join(", ", header) + "), not 'name,value' lines: give the metric's column, e.g."
                        + " --accuracies " + file + ":" + header.get(header.size() - 1), e);
            }
            throw new InvalidInputException("accuracies " + InvalidInputException.oneLine(e), e);
        }
    }

    private static Metric readColumn(Path file, String column) throws InvalidInputException {
        requireFile(file);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).build();
        Map<String, Double> values = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = format.parse(r)) {
            List<String> header = p.getHeaderNames();
            if (!header.contains(column)) {
                throw new InvalidInputException("accuracies " + file + " has no column '" + column + "' (columns: "
                        + String.join(", ", header) + ")");
            }
            String nameColumn = header.contains(NAME_COLUMN) ? NAME_COLUMN
                    : header.contains(CELL_COLUMN) ? CELL_COLUMN : header.get(0);
            if (nameColumn.equals(column)) {
                throw new InvalidInputException("accuracies " + file + ": the metric column '" + column + "' is also"
                        + " the name column (a '" + NAME_COLUMN + "' or '" + CELL_COLUMN + "' column, else the first)");
            }
            for (CSVRecord rec : p) {
                long line = p.getCurrentLineNumber();
                if (!rec.isSet(column) || !rec.isSet(nameColumn)) {
                    throw new InvalidInputException("accuracies " + file + " line " + line + " has " + rec.size()
                            + " fields, the header " + header.size());
                }
                String name = rec.get(nameColumn);
                String value = rec.get(column);
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "accuracies %s line %d: %s '%s' is not"
                            + " a number", file, line, column, value));
                }
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "accuracies %s line %d: %s %s is not"
                            + " finite", file, line, column, value));
                }
                if (values.put(name, v) != null) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "accuracies %s line %d: '%s' is given"
                            + " twice", file, line, name));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException("accuracies " + file + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        if (values.isEmpty()) {
            throw new InvalidInputException("accuracies " + file + " has no rows");
        }
        return new Metric(column, values, file, true);
    }

    private static void requireFile(Path file) throws InvalidInputException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("accuracies " + file + ": file not found (--accuracies takes FILE of"
                    + " 'name,value' lines, or FILE:COLUMN of a CSV with a header)");
        }
    }

    private static List<String> header(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setCommentMarker('#').build().parse(r)) {
            for (CSVRecord rec : p) {
                return rec.toList();
            }
        } catch (IOException | RuntimeException e) {
            // the caller reports the original problem
        }
        return List.of();
    }

    /** An NB201 cell string in canonical form (so that spacing in a file does not matter); any other name as is. */
    static String canonical(String name) {
        if (name.startsWith("|")) {
            try {
                return Nb201Cell.parse(name).toString();
            } catch (IllegalArgumentException e) {
                return name;
            }
        }
        return name;
    }

    private static String shortList(java.util.Collection<String> names) {
        List<String> l = List.copyOf(names);
        return l.size() <= 6 ? l.toString() : l.subList(0, 6) + " and " + (l.size() - 6) + " more";
    }
}
