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
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comma-separated table with a header row, read and written with Apache Commons CSV (RFC 4180 quoting, {@code \n}
 * line ends so that files written before keep their bytes). Rows are appended one at a time, so a long run can be
 * resumed.
 *
 * <pre>{@code
 * CsvTable t = CsvTable.read(path);
 * for (Map<String, String> row : t.rows()) System.out.println(row.get("name"));
 * CsvTable.append(path, List.of("name", "value"), List.of("a", "1"));
 * }</pre>
 */
public final class CsvTable {

    /** The format of every table: Commons CSV's default, with Unix line ends. */
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private final ImmutableList<String> header;
    private final ImmutableList<ImmutableMap<String, String>> rows;

    private CsvTable(List<String> header, List<ImmutableMap<String, String>> rows) {
        this.header = ImmutableList.copyOf(header);
        this.rows = ImmutableList.copyOf(rows);
    }

    /**
     * Reads a table; a missing or empty file gives an empty table with no header.
     *
     * @param file the CSV
     * @return its header and rows
     * @throws IllegalArgumentException naming the file and line when a row has another number of fields than the header
     */
    public static CsvTable read(Path file) {
        if (!Files.exists(file)) {
            return new CsvTable(List.of(), List.of());
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = FORMAT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build()
                     .parse(r)) {
            List<String> header = p.getHeaderNames();
            List<ImmutableMap<String, String>> rows = new ArrayList<>();
            for (CSVRecord rec : p) {
                Preconditions.checkArgument(rec.size() == header.size(), "%s line %s has %s fields, the header %s",
                        file, rec.getParser().getCurrentLineNumber(), rec.size(), header.size());
                Map<String, String> m = new LinkedHashMap<>();
                for (int j = 0; j < rec.size(); j++) {
                    m.put(header.get(j), rec.get(j));
                }
                rows.add(ImmutableMap.copyOf(m));
            }
            return new CsvTable(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The column names.
     *
     * @return the header (empty for a missing file)
     */
    public ImmutableList<String> header() {
        return header;
    }

    /**
     * The rows.
     *
     * @return each row as column name to value, in file order
     */
    public ImmutableList<ImmutableMap<String, String>> rows() {
        return rows;
    }

    /**
     * Appends one row, writing the header first when the file is new or empty. An existing header must equal
     * {@code header}.
     *
     * @param file   the CSV
     * @param header its columns
     * @param values the row, one value per column (quoted as needed)
     */
    public static void append(Path file, List<String> header, List<String> values) {
        Preconditions.checkArgument(header.size() == values.size(), "%s columns but %s values", header.size(),
                values.size());
        for (String v : values) {
            Preconditions.checkArgument(v != null, "a CSV value is null");
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!fresh) {
                List<String> existing = read(file).header();
                Preconditions.checkArgument(existing.equals(header), "%s has columns %s, expected %s", file, existing,
                        header);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                 CSVPrinter p = new CSVPrinter(w, FORMAT)) {
                if (fresh) {
                    p.printRecord(header);
                }
                p.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a whole table, replacing the file.
     *
     * @param file   the CSV
     * @param header its columns
     * @param rows   its rows
     */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, FORMAT)) {
                p.printRecord(header);
                for (List<String> r : rows) {
                    Preconditions.checkArgument(r.size() == header.size(), "%s columns but %s values", header.size(),
                            r.size());
                    p.printRecord(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
