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
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks that are not saved zips: DL4J configurations in JSON and YAML (built with their own seed), NB201 cell
 * strings and files of them; the scores equal the library's on the same networks built independently.
 */
class NetworkSourcesTest {

    /** A small cell: one 3x3 convolution edge, a skip, a pooling edge; the rest none. */
    static final String CELL = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|";
    static final String CELL2 = "|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|";

    @TempDir
    Path dir;

    private static MultiLayerConfiguration mlp() {
        return new NeuralNetConfiguration.Builder().seed(77).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nOut(20).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build();
    }

    private static ComputationGraphConfiguration graph() {
        return new NeuralNetConfiguration.Builder().seed(78).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(2)
                        .activation(Activation.IDENTITY).build(), "d")
                .setOutputs("out").build();
    }

    @Test
    void configurationsInJsonAndYamlAreBuiltWithTheirOwnSeed() throws IOException {
        INDArray x = TestFiles.gaussian(4, 40, 12);
        String xf = TestFiles.npy(x, dir.resolve("x.npy")).toString();
        MultiLayerNetwork mln = new MultiLayerNetwork(mlp());
        mln.init();
        NearResult wantMln = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(mln, x);
        ComputationGraph cg = new ComputationGraph(graph());
        cg.init();
        NearResult wantCg = NearScorer.builder().blockMode(BlockMode.FIRST).build().score(cg, x);
        for (String[] c : new String[][] {{"mlp.json", mlp().toJson()}, {"mlp.yaml", mlp().toYaml()},
                {"graph.json", graph().toJson()}, {"graph.yml", graph().toYaml()}}) {
            Path f = Files.writeString(dir.resolve(c[0]), c[1]);
            JsonObject o = CliRun.of("score", "--model", f.toString(), "--input", xf, "--block", "first", "--json")
                    .json();
            NearResult want = c[0].startsWith("mlp") ? wantMln : wantCg;
            ScoreCommandTest.assertSameAs(want, o);
            assertTrue(o.get("model").getAsString().contains(c[0]) && o.get("model").getAsString()
                    .contains(c[0].startsWith("mlp") ? "MultiLayerNetwork" : "ComputationGraph"), o.toString());
        }
        // rank takes them too, named by the file name without the extension
        Path a = Files.writeString(dir.resolve("a.json"), mlp().toJson());
        Path b = Files.writeString(dir.resolve("b.yaml"), mlp().toYaml());
        JsonObject r = CliRun.of("rank", "--models", a.toString(), b.toString(), "--input", xf, "--json", "--quiet")
                .json();
        JsonArray cands = r.getAsJsonArray("candidates");
        assertEquals(2, cands.size());
        assertTrue(List.of("a", "b").contains(cands.get(0).getAsJsonObject().get("name").getAsString()));
    }

    @Test
    void badConfigurationsAreOneLineNamingTheFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"confs\": [ {\"layer\": 42 } ]}");
        String x = TestFiles.npy(TestFiles.gaussian(1, 8, 12), dir.resolve("x.npy")).toString();
        String msg = CliRun.of("score", "--model", junk.toString(), "--input", x).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("junk.json") && msg.contains("MultiLayerConfiguration"), msg);
        Path other = Files.writeString(dir.resolve("other.yaml"), "hello: world\n");
        msg = CliRun.of("score", "--model", other.toString(), "--input", x).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("other.yaml") && msg.contains("neither"), msg);
        Path text = Files.writeString(dir.resolve("broken.json"), "{ not json");
        msg = CliRun.of("score", "--model", text.toString(), "--input", x).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("broken.json"), msg);
    }

    @Test
    void nb201CellOnTheBundledImagesEqualsTheLibrary() {
        JsonObject o = CliRun.of("score", "--nb201", CELL, "--seed", "9", "--block", "first", "--json").json();
        ComputationGraph net = Nb201Network.builder().initialisation(Initialisation.seeded(9)).build().graph(Nb201Cell.parse(CELL));
        INDArray x = Nb201Sources.bundledImages(Nb201Sources.DEFAULT_IMAGES, DataType.FLOAT);
        NearResult want = NearScorer.builder().seed(9).blockMode(BlockMode.FIRST).build().score(net, x);
        ScoreCommandTest.assertSameAs(want, o);
        assertEquals(64, o.getAsJsonObject("provenance").get("samples").getAsInt());
        assertTrue(o.get("model").getAsString().contains(CELL), o.toString());
    }

    @Test
    void nb201FileIsRankedLikeTheLibrary() throws IOException {
        Path cells = Files.writeString(dir.resolve("cells.txt"), "# two cells\n" + CELL + "\n\n" + CELL2 + "\n");
        JsonObject o = CliRun.of("rank", "--nb201", cells.toString(), "--repetitions", "2", "--seed", "3",
                "--max-samples", "16", "--json", "--quiet").json();
        Nb201Network space = Nb201Network.builder().initialisation(Initialisation.seeded(3)).build();
        INDArray x = Nb201Sources.bundledImages(16, DataType.FLOAT);
        RankingResult want = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(2).seed(3).build()).freshWeights(true).build()
                .rank(List.of(Candidate.ofSupplier(CELL, () -> space.graph(Nb201Cell.parse(CELL))),
                        Candidate.ofSupplier(CELL2, () -> space.graph(Nb201Cell.parse(CELL2)))), x);
        JsonArray got = o.getAsJsonArray("candidates");
        for (int i = 0; i < 2; i++) {
            assertEquals(want.entries().get(i).name(), got.get(i).getAsJsonObject().get("name").getAsString());
            assertEquals(want.entries().get(i).score(), got.get(i).getAsJsonObject().get("score").getAsDouble(),
                    1e-9 * want.entries().get(i).score());
        }
    }

    @Test
    void badNb201CellsNameTheTokenAndTheFile() throws IOException {
        String msg = CliRun.of("score", "--nb201", "|nor_conv_3x3~0|+|bogus~0|none~1|+|none~0|none~1|none~2|")
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("bogus"), msg);
        Path f = Files.writeString(dir.resolve("cells.txt"), CELL + "\n|nor_conv_3x3~0|+|none~0|\n");
        msg = CliRun.of("rank", "--nb201", f.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("cells.txt line 2"), msg);
        msg = CliRun.of("score", "--nb201", dir.resolve("nope.txt").toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("nope.txt") && msg.contains("not found"), msg);
        msg = CliRun.of("score", "--nb201", f.toString()).failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains("cells.txt"), msg);
        assertEquals(NearCli.EXIT_USAGE, CliRun.of("score", "--nb201", CELL, "--model", "a.zip").code);
    }
}
