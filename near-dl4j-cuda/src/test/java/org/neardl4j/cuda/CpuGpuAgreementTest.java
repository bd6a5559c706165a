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
package org.neardl4j.cuda;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scores on the CPU backend (a child JVM with {@code BACKEND_PRIORITY_CPU} raised) and on the CUDA backend (this JVM)
 * must agree within 1e-4 relative, matrix by matrix.
 */
class CpuGpuAgreementTest {

    /** The child-JVM harness itself, which runs on any machine. */
    static JsonObject scoresOnCpu() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScoreDump.class.getName()));
        Map<String, String> env = pb.environment();
        env.put("BACKEND_PRIORITY_CPU", "1000");
        env.put("BACKEND_PRIORITY_GPU", "0");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("NEAR-DUMP ")).findFirst()
                .orElseThrow(() -> new AssertionError("no scores from the child JVM:\n" + out));
        return new JsonParser().parse(line.substring("NEAR-DUMP ".length())).getAsJsonObject();
    }

    @Test
    void childJvmScoresOnTheCpuBackend() throws Exception {
        JsonObject cpu = scoresOnCpu();
        assertEquals("CpuBackend", cpu.get("backend").getAsString());
        for (String name : AgreementModels.NAMES) {
            JsonArray a = cpu.getAsJsonArray(name);
            assertTrue(a.size() >= 4, name + ": " + a);
            for (int i = 0; i < a.size(); i++) {
                double v = a.get(i).getAsDouble();
                assertTrue(v >= 1 && Double.isFinite(v), name + "[" + i + "] = " + v);
            }
        }
    }

    @Test
    void cpuAndGpuAgree() throws Exception {
        GpuTests.assumeCuda();
        JsonObject cpu = scoresOnCpu();
        JsonObject gpu = ScoreDump.dump();
        assertEquals("JCublasBackend", gpu.get("backend").getAsString());
        for (String name : AgreementModels.NAMES) {
            JsonArray c = cpu.getAsJsonArray(name);
            JsonArray g = gpu.getAsJsonArray(name);
            assertEquals(c.size(), g.size(), name);
            for (int i = 0; i < c.size(); i++) {
                double want = c.get(i).getAsDouble();
                assertEquals(want, g.get(i).getAsDouble(), 1e-4 * want, name + " matrix " + i);
            }
        }
    }
}
