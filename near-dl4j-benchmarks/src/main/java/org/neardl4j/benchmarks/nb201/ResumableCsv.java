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
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A CSV file (commons-csv) that a long run appends to one row at a time, so that an interrupted run continues
 * where it stopped. The header is written with the first row; a later append must use the same header.
 *
 * <pre>{@code
 * ResumableCsv csv = new ResumableCsv(Paths.get("near.csv"), List.of("arch", "near"));
 * if (!csv.keys("arch").contains("10")) csv.append(List.of("10", "58.9"));
 * }</pre>
 */
public final class ResumableCsv {

    private static final Logger log = LoggerFactory.getLogger(ResumableCsv.class);

    private final Path file;
    private final ImmutableList<String> header;

    /**
     * @param file   the CSV file (created with the first row)
     * @param header its columns
     * @throws IllegalArgumentException if the file exists with another header
     */
    public ResumableCsv(Path file, List<String> header) {
        this.file = Preconditions.checkNotNull(file, "file");
        this.header = ImmutableList.copyOf(header);
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                Preconditions.checkArgument(p.getHeaderNames().equals(this.header),
                        "%s has the columns %s, expected %s: move it away or use another --out", file,
                        p.getHeaderNames(), this.header);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * The rows written so far (an empty list when the file does not exist).
     *
     * @return column name to value, per row, in file order
     */
    public ImmutableList<ImmutableMap<String, String>> rows() {
        return read(file);
    }

    /**
     * Reads any CSV file with a header.
     *
     * @param file the file
     * @return its rows (empty if the file does not exist)
     */
    public static ImmutableList<ImmutableMap<String, String>> read(Path file) {
        if (!Files.exists(file)) {
            return ImmutableList.of();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            ImmutableList.Builder<ImmutableMap<String, String>> b = ImmutableList.builder();
            for (CSVRecord c : p) {
                b.add(ImmutableMap.copyOf(c.toMap()));
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The values of one column in the rows written so far.
     *
     * @param column a column of the header
     * @return its values
     */
    public ImmutableList<String> keys(String column) {
        return rows().stream().map(r -> r.get(column)).collect(ImmutableList.toImmutableList());
    }

    /**
     * Appends one row (and the header first if the file is new), flushed to disk.
     *
     * @param values one value per column
     */
    public void append(List<String> values) {
        Preconditions.checkArgument(values.size() == header.size(), "%s values for the %s columns %s", values.size(),
                header.size(), header);
        boolean fresh = !Files.exists(file);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
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
     * Where a resumable run over a table's rows starts and when it stops, and the code version that closes every row:
     * the command-line options every resumable benchmark shares (a picocli mixin).
     */
    static final class Range {
        @Option(names = "--from", paramLabel = "K", description = "start at row K (0-based)")
        int from = 0;
        @Option(names = "--limit", paramLabel = "N", description = "at most N new rows per task")
        int limit = Integer.MAX_VALUE;
        @Option(names = "--budget-seconds", paramLabel = "S", description = "start no row after S seconds")
        double budgetSeconds = Double.POSITIVE_INFINITY;
        @Option(names = "--code-version", paramLabel = "V", description = "recorded in every row (e.g. the commit)")
        String codeVersion = "unknown";
        private final long started = System.nanoTime();

        /** @return seconds since the program started */
        double elapsed() {
            return (System.nanoTime() - started) / 1e9;
        }

        /**
         * Checks the options.
         *
         * @throws CliException naming the option that is out of range
         */
        void check() throws CliException {
            Cli.atLeast("--from", from, 0);
            Cli.atLeast("--limit", limit, 0);
        }
    }

    /**
     * Appends one row (values, then the run's code version) for each item from {@code run.from} on whose key is
     * not yet in the {@code keyColumn} column, until {@code run.limit} rows were added or the time budget is spent.
     *
     * @param task      the task's name, for the log
     * @param run       the range, budget and code version
     * @param keyColumn the column naming an item (the header's first column)
     * @param items     every item, in order
     * @param key       an item's key as written in {@code keyColumn}
     * @param row       an item's values (without the code column)
     * @param <T>       the item type
     */
    <T> void fill(String task, Range run, String keyColumn, List<T> items, Function<T, String> key, Function<T, List<String>> row) {
        Set<String> done = new HashSet<>(keys(keyColumn));
        int added = 0;
        for (int i = run.from; i < items.size(); i++) {
            T item = items.get(i);
            if (done.contains(key.apply(item))) {
                continue;
            }
            if (added >= run.limit || run.elapsed() >= run.budgetSeconds) {
                log.info("{}: stopping at row {} ({} added, {} s)", task, i, added,
                        String.format("%.0f", run.elapsed()));
                return;
            }
            List<String> values = new ArrayList<>(row.apply(item));
            values.add(run.codeVersion);
            append(values);
            added++;
            log.info("{} [{}/{}] {} {}: {}", task, i + 1, items.size(), keyColumn, key.apply(item), values);
        }
        log.info("{}: all {} rows done ({} added in this run)", task, items.size(), added);
    }
}
