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

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.VertxInternal;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * DL4J's UI server for tests, listening on 127.0.0.1 only, on a free port. DL4J 1.0.0-M2.1's {@link VertxUIServer}
 * listens on every interface ({@code createHttpServer().requestHandler(r).listen(port, handler)}, which Vert.x 3.9
 * binds to 0.0.0.0 whatever the server options say; there is no address property, and the port comes from
 * {@code org.deeplearning4j.ui.port}): this subclass hands it a Vert.x whose HTTP server turns that call into
 * {@code listen(port, "127.0.0.1", handler)}, with port 0 (a free one). Everything else is DL4J's server: its
 * modules (this module's page through the ServiceLoader), {@code attach}, {@code enableRemoteListener},
 * {@code UIServer.getInstance()}.
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
        super.init(delegate(Vertx.class, VertxInternal.class, vertx, (method, args) -> {
            if (method.getName().equals("createHttpServer") && method.getParameterCount() == 0) {
                return loopback(vertx.createHttpServer());
            }
            return NOT_HANDLED;
        }), context);
    }

    /** DL4J calls {@code listen(port, handler)}, which Vert.x binds to 0.0.0.0: it becomes listen(port, 127.0.0.1). */
    @SuppressWarnings("unchecked")
    private static HttpServer loopback(HttpServer server) {
        return delegate(HttpServer.class, HttpServer.class, server, (method, args) -> {
            if (method.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer
                    && method.getParameterTypes()[1] == Handler.class) {
                server.listen((Integer) args[0], "127.0.0.1", (Handler<AsyncResult<HttpServer>>) args[1]);
                return SELF;
            }
            return NOT_HANDLED;
        });
    }

    private static final Object NOT_HANDLED = new Object();
    private static final Object SELF = new Object();

    /** A proxy of {@code target} that asks {@code override} first and returns itself where the target would. */
    private static <T> T delegate(Class<T> type, Class<?> iface, Object target,
                                  java.util.function.BiFunction<Method, Object[], Object> override) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(LoopbackUiServer.class.getClassLoader(), new Class<?>[] {iface},
                (proxy, method, args) -> {
                    Object r = override.apply(method, args);
                    if (r == SELF) {
                        return proxy;
                    }
                    if (r != NOT_HANDLED) {
                        return r;
                    }
                    try {
                        r = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return r == target ? proxy : r;
                });
        return type.cast(self[0]);
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
     * 127.0.0.1 (also on an IPv6 socket, as ::ffff:127.0.0.1), {@code 00000000} or 32 zeros for every interface.
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
                    String a = c[1].substring(0, c[1].indexOf(':'));
                    // an IPv4 address on an IPv6 socket (::ffff:a.b.c.d) is that IPv4 address
                    out.add(a.startsWith("0000000000000000FFFF0000") ? a.substring(24) : a);
                }
            }
        }
        return out;
    }
}
