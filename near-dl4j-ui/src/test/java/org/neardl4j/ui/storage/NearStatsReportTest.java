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

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.listener.NearRecord;
import org.neardl4j.ui.SmallTraining;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearStatsReportTest {

    static List<NearRecord> records() {
        return SmallTraining.twoRecords();
    }

    @Test
    void encodingRoundTripsThroughEveryDecodeMethodAndKeepsTheRecord() throws Exception {
        NearRecord rec = records().get(1);
        NearStatsReport r = NearStatsReport.of(rec, "session-1", "worker-7", 1234567L);
        assertEquals(NearStatsReport.TYPE_ID, r.getTypeID());
        assertEquals("session-1", r.getSessionID());
        assertEquals("worker-7", r.getWorkerID());
        assertEquals(1234567L, r.getTimeStamp());
        assertEquals(rec.score(), r.score());
        assertEquals(rec.iteration(), r.iteration());
        assertEquals(rec.epoch(), r.epoch());
        assertEquals("iteration_end", r.trigger());
        assertEquals(rec.toJson(), r.recordJson());
        assertEquals(rec.matrices().size(), r.recordTree().getAsJsonArray("matrices").size());

        byte[] bytes = r.encode();
        assertEquals(bytes.length, r.encodingLengthBytes());
        NearStatsReport a = new NearStatsReport();
        a.decode(bytes);
        assertEquals(r, a);
        NearStatsReport b = new NearStatsReport();
        ByteBuffer buf = ByteBuffer.allocate(bytes.length);
        r.encode(buf);
        buf.flip();
        b.decode(buf);
        assertEquals(r, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.encode(out);
        assertArrayEquals(bytes, out.toByteArray());
        NearStatsReport c = new NearStatsReport();
        c.decode(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(r, c);

        ByteArrayOutputStream ser = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(ser)) {
            o.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(ser.toByteArray()))) {
            assertEquals(r, in.readObject());
        }
    }

    @Test
    void aFilledReportCannotBeDecodedAgainAndBadBytesSayWhy() {
        NearStatsReport r = NearStatsReport.of(records().get(0), "s", "w", 1L);
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> r.decode(r.encode()));
        assertTrue(again.getMessage().contains("immutable"), again.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new NearStatsReport().decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertTrue(bad.getMessage().contains("not a NearStatsReport"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> new NearStatsReport().encode());
        assertThrows(IllegalArgumentException.class, () -> NearStatsReport.of(records().get(0), "", "w", 1L));
    }

    @Test
    void aStatsFileKeepsTheReportsAndTheMetaDataAfterReopening(@TempDir Path dir) throws Exception {
        List<NearRecord> recs = records();
        Path file = dir.resolve("stats.dl4j");
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        NearStatsSink sink = NearStatsSink.builder(storage).sessionId("s1").workerId("w1").build();
        recs.forEach(sink);
        sink.close();
        assertEquals(2, sink.written());
        storage.close();

        FileStatsStorage again = new FileStatsStorage(file.toFile());
        try {
            assertEquals(List.of("s1"), again.listSessionIDs());
            List<Persistable> got = again.getAllUpdatesAfter("s1", NearStatsReport.TYPE_ID, "w1", Long.MIN_VALUE);
            assertEquals(2, got.size());
            for (int i = 0; i < 2; i++) {
                NearStatsReport r = (NearStatsReport) got.get(i);
                assertEquals(recs.get(i).toJson(), r.recordJson());
                assertEquals(recs.get(i).score(), r.score());
            }
            assertTrue(got.get(0).getTimeStamp() < got.get(1).getTimeStamp());
            StorageMetaData meta = again.getStorageMetaData("s1", NearStatsReport.TYPE_ID);
            assertEquals(NearStatsReport.class.getName(), meta.getUpdateTypeClass());
        } finally {
            again.close();
        }
    }
}
