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

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Keras model file that could not be imported: the message names the file and, where DL4J's import says which,
 * the Keras layer (its name and class) at fault, with DL4J's own reason. The original exception is the cause.
 *
 * <pre>{@code
 * try {
 *     Model model = KerasModels.load(Path.of("model.h5"));
 * } catch (KerasImportException e) {
 *     System.err.println(e.getMessage());   // model.h5: Keras layer 'lambda_1' (Lambda) cannot be imported: ...
 * }
 * }</pre>
 */
public final class KerasImportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file that was read. */
    private final String file;
    /** The Keras layer at fault, or null when the import did not say. */
    private final String layerName;
    /** The Keras class of the layer at fault, or null when the import did not say. */
    private final String layerClass;

    KerasImportException(Path file, String layerName, String layerClass, String message, Throwable cause) {
        super(message, cause);
        this.file = file.toString();
        this.layerName = layerName;
        this.layerClass = layerClass;
    }

    /**
     * The file that could not be imported.
     *
     * @return the path as given to {@link KerasModels#load(Path)}
     */
    public Path file() {
        return Path.of(file);
    }

    /**
     * The Keras layer at fault, when the import names one (directly or through its class).
     *
     * @return the layer's name in the Keras model (e.g. {@code lambda_1}), or empty
     */
    public Optional<String> layerName() {
        return Optional.ofNullable(layerName);
    }

    /**
     * The Keras class of the layer at fault, when known.
     *
     * @return the Keras class name (e.g. {@code Lambda}, {@code ConvLSTM2D}), or empty
     */
    public Optional<String> layerClass() {
        return Optional.ofNullable(layerClass);
    }
}
