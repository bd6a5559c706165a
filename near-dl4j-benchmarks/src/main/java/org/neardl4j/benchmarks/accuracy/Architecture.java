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
package org.neardl4j.benchmarks.accuracy;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;

import java.util.function.LongFunction;

/**
 * One named, deterministic network of the benchmark's {@link SearchSpace}: {@link #build(long)} returns a freshly
 * initialised {@code MultiLayerNetwork} or {@code ComputationGraph} whose weights depend only on the seed.
 *
 * <pre>{@code
 * Architecture a = SearchSpace.byName("cnn-c8-k3-max");
 * Model net = a.build(42);
 * }</pre>
 */
public final class Architecture {

    private final String name;
    private final String family;
    private final String description;
    private final LongFunction<Model> builder;

    Architecture(String name, String family, String description, LongFunction<Model> builder) {
        this.name = Preconditions.checkNotNull(name, "name");
        this.family = Preconditions.checkNotNull(family, "family");
        this.description = Preconditions.checkNotNull(description, "description");
        this.builder = Preconditions.checkNotNull(builder, "builder");
    }

    /** Unique name, e.g. {@code mlp-128x2-relu}. */
    public String name() {
        return name;
    }

    /** {@code mlp}, {@code cnn} (MultiLayerNetworks), {@code graph-mlp}, {@code resnet}, {@code inception} (ComputationGraphs). */
    public String family() {
        return family;
    }

    /** Layer-by-layer description. */
    public String description() {
        return description;
    }

    /** A new, initialised network with all weights drawn from {@code seed}. */
    public Model build(long seed) {
        return builder.apply(seed);
    }

    @Override
    public String toString() {
        return name + " (" + family + "): " + description;
    }
}
