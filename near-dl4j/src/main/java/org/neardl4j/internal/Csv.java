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
package org.neardl4j.internal;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The library's one CSV dialect for what it writes (commons-csv's RFC 4180 default, with {@code \n} between rows
 * so that files compare equal line by line on every platform): fields with a comma, a quote or a line break are
 * quoted, quotes doubled. Not part of the API: public only because results in several packages share it.
 *
 * <pre>{@code
 * String csv = Csv.rows(List.of(List.of("name", "score"), List.of("big, wide", 12.5)));
 * }</pre>
 */
public final class Csv {

    /** The format of every CSV the library writes (and reads back). */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private Csv() {
    }

    /**
     * Rows as CSV text, each ended by {@code \n}.
     *
     * @param rows the rows; a cell is printed with {@link String#valueOf(Object)}, null as an empty field
     * @return the CSV text
     */
    public static String rows(List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, FORMAT)) {
            for (List<?> r : rows) {
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /**
     * One row as CSV text, ended by {@code \n}.
     *
     * @param cells the cells; printed as by {@link #rows}
     * @return the CSV line
     */
    public static String row(List<?> cells) {
        return rows(List.of(cells));
    }
}
