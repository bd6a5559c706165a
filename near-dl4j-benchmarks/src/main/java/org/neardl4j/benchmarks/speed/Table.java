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
package org.neardl4j.benchmarks.speed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table built row by row.
 *
 * <pre>{@code
 * Table t = new Table("n", "time (s)");
 * t.row(512, Table.sec(0.046));
 * System.out.println(t);
 * }</pre>
 */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = Arrays.asList(header);
    }

    /** Adds a row; values are printed with {@link String#valueOf}. */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /**
     * The column names.
     *
     * @return them, unmodifiable
     */
    public List<String> header() {
        return List.copyOf(header);
    }

    /**
     * The rows so far.
     *
     * @return each row's cells as printed, unmodifiable
     */
    public List<List<String>> rows() {
        return rows.stream().map(List::copyOf).toList();
    }

    /** Seconds with three significant digits. */
    public static String sec(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        if (s >= 100) {
            return String.format(Locale.ROOT, "%.0f", s);
        }
        if (s >= 10) {
            return String.format(Locale.ROOT, "%.1f", s);
        }
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.2f", s);
        }
        if (s >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", s);
        }
        return String.format(Locale.ROOT, "%.4f", s);
    }

    /** A ratio or factor with two decimals. */
    public static String x(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A percentage. */
    public static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /** MiB with no decimals (one below 10). */
    public static String mib(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A relative error in scientific notation. */
    public static String err(double v) {
        return Double.isNaN(v) ? "-" : v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header)).append(" |\n");
        b.append("|");
        for (int i = 0; i < header.size(); i++) {
            b.append("---|");
        }
        b.append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return b.toString();
    }
}
