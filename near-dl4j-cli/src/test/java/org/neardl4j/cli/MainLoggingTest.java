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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code near-cli}'s {@code main} in a child JVM, as a user runs it: ND4J's start-up log stays off stderr unless
 * {@code --verbose} (the native-build choice must not start the logger before its level is set).
 */
class MainLoggingTest {

    private static String[] run(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                NearCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "near-cli did not end");
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8)};
    }

    @Test
    void nd4jLogOnlyWithVerbose() throws Exception {
        String[] quiet = run("--version");
        assertEquals("0", quiet[0], quiet[2]);
        assertTrue(quiet[1].contains("near-dl4j"), quiet[1]);
        assertEquals("", quiet[2], "stderr of near-cli --version");

        String[] verbose = run("--version", "--verbose");
        assertEquals("0", verbose[0], verbose[2]);
        assertTrue(verbose[2].contains("Loaded [CpuBackend] backend"), verbose[2]);
    }
}
