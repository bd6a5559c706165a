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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The resumable output of a {@link SparkRanking}: a directory, on any file system Hadoop's {@link FileSystem} reaches
 * ({@code file://}, {@code hdfs://}, {@code s3a://}, ...), of CSV files {@code part-<millis>-<seq>.csv}, each with a
 * header and one row per candidate. The driver buffers the rows that arrive and writes them as a new part every
 * flush interval and at the end; a part is written under a hidden name ({@code _part-...}) and renamed when complete,
 * so that a crash leaves no half part behind (object stores, which cannot append, see whole files only).
 *
 * <p>Columns: {@code name, status (ok|failed), near, sd, scores (each repetition's total, separated by ';', exact
 * decimal), parameters, seconds, attempt, executor, host, error, result}; {@code result} holds the candidate's whole
 * result (gzipped Java serialisation, Base64), so that a restarted job gives back exactly the same
 * {@code RankingResult} without scoring again. A candidate in several parts (scored again with
 * {@code retryFailures}) is read from the newest.
 */
final class ResultStore {

    private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

    static final String[] HEADER = {"name", "status", "near", "sd", "scores", "parameters", "seconds", "attempt",
            "executor", "host", "error", "result"};

    private final FileSystem fs;
    private final Path dir;
    private final long flushMillis;
    private final String prefix;
    private final List<Object[]> buffer = new ArrayList<>();
    private long lastFlush = System.currentTimeMillis();
    private int seq;

    /**
     * A store in {@code uri} (a directory, created when the first part is written).
     *
     * @param uri         a Hadoop path or URI; without a scheme, on the configuration's default file system
     * @param conf        the Hadoop configuration (Spark's {@code hadoopConfiguration()} on the driver)
     * @param flushMillis the longest time a row waits in the buffer before it is written (when the next row
     *                    arrives); 0 writes every row at once
     */
    ResultStore(String uri, Configuration conf, long flushMillis) throws IOException {
        Preconditions.checkNotNull(uri, "uri");
        Preconditions.checkArgument(flushMillis >= 0, "flushMillis must be >= 0, got %s", flushMillis);
        Path p = new Path(uri);
        this.fs = p.getFileSystem(Preconditions.checkNotNull(conf, "conf"));
        this.dir = fs.makeQualified(p);
        this.flushMillis = flushMillis;
        this.prefix = String.format(Locale.ROOT, "part-%013d-", System.currentTimeMillis());
    }

    /**
     * The directory, qualified ({@code file:/...}, {@code hdfs://...}).
     *
     * @return the directory
     */
    String location() {
        return dir.toString();
    }

    /** The part files, oldest first. */
    List<Path> parts() throws IOException {
        FileStatus[] all;
        try {
            all = fs.listStatus(dir, p -> p.getName().startsWith("part-") && p.getName().endsWith(".csv"));
        } catch (FileNotFoundException e) {
            return List.of();
        }
        Preconditions.checkArgument(fs.getFileStatus(dir).isDirectory(),
                "output %s is a file: the output of a SparkRanking is a directory of part files", dir);
        return Arrays.stream(all).filter(FileStatus::isFile).map(FileStatus::getPath)
                .sorted(Comparator.comparing(Path::getName)).collect(Collectors.toList());
    }

    /**
     * The candidates already in the store (the newest row of a name wins), as one-candidate rankings, in the order
     * they were written.
     */
    Map<String, RankingResult> read() throws IOException {
        Map<String, RankingResult> done = new LinkedHashMap<>();
        for (Path part : parts()) {
            for (CSVRecord r : records(part)) {
                try {
                    done.remove(r.get("name"));
                    done.put(r.get("name"), decode(r.get("result")));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    log.warn("{}: row {} ('{}') cannot be read back and is ignored: {}", part, r.getRecordNumber(),
                            r.get("name"), e.toString());
                }
            }
        }
        return done;
    }

    /** Every complete row of every part, oldest part first (for reports). */
    List<CSVRecord> rows() throws IOException {
        List<CSVRecord> out = new ArrayList<>();
        for (Path part : parts()) {
            out.addAll(records(part));
        }
        return out;
    }

    private List<CSVRecord> records(Path part) throws IOException {
        List<CSVRecord> out = new ArrayList<>();
        try (Reader in = new InputStreamReader(fs.open(part), StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            Preconditions.checkArgument(parser.getHeaderNames().equals(List.of(HEADER)),
                    "%s is not the output of a SparkRanking (header %s, expected %s)", part, parser.getHeaderNames(),
                    String.join(",", HEADER));
            for (CSVRecord r : parser) {
                if (r.isConsistent()) {
                    out.add(r);
                } else {
                    log.warn("{}: row {} is incomplete and is ignored", part, r.getRecordNumber());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            log.warn("{}: the last row is cut short and is ignored ({})", part, e.getMessage());
        }
        return out;
    }

    /**
     * Adds the rows of a one-candidate ranking to the buffer, and writes the buffer when the flush interval has
     * passed.
     */
    void add(RankingResult part, double seconds, int attempt, String executor, String host) throws IOException {
        String encoded = encode(part);
        String time = String.format(Locale.ROOT, "%.3f", seconds);
        for (RankedCandidate c : part.entries()) {
            buffer.add(new Object[] {c.name(), "ok", c.score(), c.standardDeviation(),
                    c.scores().stream().map(String::valueOf).collect(Collectors.joining(";")), c.parameters(), time,
                    attempt, executor, host, "", encoded});
        }
        for (CandidateFailure f : part.failures()) {
            buffer.add(new Object[] {f.name(), "failed", "", "", "", "", time, attempt, executor, host,
                    oneLine(f.error() + " (" + f.type() + ")"), encoded});
        }
        if (System.currentTimeMillis() - lastFlush >= flushMillis) {
            flush();
        }
    }

    /** Writes the buffered rows as a new part (nothing when the buffer is empty). */
    void flush() throws IOException {
        lastFlush = System.currentTimeMillis();
        if (buffer.isEmpty()) {
            return;
        }
        String name = String.format(Locale.ROOT, "%s%05d.csv", prefix, seq++);
        Path tmp = new Path(dir, "_" + name);
        Path fin = new Path(dir, name);
        try (FSDataOutputStream s = fs.create(tmp, true);
             Writer w = new OutputStreamWriter(s, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord((Object[]) HEADER);
            for (Object[] row : buffer) {
                p.printRecord(row);
            }
        }
        if (!fs.rename(tmp, fin)) {
            throw new IOException("cannot rename " + tmp + " to " + fin);
        }
        log.debug("{}: {} row(s)", fin, buffer.size());
        buffer.clear();
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
