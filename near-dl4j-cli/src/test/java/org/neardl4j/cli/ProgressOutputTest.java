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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.ParityCases;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress of {@code rank} on stderr: plain lines when stderr is not a terminal (here: a buffer), nothing with
 * {@code --quiet}, a progress bar on a pseudo-terminal (util-linux {@code script}).
 */
class ProgressOutputTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("near.progress.seconds");
    }

    private List<String> rankArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("rank", "--models"));
        for (int i = 0; i < 3; i++) {
            args.add(TestFiles.save(ParityCases.mlp(), dir.resolve("m" + i + ".zip")).toString());
        }
        args.add("--input");
        args.add(TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy")).toString());
        args.addAll(List.of("--repetitions", "1", "--json"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void plainLinesOffATerminalAndNothingWithQuiet() {
        System.setProperty("near.progress.seconds", "0");   // a line per step instead of one every 5 s
        CliRun r = CliRun.of(rankArgs().toArray(new String[0]));
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        List<String> lines = r.errLines();
        assertTrue(lines.contains("rank: 3/3 candidates in " + lines.get(lines.size() - 1).substring(
                "rank: 3/3 candidates in ".length())), r.err);
        assertTrue(lines.stream().anyMatch(l -> l.matches("rank: 1/3 candidates \\(33%\\), [0-9.]+/s, about .* left")),
                r.err);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("rank: 2/3 candidates (66%)")), r.err);
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r")), r.err);

        CliRun quiet = CliRun.of(rankArgs("--quiet").toArray(new String[0]));
        assertEquals(NearCli.EXIT_OK, quiet.code, quiet.toString());
        assertEquals("", quiet.err);
        // the same ranking with and without progress; only the measured time may differ
        assertEquals(withoutElapsed(r.out), withoutElapsed(quiet.out));
    }

    private static com.google.gson.JsonObject withoutElapsed(String json) {
        com.google.gson.JsonObject o = new com.google.gson.JsonParser().parse(json).getAsJsonObject();
        assertTrue(o.getAsJsonObject("provenance").remove("elapsedSeconds") != null, json);
        return o;
    }

    /** The same command in a child JVM whose stderr is a pseudo-terminal: a redrawn bar with count and rate. */
    @Test
    void progressBarOnATerminal() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/script").canExecute() || System.getenv("CI") != null,
                "util-linux 'script' is not installed: cannot give the child a pseudo-terminal");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> args = rankArgs();
        StringBuilder cmd = new StringBuilder("'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + NearCli.class.getName());
        for (String a : args) {
            cmd.append(" '").append(a).append("'");
        }
        Path log = dir.resolve("tty.log");
        Process p = new ProcessBuilder("script", "-qec", cmd.toString(), log.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script.out").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "rank under script did not end");
        String tty = Files.readString(log, StandardCharsets.UTF_8);
        tty = tty.substring(tty.indexOf('\n') + 1);   // after script's header line (it repeats the command)
        assertEquals(0, p.exitValue(), tty);
        // the bar: task name, percentage, count/total with the unit, and a rate; redrawn with carriage returns
        assertTrue(tty.contains("rank") && tty.contains("100%") && tty.contains("3/3 candidates"), tty);
        assertTrue(tty.contains("\r"), "the bar redraws its line: " + tty);
        assertTrue(tty.matches("(?s).*(\\?|[0-9.]+) candidates/s.*"), tty);   // '?' until a rate can be told
        assertTrue(!tty.contains("rank: 3/3 candidates in"), "no plain lines on a terminal: " + tty);
        assertTrue(tty.contains("\"candidates\""), "the JSON result on stdout: " + tty);
    }
}
