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
package org.neardl4j.search;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A space the user defines: named choices (widths, depths, kernel sizes, activation, initialisation, whether to add
 * skip connections, ...) plugged into the user's template, which builds an initialised network from one
 * {@link Choices}. A sample draws each choice uniformly; a mutation changes one choice (among those with at least
 * two values) to another of its values. Spaces of at most {@value #ENUMERATION_LIMIT} candidates are enumerated
 * (exhaustive search). A space with one choice is what {@code ArchitectureRanking.rankVariants} ranks, for
 * example over {@code Variants.activations()}, and {@code ArchitectureRanking.rank(space, features)} ranks every
 * candidate of any space small enough to list. A space of a single candidate can be ranked and searched but not
 * mutated.
 *
 * <pre>{@code
 * ChoiceSpace space = ChoiceSpace.builder()
 *         .choice("width", List.of(32, 64, 128))
 *         .choice("depth", List.of(1, 2, 3))
 *         .choice("activation", Variants.activations())
 *         .template(c -> mlp(c.get("width", Integer.class), c.get("depth", Integer.class),
 *                 c.get("activation", Activation.class)))
 *         .build();
 * }</pre>
 *
 * <p>Serialisable when its template and its values are (for {@code SparkFitness}, which builds the candidates on a
 * cluster's executors): give a template whose class is serialisable, e.g. a lambda cast to
 * {@code (Function<Choices, Model> & Serializable)}.
 */
public final class ChoiceSpace implements SearchSpace<Choices>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest space that {@link #enumerate()} lists. */
    public static final long ENUMERATION_LIMIT = 100_000;

    /** Each choice's values, in the order the choices were given. */
    private final Map<String, List<Object>> choices;
    /** Builds a candidate's network. */
    private final Function<? super Choices, ? extends Model> template;
    /** The number of candidates (saturated at {@code Long.MAX_VALUE}). */
    private final long size;

    private ChoiceSpace(Builder b) {
        Preconditions.checkState(!b.choices.isEmpty(), "a choice space needs at least one choice");
        Preconditions.checkState(b.template != null, "a choice space needs a template (template(...))");
        this.choices = new LinkedHashMap<>(b.choices);
        this.template = b.template;
        long n = 1;
        for (List<Object> v : choices.values()) {
            n = n > Long.MAX_VALUE / v.size() ? Long.MAX_VALUE : n * v.size();
        }
        this.size = n;
    }

    /**
     * A new builder.
     *
     * @return a builder without choices
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of candidates.
     *
     * @return the product of the choices' numbers of values (saturating at {@code Long.MAX_VALUE})
     */
    public long size() {
        return size;
    }

    /**
     * The choices and their values.
     *
     * @return an immutable map from choice name to its values, in the order given
     */
    public Map<String, List<Object>> choices() {
        return java.util.Collections.unmodifiableMap(choices);
    }

    @Override
    public String id() {
        StringBuilder s = new StringBuilder("choices(");
        choices.forEach((k, v) -> s.append(k).append(':').append(v.size()).append(';'));
        return s.append(')').toString();
    }

    @Override
    public Choices sample(SplittableRandom rng) {
        Map<String, Object> m = new LinkedHashMap<>();
        choices.forEach((k, v) -> m.put(k, v.get(rng.nextInt(v.size()))));
        return new Choices(m);
    }

    @Override
    public Choices mutate(Choices parent, SplittableRandom rng) {
        Preconditions.checkNotNull(parent, "parent");
        List<String> mutable = new ArrayList<>();
        choices.forEach((k, v) -> {
            if (v.size() > 1) {
                mutable.add(k);
            }
        });
        Preconditions.checkState(!mutable.isEmpty(), "the space %s has a single candidate: there is nothing to mutate"
                + " it to (give some choice two values)", id());
        String k = mutable.get(rng.nextInt(mutable.size()));
        List<Object> values = choices.get(k);
        int current = values.indexOf(parent.values().get(k));
        Preconditions.checkArgument(current >= 0, "candidate %s is not in the space %s", parent, id());
        int other = rng.nextInt(values.size() - 1);
        Map<String, Object> m = new LinkedHashMap<>(parent.values());
        m.put(k, values.get(other >= current ? other + 1 : other));
        return new Choices(m);
    }

    @Override
    public String name(Choices candidate) {
        return candidate.toString();
    }

    @Override
    public Choices parse(String name) {
        Preconditions.checkNotNull(name, "name");
        Map<String, Object> m = new LinkedHashMap<>();
        String rest = name;
        List<String> keys = new ArrayList<>(choices.keySet());
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            String prefix = (i == 0 ? "" : ",") + k + "=";
            Preconditions.checkArgument(rest.startsWith(prefix), "'%s' is not a candidate of %s: expected %s",
                    name, id(), prefix);
            rest = rest.substring(prefix.length());
            String nextPrefix = i + 1 < keys.size() ? "," + keys.get(i + 1) + "=" : null;
            Object found = null;
            for (Object v : choices.get(k)) {
                String s = String.valueOf(v);
                if (rest.startsWith(s) && (nextPrefix == null ? rest.length() == s.length()
                        : rest.startsWith(nextPrefix, s.length()))) {
                    found = v;
                    rest = rest.substring(s.length());
                    break;
                }
            }
            Preconditions.checkArgument(found != null, "'%s': no value of choice '%s' matches; values: %s", name, k,
                    choices.get(k));
            m.put(k, found);
        }
        return new Choices(m);
    }

    @Override
    public Model build(Choices candidate) {
        Model m = template.apply(candidate);
        Preconditions.checkArgument(m instanceof MultiLayerNetwork || m instanceof ComputationGraph,
                "the template gave %s for %s: it must return an initialised MultiLayerNetwork or ComputationGraph",
                m == null ? "null" : m.getClass().getName(), candidate);
        return m;
    }

    @Override
    public Optional<List<Choices>> enumerate() {
        if (size > ENUMERATION_LIMIT) {
            return Optional.empty();
        }
        List<Choices> out = new ArrayList<>();
        List<String> keys = new ArrayList<>(choices.keySet());
        int[] idx = new int[keys.size()];
        for (long n = 0; n < size; n++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                m.put(keys.get(i), choices.get(keys.get(i)).get(idx[i]));
            }
            out.add(new Choices(m));
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (++idx[i] < choices.get(keys.get(i)).size()) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return Optional.of(List.copyOf(out));
    }

    @Override
    public String toString() {
        return "ChoiceSpace" + choices;
    }

    /**
     * Options of a {@link ChoiceSpace}.
     *
     * <pre>{@code
     * ChoiceSpace s = ChoiceSpace.builder().choice("kernel", List.of(3, 5)).template(c -> cnn(c)).build();
     * }</pre>
     */
    public static final class Builder {
        private final Map<String, List<Object>> choices = new LinkedHashMap<>();
        private Function<? super Choices, ? extends Model> template;

        private Builder() {
        }

        /**
         * Adds a named choice.
         *
         * @param name   the choice's name, unique, without {@code ,} or {@code =}
         * @param values its values, at least one, distinct, none null; named by {@code String.valueOf}
         * @return this builder
         * @throws IllegalArgumentException for a repeated or malformed name, no values, or values with equal names
         */
        public Builder choice(String name, List<?> values) {
            Preconditions.checkNotNull(name, "choice name");
            Preconditions.checkArgument(!name.isBlank() && !name.contains(",") && !name.contains("="),
                    "choice name '%s' must not be blank or contain ',' or '='", name);
            Preconditions.checkArgument(!choices.containsKey(name), "choice '%s' is given twice", name);
            Preconditions.checkNotNull(values, "values of choice '%s'", name);
            Preconditions.checkArgument(!values.isEmpty(), "choice '%s' has no values", name);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Object v : values) {
                Preconditions.checkArgument(v != null, "choice '%s' has a null value", name);
                Preconditions.checkArgument(names.add(String.valueOf(v)), "choice '%s' has two values named '%s'",
                        name, v);
            }
            choices.put(name, ImmutableList.copyOf(values));
            return this;
        }

        /**
         * The user's template: builds an initialised network from one candidate's choices.
         *
         * @param template not null
         * @return this builder
         */
        public Builder template(Function<? super Choices, ? extends Model> template) {
            this.template = Preconditions.checkNotNull(template, "template");
            return this;
        }

        /**
         * Builds the space.
         *
         * @return the space
         * @throws IllegalStateException without choices or template
         */
        public ChoiceSpace build() {
            return new ChoiceSpace(this);
        }
    }
}
