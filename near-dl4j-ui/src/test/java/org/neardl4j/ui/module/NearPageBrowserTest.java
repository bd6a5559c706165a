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
package org.neardl4j.ui.module;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.listener.NearListener;
import org.neardl4j.listener.NearRecord;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.ui.Chromium;
import org.neardl4j.ui.LoopbackUiServer;
import org.neardl4j.ui.SmallTraining;
import org.neardl4j.ui.storage.NearStatsSink;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NEAR page as a user sees it: DL4J's UI server (on 127.0.0.1, a free port) with a small network trained with
 * {@code StatsListener} and {@code NearListener} into the same storage, the page opened in headless Chromium, and
 * its chart compared with the listeners' own histories: live, from the stats file reloaded in a fresh server, and
 * through DL4J's remote receiver. Set {@code NEAR_UI_SCREENSHOT} to a file to keep the screenshot of the live page.
 */
class NearPageBrowserTest {

    /** The colours of the first two workers in near.js. */
    private static final int FIRST_WORKER = 0x3182ce;
    private static final int SECOND_WORKER = 0xdd6b20;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        UIServer.stopInstance();
    }

    /** One point of the chart as drawn. */
    record Point(String session, String worker, String trigger, int epoch, long iteration, double score, double cx,
                 double cy) {
    }

    /** What the listener recorded, in the page's terms. */
    record Expected(String trigger, int epoch, long iteration, double score) {
        static List<Expected> of(List<NearRecord> records) {
            List<Expected> out = new ArrayList<>();
            for (NearRecord r : records) {
                out.add(new Expected(r.trigger().label(), r.epoch(), r.iteration(), r.score()));
            }
            return out;
        }

        static List<Expected> of(List<Point> points, boolean unused) {
            List<Expected> out = new ArrayList<>();
            for (Point p : points) {
                out.add(new Expected(p.trigger(), p.epoch(), p.iteration(), p.score()));
            }
            return out;
        }
    }

    /** Trains 2 epochs of 3 iterations with StatsListener and NearListener (start + every iteration: 7 records). */
    private static NearListener train(StatsListener stats, NearStatsSink sink, long seed) {
        NearListener near = NearListener.builder().everyIterations(1).atStart().onRecord(sink).build();
        MultiLayerNetwork net = SmallTraining.net(seed);
        net.setListeners(stats, near);
        net.fit(SmallTraining.data(seed), 2);
        return near;
    }

    @Test
    void theChartShowsEveryRecordLiveAndFromTheReloadedStatsFile() throws Exception {
        Chromium chromium = Chromium.require();
        Path file = dir.resolve("training.dl4j");
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        LoopbackUiServer ui = LoopbackUiServer.startLoopback();
        ui.attach(storage);

        // session A: the main thread and a second worker thread, one session ID
        StatsListener statsA = new StatsListener(storage);
        NearStatsSink sinkA = NearStatsSink.sameSessionAs(statsA);
        NearListener mainWorker = train(statsA, sinkA, 1);
        NearListener[] second = new NearListener[1];
        long[] secondThread = new long[1];
        Thread t = new Thread(() -> {
            secondThread[0] = Thread.currentThread().getId();
            second[0] = train(statsA, sinkA, 2);
        });
        t.start();
        t.join();
        // session B: another run
        StatsListener statsB = new StatsListener(storage);
        NearStatsSink sinkB = NearStatsSink.sameSessionAs(statsB);
        NearListener other = train(statsB, sinkB, 3);
        sinkA.close();
        sinkB.close();

        String a = statsA.getSessionID();
        String b = statsB.getSessionID();
        String w1 = UIDProvider.getJVMUID() + "_" + Thread.currentThread().getId();
        String w2 = UIDProvider.getJVMUID() + "_" + secondThread[0];
        Map<String, List<Expected>> expected = new TreeMap<>();
        expected.put(a + " " + w1, Expected.of(mainWorker.history().records()));
        expected.put(a + " " + w2, Expected.of(second[0].history().records()));
        expected.put(b + " " + w1, Expected.of(other.history().records()));
        assertEquals(7, expected.get(a + " " + w2).size());

        String live = chromium.dom(ui.base() + "/near", dir.resolve("live"));
        Map<String, List<Point>> points = points(live);
        assertEquals(expected, expectations(points), "the chart's points are the listeners' records");
        assertChartGeometry(points.values(), false);
        assertEquals(List.of(a, b), sections(live), "one section per session, oldest first");
        assertLatestRecordTable(live, b, other.history().last());
        assertTrue(live.contains("class=\"train-link\""), "a link to DL4J's training page");
        assertEquals(200, NearModuleTest.get(ui.base() + "/train/sessions/set/" + a).statusCode(),
                "DL4J's training page knows the session");

        String byEpoch = chromium.dom(ui.base() + "/near#epoch", dir.resolve("epoch"));
        assertTrue(byEpoch.contains("data-x=\"epoch\""));
        assertEquals(expected, expectations(points(byEpoch)));
        assertChartGeometry(points(byEpoch).values(), true);

        BufferedImage shot = chromium.screenshot(ui.base() + "/near", dir.resolve("near-ui.png"), 1100, 1500);
        assertTrue(Chromium.pixels(shot, FIRST_WORKER) > 1500, "first worker's points and line drawn");
        assertTrue(Chromium.pixels(shot, SECOND_WORKER) > 500, "second worker's points and line drawn");
        String keep = System.getenv("NEAR_UI_SCREENSHOT");
        if (keep != null) {
            Files.copy(dir.resolve("near-ui.png"), Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }

        // the stats file, closed, reopened and attached to a fresh server
        UIServer.stopInstance();
        storage.close();
        FileStatsStorage reopened = new FileStatsStorage(file.toFile());
        try {
            LoopbackUiServer fresh = LoopbackUiServer.startLoopback();
            fresh.attach(reopened);
            String reloaded = chromium.dom(fresh.base() + "/near", dir.resolve("reloaded"));
            assertEquals(points, points(reloaded), "the reloaded file shows the same chart");
            assertLatestRecordTable(reloaded, b, other.history().last());
        } finally {
            UIServer.stopInstance();
            reopened.close();
        }
    }

    @Test
    void recordsSentToTheRemoteReceiverShowUp() throws Exception {
        Chromium chromium = Chromium.require();
        LoopbackUiServer ui = LoopbackUiServer.startLoopback();
        ui.enableRemoteListener();
        RemoteUIStatsStorageRouter remote = new RemoteUIStatsStorageRouter(ui.base());
        StatsListener stats = new StatsListener(remote);
        NearStatsSink sink = NearStatsSink.builder(remote).sessionId(stats.getSessionID()).workerId("remote-worker")
                .build();
        NearListener near = train(stats, sink, 4);
        sink.close();
        List<Expected> want = Expected.of(near.history().records());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pointsOnTheServer(ui) < want.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);       // the remote router posts from its own thread
        }
        String dom = chromium.dom(ui.base() + "/near", dir.resolve("remote"));
        Map<String, List<Expected>> got = expectations(points(dom));
        assertEquals(Map.of(stats.getSessionID() + " remote-worker", want), got);
        assertLatestRecordTable(dom, stats.getSessionID(), near.history().last());
        remote.shutdown();
    }

    private static int pointsOnTheServer(LoopbackUiServer ui) throws Exception {
        int n = 0;
        JsonObject data = new JsonParser().parse(NearModuleTest.get(ui.base() + "/near/data").body()).getAsJsonObject();
        for (JsonElement s : data.getAsJsonArray("sessions")) {
            for (JsonElement w : s.getAsJsonObject().getAsJsonArray("workers")) {
                n += w.getAsJsonObject().getAsJsonArray("points").size();
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------ reading the DOM

    private static final Pattern CIRCLE = Pattern.compile("<circle ([^>]*class=\"near-point\"[^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    private static Map<String, String> attributes(String tag) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) {
            m.put(a.group(1), a.group(2));
        }
        return m;
    }

    /** The chart's points per "session worker", in the order drawn (the records' order). */
    private static Map<String, List<Point>> points(String dom) {
        Map<String, List<Point>> out = new TreeMap<>();
        Matcher m = CIRCLE.matcher(dom);
        while (m.find()) {
            Map<String, String> a = attributes(m.group(1));
            Point p = new Point(a.get("data-session"), a.get("data-worker"), a.get("data-trigger"),
                    Integer.parseInt(a.get("data-epoch")), Long.parseLong(a.get("data-iteration")),
                    Double.parseDouble(a.get("data-score")), Double.parseDouble(a.get("cx")),
                    Double.parseDouble(a.get("cy")));
            out.computeIfAbsent(p.session() + " " + p.worker(), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static Map<String, List<Expected>> expectations(Map<String, List<Point>> points) {
        Map<String, List<Expected>> out = new TreeMap<>();
        points.forEach((k, v) -> out.put(k, Expected.of(v, true)));
        return out;
    }

    /** Within each session's chart: x grows with iteration (or epoch), y falls as the score grows. */
    private static void assertChartGeometry(java.util.Collection<List<Point>> lists, boolean byEpoch) {
        Map<String, List<Point>> bySession = new TreeMap<>();
        lists.forEach(l -> l.forEach(p -> bySession.computeIfAbsent(p.session(), k -> new ArrayList<>()).add(p)));
        for (List<Point> ps : bySession.values()) {
            for (Point p : ps) {
                for (Point q : ps) {
                    double xp = byEpoch ? p.epoch() : p.iteration();
                    double xq = byEpoch ? q.epoch() : q.iteration();
                    if (xp < xq) {
                        assertTrue(p.cx() < q.cx(), "x order: " + p + " " + q);
                    }
                    if (p.score() > q.score()) {
                        assertTrue(p.cy() < q.cy(), "y order: " + p + " " + q);
                    }
                }
            }
        }
    }

    /** The session ids of the page's sections, in order. */
    private static List<String> sections(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<section class=\"session\" data-session=\"([^\"]*)\"").matcher(dom);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The section's matrix table lists the latest record's matrices; its settings table the scorer's seed. */
    private static void assertLatestRecordTable(String dom, String session, NearRecord latest) {
        int start = dom.indexOf("data-session=\"" + session + "\"");
        int end = dom.indexOf("</section>", start);
        String sec = dom.substring(start, end);
        String table = sec.substring(sec.indexOf("class=\"near-matrices\""), sec.indexOf("</table>",
                sec.indexOf("class=\"near-matrices\"")));
        Matcher row = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td class=\"num\">(\\d+)"
                + "</td><td class=\"num\">(\\d+)</td><td class=\"num\">([^<]*)</td></tr>").matcher(table);
        List<MatrixScore> want = latest.matrices();
        int i = 0;
        while (row.find()) {
            MatrixScore m = want.get(i++);
            assertEquals(m.layerName(), row.group(1));
            assertEquals(m.kind().label(), row.group(3));
            assertEquals(m.rows(), Long.parseLong(row.group(4)));
            assertEquals(m.cols(), Long.parseLong(row.group(5)));
            assertEquals(m.effectiveRank(), Double.parseDouble(row.group(6)), 5e-5, "effective rank of " + m);
        }
        assertEquals(want.size(), i, "one row per matrix");
        String settings = sec.substring(sec.indexOf("class=\"near-settings\""));
        assertTrue(settings.contains("<td>seed</td><td class=\"num\">" + latest.result().provenance().seed()
                + "</td>"), "the scorer's seed");
        assertTrue(settings.contains("<td>rankMethod</td><td>" + latest.result().provenance().rankMethod().name()
                + "</td>"), "the scorer's rank method");
    }
}
