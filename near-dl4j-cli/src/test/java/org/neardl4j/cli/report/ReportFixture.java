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
package org.neardl4j.cli.report;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.cli.NearCli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A {@code rank --html} run on three small MLPs with accuracies, for the report tests. */
final class ReportFixture {

    static final int[] WIDTHS = {4, 16, 48};

    private ReportFixture() {
    }

    static Path rankWithHtml(Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("rank", "--models"));
        for (int w : WIDTHS) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(w).list()
                    .layer(new DenseLayer.Builder().nIn(24).nOut(w).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(w).nOut(5)
                            .activation(Activation.SOFTMAX).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            Path f = dir.resolve("w" + w + ".zip");
            ModelSerializer.writeModel(net, f.toFile(), false);
            args.add(f.toString());
        }
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, 24);
        Path xf = dir.resolve("x.npy");
        Nd4j.writeAsNumpy(x, xf.toFile());
        Path acc = Files.writeString(dir.resolve("acc.csv"), "name,accuracy\nw4,0.61\nw16,0.74\nw48,0.70\n");
        Path html = dir.resolve("report.html");
        args.addAll(List.of("--input", xf.toString(), "--repetitions", "2", "--accuracies", acc.toString(), "--html",
                html.toString(), "--quiet"));
        run(args);
        return html;
    }

    /** Runs near-cli in-process and asserts success. */
    static void run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NearCli.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(NearCli.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    }
}
