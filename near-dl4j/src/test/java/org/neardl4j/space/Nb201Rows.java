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
package org.neardl4j.space;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 1,000 NAS-Bench-201 rows bundled as a test resource (see nb201/README.md). */
final class Nb201Rows {

    record Row(int arch, String cellstr, double paramsMb, double testAcc, double validAcc) {
    }

    private Nb201Rows() {
    }

    static List<Row> load() {
        try (InputStream in = Nb201Rows.class.getResourceAsStream("/nb201/nb201_cifar10_1000.csv")) {
            if (in == null) {
                throw new IllegalStateException("test resource nb201/nb201_cifar10_1000.csv missing");
            }
            try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                if (!List.of("arch", "cellstr", "params_mb", "cifar10_test_acc", "cifar10_valid_acc")
                        .equals(p.getHeaderNames())) {
                    throw new IllegalStateException("unexpected header " + p.getHeaderNames());
                }
                List<Row> rows = new ArrayList<>();
                for (CSVRecord f : p) {
                    rows.add(new Row(Integer.parseInt(f.get(0)), f.get(1), Double.parseDouble(f.get(2)),
                            Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4))));
                }
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
