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
import com.google.gson.JsonParser;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.score.NearScorer;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;
import org.neardl4j.tune.RankedCandidate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rank} end to end, in-process: same ranking as the library, correlations against measured values. */
class RankCommandTest {

    private static final int[] WIDTHS = {4, 16, 48};

    @TempDir
    Path dir;

    private static MultiLayerNetwork mlp(int width) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(width).list()
                .layer(new DenseLayer.Builder().nIn(24).nOut(width).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private List<String> saveAll() {
        List<String> files = new ArrayList<>();
        for (int w : WIDTHS) {
            files.add(TestFiles.save(mlp(w), dir.resolve("w" + w + ".zip")).toString());
        }
        return files;
    }

    @Test
    void ranksLikeTheLibraryAndCorrelatesWithAccuracies() throws IOException {
        List<String> files = saveAll();
        INDArray x = TestFiles.gaussian(3, 64, 24);
        Path xFile = TestFiles.npy(x, dir.resolve("x.npy"));
        Path acc = dir.resolve("acc.csv");
        Files.writeString(acc, "name,accuracy\nw4.zip,0.61\nw16,0.74\nw48,0.70\n");
        Path csv = dir.resolve("ranking.csv");

        List<String> args = new ArrayList<>(List.of("rank", "--models"));
        args.addAll(files);
        args.addAll(List.of("--input", xFile.toString(), "--repetitions", "2", "--seed", "5", "--block", "first",
                "--accuracies", acc.toString(), "--csv", csv.toString(), "--json"));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.code, run.err);
        JsonObject o = new JsonParser().parse(run.out).getAsJsonObject();

        List<Candidate> cands = new ArrayList<>();
        for (int w : WIDTHS) {
            cands.add(Candidate.ofModel("w" + w, mlp(w)));
        }
        RankingResult want = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(2).seed(5).blockMode(BlockMode.FIRST).build())
                .freshWeights(true).build().rank(cands, x);
        JsonArray got = o.getAsJsonArray("candidates");
        assertEquals(WIDTHS.length, got.size());
        double[] near = new double[WIDTHS.length];
        double[] metric = new double[WIDTHS.length];
        for (int i = 0; i < got.size(); i++) {
            JsonObject c = got.get(i).getAsJsonObject();
            assertEquals(want.entries().get(i).name(), c.get("name").getAsString());
            assertEquals(want.entries().get(i).score(), c.get("score").getAsDouble(), 1e-9 * want.entries().get(i).score());
            near[i] = c.get("score").getAsDouble();
            metric[i] = c.get("metric").getAsDouble();
        }
        // wider tanh layers give higher NEAR here
        assertEquals("w48", got.get(0).getAsJsonObject().get("name").getAsString());
        double rho = new SpearmansCorrelation().correlation(near, metric);
        assertEquals(rho, o.getAsJsonObject("correlation").get("spearman").getAsDouble(), 1e-12);
        assertTrue(Files.readAllLines(csv).size() >= WIDTHS.length + 1);
    }

    /** Rank's JSON "near" values, by candidate name. */
    private static java.util.Map<String, Double> near(CliRun run) {
        assertEquals(0, run.code, run.err);
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        for (var e : new JsonParser().parse(run.out).getAsJsonObject().getAsJsonArray("candidates")) {
            out.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject().get("score").getAsDouble());
        }
        return out;
    }

    /**
     * {@code --saved-weights} scores repetition 1 with the trained weights in the files and {@code --max-samples}
     * limits the samples: the values equal the library's with those options and differ without them.
     */
    @Test
    void savedWeightsAndMaxSamples() {
        INDArray x = TestFiles.gaussian(4, 64, 24);
        String xFile = TestFiles.npy(x, dir.resolve("x.npy")).toString();
        List<Candidate> trained = new ArrayList<>();
        List<String> files = new ArrayList<>();
        INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(x.dataType(), 64, 5);
        for (int i = 0; i < 64; i++) {
            y.putScalar(i, i % 5, 1);
        }
        for (int w : new int[] {8, 20}) {
            MultiLayerNetwork net = mlp(w);
            for (int k = 0; k < 15; k++) {
                net.fit(x, y);
            }
            trained.add(Candidate.ofModel("t" + w, net));
            files.add(TestFiles.save(net, dir.resolve("t" + w + ".zip")).toString());
        }
        List<String> base = new ArrayList<>(List.of("rank", "--models"));
        base.addAll(files);
        base.addAll(List.of("--input", xFile, "--repetitions", "2", "--seed", "5", "--block", "first", "--json"));
        List<String> withBoth = new ArrayList<>(base);
        withBoth.addAll(List.of("--saved-weights", "--max-samples", "12"));
        java.util.Map<String, Double> got = near(CliRun.of(withBoth.toArray(new String[0])));

        NearScorer scorer = NearScorer.builder().repetitions(2).seed(5).blockMode(BlockMode.FIRST).maxSamples(12).build();
        RankingResult want = ArchitectureRanking.builder().scorer(scorer).freshWeights(false).build().rank(trained, x);
        for (RankedCandidate c : want.entries()) {
            assertEquals(c.score(), got.get(c.name()), 1e-9 * c.score(), c.name());
            assertEquals(12, c.result().samples());
        }
        // without --saved-weights the trained weights are not scored; without --max-samples all 64 samples can be
        List<String> fresh = new ArrayList<>(base);
        fresh.addAll(List.of("--max-samples", "12"));
        java.util.Map<String, Double> freshValues = near(CliRun.of(fresh.toArray(new String[0])));
        List<String> all = new ArrayList<>(base);
        all.add("--saved-weights");
        java.util.Map<String, Double> allSamples = near(CliRun.of(all.toArray(new String[0])));
        RankingResult wantFresh = ArchitectureRanking.builder().scorer(scorer).freshWeights(true).build().rank(trained, x);
        for (String name : got.keySet()) {
            assertEquals(wantFresh.get(name).score(), freshValues.get(name), 1e-9 * freshValues.get(name), name);
            assertTrue(Math.abs(got.get(name) - freshValues.get(name)) > 1e-6, name + ": --saved-weights had no effect");
        }
        // FIRST blocks need as many rows as columns: 12 samples cut only the 20-wide network's blocks short
        assertTrue(Math.abs(got.get("t20") - allSamples.get("t20")) > 1e-6, "--max-samples had no effect");
        assertEquals(got.get("t8"), allSamples.get("t8"), 1e-9 * got.get("t8"));
    }

    @Test
    void needsTwoModelsAndAnInput() {
        List<String> files = saveAll();
        CliRun one = CliRun.of("rank", "--models", files.get(0), "--input", "x.npy");
        assertEquals(NearCli.EXIT_USAGE, one.code);
        assertEquals(1, one.err.lines().count(), one.err);
        CliRun noInput = CliRun.of("rank", "--models", files.get(0), files.get(1));
        assertEquals(NearCli.EXIT_USAGE, noInput.code);
        CliRun missing = CliRun.of("rank", "--models", files.get(0), dir.resolve("nope.zip").toString(),
                "--input", TestFiles.npy(TestFiles.gaussian(1, 8, 24), dir.resolve("x.npy")).toString());
        assertEquals(NearCli.EXIT_BAD_INPUT, missing.code);
        assertTrue(missing.err.contains("nope.zip"), missing.err);
    }

    @Test
    void expandsModelLists() {
        // several files after one --models, and --models repeated, give the same list (picocli, arity 1..*)
        RankCommand rank = new RankCommand(System.out, System.err);
        Cli.commandLine(rank, System.out, System.err).parseArgs("--models", "a", "b", "--input", "x", "--json");
        assertArrayEquals(new String[] {"a", "b"}, rank.models().toArray(new String[0]));
        RankCommand again = new RankCommand(System.out, System.err);
        Cli.commandLine(again, System.out, System.err).parseArgs("--models", "a", "--models", "b", "--input", "x");
        assertArrayEquals(new String[] {"a", "b"}, again.models().toArray(new String[0]));
    }
}
