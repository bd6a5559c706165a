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
package org.neardl4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One in-process run of the CLI: exit code, stdout, stderr. */
final class CliRun {

    final int code;
    final String out;
    final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = NearCli.run(args, o, e);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    /** Asserts success and that stdout is exactly one JSON object, and returns it. */
    JsonObject json() {
        assertEquals(NearCli.EXIT_OK, code, "exit code; stderr: " + err);
        assertEquals("", err, "stderr of a successful run");
        try (JsonReader r = new JsonReader(new StringReader(out))) {
            r.setLenient(false);
            JsonObject o = new JsonParser().parse(r).getAsJsonObject();
            assertEquals(JsonToken.END_DOCUMENT, r.peek(), "stdout holds more than one JSON value");
            assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "one line of JSON");
            return o;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts a failure with the given exit code: exactly one line on stderr, no stack trace, nothing on stdout. */
    String failure(int expectedCode) {
        assertEquals(expectedCode, code, "exit code; stderr: " + err + " stdout: " + out);
        assertEquals(1, errLines().size(), "exactly one line on stderr: " + err);
        assertTrue(err.startsWith("error: "), err);
        assertTrue(!err.contains("\tat ") && !err.contains("Exception"), "no stack trace or exception name: " + err);
        assertEquals("", out, "stdout of a failed run");
        return err.trim();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
