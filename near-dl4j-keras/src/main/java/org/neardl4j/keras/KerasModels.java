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

import com.google.common.base.Preconditions;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.neardl4j.capture.FreshThread;
import org.neardl4j.capture.Initialisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keras models saved as HDF5 ({@code model.save("model.h5")}) imported with DL4J's own Keras import, ready to be
 * scored by near-dl4j: a {@code Sequential} model becomes a {@link MultiLayerNetwork}, any other model (or a
 * sequential one DL4J cannot import as such) a {@link ComputationGraph}. Training configuration (loss, optimiser)
 * is not enforced: NEAR needs neither.
 *
 * <p>The network holds the file's weights. Before they are copied in, DL4J initialises the network; near-dl4j does
 * that with {@link Initialisation}, so a recurrent layer with Keras' default orthogonal initialiser cannot hang in
 * ND4J's native SVD. The calling thread's ND4J random generator is not used.
 *
 * <p>Reading HDF5 needs the natives of {@code org.bytedeco:hdf5} for your platform next to this library, e.g.
 * {@code org.bytedeco:hdf5:1.12.1-1.5.7} with classifier {@code linux-x86_64}, besides an ND4J backend.
 *
 * <pre>{@code
 * Model model = KerasModels.load(Path.of("model.h5"));
 * NearResult r = NearScorer.builder().build().score(model, features);
 * }</pre>
 */
public final class KerasModels {

    private static final Logger log = LoggerFactory.getLogger(KerasModels.class);

    private KerasModels() {
    }

    /**
     * Imports a Keras model with its weights: as a {@code MultiLayerNetwork} when it is a {@code Sequential} model
     * DL4J can import as one, otherwise as a {@code ComputationGraph}.
     *
     * @param file a Keras HDF5 file holding the model's configuration and weights; not null
     * @return the initialised network with the file's weights
     * @throws KerasImportException naming the file and, where DL4J's import says which, the Keras layer and class,
     *                              when the file is missing, unreadable or holds a model DL4J cannot import
     */
    public static Model load(Path file) {
        Preconditions.checkNotNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new KerasImportException(file, null, null, file + ": no such file", null);
        }
        if (!Files.isReadable(file)) {
            throw new KerasImportException(file, null, null, file + ": not readable", null);
        }
        Exception sequential;
        try {
            return sequential(file);
        } catch (Exception e) {
            sequential = e;
            log.debug("{} is not imported as a Sequential model ({}), trying a functional model", file, e.toString());
        }
        try {
            return functional(file);
        } catch (Exception functional) {
            List<KerasLayerInfo> layers = layers(file);
            boolean isSequential = !layers.isEmpty() && layers.get(0).modelClass.equals("Sequential");
            throw failure(file, isSequential ? sequential : functional, layers);
        }
    }

    private static MultiLayerNetwork sequential(Path file) throws Exception {
        checkFile(file);
        KerasSequentialModel keras = new KerasSequentialModel().modelBuilder().modelHdf5Filename(file.toString())
                .enforceTrainingConfig(false).buildSequential();
        MultiLayerNetwork net = new MultiLayerNetwork(keras.getMultiLayerConfiguration());
        return FreshThread.call(() -> {
            Initialisation.init(net);
            return copyWeights(net, keras);
        });
    }

    private static ComputationGraph functional(Path file) throws Exception {
        checkFile(file);
        KerasModel keras = new KerasModel().modelBuilder().modelHdf5Filename(file.toString())
                .enforceTrainingConfig(false).buildModel();
        ComputationGraph graph = new ComputationGraph(keras.getComputationGraphConfiguration());
        return FreshThread.call(() -> {
            Initialisation.init(graph);
            return copyWeights(graph, keras);
        });
    }

    private static void checkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KerasImportException(file, null, null, file + ": no such file", null);
        }
    }

    private static <M extends Model> M copyWeights(M model, KerasModel keras) {
        try {
            KerasModelUtils.copyWeightsToModel(model, keras.getLayers());
            return model;
        } catch (Exception e) {
            throw new WeightsNotCopied(e);
        }
    }

    /** Carries a checked exception of the weight copy out of the initialising thread. */
    private static final class WeightsNotCopied extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WeightsNotCopied(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    // ---- the message ----------------------------------------------------------------------------------------

    /** One layer of the file's model configuration. */
    static final class KerasLayerInfo {
        final String modelClass;
        final String name;
        final String className;

        KerasLayerInfo(String modelClass, String name, String className) {
            this.modelClass = modelClass;
            this.name = name;
            this.className = className;
        }
    }

    static KerasImportException failure(Path file, Exception e, List<KerasLayerInfo> layers) {
        Throwable cause = e instanceof WeightsNotCopied ? e.getCause() : e;
        if (cause instanceof KerasImportException) {
            return (KerasImportException) cause;
        }
        String reason = reason(cause);
        KerasLayerInfo at = layerNamedIn(reason, layers);
        String message;
        if (at != null) {
            message = file + ": Keras layer '" + at.name + "' (" + at.className + ") cannot be imported by DL4J: " + reason;
        } else if (layers.isEmpty()) {
            message = file + ": not a Keras model DL4J can read: " + reason;
        } else {
            message = file + ": the Keras model cannot be imported by DL4J: " + reason;
        }
        return new KerasImportException(file, at == null ? null : at.name, at == null ? null : at.className,
                message, cause);
    }

    /** DL4J's messages along the cause chain, without repeats, on one line. */
    static String reason(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            m = m.replaceAll("\\s+", " ").trim();
            boolean known = false;
            for (String p : parts) {
                known |= p.contains(m);
            }
            if (!known) {
                parts.add(m);
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    /**
     * The layer a message is about: one whose name appears in it as a word, else the first whose Keras class does.
     */
    static KerasLayerInfo layerNamedIn(String message, List<KerasLayerInfo> layers) {
        KerasLayerInfo best = null;
        for (KerasLayerInfo l : layers) {
            if (l.name != null && containsWord(message, l.name) && (best == null || l.name.length() > best.name.length())) {
                best = l;
            }
        }
        if (best != null) {
            return best;
        }
        for (KerasLayerInfo l : layers) {
            if (l.className != null && containsWord(message, l.className)) {
                return l;
            }
        }
        return null;
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    /** The layers of the file's model configuration (nested layers of wrappers too); empty if it has none. */
    static List<KerasLayerInfo> layers(Path file) {
        List<KerasLayerInfo> out = new ArrayList<>();
        try {
            String json;
            synchronized (Hdf5Archive.LOCK_OBJECT) {
                try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
                    if (!archive.hasAttribute("model_config")) {
                        return out;
                    }
                    json = archive.readAttributeAsJson("model_config");
                }
            }
            // DL4J's reader returns the attribute's fixed-length buffer: the JSON value is followed by padding
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setLenient(true);
            JsonObject model = new JsonParser().parse(reader).getAsJsonObject();
            String modelClass = model.has("class_name") ? model.get("class_name").getAsString() : "";
            collect(model.get("config"), modelClass, out);
        } catch (Exception | LinkageError e) {
            log.debug("could not read the model configuration of {}: {}", file, e.toString());
        }
        return out;
    }

    private static void collect(JsonElement e, String modelClass, List<KerasLayerInfo> out) {
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, modelClass, out));
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        if (o.has("class_name") && o.has("config") && o.get("config").isJsonObject()) {
            JsonObject c = o.getAsJsonObject("config");
            if (c.has("name") && c.get("name").isJsonPrimitive() && !c.has("layers")) {
                out.add(new KerasLayerInfo(modelClass, c.get("name").getAsString(), o.get("class_name").getAsString()));
            }
        }
        for (java.util.Map.Entry<String, JsonElement> entry : o.entrySet()) {
            String key = entry.getKey();
            if (key.equals("layers") || key.equals("layer") || key.equals("config")) {
                collect(o.get(key), modelClass, out);
            }
        }
    }
}
