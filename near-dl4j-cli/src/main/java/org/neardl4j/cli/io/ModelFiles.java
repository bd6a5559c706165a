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
package org.neardl4j.cli.io;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.keras.KerasImportException;
import org.neardl4j.keras.KerasModels;
import org.neardl4j.proxy.ParameterCount;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads a model saved with DL4J's {@link ModelSerializer}. Whether it is a {@link MultiLayerNetwork} or a
 * {@link ComputationGraph} is read from the zip's {@code configuration.json} (a graph configuration has
 * {@code "vertices"}); the updater state is not loaded. Every failure is an {@link InvalidInputException} with a
 * one-line message naming the file.
 *
 * <pre>{@code
 * ModelFiles.Loaded m = ModelFiles.load(Paths.get("net.zip"));
 * Model net = m.model();                 // MultiLayerNetwork or ComputationGraph
 * System.out.println(m.description());   // net.zip (MultiLayerNetwork, 3 layers, 89610 parameters, FLOAT)
 * }</pre>
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** A loaded model and what the file said about it. Immutable (the model itself is not). */
    public static final class Loaded {
        private final Model model;
        private final String description;
        private final boolean hasNormalizer;

        Loaded(Model model, String description, boolean hasNormalizer) {
            this.model = model;
            this.description = description;
            this.hasNormalizer = hasNormalizer;
        }

        /** The network: a {@link MultiLayerNetwork} or a {@link ComputationGraph}. */
        public Model model() {
            return model;
        }

        /** File name, model class, size and data type, for people. */
        public String description() {
            return description;
        }

        /** Whether the zip also holds a data normalizer (which scoring does not apply). */
        public boolean hasNormalizer() {
            return hasNormalizer;
        }
    }

    /**
     * Loads the model in {@code file}: a model zip, a configuration in JSON ({@code .json}) or YAML
     * ({@code .yaml}, {@code .yml}), see {@link #isConfiguration}, or a Keras HDF5 model ({@code .h5},
     * {@code .hdf5}), see {@link #isKeras}.
     *
     * @param file the model zip or configuration
     * @return the model and its description
     * @throws InvalidInputException when the file is missing, not a zip, not a DL4J model zip, or cannot be
     *                               restored; for a configuration file, when it is not a valid configuration; for a
     *                               Keras file, when DL4J cannot import it (naming the Keras layer where known)
     */
    public static Loaded load(Path file) throws InvalidInputException {
        Preconditions.checkNotNull(file, "file");
        String what = "model " + file;
        if (!Files.exists(file)) {
            throw new InvalidInputException(what + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException(what + ": not a readable file");
        }
        if (isConfiguration(file)) {
            return ModelConfigurations.load(file);
        }
        if (isKeras(file)) {
            return keras(file);
        }
        boolean graph;
        boolean normalizer;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
            if (conf == null || zip.getEntry(ModelSerializer.COEFFICIENTS_BIN) == null
                    && zip.getEntry(ModelSerializer.NO_PARAMS_MARKER) == null) {
                throw new InvalidInputException(what + " is a zip file but not a DL4J model ("
                        + ModelSerializer.CONFIGURATION_JSON + " or " + ModelSerializer.COEFFICIENTS_BIN
                        + " missing; save models with ModelSerializer.writeModel)");
            }
            graph = isGraph(zip, conf, what);
            normalizer = zip.getEntry(ModelSerializer.NORMALIZER_BIN) != null;
        } catch (ZipException e) {
            throw new InvalidInputException(what + " is not a DL4J model: not a zip file", e);
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        Model model;
        try {
            model = graph ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            // DL4J's own message for damaged parameters is often empty: say which entry is damaged and how
            String damaged = damagedCoefficients(file);
            throw new InvalidInputException(what + ": cannot restore the " + (graph ? "ComputationGraph"
                    : "MultiLayerNetwork") + ": " + (damaged != null ? damaged : InvalidInputException.oneLine(e)), e);
        }
        return new Loaded(model, describe(file, model), normalizer);
    }

    /**
     * Why the zip's parameters cannot be read (reading them alone, as ND4J's array format), or null when they can
     * (or the zip has none).
     */
    private static String damagedCoefficients(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(ModelSerializer.COEFFICIENTS_BIN);
            if (e == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(e)))) {
                Nd4j.read(in);
                return null;
            } catch (IOException | RuntimeException ex) {
                for (Throwable c = ex; c != null; c = c.getCause()) {
                    if (c instanceof EOFException) {
                        return ModelSerializer.COEFFICIENTS_BIN + " (the parameters) is truncated: it ends early";
                    }
                }
                String why = InvalidInputException.oneLine(ex);
                return ModelSerializer.COEFFICIENTS_BIN + " (the parameters) is damaged"
                        + (why.equals(ex.getClass().getSimpleName()) ? "" : ": " + why);
            }
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /**
     * Whether a file name says it holds a Keras HDF5 model: it ends with {@code .h5} or {@code .hdf5} (any case).
     *
     * @param file the file
     * @return true for a Keras model file
     */
    public static boolean isKeras(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    /** A Keras model imported with DL4J's Keras import (see {@link KerasModels#load}). */
    private static Loaded keras(Path file) throws InvalidInputException {
        Model model;
        try {
            model = KerasModels.load(file);
        } catch (KerasImportException e) {
            // the message starts with the file and names the Keras layer at fault where DL4J's import says which
            throw new InvalidInputException("model " + InvalidInputException.oneLine(e), e);
        }
        return new Loaded(model, describe(file, model) + ", imported from Keras", false);
    }

    /**
     * Whether a file name says it holds a configuration rather than a model zip: it ends with {@code .json},
     * {@code .yaml} or {@code .yml} (any case).
     *
     * @param file the file
     * @return true for a configuration file
     */
    public static boolean isConfiguration(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static boolean isGraph(ZipFile zip, ZipEntry conf, String what) throws IOException, InvalidInputException {
        String json;
        try (InputStream in = zip.getInputStream(conf)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonElement e;
        try {
            e = new JsonParser().parse(json);
        } catch (RuntimeException ex) {
            throw new InvalidInputException(what + ": " + ModelSerializer.CONFIGURATION_JSON + " is not valid JSON", ex);
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("vertices")) {
                return true;
            }
            if (o.has("confs")) {
                return false;
            }
        }
        throw new InvalidInputException(what + ": " + ModelSerializer.CONFIGURATION_JSON + " is neither a"
                + " MultiLayerNetwork nor a ComputationGraph configuration");
    }

    static String describe(Path file, Model model) {
        String kind;
        int layers;
        DataType type;
        if (model instanceof ComputationGraph) {
            ComputationGraph g = (ComputationGraph) model;
            kind = "ComputationGraph";
            layers = g.getNumLayers();
            type = g.getConfiguration().getDataType();
        } else {
            MultiLayerNetwork n = (MultiLayerNetwork) model;
            kind = "MultiLayerNetwork";
            layers = n.getnLayers();
            type = n.getLayerWiseConfigurations().getDataType();
        }
        // trainable parameters: numParams() also counts batch normalisation's running statistics
        return String.format(Locale.ROOT, "%s (%s, %d layers, %d parameters, %s)", file.getFileName(), kind, layers,
                ParameterCount.of(model), type);
    }

    /** The names of a model's inputs: {@code [input]} for a MultiLayerNetwork, the graph's inputs otherwise. */
    public static ImmutableList<String> inputNames(Model model) {
        if (model instanceof ComputationGraph) {
            return ImmutableList.copyOf(((ComputationGraph) model).getConfiguration().getNetworkInputs());
        }
        return ImmutableList.of("input");
    }

    /** The data type of a model's parameters (from its configuration). */
    public static DataType dataType(Model model) {
        if (model instanceof ComputationGraph) {
            return ((ComputationGraph) model).getConfiguration().getDataType();
        }
        Preconditions.checkArgument(model instanceof MultiLayerNetwork, "not a MultiLayerNetwork or ComputationGraph: %s",
                model == null ? null : model.getClass());
        return ((MultiLayerNetwork) model).getLayerWiseConfigurations().getDataType();
    }
}
