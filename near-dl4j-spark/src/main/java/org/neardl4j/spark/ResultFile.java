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
package org.neardl4j.spark;

import com.google.common.base.Preconditions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The resumable output of a {@link SparkRanking}: a CSV file with one row per candidate, appended and flushed as each
 * result reaches the driver. Columns: {@code name, status (ok|failed), near, sd, scores (each repetition's total,
 * separated by ';', exact decimal), parameters, seconds, attempt, host, error, result}; {@code result} holds the
 * candidate's whole result (gzipped Java serialisation, Base64), so that a restarted job gives back exactly the
 * same {@code RankingResult} without scoring again. A row cut short by a crash is ignored when the file is read.
 */
final class ResultFile {

    private static final Logger log = LoggerFactory.getLogger(ResultFile.class);

    static final String[] HEADER = {"name", "status", "near", "sd", "scores", "parameters", "seconds", "attempt",
            "host", "error", "result"};

    private final Path path;

    ResultFile(Path path) {
        this.path = Preconditions.checkNotNull(path, "path");
    }

    Path path() {
        return path;
    }

    /** The candidates already in the file (the last row of a name wins), as one-candidate rankings. */
    Map<String, RankingResult> read() throws IOException {
        Map<String, RankingResult> done = new LinkedHashMap<>();
        if (!Files.exists(path) || Files.size(path) == 0) {
            return done;
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            Preconditions.checkArgument(parser.getHeaderNames().equals(java.util.List.of(HEADER)),
                    "%s is not the output of a SparkRanking (header %s, expected %s)", path, parser.getHeaderNames(),
                    String.join(",", HEADER));
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) {
                    log.warn("{}: row {} is incomplete (cut short?) and is ignored", path, r.getRecordNumber());
                    continue;
                }
                try {
                    done.put(r.get("name"), decode(r.get("result")));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    log.warn("{}: row {} ('{}') cannot be read back and is ignored: {}", path, r.getRecordNumber(),
                            r.get("name"), e.toString());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            // commons-csv reports a row cut short inside quotes this way: keep what was read
            log.warn("{}: the last row is cut short and is ignored ({})", path, e.getMessage());
        }
        return done;
    }

    /** Creates the file with its header if it does not exist, and ends a row cut short by a crash. */
    void open() throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        if (!Files.exists(path) || Files.size(path) == 0) {
            try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                p.printRecord((Object[]) HEADER);
            }
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            f.seek(f.length() - 1);
            if (f.read() != '\n') {
                Files.writeString(path, "\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
    }

    /** Appends one row per candidate of a one-candidate ranking, and flushes. */
    void append(RankingResult part, double seconds, int attempt, String host) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT)) {
            String encoded = encode(part);
            for (RankedCandidate c : part.entries()) {
                p.printRecord(c.name(), "ok", c.score(), c.standardDeviation(),
                        c.scores().stream().map(String::valueOf).collect(Collectors.joining(";")), c.parameters(),
                        String.format(Locale.ROOT, "%.3f", seconds), attempt, host, "", encoded);
            }
            for (CandidateFailure f : part.failures()) {
                p.printRecord(f.name(), "failed", "", "", "", "", String.format(Locale.ROOT, "%.3f", seconds), attempt,
                        host, oneLine(f.error() + " (" + f.type() + ")"), encoded);
            }
        }
        Files.writeString(path, sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** The error on one line, so that every candidate is one line of the file. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    static String encode(RankingResult r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
            out.writeObject(r);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static RankingResult decode(String s) throws IOException, ClassNotFoundException {
        byte[] bytes = Base64.getDecoder().decode(s);
        try (ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
            // only near-dl4j's results and the collections they hold
            in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter(
                    "org.neardl4j.**;com.google.common.collect.*;java.base/*;!*"));
            return (RankingResult) in.readObject();
        }
    }
}
