package org.neardl4j.samples.accuracy;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal comma-separated table with a header row: fields never contain commas, quotes or line breaks
 * (checked when writing). Rows are appended one at a time, so a long run can be resumed.
 *
 * <pre>{@code
 * CsvTable t = CsvTable.read(path);
 * for (Map<String, String> row : t.rows()) System.out.println(row.get("name"));
 * CsvTable.append(path, List.of("name", "value"), List.of("a", "1"));
 * }</pre>
 */
public final class CsvTable {

    private final ImmutableList<String> header;
    private final ImmutableList<ImmutableMap<String, String>> rows;

    private CsvTable(List<String> header, List<ImmutableMap<String, String>> rows) {
        this.header = ImmutableList.copyOf(header);
        this.rows = ImmutableList.copyOf(rows);
    }

    /** Reads a table; a missing file gives an empty table with no header. */
    public static CsvTable read(Path file) {
        if (!Files.exists(file)) {
            return new CsvTable(List.of(), List.of());
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return new CsvTable(List.of(), List.of());
            }
            List<String> header = List.of(lines.get(0).split(",", -1));
            List<ImmutableMap<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                Preconditions.checkArgument(f.length == header.size(), "%s line %s has %s fields, the header %s", file,
                        i + 1, f.length, header.size());
                Map<String, String> m = new LinkedHashMap<>();
                for (int j = 0; j < f.length; j++) {
                    m.put(header.get(j), f[j]);
                }
                rows.add(ImmutableMap.copyOf(m));
            }
            return new CsvTable(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImmutableList<String> header() {
        return header;
    }

    public ImmutableList<ImmutableMap<String, String>> rows() {
        return rows;
    }

    /**
     * Appends one row, writing the header first when the file is new or empty. An existing header must equal
     * {@code header}.
     */
    public static void append(Path file, List<String> header, List<String> values) {
        Preconditions.checkArgument(header.size() == values.size(), "%s columns but %s values", header.size(),
                values.size());
        for (String v : values) {
            Preconditions.checkArgument(v != null && !v.contains(",") && !v.contains("\"") && !v.contains("\n"),
                    "CSV value must not contain a comma, quote or newline: %s", v);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            StringBuilder sb = new StringBuilder();
            if (!Files.exists(file) || Files.size(file) == 0) {
                sb.append(String.join(",", header)).append('\n');
            } else {
                List<String> existing = read(file).header();
                Preconditions.checkArgument(existing.equals(header), "%s has columns %s, expected %s", file, existing,
                        header);
            }
            sb.append(String.join(",", values)).append('\n');
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole table, replacing the file. */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            try {
                Files.writeString(file, String.join(",", header) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (List<String> r : rows) {
            append(file, header, r);
        }
    }
}
