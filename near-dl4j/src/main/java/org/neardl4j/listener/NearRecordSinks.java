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
package org.neardl4j.listener;

import com.google.common.base.Preconditions;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.internal.Csv;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ready-made outputs for {@link NearListener.Builder#onRecord}: append every evaluation to a CSV or a JSON-lines
 * file. Both are serializable (a deserialised listener keeps writing to the same file) and fail with an
 * {@link UncheckedIOException} when the file cannot be written, which the listener logs unless
 * {@link NearListener.Builder#failOnError} is set.
 *
 * <pre>{@code
 * NearListener l = NearListener.builder()
 *         .onRecord(NearRecordSinks.csv(Paths.get("near.csv")))
 *         .onRecord(NearRecordSinks.jsonLines(Paths.get("near.jsonl")))
 *         .build();
 * }</pre>
 */
public final class NearRecordSinks {

    private NearRecordSinks() {
    }

    /**
     * Appends each evaluation to a CSV file in the format of {@link NearHistory#toCsv()}: a header is written when
     * the file is new or empty; appending to an existing history keeps its matrix columns.
     *
     * @param file the CSV file, created if missing, appended to otherwise; not null
     * @return a serializable sink for {@link NearListener.Builder#onRecord}
     */
    public static Consumer<NearRecord> csv(Path file) {
        return new CsvFile(Preconditions.checkNotNull(file, "file").toString());
    }

    /**
     * Appends each evaluation to a JSON-lines file, one {@link NearRecord#toJson()} object per line.
     *
     * @param file the JSON-lines file, created if missing, appended to otherwise; not null
     * @return a serializable sink for {@link NearListener.Builder#onRecord}
     */
    public static Consumer<NearRecord> jsonLines(Path file) {
        return new JsonLinesFile(Preconditions.checkNotNull(file, "file").toString());
    }

    private static void append(Path p, String text) {
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the NEAR history to " + p, e);
        }
    }

    /** The JSON-lines sink. */
    private static final class JsonLinesFile implements Consumer<NearRecord>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;

        JsonLinesFile(String file) {
            this.file = file;
        }

        @Override
        public void accept(NearRecord record) {
            append(Paths.get(file), record.toJson() + "\n");
        }
    }

    /** The CSV sink; remembers the matrix columns of the file (not serialised: read again from the file). */
    private static final class CsvFile implements Consumer<NearRecord>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;
        private transient List<String> columns;

        CsvFile(String file) {
            this.file = file;
        }

        @Override
        public synchronized void accept(NearRecord record) {
            Path p = Paths.get(file);
            List<List<Object>> rows = new ArrayList<>();
            if (columns == null) {
                columns = existingColumns(p);
                if (columns == null) {
                    columns = NearHistory.matrixColumns(List.of(record));
                    rows.add(NearHistory.csvHeader(columns));
                }
            }
            rows.add(NearHistory.csvRow(record, columns));
            append(p, Csv.rows(rows));
        }

        /** The matrix columns of an existing, non-empty CSV history file (appended to), or null. */
        private static List<String> existingColumns(Path p) {
            try {
                if (!Files.isRegularFile(p) || Files.size(p) == 0) {
                    return null;
                }
                try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                     CSVParser parser = Csv.FORMAT.parse(in)) {
                    Iterator<CSVRecord> it = parser.iterator();
                    List<String> fields = new ArrayList<>();
                    if (it.hasNext()) {
                        it.next().forEach(fields::add);
                    }
                    Preconditions.checkArgument(fields.size() >= 6 && fields.get(0).equals("trigger"),
                            "%s exists but is not a NEAR history CSV (header: %s)", p, fields);
                    return new ArrayList<>(fields.subList(6, fields.size()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the NEAR history " + p, e);
            }
        }
    }
}
