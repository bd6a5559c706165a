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
package org.neardl4j.search;

import com.google.common.base.Preconditions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores looked up in a table instead of computed: for benchmarking search strategies on precomputed proxy
 * values (every candidate of the search must be in the table). Keyed by the candidate's name in its space.
 *
 * <pre>{@code
 * TableScores<Nb201Cell> t = TableScores.read(Path.of("scores.csv"), "cellstr", List.of("near", "meco"), space::name);
 * }</pre>
 *
 * @param <C> the candidate type of the space
 */
public final class TableScores<C> implements Fitness<C> {

    private final List<String> names;
    private final Map<String, double[]> rows;
    private final Function<? super C, String> key;

    private TableScores(List<String> names, Map<String, double[]> rows, Function<? super C, String> key) {
        this.names = List.copyOf(names);
        this.rows = com.google.common.collect.ImmutableMap.copyOf(rows);
        this.key = Preconditions.checkNotNull(key, "key");
    }

    /**
     * A table from values in memory.
     *
     * @param names the score names, at least one
     * @param rows  for each key, one value per name
     * @param key   a candidate's key in {@code rows} (usually its space's {@code name})
     * @param <C>   the candidate type
     * @return the table
     * @throws IllegalArgumentException for a row with the wrong number of values
     */
    public static <C> TableScores<C> of(List<String> names, Map<String, double[]> rows, Function<? super C, String> key) {
        Preconditions.checkNotNull(names, "names");
        Preconditions.checkArgument(!names.isEmpty(), "no score names given");
        Preconditions.checkNotNull(rows, "rows");
        Map<String, double[]> copy = new LinkedHashMap<>();
        rows.forEach((k, v) -> {
            Preconditions.checkArgument(v != null && v.length == names.size(), "row '%s' has %s values, expected %s",
                    k, v == null ? 0 : v.length, names.size());
            copy.put(k, v.clone());
        });
        return new TableScores<>(names, copy, key);
    }

    /**
     * Reads a CSV file with a header: one key column and the score columns (empty or {@code NaN} cells are
     * {@code NaN}).
     *
     * @param csv       the file
     * @param keyColumn the column holding the candidates' names
     * @param columns   the score columns, in the order wanted
     * @param key       a candidate's name in the key column
     * @param <C>       the candidate type
     * @return the table
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file, line and column for a missing column, a repeated key or a
     *                                  value that is not a number
     */
    public static <C> TableScores<C> read(Path csv, String keyColumn, List<String> columns,
                                          Function<? super C, String> key) throws IOException {
        Preconditions.checkNotNull(csv, "csv");
        Map<String, double[]> rows = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            List<String> header = p.getHeaderNames();
            List<String> wanted = new ArrayList<>(columns);
            wanted.add(keyColumn);
            for (String c : wanted) {
                Preconditions.checkArgument(header.contains(c), "%s: no column '%s'; columns: %s", csv, c, header);
            }
            for (CSVRecord rec : p) {
                String k = rec.get(keyColumn);
                double[] v = new double[columns.size()];
                for (int i = 0; i < v.length; i++) {
                    String s = rec.get(columns.get(i)).strip();
                    try {
                        v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(csv + " line " + (rec.getRecordNumber() + 1) + ", column '"
                                + columns.get(i) + "': '" + s + "' is not a number", e);
                    }
                }
                Preconditions.checkArgument(rows.put(k, v) == null, "%s line %s: key '%s' appears twice", csv,
                        rec.getRecordNumber() + 1, k);
            }
        }
        return of(columns, rows, key);
    }

    /**
     * The keys of the table, in file order.
     *
     * @return the candidates' names the table has values for
     */
    public List<String> keys() {
        return List.copyOf(rows.keySet());
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] score(C candidate) {
        String k = key.apply(candidate);
        double[] v = rows.get(k);
        Preconditions.checkArgument(v != null, "candidate '%s' is not in the table of scores", k);
        return v.clone();
    }

    @Override
    public String toString() {
        return "TableScores" + names + "(" + rows.size() + " rows)";
    }
}
