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
package org.neardl4j.ui;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * DL4J's UI server for tests, listening on 127.0.0.1 only, on a free port. DL4J 1.0.0-M2.1's {@link VertxUIServer}
 * listens on every interface ({@code createHttpServer().listen(port)}, no address option; the port comes from
 * {@code org.deeplearning4j.ui.port}): this subclass hands it a Vert.x whose {@code createHttpServer()} makes a
 * server bound to 127.0.0.1, and port 0 (a free one). Everything else is DL4J's server: its modules (this module's
 * page through the ServiceLoader), {@code attach}, {@code enableRemoteListener}, {@code UIServer.getInstance()}.
 */
public final class LoopbackUiServer extends VertxUIServer {

    private static final String PORT_PROPERTY = "org.deeplearning4j.ui.port";

    /**
     * Starts a server (single-session mode; a running one is stopped first) and waits until it listens.
     *
     * @return the running server, also {@code UIServer.getInstance()}
     * @throws Exception when it does not start in 60 s
     */
    public static LoopbackUiServer startLoopback() throws Exception {
        VertxUIServer.stopInstance();
        String before = System.getProperty(PORT_PROPERTY);
        System.setProperty(PORT_PROPERTY, "0");
        try {
            LoopbackUiServer ui = new LoopbackUiServer();
            CompletableFuture<String> started = new CompletableFuture<>();
            Vertx.vertx().deployVerticle(ui, ar -> {
                if (ar.succeeded()) {
                    started.complete(ar.result());
                } else {
                    started.completeExceptionally(ar.cause());
                }
            });
            started.get(60, TimeUnit.SECONDS);
            return ui;
        } finally {
            if (before == null) {
                System.clearProperty(PORT_PROPERTY);
            } else {
                System.setProperty(PORT_PROPERTY, before);
            }
        }
    }

    @Override
    public void init(Vertx vertx, Context context) {
        Vertx loopback = (Vertx) Proxy.newProxyInstance(LoopbackUiServer.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer") && method.getParameterCount() == 0) {
                        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        super.init(loopback, context);
    }

    /**
     * The page's base address.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String base() {
        return "http://127.0.0.1:" + getPort();
    }

    /**
     * The local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (Linux), e.g. {@code 0100007F} for
     * 127.0.0.1 and {@code 00000000} for every interface.
     *
     * @param port the port
     * @return the addresses in /proc's hexadecimal form; empty where /proc/net is not readable
     * @throws Exception when reading fails
     */
    public static java.util.List<String> listeningAddresses(int port) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        String want = String.format(Locale.ROOT, ":%04X", port);
        for (String f : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(f);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
                String[] c = line.trim().split("\\s+");
                if (c.length > 3 && c[1].endsWith(want) && c[3].equals("0A")) {   // 0A: LISTEN
                    out.add(c[1].substring(0, c[1].indexOf(':')));
                }
            }
        }
        return out;
    }
}
