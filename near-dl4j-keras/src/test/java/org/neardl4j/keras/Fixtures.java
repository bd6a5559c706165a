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
package org.neardl4j.keras;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The bundled Keras models (src/test/resources/keras, see the README there) and inputs for them. */
final class Fixtures {

    static final List<String> ALL = List.of(
            "examples_12net.h5",
            "examples_functional_lstm_lstm_functional_tf_keras_2.h5",
            "examples_gans_wgan_discriminator.h5",
            "examples_masking_masking_two_lstm.h5",
            "examples_masking_masking_zero_lstm.h5",
            "examples_simple_rnn_simple_rnn_tf_keras_2_model.h5",
            "fullconfigs_cnn_cnn_batch_norm.h5",
            "tfkeras_cnn2d_52.h5",
            "weights_bidirectional_lstm_no_return_sequences_tensorflow_1.h5",
            "weights_embedding_conv1d_extended_theano_2.h5",
            "weights_embedding_conv1d_flatten_tensorflow_2.h5",
            "weights_embedding_conv1d_flatten_theano_2.h5",
            "weights_embedding_conv1d_theano_2.h5",
            "weights_sepconv2d_tensorflow_2.h5");

    static final List<String> THEANO = List.of(
            "weights_embedding_conv1d_extended_theano_2.h5",
            "weights_embedding_conv1d_flatten_theano_2.h5",
            "weights_embedding_conv1d_theano_2.h5");

    static final List<String> MASKING = List.of(
            "examples_masking_masking_two_lstm.h5",
            "examples_masking_masking_zero_lstm.h5");

    /** Time steps for inputs whose length the model leaves open. */
    static final int DEFAULT_STEPS = 5;
    /** Height and width for images whose size the model leaves open (a fully convolutional model). */
    static final int DEFAULT_SIZE = 12;

    private Fixtures() {
    }

    /** The bundled file as a file on disk (HDF5 reads files, not class-path resources). */
    static Path file(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/keras/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no bundled model " + name);
            }
            Path dir = Path.of("target", "keras-fixtures");
            Files.createDirectories(dir);
            Path f = dir.resolve(name);
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input types of the model in the file, in the order of its inputs, read through DL4J's import. */
    static List<InputType> inputTypes(Path file) throws Exception {
        KerasModel keras;
        try {
            keras = new KerasSequentialModel().modelBuilder().modelHdf5Filename(file.toString())
                    .enforceTrainingConfig(false).buildSequential();
        } catch (Exception e) {
            keras = new KerasModel().modelBuilder().modelHdf5Filename(file.toString())
                    .enforceTrainingConfig(false).buildModel();
        }
        List<InputType> types = new ArrayList<>();
        for (String in : keras.getInputLayerNames()) {
            types.add(keras.getOutputTypes().get(in));
        }
        return types;
    }

    /**
     * Random inputs of each input type: standard normal, or integer indices below the vocabulary size for an input
     * read by an embedding.
     */
    static INDArray[] inputs(Path file, Model model, int n, long seed) throws Exception {
        List<InputType> types = inputTypes(file);
        DataType dt = model.params().dataType();
        Random rnd = new Random(seed);
        INDArray[] out = new INDArray[types.size()];
        for (int i = 0; i < out.length; i++) {
            long[] shape = shape(types.get(i), n);
            long vocabulary = vocabulary(model, i);
            if (vocabulary > 0) {
                // an embedding reads [N, sequence length] indices
                shape = new long[] {n, sequenceLength(model, i)};
            }
            INDArray x = Nd4j.create(dt, shape);
            for (long k = 0; k < x.length(); k++) {
                x.putScalar(k, vocabulary > 0 ? rnd.nextInt((int) vocabulary) : rnd.nextGaussian());
            }
            out[i] = x;
        }
        return out;
    }

    static long[] shape(InputType t, int n) {
        if (t instanceof InputType.InputTypeFeedForward) {
            return new long[] {n, ((InputType.InputTypeFeedForward) t).getSize()};
        }
        if (t instanceof InputType.InputTypeRecurrent) {
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) t;
            long steps = r.getTimeSeriesLength() > 0 ? r.getTimeSeriesLength() : DEFAULT_STEPS;
            return r.getFormat() == RNNFormat.NWC ? new long[] {n, steps, r.getSize()} : new long[] {n, r.getSize(), steps};
        }
        if (t instanceof InputType.InputTypeConvolutional) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) t;
            long h = c.getHeight() > 0 ? c.getHeight() : DEFAULT_SIZE;
            long w = c.getWidth() > 0 ? c.getWidth() : DEFAULT_SIZE;
            return c.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC
                    ? new long[] {n, h, w, c.getChannels()}
                    : new long[] {n, c.getChannels(), h, w};
        }
        throw new IllegalArgumentException("input type not covered by the fixtures: " + t);
    }

    /** The vocabulary size of an embedding reading input {@code i}, or 0. */
    static long vocabulary(Model model, int i) {
        Layer first = firstLayer(model, i);
        if (first instanceof EmbeddingSequenceLayer) {
            return ((EmbeddingSequenceLayer) first).getNIn();
        }
        if (first instanceof EmbeddingLayer) {
            return ((EmbeddingLayer) first).getNIn();
        }
        return 0;
    }

    /** The input length of an embedding sequence layer reading input {@code i} (1 for a plain embedding). */
    static long sequenceLength(Model model, int i) {
        Layer first = firstLayer(model, i);
        return first instanceof EmbeddingSequenceLayer ? ((EmbeddingSequenceLayer) first).getInputLength() : 1;
    }

    /** The layer reading input {@code i}. */
    static Layer firstLayer(Model model, int i) {
        Layer first = null;
        if (model instanceof MultiLayerNetwork) {
            first = ((MultiLayerNetwork) model).getLayerWiseConfigurations().getConf(0).getLayer();
        } else {
            ComputationGraph g = (ComputationGraph) model;
            String input = g.getConfiguration().getNetworkInputs().get(i);
            for (var e : g.getConfiguration().getVertexInputs().entrySet()) {
                if (e.getValue().contains(input) && g.getConfiguration().getVertices().get(e.getKey()) instanceof LayerVertex) {
                    first = ((LayerVertex) g.getConfiguration().getVertices().get(e.getKey())).getLayerConf().getLayer();
                }
            }
        }
        return first;
    }
}
