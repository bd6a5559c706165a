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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.ParityCases;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smaller things a new user meets: the sample range actually used, both paths of a duplicate name, hints that
 * name the whole command, "did you mean", short options, the native build in {@code --version}, {@code .npz}
 * files, all-zero inputs and cells.
 */
class CliDetailsTest {

    @TempDir
    Path dir;

    @Test
    void maxSamplesNamesTheImagesActuallyUsed() {
        CliRun builtIn = CliRun.of("score", "--max-samples", "10", "--quiet");
        assertEquals(NearCli.EXIT_OK, builtIn.code, builtIn.toString());
        assertTrue(builtIn.out.contains("test images 0..9,") && builtIn.out.contains("[10, 784]"),
                builtIn.out);
        CliRun cell = CliRun.of("score", "--nb201", "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+"
                + "|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|", "-n", "10", "--json");
        JsonObject o = cell.json();
        String file = o.getAsJsonArray("inputs").get(0).getAsJsonObject().get("file").getAsString();
        assertTrue(file.contains("test images 0..9,"), file);
    }

    @Test
    void duplicateNamesShowBothPaths() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        String first = TestFiles.save(ParityCases.mlp(), a.resolve("net.zip")).toString();
        String second = TestFiles.save(ParityCases.mlp(), b.resolve("net.zip")).toString();
        String x = TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy")).toString();
        String msg = CliRun.of("rank", "--models", first, second, "--input", x).failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains(first) && msg.contains(second), msg);
    }

    @Test
    void hintsNameTheWholeCommandAndSuggestTheClosestName() {
        String msg = CliRun.of("score", "--modle", "m.zip").failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains("run 'near-cli score --help' for usage"), msg);
        assertTrue(msg.contains("did you mean '--model'"), msg);
        msg = CliRun.of("rank", "--accuracy", "a.csv").failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains("did you mean '--accuracies'") && msg.contains("'near-cli rank --help'"), msg);
        msg = CliRun.of("scor").failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains("unknown command 'scor': did you mean 'score'"), msg);
        assertTrue(msg.contains("run 'near-cli --help' for usage"), msg);
    }

    @Test
    void shortOptionsMeanTheLongOnes() {
        String model = TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip")).toString();
        String x = TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy")).toString();
        JsonObject longForm = CliRun.of("score", "--model", model, "--input", x, "--repetitions", "2", "--seed", "9",
                "--block", "first", "--max-samples", "60", "--json").json();
        JsonObject shortForm = CliRun.of("score", "-m", model, "-i", x, "-r", "2", "-s", "9", "-b", "first",
                "-n", "60", "-j", "-q").json();
        assertEquals(longForm.get("scores"), shortForm.get("scores"));
        assertEquals(2, shortForm.getAsJsonArray("scores").size());
        assertEquals(60, shortForm.getAsJsonObject("provenance").get("samples").getAsLong());
    }

    @Test
    void versionNamesTheNativeBuildThatLoaded() {
        CliRun r = CliRun.of("--version");
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        String loaded = NativeBuild.loaded();
        String kind = loaded.contains("onednn") ? "(oneDNN)" : "(generic)";
        assertTrue(r.out.contains("native build: " + loaded + " " + kind), r.out);
        assertEquals("linux-x86_64 (generic)", NativeBuild.describe("linux-x86_64"));
        assertEquals("linux-x86_64-onednn-avx2 (oneDNN)", NativeBuild.describe("linux-x86_64-onednn-avx2"));
    }

    @Test
    void npzFilesGetAClearMessage() throws IOException {
        Path npz = dir.resolve("data.npz");
        try (OutputStream o = Files.newOutputStream(npz); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(new byte[] {1, 2, 3});
            z.closeEntry();
        }
        String model = TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip")).toString();
        String msg = CliRun.of("score", "-m", model, "-i", npz.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("data.npz") && msg.contains(".npz files are not supported")
                && msg.contains("np.save("), msg);
    }

    @Test
    void allZeroInputsAndZeroCellsAreScoredWithAWarning() {
        String model = TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip")).toString();
        String zeros = TestFiles.npy(Nd4j.zeros(DataType.FLOAT, ParityCases.mlpInput().shape()),
                dir.resolve("zeros.npy")).toString();
        JsonObject o = CliRun.of("score", "-m", model, "-i", zeros, "--json").json();
        assertTrue(warnings(o).stream().anyMatch(w -> w.contains("zeros.npy is all zero")), warnings(o).toString());
        // node 3 has only 'none' edges: every cell outputs zero
        JsonObject cell = CliRun.of("score", "--nb201", "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+"
                + "|none~0|none~1|none~2|", "-n", "8", "--json").json();
        assertTrue(Double.isFinite(cell.get("score").getAsDouble()));
        assertTrue(warnings(cell).stream().anyMatch(w -> w.contains("no path from its input to its output")),
                warnings(cell).toString());
        assertTrue(warnings(cell).stream().anyMatch(w -> w.contains("all zero (effective rank 0)")),
                warnings(cell).toString());
    }

    private static List<String> warnings(JsonObject o) {
        List<String> w = new ArrayList<>();
        JsonArray a = o.getAsJsonArray("warnings");
        for (JsonElement e : a) {
            w.add(e.getAsString());
        }
        return w;
    }
}
