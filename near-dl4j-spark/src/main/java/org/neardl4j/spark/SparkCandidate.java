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
package org.neardl4j.spark;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.neardl4j.capture.Configurations;
import org.neardl4j.capture.FreshThread;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.Candidate;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * One candidate of a {@link SparkRanking}: a name and a serialisable description of the network, which the executor
 * that scores it builds itself. Networks are built when scored, so a bad description (invalid JSON, a missing file,
 * a malformed NB201 cell) is a failure of that candidate only, reported in the result. Immutable and serialisable.
 *
 * <pre>{@code
 * List<SparkCandidate> candidates = List.of(
 *         SparkCandidate.ofConfiguration("mlp-64", mlpConf),                 // shipped as JSON
 *         SparkCandidate.ofNb201("arch-31", "|skip_connect~0|+|nor_conv_1x1~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|avg_pool_3x3~2|"),
 *         SparkCandidate.ofModelFile("trained", "/shared/models/net.zip"),   // a path every executor can read
 *         SparkCandidate.of("custom", () -> myFactory.build()));             // any serialisable factory
 * }</pre>
 */
public final class SparkCandidate implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Builds an initialised {@code MultiLayerNetwork} or {@code ComputationGraph} on an executor. Implementations
     * (lambdas too) must be serialisable with everything they capture.
     *
     * <pre>{@code
     * SparkCandidate.ModelFactory f = () -> { MultiLayerNetwork n = new MultiLayerNetwork(conf()); n.init(); return n; };
     * }</pre>
     */
    @FunctionalInterface
    public interface ModelFactory extends Serializable {
        /**
         * Builds the network.
         *
         * @return an initialised network
         * @throws Exception when it cannot be built (reported as the candidate's failure)
         */
        Model build() throws Exception;
    }

    /** The candidate's name. */
    private final String name;
    /** {@code json}, {@code nb201}, {@code model} or {@code factory}. */
    private final String kind;
    /** The JSON, the cell, the path, or the factory's class name. */
    private final String description;
    /** The factory of {@code factory} candidates, else null. */
    private final ModelFactory factory;

    private SparkCandidate(String name, String kind, String description, ModelFactory factory) {
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkArgument(!name.isBlank(), "a candidate name must not be blank");
        this.name = name;
        this.kind = kind;
        this.description = description;
        this.factory = factory;
    }

    /**
     * A network from the JSON of a {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration}
     * ({@code toJson()}), built and initialised with the configuration's seed, exactly as
     * {@link Candidate#ofConfiguration} builds it.
     *
     * @param name the candidate's name
     * @param json the configuration's JSON (a graph configuration is recognised by its {@code vertices})
     * @return the candidate
     */
    public static SparkCandidate ofJson(String name, String json) {
        Preconditions.checkNotNull(json, "json of candidate '%s'", name);
        return new SparkCandidate(name, "json", json, null);
    }

    /**
     * A {@code MultiLayerConfiguration}, shipped to the executors as JSON.
     *
     * @param name the candidate's name
     * @param conf the configuration
     * @return the candidate
     */
    public static SparkCandidate ofConfiguration(String name, MultiLayerConfiguration conf) {
        Preconditions.checkNotNull(conf, "configuration of candidate '%s'", name);
        return ofJson(name, conf.toJson());
    }

    /**
     * A {@code ComputationGraphConfiguration}, shipped to the executors as JSON.
     *
     * @param name the candidate's name
     * @param conf the configuration
     * @return the candidate
     */
    public static SparkCandidate ofConfiguration(String name, ComputationGraphConfiguration conf) {
        Preconditions.checkNotNull(conf, "configuration of candidate '%s'", name);
        return ofJson(name, conf.toJson());
    }

    /**
     * A NAS-Bench-201 CIFAR-10 network ({@link Nb201Network#defaults()}) for a cell in NAS-Bench-201's notation.
     *
     * @param name the candidate's name
     * @param cell e.g. {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}
     * @return the candidate
     */
    public static SparkCandidate ofNb201(String name, String cell) {
        Preconditions.checkNotNull(cell, "cell of candidate '%s'", name);
        return new SparkCandidate(name, "nb201", cell, null);
    }

    /**
     * A network saved with {@code ModelSerializer} (a {@code MultiLayerNetwork} or a {@code ComputationGraph}) at a
     * path that every executor can read (shared storage). Use {@link org.neardl4j.tune.ArchitectureRanking.Builder#freshWeights} in
     * {@link SparkRanking.Builder#ranking} to rank
     * trained networks at initialisation.
     *
     * @param name the candidate's name
     * @param path the model zip
     * @return the candidate
     */
    public static SparkCandidate ofModelFile(String name, String path) {
        Preconditions.checkNotNull(path, "path of candidate '%s'", name);
        return new SparkCandidate(name, "model", path, null);
    }

    /**
     * A network from any serialisable factory, called on the executor.
     *
     * @param name    the candidate's name
     * @param factory builds an initialised network
     * @return the candidate
     */
    public static SparkCandidate of(String name, ModelFactory factory) {
        Preconditions.checkNotNull(factory, "factory of candidate '%s'", name);
        return new SparkCandidate(name, "factory", factory.getClass().getName(), factory);
    }

    /**
     * The candidate's name, unique within a ranking.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What describes the network: {@code json}, {@code nb201}, {@code model} or {@code factory}.
     *
     * @return the kind
     */
    public String kind() {
        return kind;
    }

    /**
     * The description: the JSON, the cell, the path, or the factory's class name.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /** The candidate for {@code ArchitectureRanking}: the network is built when it is scored. */
    Candidate toCandidate() {
        return Candidate.ofSupplier(name, this::build);
    }

    private Model build() {
        try {
            switch (kind) {
                case "json":
                    return description.contains("\"vertices\"")
                            ? initialised(ComputationGraphConfiguration.fromJson(description))
                            : initialised(MultiLayerConfiguration.fromJson(description));
                case "nb201":
                    return initialised(Nb201Network.defaults().configuration(Nb201Cell.parse(description)));
                case "model":
                    return restore(new File(description));
                default:
                    Model m = factory.build();
                    Preconditions.checkArgument(m != null, "the factory returned null");
                    return m;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("candidate '" + name + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("candidate '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Built and initialised as {@code Candidate.ofConfiguration} does: a faithful copy, on a fresh thread. */
    private static MultiLayerNetwork initialised(MultiLayerConfiguration conf) {
        return FreshThread.call(() -> {
            MultiLayerNetwork net = new MultiLayerNetwork(Configurations.copyOf(conf));
            net.init();
            return net;
        });
    }

    private static ComputationGraph initialised(ComputationGraphConfiguration conf) {
        return FreshThread.call(() -> {
            ComputationGraph g = new ComputationGraph(Configurations.copyOf(conf));
            g.init();
            return g;
        });
    }

    private static Model restore(File file) throws IOException {
        Preconditions.checkArgument(file.isFile(), "model file %s does not exist (it must be readable on every executor)",
                file);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file, false);
        } catch (RuntimeException | IOException notMultiLayer) {
            try {
                return ModelSerializer.restoreComputationGraph(file, false);
            } catch (RuntimeException | IOException notGraph) {
                notGraph.addSuppressed(notMultiLayer);
                throw new IOException("model file " + file + " is neither a MultiLayerNetwork nor a ComputationGraph"
                        + " zip: " + notGraph.getMessage(), notGraph);
            }
        }
    }

    @Override
    public String toString() {
        return "SparkCandidate{" + name + ", " + kind + "}";
    }
}
