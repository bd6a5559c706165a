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
package org.neardl4j.ui.storage;

import com.google.common.base.Preconditions;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.core.storage.Persistable;
import org.neardl4j.listener.NearRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One {@link NearRecord} as a DL4J {@link Persistable}: what {@link NearStatsSink} puts into a
 * {@code StatsStorage} (in memory, a stats file, or DL4J's remote router), keyed like DL4J's own reports by session,
 * type ({@link #TYPE_ID}) and worker ID and a timestamp. It carries the record as {@link NearRecord#toJson()} (trigger,
 * epoch, iteration, score, every matrix, the scorer's settings) plus the main numbers as fields.
 *
 * <pre>{@code
 * for (Persistable p : storage.getAllUpdatesAfter(sessionId, NearStatsReport.TYPE_ID, workerId, 0)) {
 *     NearStatsReport r = (NearStatsReport) p;
 *     System.out.println(r.iteration() + " " + r.score());
 * }
 * }</pre>
 *
 * <p>DL4J's storages and its remote receiver create a report with the public no-argument constructor and then call
 * one of the {@code decode} methods; that is the only way to fill an empty report, and a report can be filled only
 * once, so a report is never changed after it has values.
 */
public final class NearStatsReport implements Persistable {

    /** The type ID of NEAR records in a {@code StatsStorage}, next to {@code StatsListener}'s. */
    public static final String TYPE_ID = "NearListener";

    private static final long serialVersionUID = 1L;
    /** First bytes of the encoding: "NEAR" and the format version. */
    private static final int MAGIC = 0x4E454152;
    private static final int FORMAT = 1;

    /** DL4J's session ID. */
    private String sessionId;
    /** DL4J's worker ID. */
    private String workerId;
    /** When the record was stored, milliseconds since the epoch, unique per session and worker. */
    private long timestamp;
    /** The trigger's label. */
    private String trigger;
    /** Epochs completed. */
    private int epoch;
    /** Parameter updates completed. */
    private long iteration;
    /** The NEAR score. */
    private double score;
    /** The record as JSON; null while the report is empty. */
    private String json;

    /**
     * An empty report, for DL4J's storages and remote receiver, which fill it with {@link #decode(byte[])}. Use
     * {@link #of} to make a report.
     */
    public NearStatsReport() {
    }

    private NearStatsReport(String sessionId, String workerId, long timestamp, String trigger, int epoch,
                            long iteration, double score, String json) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.trigger = trigger;
        this.epoch = epoch;
        this.iteration = iteration;
        this.score = score;
        this.json = json;
    }

    /**
     * The report of one record.
     *
     * @param record    the record; not null
     * @param sessionId DL4J's session ID (share {@code StatsListener}'s to see both in one session); not empty
     * @param workerId  DL4J's worker ID; not empty
     * @param timestamp when it was recorded, in milliseconds since the epoch (unique per session and worker: DL4J's
     *                  storages keep one update per timestamp)
     * @return the report
     */
    public static NearStatsReport of(NearRecord record, String sessionId, String workerId, long timestamp) {
        Preconditions.checkNotNull(record, "record");
        checkId(sessionId, "sessionId");
        checkId(workerId, "workerId");
        return new NearStatsReport(sessionId, workerId, timestamp, record.trigger().label(), record.epoch(),
                record.iteration(), record.score(), record.toJson());
    }

    private static void checkId(String id, String name) {
        Preconditions.checkArgument(id != null && !id.isEmpty(), "%s must not be empty", name);
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /**
     * What made the listener evaluate.
     *
     * @return the trigger's label: {@code start}, {@code epoch_start}, {@code epoch_end} or {@code iteration_end}
     */
    public String trigger() {
        return trigger;
    }

    /**
     * Epochs completed when the score was taken.
     *
     * @return {@link NearRecord#epoch()}
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Parameter updates completed when the score was taken.
     *
     * @return {@link NearRecord#iteration()}
     */
    public long iteration() {
        return iteration;
    }

    /**
     * The NEAR score.
     *
     * @return {@link NearRecord#score()}
     */
    public double score() {
        return score;
    }

    /**
     * The whole record.
     *
     * @return {@link NearRecord#toJson()} of the record: trigger, epoch, iteration, score, matrices, warnings and
     *         provenance (the scorer's settings)
     */
    public String recordJson() {
        return json;
    }

    /**
     * The whole record as a JSON tree.
     *
     * @return a new object parsed from {@link #recordJson()}
     */
    public JsonObject recordTree() {
        return new JsonParser().parse(json).getAsJsonObject();
    }

    // ------------------------------------------------------------------------------------------ encoding

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        Preconditions.checkState(json != null, "an empty NearStatsReport cannot be encoded");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // cannot happen with a byte array
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    /**
     * Writes the report (the stream is flushed, not closed: DL4J's file storage writes several values to it).
     *
     * @param outputStream where to write
     * @throws IOException when writing fails
     */
    @Override
    public void encode(OutputStream outputStream) throws IOException {
        Preconditions.checkState(json != null, "an empty NearStatsReport cannot be encoded");
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        writeString(out, sessionId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        writeString(out, trigger);
        out.writeInt(epoch);
        out.writeLong(iteration);
        out.writeDouble(score);
        writeString(out, json);
        out.flush();
    }

    @Override
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a NearStatsReport encoding: " + e, e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        decode(b);
    }

    /**
     * Fills this empty report from what {@link #encode(OutputStream)} wrote.
     *
     * @param inputStream where to read from
     * @throws IOException           when reading fails or the bytes are not a report
     * @throws IllegalStateException when this report has values already
     */
    @Override
    public synchronized void decode(InputStream inputStream) throws IOException {
        Preconditions.checkState(json == null, "NearStatsReport is immutable: decode only into an empty report");
        DataInputStream in = new DataInputStream(inputStream);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format(Locale.ROOT, "not a NearStatsReport (first bytes %08x)", magic));
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("NearStatsReport format " + format + " is not known to this version (knows "
                    + FORMAT + ")");
        }
        String s = readString(in);
        String w = readString(in);
        long t = in.readLong();
        String tr = readString(in);
        int e = in.readInt();
        long it = in.readLong();
        double sc = in.readDouble();
        String j = readString(in);
        sessionId = s;
        workerId = w;
        timestamp = t;
        trigger = tr;
        epoch = e;
        iteration = it;
        score = sc;
        json = j;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 << 20) {
            throw new IOException("NearStatsReport: bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NearStatsReport)) {
            return false;
        }
        NearStatsReport r = (NearStatsReport) o;
        return timestamp == r.timestamp && epoch == r.epoch && iteration == r.iteration
                && Double.compare(score, r.score) == 0 && java.util.Objects.equals(sessionId, r.sessionId)
                && java.util.Objects.equals(workerId, r.workerId) && java.util.Objects.equals(trigger, r.trigger)
                && java.util.Objects.equals(json, r.json);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sessionId, workerId, timestamp, trigger, epoch, iteration, score, json);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NearStatsReport{session=%s, worker=%s, time=%d, %s, epoch=%d, iteration=%d,"
                + " score=%.4f}", sessionId, workerId, timestamp, trigger, epoch, iteration, score);
    }
}
