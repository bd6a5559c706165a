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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.ParityCases;
import org.neardl4j.cli.builtin.BundledFashionMnist;
import org.neardl4j.cli.builtin.DefaultCnn;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code score} end to end, in-process: JSON shape, parity with the reference values, options. */
class ScoreCommandTest {

    private static final List<String> REQUIRED = List.of("score", "scores", "matrices", "skipped", "warnings");
    private static final List<String> MATRIX_KEYS = List.of("layer", "index", "kind", "rows", "cols", "effectiveRank");

    @TempDir
    Path dir;

    private Path mlpZip() {
        return TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip"));
    }

    private Path mlpInput() {
        return TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy"));
    }

    /** The CLI's JSON holds the same numbers as the library's result for the same model, input and options. */
    static void assertSameAs(NearResult want, JsonObject got) {
        for (String k : REQUIRED) {
            assertTrue(got.has(k), "missing key " + k + " in " + got);
        }
        assertEquals(want.score(), got.get("score").getAsDouble(), 1e-12 * want.score());
        JsonArray scores = got.getAsJsonArray("scores");
        assertEquals(want.scores().size(), scores.size());
        for (int i = 0; i < scores.size(); i++) {
            assertEquals(want.scores().get(i), scores.get(i).getAsDouble(), 1e-12 * want.scores().get(i));
        }
        JsonArray m = got.getAsJsonArray("matrices");
        assertEquals(want.matrices().size(), m.size());
        for (int i = 0; i < m.size(); i++) {
            JsonObject j = m.get(i).getAsJsonObject();
            MatrixScore l = want.matrices().get(i);
            for (String k : MATRIX_KEYS) {
                assertTrue(j.has(k), "matrix " + i + " lacks " + k);
            }
            assertEquals(l.layerName(), j.get("layer").getAsString());
            assertEquals(l.layerIndex(), j.get("index").getAsInt());
            assertEquals(l.kind().label(), j.get("kind").getAsString());
            assertTrue(Set.of("pre", "post").contains(j.get("kind").getAsString()));
            assertEquals(l.rows(), j.get("rows").getAsLong());
            assertEquals(l.cols(), j.get("cols").getAsLong());
            assertEquals(l.effectiveRank(), j.get("effectiveRank").getAsDouble(), 1e-12 * Math.max(1, l.effectiveRank()));
        }
        assertEquals(want.skipped().size(), got.getAsJsonArray("skipped").size());
        Set<String> warnings = new HashSet<>();
        for (JsonElement w : got.getAsJsonArray("warnings")) {
            warnings.add(w.getAsString());
        }
        assertTrue(warnings.containsAll(want.warnings()), "warnings " + warnings + " vs " + want.warnings());
    }

    static List<String> strings(JsonArray objects, String key) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonElement e : objects) {
            out.add(e.getAsJsonObject().get(key).getAsString());
        }
        return out;
    }

    @Test
    void parityThroughTheCli() {
        JsonObject o = CliRun.of("score", "--model", mlpZip().toString(), "--input", mlpInput().toString(),
                "--block", "first", "--json").json();
        double total = ParityCases.expectedTotal("mlp");
        assertEquals(total, o.get("score").getAsDouble(), 1e-5 * total);
        double[] eranks = ParityCases.expectedEranks("mlp");
        JsonArray m = o.getAsJsonArray("matrices");
        assertEquals(eranks.length, m.size());
        for (int i = 0; i < eranks.length; i++) {
            assertEquals(eranks[i], m.get(i).getAsJsonObject().get("effectiveRank").getAsDouble(), 1e-5 * eranks[i]);
        }
        assertEquals(List.of("pre", "post", "pre", "post", "pre"),
                strings(m, "kind"));
        assertEquals(0, o.getAsJsonArray("warnings").size());
        assertEquals(100, o.getAsJsonObject("provenance").get("samples").getAsInt());
        assertEquals("first", o.getAsJsonObject("provenance").get("blockMode").getAsString());
    }

    @Test
    void jsonEqualsTheLibraryResult() {
        Path zip = mlpZip();
        Path x = mlpInput();
        for (String seed : new String[] {"3", "-8"}) {
            JsonObject o = CliRun.of("score", "--model", zip.toString(), "--input", x.toString(), "--seed", seed,
                    "--json").json();
            NearResult want = NearScorer.builder().seed(Long.parseLong(seed)).build()
                    .score(ParityCases.mlp(), ParityCases.mlpInput());
            assertSameAs(want, o);
            assertEquals("random", o.getAsJsonObject("provenance").get("blockMode").getAsString());
            assertEquals(Long.parseLong(seed), o.getAsJsonObject("provenance").get("seed").getAsLong());
        }
    }

    @Test
    void tableNamesModelInputAndEveryMatrix() {
        CliRun r = CliRun.of("score", "--model", mlpZip().toString(), "--input", mlpInput().toString(),
                "--block", "first");
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        assertEquals("", r.err);
        NearResult want = NearScorer.builder().blockMode(BlockMode.FIRST).build()
                .score(ParityCases.mlp(), ParityCases.mlpInput());
        assertTrue(r.out.contains("model: mlp.zip (MultiLayerNetwork, 3 layers, 84060 parameters, FLOAT)"), r.out);
        assertTrue(r.out.contains("x.npy [100, 784] FLOAT"), r.out);
        assertTrue(r.out.contains(want.toString()), r.out);
    }

    @Test
    void twoInputGraph() {
        ComputationGraph g = TestFiles.twoInputGraph();
        INDArray a = TestFiles.gaussian(1, 20, 6);
        INDArray b = TestFiles.gaussian(2, 20, 5);
        Path zip = TestFiles.save(g, dir.resolve("graph.zip"));
        Path fa = TestFiles.npy(a, dir.resolve("a.npy"));
        Path fb = TestFiles.npy(b, dir.resolve("b.npy"));
        JsonObject o = CliRun.of("score", "--model", zip.toString(), "--input", fa.toString(), "--input",
                fb.toString(), "--json").json();
        NearResult want = NearScorer.defaults().score(g, a, b);
        assertSameAs(want, o);
        assertEquals(List.of("da", "da", "db", "db", "out"), strings(o.getAsJsonArray("matrices"), "layer"));
        assertEquals("merge", o.getAsJsonArray("skipped").get(0).getAsJsonObject().get("layer").getAsString());
        JsonArray inputs = o.getAsJsonArray("inputs");
        assertEquals("a", inputs.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("b", inputs.get(1).getAsJsonObject().get("name").getAsString());

        // inputs in the wrong order: the first layer reading input 'a' names the mismatch
        String msg = CliRun.of("score", "--model", zip.toString(), "--input", fb.toString(), "--input",
                fa.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("b.npy") && msg.contains("'da'") && msg.contains("[N, 6]"), msg);
        msg = CliRun.of("score", "--model", zip.toString(), "--input", fa.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("takes 2 input(s) [a, b] but 1 were given"), msg);
    }

    @Test
    void maxSamplesUsesTheFirstSamples() {
        JsonObject o = CliRun.of("score", "--model", mlpZip().toString(), "--input", mlpInput().toString(),
                "--block", "first", "--max-samples", "30", "--json").json();
        INDArray first30 = ParityCases.mlpInput().get(NDArrayIndex.interval(0, 30), NDArrayIndex.all()).dup();
        NearResult want = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(ParityCases.mlp(), first30);
        assertSameAs(want, o);
        assertEquals(30, o.getAsJsonObject("provenance").get("samples").getAsInt());
        // 784->100 and its SiLU, and 100->50 and its tanh, have fewer rows than columns
        JsonArray m = o.getAsJsonArray("matrices");
        assertEquals(30, m.get(0).getAsJsonObject().get("rows").getAsInt());
        assertEquals(100, m.get(0).getAsJsonObject().get("cols").getAsInt());
        assertEquals(10, m.get(4).getAsJsonObject().get("rows").getAsInt());
        assertEquals(4, o.getAsJsonArray("warnings").size(), o.getAsJsonArray("warnings").toString());
        assertTrue(o.getAsJsonArray("warnings").get(0).getAsString().contains("give at least 100 samples"));

        // more than there are: all samples
        JsonObject all = CliRun.of("score", "--model", mlpZip().toString(), "--input", mlpInput().toString(),
                "--block", "first", "--max-samples", "1000", "--json").json();
        assertEquals(100, all.getAsJsonObject("provenance").get("samples").getAsInt());
    }

    @Test
    void repetitionsGiveOneScoreEach() {
        Path zip = mlpZip();
        Path x = mlpInput();
        JsonObject o = CliRun.of("score", "--model", zip.toString(), "--input", x.toString(), "--repetitions", "3",
                "--seed", "11", "--json").json();
        JsonArray scores = o.getAsJsonArray("scores");
        assertEquals(3, scores.size());
        assertEquals(3, o.getAsJsonObject("provenance").get("repetitions").getAsInt());
        double mean = (scores.get(0).getAsDouble() + scores.get(1).getAsDouble() + scores.get(2).getAsDouble()) / 3;
        assertEquals(mean, o.get("score").getAsDouble(), 1e-9 * mean);
        // the first repetition uses the saved weights: the same as a single repetition
        JsonObject one = CliRun.of("score", "--model", zip.toString(), "--input", x.toString(), "--seed", "11",
                "--json").json();
        assertEquals(one.get("score").getAsDouble(), scores.get(0).getAsDouble(), 0.0);
        assertSameAs(NearScorer.builder().repetitions(3).seed(11).build().score(ParityCases.mlp(),
                ParityCases.mlpInput()), o);
    }

    @Test
    void integerInputIsCastWithAWarning() {
        INDArray x = ParityCases.mlpInput().mul(255).castTo(org.nd4j.linalg.api.buffer.DataType.INT);
        Path f = TestFiles.npy(x, dir.resolve("ints.npy"));
        JsonObject o = CliRun.of("score", "--model", mlpZip().toString(), "--input", f.toString(), "--json").json();
        String w = o.getAsJsonArray("warnings").get(0).getAsString();
        assertTrue(w.contains("ints.npy") && w.contains("INT") && w.contains("without scaling"), w);
        assertEquals("FLOAT", o.getAsJsonArray("inputs").get(0).getAsJsonObject().get("dataType").getAsString());
    }

    @Test
    void defaultRunScoresTheBuiltInCnnOnBundledImages() {
        CliRun table = CliRun.of("score");
        assertEquals(NearCli.EXIT_OK, table.code, table.toString());
        assertTrue(table.out.contains("model: " + DefaultCnn.DESCRIPTION), table.out);
        assertTrue(table.out.contains("Fashion-MNIST") && table.out.contains("[512, 784]"), table.out);

        JsonObject o = CliRun.of("score", "--json").json();
        assertTrue(o.get("score").getAsDouble() > 0, o.toString());
        assertEquals(BundledFashionMnist.COUNT, o.getAsJsonObject("provenance").get("samples").getAsInt());
        assertEquals(9, o.getAsJsonArray("matrices").size());
        MultiLayerNetwork net = DefaultCnn.build();
        NearResult want = NearScorer.defaults().score(net, BundledFashionMnist.load(BundledFashionMnist.COUNT)
                .getFeatures());
        assertSameAs(want, o);
    }
}
