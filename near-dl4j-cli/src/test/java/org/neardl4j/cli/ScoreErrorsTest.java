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

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.ParityCases;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every documented failure of {@code score}: its exit code and exactly one line on stderr, no stack trace. */
class ScoreErrorsTest {

    @TempDir
    Path dir;

    private String zip;
    private String x;

    @BeforeEach
    void files() {
        zip = TestFiles.save(ParityCases.mlp(), dir.resolve("mlp.zip")).toString();
        x = TestFiles.npy(ParityCases.mlpInput(), dir.resolve("x.npy")).toString();
    }

    private static String fails(int code, String... args) {
        return CliRun.of(args).failure(code);
    }

    private static void assertMentions(String msg, String... parts) {
        for (String p : parts) {
            assertTrue(msg.contains(p), "'" + p + "' not in: " + msg);
        }
    }

    @Test
    void missingModelFile() {
        String msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", dir.resolve("nope.zip").toString(), "--input", x);
        assertMentions(msg, "nope.zip", "not found");
    }

    @Test
    void missingInputFile() {
        String msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", dir.resolve("nope.npy").toString());
        assertMentions(msg, "nope.npy", "not found");
    }

    @Test
    void shapeMismatch() {
        INDArray narrow = ParityCases.mlpInput().getColumns(java.util.stream.IntStream.range(0, 783).toArray());
        String f = TestFiles.npy(narrow.dup('c'), dir.resolve("narrow.npy")).toString();
        String msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", f);
        assertMentions(msg, "narrow.npy", "[100, 783]", "'layer0'", "DenseLayer", "[N, 784]");

        String vector = TestFiles.rawNpy(dir.resolve("vector.npy"), "<f4", false, new long[] {784}, new float[784])
                .toString();
        msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", vector);
        assertMentions(msg, "vector.npy", "[784]", "first axis of samples");
    }

    /** A shape the pre-check cannot judge (image smaller than the kernel) fails in the forward pass, on one line. */
    @Test
    void forwardPassFailureNamesTheLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv").nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String model = TestFiles.save(net, dir.resolve("conv.zip")).toString();
        String tiny = TestFiles.npy(TestFiles.gaussian(3, 2, 1, 3, 3), dir.resolve("tiny.npy")).toString();
        String msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", model, "--input", tiny);
        assertMentions(msg, "'conv'");
        // wrong channel count is caught before the forward pass
        String rgb = TestFiles.npy(TestFiles.gaussian(3, 2, 3, 8, 8), dir.resolve("rgb.npy")).toString();
        msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", model, "--input", rgb);
        assertMentions(msg, "rgb.npy", "[2, 3, 8, 8]", "'conv'", "[N, 1, height, width] (NCHW)");
    }

    @Test
    void nanOrInfinityInInput() {
        INDArray bad = ParityCases.mlpInput().dup();
        bad.putScalar(7, 3, Double.NaN);
        String f = TestFiles.npy(bad, dir.resolve("nan.npy")).toString();
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", f), "nan.npy", "NaN",
                "sample 7");
        bad = ParityCases.mlpInput().dup();
        bad.putScalar(42, 0, Double.POSITIVE_INFINITY);
        f = TestFiles.npy(bad, dir.resolve("inf.npy")).toString();
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", f), "inf.npy", "infinite",
                "sample 42");
        // a NaN beyond --max-samples is not used, so it is no error
        assertEquals(NearCli.EXIT_OK, CliRun.of("score", "--model", zip, "--input", f, "--max-samples", "40").code);
    }

    @Test
    void nanInAnActivation() {
        MultiLayerNetwork net = ParityCases.mlp();
        INDArray w = net.getParam("1_W").dup();
        w.putScalar(0, 0, Double.NaN);
        net.setParam("1_W", w);
        String model = TestFiles.save(net, dir.resolve("nan-weights.zip")).toString();
        String msg = fails(NearCli.EXIT_BAD_INPUT, "score", "--model", model, "--input", x);
        assertMentions(msg, "layer1", "NaN");
    }

    @Test
    void notADl4jModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", text.toString(), "--input", x), "notes.zip",
                "not a zip file");
        Path other = dir.resolve("other.zip");
        try (OutputStream o = Files.newOutputStream(other); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", other.toString(), "--input", x), "other.zip",
                "not a DL4J model");
        // a .npy given as model, a zip given as input
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", x, "--input", x), "not a zip file");
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", zip), "mlp.zip",
                "not a NumPy .npy file");
    }

    @Test
    void emptyArray() {
        String f = TestFiles.rawNpy(dir.resolve("empty.npy"), "<f4", false, new long[] {0, 784}, new float[0])
                .toString();
        assertMentions(fails(NearCli.EXIT_BAD_INPUT, "score", "--model", zip, "--input", f), "empty.npy", "empty",
                "[0, 784]");
    }

    @Test
    void usageErrors() {
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--model", zip, "--input", x, "--frobnicate"),
                "unknown option '--frobnicate'");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--model", zip), "--model needs at least one --input");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--input", x), "--input needs --model");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--repetitions", "0"), "--repetitions", "at least 1");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--seed", "abc"), "--seed", "integer", "abc");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--block", "last"), "first|random");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--max-samples"), "--max-samples", "needs a value");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "extra"), "unexpected argument 'extra'");
        assertMentions(fails(NearCli.EXIT_USAGE, "score", "--json", "--json"), "more than once");
        assertMentions(fails(NearCli.EXIT_USAGE, "rank-them"), "unknown command 'rank-them'", "score");
        assertMentions(fails(NearCli.EXIT_USAGE), "no command");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        INDArray bad = ParityCases.mlpInput().dup();
        String f = TestFiles.npy(bad.getColumns(0, 1, 2).dup('c'), dir.resolve("three.npy")).toString();
        CliRun r = CliRun.of("score", "--model", zip, "--input", f, "--verbose");
        assertEquals(NearCli.EXIT_BAD_INPUT, r.code);
        assertTrue(r.errLines().get(0).startsWith("error: input " + f), r.err);
        assertTrue(r.errLines().size() > 3 && r.err.contains("\tat org.neardl4j.cli."), r.err);

        MultiLayerNetwork net = ParityCases.mlp();
        INDArray w = net.getParam("0_W").dup();
        w.putScalar(1, 1, Double.NaN);
        net.setParam("0_W", w);
        String model = TestFiles.save(net, dir.resolve("nan0.zip")).toString();
        r = CliRun.of("score", "--model", model, "--input", x, "--verbose");
        assertEquals(NearCli.EXIT_BAD_INPUT, r.code);
        assertTrue(r.errLines().get(0).contains("NaN"), r.err);
        assertTrue(r.err.contains("\tat org.neardl4j.score.NearScorer"), r.err);
    }

    @Test
    void help() {
        CliRun r = CliRun.of("--help");
        assertEquals(NearCli.EXIT_OK, r.code);
        assertTrue(r.out.contains("score") && r.out.contains("exit codes"), r.out);
        r = CliRun.of("score", "--help");
        assertEquals(NearCli.EXIT_OK, r.code);
        for (picocli.CommandLine.Model.OptionSpec option
                : Cli.commandLine(new ScoreCommand(System.out), System.out, System.err).getCommandSpec().options()) {
            assertTrue(r.out.contains(option.longestName()), option.longestName() + " not in " + r.out);
        }
        assertEquals(r.out, CliRun.of("help", "score").out);
    }
}
