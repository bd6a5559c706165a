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

import com.google.common.io.ByteStreams;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.neardl4j.internal.Json;
import org.neardl4j.ui.storage.NearStatsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The NEAR page of DL4J's training UI ({@code UIServer}), found by DL4J through {@link java.util.ServiceLoader}
 * when near-dl4j-ui is on the classpath: {@code /near} shows, for every attached {@code StatsStorage}, the NEAR
 * records that {@link org.neardl4j.ui.storage.NearStatsSink} put there, per session and worker: NEAR against
 * iteration or epoch, the per-matrix breakdown of the session's latest record, the scorer's settings, and a link to
 * DL4J's training page of the session. The page polls {@code /near/data} (JSON) every two seconds, so it follows
 * training live; it works the same on a stats file attached later and on records received by DL4J's remote
 * listener. Its script and style are served by the module itself ({@code /near/assets/}): the page loads nothing
 * from elsewhere.
 *
 * <pre>{@code
 * UIServer ui = UIServer.getInstance();   // loads this module when near-dl4j-ui is on the classpath
 * ui.attach(storage);                     // the storage NearStatsSink writes to
 * // open http://localhost:9000/near
 * }</pre>
 */
public final class NearModule implements UIModule {

    /** The page's path. */
    public static final String PATH = "/near";

    private static final Logger log = LoggerFactory.getLogger(NearModule.class);
    private static final String RESOURCES = "org/neardl4j/ui/module/";
    private static final Map<String, String> ASSETS = Map.of("near.js", "application/javascript; charset=utf-8",
            "near.css", "text/css; charset=utf-8");

    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    /** The module, as DL4J's {@code ServiceLoader} creates it; reads the page and its assets from the jar. */
    public NearModule() {
        resources.put("near.html", resource("near.html"));
        for (String a : ASSETS.keySet()) {
            resources.put(a, resource(a));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = NearModule.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("near-dl4j-ui: " + RESOURCES + name + " is missing from the jar");
            }
            return ByteStreams.toByteArray(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        return Collections.singletonList(NearStatsReport.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PATH, HttpMethod.GET, (args, rc) -> send(rc, "text/html; charset=utf-8",
                        resources.get("near.html"))),
                new Route(PATH + "/data", HttpMethod.GET, (args, rc) -> send(rc, "application/json; charset=utf-8",
                        Json.write(data()).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                new Route(PATH + "/assets/:name", HttpMethod.GET, (args, rc) -> asset(args.get(0), rc)));
    }

    private void asset(String name, RoutingContext rc) {
        String type = ASSETS.get(name);
        if (type == null) {
            rc.response().setStatusCode(404).end();
        } else {
            send(rc, type, resources.get(name));
        }
    }

    private static void send(RoutingContext rc, String contentType, byte[] body) {
        rc.response().putHeader("content-type", contentType).putHeader("cache-control", "no-store")
                .end(Buffer.buffer(body));
    }

    /** Nothing to do: the page reads the storages when it asks for data. */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        storages.add(statsStorage);
        VertxUIServer ui = VertxUIServer.getInstance();
        if (ui != null && !ui.isStopped()) {
            try {
                log.info("NEAR page: {}{}", ui.getAddress(), PATH);
            } catch (RuntimeException e) {
                log.debug("UI address not known yet", e);
            }
        }
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        storages.remove(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return Collections.emptyList();
    }

    /**
     * What the page shows, as served at {@code /near/data}: every session with NEAR records in the attached
     * storages (oldest first), its workers and their points (timestamp, trigger, epoch, iteration, score), and the
     * session's latest record whole.
     *
     * @return the JSON tree
     */
    JsonObject data() {
        Map<String, Map<String, List<NearStatsReport>>> sessions = new LinkedHashMap<>();
        Map<String, Boolean> training = new LinkedHashMap<>();
        for (StatsStorage s : storages) {
            for (String session : s.listSessionIDs()) {
                List<String> types = s.listTypeIDsForSession(session);
                if (types == null || !types.contains(NearStatsReport.TYPE_ID)) {
                    continue;
                }
                training.merge(session, types.contains(StatsListener.TYPE_ID), Boolean::logicalOr);
                Map<String, List<NearStatsReport>> workers = sessions.computeIfAbsent(session, k -> new TreeMap<>());
                for (String worker : s.listWorkerIDsForSessionAndType(session, NearStatsReport.TYPE_ID)) {
                    List<NearStatsReport> list = workers.computeIfAbsent(worker, k -> new ArrayList<>());
                    for (Persistable p : s.getAllUpdatesAfter(session, NearStatsReport.TYPE_ID, worker,
                            Long.MIN_VALUE)) {
                        if (p instanceof NearStatsReport) {
                            list.add((NearStatsReport) p);
                        }
                    }
                    list.sort(Comparator.comparingLong(NearStatsReport::getTimeStamp));
                }
            }
        }
        List<Map.Entry<String, Map<String, List<NearStatsReport>>>> ordered = new ArrayList<>(sessions.entrySet());
        ordered.sort(Comparator.comparingLong(e -> first(e.getValue())));
        JsonArray out = new JsonArray();
        for (Map.Entry<String, Map<String, List<NearStatsReport>>> e : ordered) {
            JsonObject session = new JsonObject();
            session.addProperty("id", e.getKey());
            session.addProperty("training", training.get(e.getKey()));
            JsonArray workers = new JsonArray();
            NearStatsReport latest = null;
            for (Map.Entry<String, List<NearStatsReport>> w : e.getValue().entrySet()) {
                JsonObject worker = new JsonObject();
                worker.addProperty("id", w.getKey());
                JsonArray points = new JsonArray();
                for (NearStatsReport r : w.getValue()) {
                    JsonObject p = new JsonObject();
                    p.addProperty("t", r.getTimeStamp());
                    p.addProperty("trigger", r.trigger());
                    p.addProperty("epoch", r.epoch());
                    p.addProperty("iteration", r.iteration());
                    p.add("score", number(r.score()));
                    points.add(p);
                    if (latest == null || r.getTimeStamp() >= latest.getTimeStamp()) {
                        latest = r;
                    }
                }
                worker.add("points", points);
                workers.add(worker);
            }
            session.add("workers", workers);
            if (latest != null) {
                JsonObject l = new JsonObject();
                l.addProperty("worker", latest.getWorkerID());
                l.addProperty("t", latest.getTimeStamp());
                l.add("record", finite(latest.recordTree()));
                session.add("latest", l);
            }
            out.add(session);
        }
        JsonObject root = new JsonObject();
        VertxUIServer ui = VertxUIServer.getInstance();
        root.addProperty("multiSession", ui != null && ui.isMultiSession());
        root.add("sessions", out);
        return root;
    }

    private static long first(Map<String, List<NearStatsReport>> workers) {
        long t = Long.MAX_VALUE;
        for (List<NearStatsReport> l : workers.values()) {
            if (!l.isEmpty()) {
                t = Math.min(t, l.get(0).getTimeStamp());
            }
        }
        return t;
    }

    private static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    private static final java.math.BigDecimal JS_SAFE_INTEGER = java.math.BigDecimal.valueOf((1L << 53) - 1);

    /**
     * The tree with NaN and infinite numbers replaced by null (JSON has no such numbers), and integers that
     * JavaScript cannot hold exactly (a seed) as text.
     */
    private static JsonElement finite(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(x -> o.add(x.getKey(), finite(x.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(finite(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            if (!Double.isFinite(e.getAsDouble())) {
                return JsonNull.INSTANCE;
            }
            java.math.BigDecimal d = e.getAsBigDecimal();
            if (d.abs().compareTo(JS_SAFE_INTEGER) > 0 && d.stripTrailingZeros().scale() <= 0) {
                return new JsonPrimitive(d.toBigInteger().toString());   // a seed beyond JavaScript's integers
            }
        }
        return e;
    }
}
