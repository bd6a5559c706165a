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
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.keras.KerasModels;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code score} and {@code rank} on Keras HDF5 models ({@code --model model.h5}). */
class KerasModelCliTest {

    @TempDir
    Path dir;

    private Path bundled(String name, String as) throws IOException {
        Path f = dir.resolve(as);
        try (InputStream in = KerasModelCliTest.class.getResourceAsStream("/keras/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    /** Word indices below the vocabulary (4) for the Theano Embedding -> Conv1D model: [N, 10]. */
    private static INDArray indices(int n) {
        Random rnd = new Random(9);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 10);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, rnd.nextInt(4));
        }
        return x;
    }

    @Test
    void scoresAKerasModelLikeTheLibrary() throws IOException {
        Path model = bundled("weights_embedding_conv1d_theano_2.h5", "theano.h5");
        INDArray x = indices(12);
        Path xFile = TestFiles.npy(x, dir.resolve("x.npy"));
        JsonObject o = CliRun.of("score", "--model", model.toString(), "--input", xFile.toString(), "--seed", "4",
                "--json").json();
        Model net = KerasModels.load(model);
        NearResult want = NearScorer.builder().seed(4).build().score(net, x);
        ScoreCommandTest.assertSameAs(want, o);
        assertEquals(0, o.getAsJsonArray("warnings").size(), o.toString());
        JsonArray m = o.getAsJsonArray("matrices");
        assertTrue(m.size() >= 2, "embedding and conv1d matrices: " + m);
        assertTrue(o.get("model").getAsString().contains("imported from Keras"), o.toString());

        CliRun table = CliRun.of("score", "--model", model.toString(), "--input", xFile.toString());
        assertEquals(0, table.code, table.err);
        assertTrue(table.out.contains("conv1d_1"), table.out);
    }

    @Test
    void ranksKerasModels() throws IOException {
        Path a = bundled("weights_embedding_conv1d_theano_2.h5", "a.h5");
        Path b = bundled("weights_embedding_conv1d_theano_2.h5", "b.h5");
        Path xFile = TestFiles.npy(indices(16), dir.resolve("x.npy"));
        CliRun run = CliRun.of("rank", "--models", a.toString(), b.toString(), "--input", xFile.toString(), "--json");
        assertEquals(0, run.code, run.err);
        JsonArray candidates = new JsonParser().parse(run.out).getAsJsonObject().getAsJsonArray("candidates");
        assertEquals(2, candidates.size(), run.out);
    }

    @Test
    void anUnsupportedKerasLayerIsOneLineNamingFileAndLayer() throws IOException {
        Path model = bundled("crafted_lambda_layer.h5", "lambda.h5");
        Path xFile = TestFiles.npy(indices(4), dir.resolve("x.npy"));
        String msg = CliRun.of("score", "--model", model.toString(), "--input", xFile.toString())
                .failure(NearCli.EXIT_BAD_INPUT);
        assertTrue(msg.contains(model.toString()) && msg.contains("'lambda_1' (Lambda)"), msg);
    }
}
