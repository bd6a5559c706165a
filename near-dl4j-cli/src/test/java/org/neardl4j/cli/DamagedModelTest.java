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

import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.ParityCases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged model zip (truncated coefficients, a configuration that does not parse, a cut-off file) gives the CLI's
 * one-line error naming the file, exit 1, like a file that is not a zip - for {@code score} and {@code rank}.
 */
class DamagedModelTest {

    @TempDir
    Path dir;

    private Path good;
    private Path graph;
    private String x;

    @BeforeEach
    void files() {
        good = TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip"));
        graph = TestFiles.save(TestFiles.twoInputGraph(), dir.resolve("graph.zip"));
        x = TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy")).toString();
    }

    /** A copy of {@code zip} with one entry's bytes replaced. */
    private Path edited(Path zip, String name, String entry, UnaryOperator<byte[]> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry ze = e.nextElement();
                try (InputStream in = z.getInputStream(ze)) {
                    entries.put(ze.getName(), in.readAllBytes());
                }
            }
        }
        assertTrue(entries.containsKey(entry), entries.keySet().toString());
        entries.put(entry, edit.apply(entries.get(entry)));
        Path out = dir.resolve(name);
        try (ZipOutputStream zo = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zo.putNextEntry(new ZipEntry(e.getKey()));
                zo.write(e.getValue());
                zo.closeEntry();
            }
        }
        return out;
    }

    private static byte[] cut(byte[] b, int keep) {
        return java.util.Arrays.copyOf(b, Math.min(keep, b.length));
    }

    private void assertOneLineNamingTheFile(Path model, String... parts) {
        String msg = CliRun.of("score", "--model", model.toString(), "--input", x).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains(model.getFileName().toString()), "score: the file is not named: " + msg);
        for (String p : parts) {
            assertTrue(msg.contains(p), "score: '" + p + "' not in: " + msg);
        }
        // rank: the damaged candidate is named with its error, the good one is still ranked
        CliRun rank = CliRun.of("rank", "--models", good.toString(), model.toString(), "--input", x, "--quiet");
        assertEquals(NearCli.EXIT_PARTIAL, rank.code, rank.toString());
        assertEquals(1, rank.errLines().size(), rank.err);
        String name = model.getFileName().toString().replace(".zip", "");
        assertTrue(rank.err.contains("could not be scored: " + name + ";"), rank.err);
        String failed = rank.out.lines().filter(l -> l.startsWith("failed: " + name + ": ")).findFirst().orElse("");
        assertTrue(failed.contains(model.getFileName().toString()), "rank: the file is not named: " + rank.out);
        for (String p : parts) {
            assertTrue(failed.contains(p), "rank: '" + p + "' not in: " + failed);
        }
        assertTrue(rank.out.contains(" mlp "), "the good model is ranked: " + rank.out);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 40, 200, -1})
    void truncatedCoefficients(int keep) throws IOException {
        // -1: all but the last 4 bytes
        Path bad = edited(good, "cut" + (keep < 0 ? "-end" : keep) + ".zip", ModelSerializer.COEFFICIENTS_BIN,
                b -> cut(b, keep < 0 ? b.length - 4 : keep));
        assertOneLineNamingTheFile(bad, keep == 0 ? "" : "coefficients.bin (the parameters) is ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "{\"confs\": 7}", "{\"confs\": [{\"layer\": {\"frobnicate\": {}}}]}",
            "{\"vertices\": {\"a\": 1}}", "null"})
    void configurationThatDoesNotParse(String json) throws IOException {
        Path bad = edited(good, "conf" + Math.abs(json.hashCode()) + ".zip", ModelSerializer.CONFIGURATION_JSON,
                b -> json.getBytes(StandardCharsets.UTF_8));
        assertOneLineNamingTheFile(bad);
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 200})
    void graphWithTruncatedCoefficientsOrConfiguration(int keep) throws IOException {
        assertOneLineNamingTheFile(edited(graph, "gcut" + keep + ".zip", ModelSerializer.COEFFICIENTS_BIN,
                b -> cut(b, keep)), "coefficients.bin (the parameters) is truncated");
        assertOneLineNamingTheFile(edited(graph, "gconf" + keep + ".zip", ModelSerializer.CONFIGURATION_JSON,
                b -> cut(b, keep)));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000, -20})
    void zipFileCutOff(int keep) throws IOException {
        byte[] all = Files.readAllBytes(good);
        Path bad = Files.write(dir.resolve("short" + (keep < 0 ? "-end" : keep) + ".zip"),
                cut(all, keep < 0 ? all.length + keep : keep));
        assertOneLineNamingTheFile(bad);
    }
}
