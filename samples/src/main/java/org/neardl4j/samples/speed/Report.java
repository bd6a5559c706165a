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
package org.neardl4j.samples.speed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Markdown report of one benchmark run: printed as it grows, and written into its own marked block of a file
 * (other text of the file is kept).
 *
 * <pre>{@code
 * Report r = new Report();
 * r.say("### Title\n");
 * Report.writeBlock(Paths.get("docs/PERFORMANCE.md"), "suite-full-cpu", r.text());
 * }</pre>
 */
final class Report {

    private final StringBuilder text = new StringBuilder();

    /** Prints {@code s} on stdout and adds it to the report. */
    void say(String s) {
        System.out.print(s);
        text.append(s);
    }

    String text() {
        return text.toString();
    }

    /** Replaces the block between this key's markers in {@code file} (appends it when absent). */
    static void writeBlock(Path file, String key, String body) throws IOException {
        String begin = "<!-- near-bench:begin " + key + " -->";
        String end = "<!-- near-bench:end " + key + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Performance\n\n";
        String block = begin + "\n" + body.trim() + "\n" + end;
        int i = text.indexOf(begin);
        int j = text.indexOf(end);
        if (i >= 0 && j > i) {
            text = text.substring(0, i) + block + text.substring(j + end.length());
        } else {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
