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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds a network from a DL4J configuration file: {@code MultiLayerConfiguration.toJson()/toYaml()} or
 * {@code ComputationGraphConfiguration.toJson()/toYaml()} written to a {@code .json}, {@code .yaml} or {@code .yml}
 * file. The network is initialised with the configuration's own seed ({@code init()}), so the same file always
 * gives the same weights. Which kind it is is read from the text (a graph configuration has {@code vertices}).
 *
 * <pre>{@code
 * Files.writeString(Paths.get("net.json"), conf.toJson());
 * ModelFiles.Loaded m = ModelFiles.load(Paths.get("net.json"));   // goes through this class
 * }</pre>
 */
final class ModelConfigurations {

    private static final Pattern GRAPH_JSON = Pattern.compile("\"vertices\"\\s*:");
    private static final Pattern GRAPH_YAML = Pattern.compile("(?m)^\\s*vertices\\s*:");
    private static final Pattern LIST_JSON = Pattern.compile("\"confs\"\\s*:");
    private static final Pattern LIST_YAML = Pattern.compile("(?m)^\\s*confs\\s*:");

    private ModelConfigurations() {
    }

    static ModelFiles.Loaded load(Path file) throws InvalidInputException {
        String what = "configuration " + file;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        boolean yaml = !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        boolean graph = (yaml ? GRAPH_YAML : GRAPH_JSON).matcher(text).find();
        boolean list = (yaml ? LIST_YAML : LIST_JSON).matcher(text).find();
        if (!graph && !list) {
            throw new InvalidInputException(what + " is neither a MultiLayerConfiguration nor a"
                    + " ComputationGraphConfiguration (" + (yaml ? "YAML" : "JSON") + " without 'confs' or 'vertices';"
                    + " write it with toJson() or toYaml())");
        }
        Model model;
        try {
            if (graph) {
                ComputationGraphConfiguration conf = yaml ? ComputationGraphConfiguration.fromYaml(text)
                        : ComputationGraphConfiguration.fromJson(text);
                ComputationGraph g = new ComputationGraph(conf);
                g.init();
                model = g;
            } else {
                MultiLayerConfiguration conf = yaml ? MultiLayerConfiguration.fromYaml(text)
                        : MultiLayerConfiguration.fromJson(text);
                MultiLayerNetwork n = new MultiLayerNetwork(conf);
                n.init();
                model = n;
            }
        } catch (RuntimeException | LinkageError e) {
            throw new InvalidInputException(what + ": not a valid " + (graph ? "ComputationGraphConfiguration"
                    : "MultiLayerConfiguration") + " " + (yaml ? "YAML" : "JSON") + ": "
                    + InvalidInputException.oneLine(e), e);
        }
        return new ModelFiles.Loaded(model, ModelFiles.describe(file, model) + ", initialised from the configuration"
                + " with its seed", false);
    }
}
