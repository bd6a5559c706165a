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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Models and arrays written to files for the CLI tests. */
final class TestFiles {

    private TestFiles() {
    }

    static Path save(Model model, Path file) {
        try {
            ModelSerializer.writeModel(model, file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes {@code a} with ND4J's own writer and checks that it reads back identically. */
    static Path npy(INDArray a, Path file) {
        try {
            Nd4j.writeAsNumpy(a, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        INDArray back = Nd4j.createFromNpyFile(file.toFile());
        assertArrayEquals(a.shape(), back.shape(), "npy round trip shape");
        assertEquals(a.dataType(), back.dataType(), "npy round trip type");
        assertArrayEquals(a.castTo(DataType.DOUBLE).data().asDouble(), back.castTo(DataType.DOUBLE).data().asDouble(),
                0.0, "npy round trip values");  // NaN equals NaN here
        return file;
    }

    /** Writes a .npy file (version 1.0) with any header, little-endian float32 data from {@code values}. */
    static Path rawNpy(Path file, String descr, boolean fortran, long[] shape, float[] values) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + (shape.length == 1 ? dims.toString().trim() : dims.toString().replaceAll(", $", "")) + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x93);
        b.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        b.write(1);
        b.write(0);
        b.write(header.length() & 0xFF);
        b.write(header.length() >> 8);
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(data.array());
        try {
            return Files.write(file, b.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two inputs: a [N,6] -> dense 8 tanh, b [N,5] -> dense 4 relu, merged -> output 3 identity. */
    static ComputationGraph twoInputGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs("a", "b")
                .addLayer("da", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).build(), "a")
                .addLayer("db", new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build(), "b")
                .addVertex("merge", new MergeVertex(), "da", "db")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(12).nOut(3)
                        .activation(Activation.IDENTITY).build(), "merge")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Reproducible standard-normal floats. */
    static INDArray gaussian(long seed, long... shape) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            // Box-Muller
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return Nd4j.create(v, shape, 'c');
    }
}
