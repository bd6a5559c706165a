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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --version} names the versions and the backend; {@code completion} prints a bash script that completes. */
class VersionAndCompletionTest {

    @TempDir
    Path dir;

    @Test
    void versionNamesLibraryDl4jNd4jAndBackend() {
        CliRun r = CliRun.of("--version");
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        assertTrue(r.out.contains("near-dl4j 0.1.0-SNAPSHOT"), r.out);
        assertTrue(r.out.contains("DL4J 1.0.0-M2.1") && r.out.contains("ND4J 1.0.0-M2.1"), r.out);
        assertTrue(r.out.contains("backend: CpuBackend (CPU, "), r.out);
        assertEquals("", r.err);
    }

    /** Sources the generated script in bash and asks it for completions, as bash would on TAB. */
    @Test
    void completionScriptCompletesCommandsAndOptions() throws Exception {
        CliRun r = CliRun.of("completion");
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        assertTrue(r.out.startsWith("#!/usr/bin/env bash"), r.out.substring(0, Math.min(200, r.out.length())));
        Path script = Files.writeString(dir.resolve("near-cli_completion"), r.out, StandardCharsets.UTF_8);
        assertEquals("score", complete(script, "near-cli sc"));
        assertEquals("rank", complete(script, "near-cli ra"));
        assertEquals("--max-samples", complete(script, "near-cli rank --max-s"));
        assertEquals("--nb201", complete(script, "near-cli score --nb2"));
        assertEquals("--nb101", complete(script, "near-cli rank --nb1"));
        assertEquals("cifar10 cifar100 imagenet16-120", complete(script, "near-cli rank --dataset "));
        assertTrue(complete(script, "near-cli score --block ").contains("first"),
                complete(script, "near-cli score --block "));
    }

    private static String complete(Path script, String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        String cmd = "source '" + script + "'; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_near-cli near-cli;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();   // compopt complains outside a real TAB
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.strip().replaceAll("\\s+", " ");
    }
}
