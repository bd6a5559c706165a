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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neardl4j.listener.NearRecord;
import org.neardl4j.ui.LoopbackUiServer;
import org.neardl4j.ui.SmallTraining;
import org.neardl4j.ui.storage.NearStatsSink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module's routes over HTTP, without a browser (NearPageBrowserTest opens the page in Chromium). */
class NearModuleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() throws Exception {
        UIServer.stopInstance();
    }

    @Test
    void theServerListensOnLoopbackOnlyAndServesTheModule() throws Exception {
        LoopbackUiServer ui = LoopbackUiServer.startLoopback();
        assertSame(ui, UIServer.getInstance());
        assertTrue(ui.getPort() > 0);
        List<String> listening = LoopbackUiServer.listeningAddresses(ui.getPort());
        if (!listening.isEmpty()) {            // Linux: /proc/net/tcp names the bound address
            assertEquals(List.of("0100007F"), listening, "the UI must listen on 127.0.0.1 only");
        }
        HttpResponse<String> page = get(ui.base() + "/near");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("src=\"/near/assets/near.js\""), page.body());
        HttpResponse<String> js = get(ui.base() + "/near/assets/near.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("content-type").orElse("").startsWith("application/javascript"));
        HttpResponse<String> css = get(ui.base() + "/near/assets/near.css");
        assertEquals(200, css.statusCode());
        assertEquals(404, get(ui.base() + "/near/assets/other.js").statusCode());
        assertEquals(404, get(ui.base() + "/near/assets/..%2Fnear.html").statusCode());
        // DL4J's own pages are still there
        assertEquals(200, get(ui.base() + "/train/overview").statusCode());

        // self-contained: every reference is a path on this server; the only absolute URL is the SVG namespace
        for (String text : List.of(page.body(), js.body(), css.body())) {
            Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(text);
            while (m.find()) {
                assertTrue(m.group(1).startsWith("/") && !m.group(1).startsWith("//"), m.group(1));
            }
            String rest = text.replace("http://www.w3.org/2000/svg", "");
            assertFalse(rest.contains("http://") || rest.contains("https://") || rest.contains("@import")
                    || rest.contains("url("), "a reference to another site in " + text.substring(0, 60));
        }
    }

    @Test
    void dataListsSessionsWorkersAndPointsOfTheAttachedStorages() throws Exception {
        List<NearRecord> recs = SmallTraining.twoRecords();
        LoopbackUiServer ui = LoopbackUiServer.startLoopback();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        JsonObject empty = new JsonParser().parse(get(ui.base() + "/near/data").body()).getAsJsonObject();
        assertEquals(0, empty.getAsJsonArray("sessions").size());

        NearStatsSink a = NearStatsSink.builder(storage).sessionId("first").workerId("w1").build();
        recs.forEach(a);
        a.close();
        Thread.sleep(5);
        NearStatsSink b = NearStatsSink.builder(storage).sessionId("second").workerId("w2").build();
        b.accept(recs.get(1));
        b.close();
        ui.attach(storage);

        JsonObject data = new JsonParser().parse(get(ui.base() + "/near/data").body()).getAsJsonObject();
        assertFalse(data.get("multiSession").getAsBoolean());
        JsonArray sessions = data.getAsJsonArray("sessions");
        assertEquals(2, sessions.size());
        JsonObject first = sessions.get(0).getAsJsonObject();
        assertEquals("first", first.get("id").getAsString());
        assertFalse(first.get("training").getAsBoolean());      // no StatsListener records in it
        JsonArray workers = first.getAsJsonArray("workers");
        assertEquals(1, workers.size());
        JsonArray points = workers.get(0).getAsJsonObject().getAsJsonArray("points");
        assertEquals(recs.size(), points.size());
        for (int i = 0; i < recs.size(); i++) {
            JsonObject p = points.get(i).getAsJsonObject();
            assertEquals(recs.get(i).score(), p.get("score").getAsDouble());
            assertEquals(recs.get(i).iteration(), p.get("iteration").getAsLong());
            assertEquals(recs.get(i).epoch(), p.get("epoch").getAsInt());
            assertEquals(recs.get(i).trigger().label(), p.get("trigger").getAsString());
        }
        JsonObject latest = first.getAsJsonObject("latest");
        assertEquals("w1", latest.get("worker").getAsString());
        assertEquals(new JsonParser().parse(recs.get(1).toJson()), latest.get("record"));
        assertEquals("second", sessions.get(1).getAsJsonObject().get("id").getAsString());

        // live: a record written after the storage was attached is in the next answer
        NearStatsSink more = NearStatsSink.builder(storage).sessionId("second").workerId("w2").build();
        more.accept(recs.get(0));
        more.close();
        JsonObject later = new JsonParser().parse(get(ui.base() + "/near/data").body()).getAsJsonObject();
        JsonArray secondPoints = later.getAsJsonArray("sessions").get(1).getAsJsonObject().getAsJsonArray("workers")
                .get(0).getAsJsonObject().getAsJsonArray("points");
        assertEquals(2, secondPoints.size());
        assertEquals(recs.get(0).score(), secondPoints.get(1).getAsJsonObject().get("score").getAsDouble());

        ui.detach(storage);
        JsonObject detached = new JsonParser().parse(get(ui.base() + "/near/data").body()).getAsJsonObject();
        assertEquals(0, detached.getAsJsonArray("sessions").size());
    }
}
