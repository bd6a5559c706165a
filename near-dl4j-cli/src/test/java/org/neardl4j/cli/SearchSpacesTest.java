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
import com.google.gson.JsonObject;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.cli.io.Nb101Sources;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Dataset;
import org.neardl4j.space.Nb201Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --dataset} for NAS-Bench-201 networks and {@code --nb101} cells in score and rank. */
class SearchSpacesTest {

    static final String CELL = NetworkSourcesTest.CELL;
    static final String CELL2 = NetworkSourcesTest.CELL2;
    /** Two cheap NB101 cells (no 3x3 convolution). */
    static final String NB101 = "maxpool3x3(0) output(1)";
    static final String NB101_B = "conv1x1(0) maxpool3x3(1) output(0,2)";

    @TempDir
    Path dir;

    @Test
    void bundledImagesOfEachDataset() {
        // raw pixels read with NumPy from the bundled files, normalised here by hand
        INDArray c100 = Nb201Sources.bundledImages(Nb201Dataset.CIFAR100, DataType.DOUBLE);
        assertArrayEquals(new long[] {100, 3, 32, 32}, c100.shape());
        assertEquals((199 / 255.0 - 0.5071) / 0.2673, c100.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals((249 / 255.0 - 0.4409) / 0.2762, c100.getDouble(0, 2, 0, 0), 1e-12);
        assertEquals((4 / 255.0 - 0.4409) / 0.2762, c100.getDouble(99, 2, 31, 31), 1e-12);
        INDArray in16 = Nb201Sources.bundledImages(Nb201Dataset.IMAGENET16_120, DataType.DOUBLE);
        assertArrayEquals(new long[] {120, 3, 16, 16}, in16.shape());
        assertEquals((51 - 122.68) / 63.22, in16.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals((173 - 116.66) / 61.26, in16.getDouble(119, 1, 15, 15), 1e-12);
        INDArray nb101 = Nb101Sources.bundledImages(DataType.DOUBLE);
        assertArrayEquals(new long[] {64, 3, 32, 32}, nb101.shape());
        assertEquals((158 - 125.3) / 63.0, nb101.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals((108 - 125.3) / 63.0, nb101.getDouble(63, 0, 31, 31), 1e-12);
        assertEquals(64, Nb201Sources.bundledImages(Nb201Dataset.CIFAR10, DataType.FLOAT).size(0));
    }

    @Test
    void nb201OnImageNet16EqualsTheLibrary() {
        JsonObject o = CliRun.of("score", "--nb201", CELL, "--dataset", "imagenet16-120", "--seed", "4", "--block",
                "first", "--json").json();
        ComputationGraph net = Nb201Network.builder().dataset(Nb201Dataset.IMAGENET16_120).initialisation(Initialisation.seeded(4)).build()
                .graph(Nb201Cell.parse(CELL));
        INDArray x = Nb201Sources.bundledImages(Nb201Dataset.IMAGENET16_120, DataType.FLOAT);
        NearResult want = NearScorer.builder().seed(4).blockMode(BlockMode.FIRST).build().score(net, x);
        ScoreCommandTest.assertSameAs(want, o);
        assertEquals(120, o.getAsJsonObject("provenance").get("samples").getAsInt());
        JsonObject in = o.getAsJsonArray("inputs").get(0).getAsJsonObject();
        assertEquals("[120,3,16,16]", in.getAsJsonArray("shape").toString());
        assertTrue(in.get("file").getAsString().contains("imagenet16_120"), in.toString());
        // the logits matrix is square: 120 images x 120 classes
        boolean square = false;
        for (var m : o.getAsJsonArray("matrices")) {
            JsonObject j = m.getAsJsonObject();
            if (j.get("layer").getAsString().equals("logits")) {
                square = j.get("rows").getAsInt() == 120 && j.get("cols").getAsInt() == 120;
            }
        }
        assertTrue(square, o.toString());
    }

    @Test
    void nb201RankOnCifar100WritesOneRowPerCell() throws IOException {
        Path csv = dir.resolve("ranking.csv");
        JsonObject o = CliRun.of("rank", "--nb201", CELL, "--nb201", CELL2, "--dataset", "cifar100",
                "--repetitions", "1", "--csv", csv.toString(), "--json", "--quiet").json();
        JsonArray c = o.getAsJsonArray("candidates");
        assertEquals(2, c.size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(CELL)) && lines.stream().anyMatch(l -> l.contains(CELL2)),
                lines.toString());
        assertEquals(100, o.getAsJsonObject("provenance").get("samples").getAsInt(), o.toString());
    }

    @Test
    void nb101CellEqualsTheLibrary() {
        // 8 of the 64 bundled images keep it fast (a 128-channel network)
        JsonObject o = CliRun.of("score", "--nb101", NB101_B, "--seed", "6", "--block", "first", "--max-samples", "8",
                "--json").json();
        ComputationGraph net = Nb101Network.builder().initialisation(Initialisation.seeded(6)).build().graph(Nb101Cell.parse(NB101_B));
        INDArray x = Nb101Sources.bundledImages(DataType.FLOAT).get(NDArrayIndex.interval(0, 8), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all()).dup();
        NearResult want = NearScorer.builder().seed(6).blockMode(BlockMode.FIRST).build().score(net, x);
        ScoreCommandTest.assertSameAs(want, o);
        // 3 (stem) + 9 cells x 3 x (1 convolution vertex + 2 input edges) + 1 (logits)
        assertEquals(3 + 27 * 3 + 1, o.getAsJsonArray("matrices").size());
        assertTrue(o.get("model").getAsString().contains("conv1x1(0) maxpool3x3(1) output(0,2)"), o.toString());
    }

    @Test
    void nb101CsvIsRankedByIdWithOneRowEach() throws IOException {
        Path table = Files.writeString(dir.resolve("cells.csv"), "id,matrix,ops,params\n"
                + "a7,010001000,input|maxpool3x3|output,1\n"
                + "b9," + Nb101Cell.parse(NB101_B).matrixString() + "," + Nb101Cell.parse(NB101_B).opsString() + ",2\n");
        Path out = dir.resolve("rank.csv");
        JsonObject o = CliRun.of("rank", "--nb101", table.toString(), "--repetitions", "1", "--max-samples", "16",
                "--csv", out.toString(), "--json", "--quiet").json();
        JsonArray c = o.getAsJsonArray("candidates");
        assertEquals(2, c.size());
        List<String> names = List.of(c.get(0).getAsJsonObject().get("name").getAsString(),
                c.get(1).getAsJsonObject().get("name").getAsString());
        assertTrue(names.containsAll(List.of("a7", "b9")), names.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("a7,") || lines.get(1).startsWith("b9,") || lines.get(1).contains(",a7,")
                || lines.get(1).contains(",b9,"), lines.toString());
        // a file of readable cells: named by the cell
        Path txt = Files.writeString(dir.resolve("cells.txt"), "# two\n" + NB101 + "\n\n" + NB101_B + "\n");
        o = CliRun.of("rank", "--nb101", txt.toString(), "--repetitions", "1", "--max-samples", "16", "--json",
                "--quiet").json();
        assertEquals(2, o.getAsJsonArray("candidates").size());
        assertTrue(o.toString().contains(NB101), o.toString());
    }

    @Test
    void errorsNameTheProblem() throws IOException {
        String msg = CliRun.of("score", "--nb101", "conv3x3(0) conv5x5(1) output(2)").failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("vertex 2") && msg.contains("conv5x5"), msg);
        Path bad = Files.writeString(dir.resolve("bad.csv"), "id,matrix,ops\n1,010001000,input|conv3x3-bn-relu|output\n"
                + "2,010001010,input|conv3x3-bn-relu|output\n");
        msg = CliRun.of("rank", "--nb101", bad.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("bad.csv line 3") && msg.contains("(2, 1)"), msg);
        msg = CliRun.of("score", "--nb101", dir.resolve("none.csv").toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("none.csv") && msg.contains("not found"), msg);
        assertEquals(NearCli.EXIT_USAGE, CliRun.of("score", "--nb101", NB101, "--nb201", CELL).code);
        assertEquals(NearCli.EXIT_USAGE, CliRun.of("score", "--nb101", NB101, "--dataset", "cifar100").code);
        assertEquals(NearCli.EXIT_USAGE, CliRun.of("rank", "--nb101", NB101, "--nb201", CELL).code);
        CliRun r = CliRun.of("score", "--nb201", CELL, "--dataset", "mnist");
        assertEquals(NearCli.EXIT_USAGE, r.code);
        assertTrue(r.err.contains("mnist") && r.err.contains("imagenet16-120"), r.err);
        msg = CliRun.of("rank", "--nb101", NB101, "--nb101", "maxpool3x3-bn(0) output(1)").failure(
                NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("maxpool3x3-bn"), msg);
    }
}
