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
package org.neardl4j.tune;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.function.Supplier;

/**
 * One architecture to rank: a name and a way to get the network. Networks from configurations and suppliers are
 * built one at a time, when the candidate is scored, so a long list of candidates never holds all networks in
 * memory. Immutable.
 *
 * <pre>{@code
 * List<Candidate> candidates = List.of(
 *         Candidate.ofModel("loaded", ModelSerializer.restoreMultiLayerNetwork(file)),
 *         Candidate.ofConfiguration("wide", wideConf),                 // built and initialised when scored
 *         Candidate.ofSupplier("resnet", () -> myGraphFactory.build()));
 * }</pre>
 */
public final class Candidate {

    private final String name;
    private final Supplier<? extends Model> source;
    private final String kind;

    private Candidate(String name, Supplier<? extends Model> source, String kind) {
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkArgument(!name.isBlank(), "a candidate name must not be blank");
        this.name = name;
        this.source = Preconditions.checkNotNull(source, "source of candidate '%s'", name);
        this.kind = kind;
    }

    /**
     * An initialised network. With {@link ArchitectureRanking.Builder#freshWeights(boolean) freshWeights} off
     * (the default) its own weights are the first repetition's, so pass an untrained network; it is never
     * changed.
     *
     * @param name  the candidate's name in the ranking; not null or blank
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}; not null
     * @return a candidate that scores this very network (kind {@code model})
     * @throws IllegalArgumentException if the model is of another type or the name is blank
     */
    public static Candidate ofModel(String name, Model model) {
        Preconditions.checkNotNull(model, "model of candidate '%s'", name);
        Preconditions.checkArgument(model instanceof MultiLayerNetwork || model instanceof ComputationGraph,
                "candidate '%s': the model must be a MultiLayerNetwork or a ComputationGraph, got %s", name,
                model.getClass().getName());
        return new Candidate(name, () -> model, "model");
    }

    /**
     * A MultiLayerNetwork configuration, built and initialised (with the configuration's seed) when scored, on a
     * thread of its own so that the caller's ND4J random generator is left alone.
     *
     * @param name the candidate's name in the ranking; not null or blank
     * @param conf the configuration; not null, and not built until the candidate is scored
     * @return a candidate of kind {@code configuration}
     */
    public static Candidate ofConfiguration(String name, MultiLayerConfiguration conf) {
        Preconditions.checkNotNull(conf, "configuration of candidate '%s'", name);
        return new Candidate(name, () -> Models.build(conf), "configuration");
    }

    /**
     * A ComputationGraph configuration, built and initialised when scored (see the other overload).
     *
     * @param name the candidate's name in the ranking; not null or blank
     * @param conf the configuration; not null, and not built until the candidate is scored
     * @return a candidate of kind {@code configuration}
     */
    public static Candidate ofConfiguration(String name, ComputationGraphConfiguration conf) {
        Preconditions.checkNotNull(conf, "configuration of candidate '%s'", name);
        return new Candidate(name, () -> Models.build(conf), "configuration");
    }

    /**
     * A supplier of an initialised MultiLayerNetwork or ComputationGraph, called once when the candidate is scored.
     *
     * @param name     the candidate's name in the ranking; not null or blank
     * @param supplier not null; must return an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @return a candidate of kind {@code supplier}
     */
    public static Candidate ofSupplier(String name, Supplier<? extends Model> supplier) {
        return new Candidate(name, supplier, "supplier");
    }

    /**
     * The name.
     *
     * @return the name the candidate has in rankings, tables and errors; never blank
     */
    public String name() {
        return name;
    }

    /**
     * {@code model}, {@code configuration} or {@code supplier}.
     *
     * @return {@code model}, {@code configuration} or {@code supplier}, after the factory method that made it
     */
    public String kind() {
        return kind;
    }

    /** Gets (or builds) the network. */
    Model model() {
        Model m = source.get();
        Preconditions.checkArgument(m != null, "candidate '%s': the supplier returned null", name);
        Preconditions.checkArgument(m instanceof MultiLayerNetwork || m instanceof ComputationGraph,
                "candidate '%s': the model must be a MultiLayerNetwork or a ComputationGraph, got %s", name,
                m.getClass().getName());
        return m;
    }

    @Override
    public String toString() {
        return "Candidate{" + name + ", " + kind + "}";
    }
}
