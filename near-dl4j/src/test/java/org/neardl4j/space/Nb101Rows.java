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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The 200 NAS-Bench-101 rows and the authors' NEAR values bundled as test resources (see nb101/README.md). */
final class Nb101Rows {

    record Row(int id, String matrix, String ops, double valAcc, long params) {
    }

    record Reference(int id, double near, int matrices, int shortBlocks) {
    }

    private Nb101Rows() {
    }

    private static List<CSVRecord> read(String name) {
        try (InputStream in = Nb101Rows.class.getResourceAsStream("/nb101/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource nb101/" + name + " missing");
            }
            try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return p.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> load() {
        List<Row> rows = new ArrayList<>();
        for (CSVRecord f : read("nb101_cifar10_200.csv")) {
            rows.add(new Row(Integer.parseInt(f.get("id")), f.get("matrix"), f.get("ops"),
                    Double.parseDouble(f.get("val_acc_108")), Long.parseLong(f.get("params"))));
        }
        return rows;
    }

    static Map<Integer, Reference> reference() {
        Map<Integer, Reference> m = new HashMap<>();
        for (CSVRecord f : read("reference_near_200.csv")) {
            int id = Integer.parseInt(f.get("id"));
            m.put(id, new Reference(id, Double.parseDouble(f.get("near_reference")),
                    Integer.parseInt(f.get("n_matrices")), Integer.parseInt(f.get("n_short"))));
        }
        return m;
    }
}
