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
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.space.Nb201Op;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * NAS-Bench-201's cell space: the 15,625 cells of {@link Nb201Cell#all()}, or a subset of them (for example the
 * cells of a table of precomputed scores). A sample is uniform over the cells; a mutation changes one edge's
 * operation to another, both chosen uniformly (the mutation of Real et al.'s regularised evolution as NASWOT and
 * NAS-Bench-201 use it). In a subset, when that mutated cell is not in the subset, the mutation picks uniformly
 * among the subset's cells nearest to it (fewest edges differing), the parent excluded. Networks are built by an {@link Nb201Network}.
 *
 * <pre>{@code
 * Nb201Space space = Nb201Space.full(Nb201Network.defaults());
 * Nb201Cell c = space.sample(new SplittableRandom(7));
 * space.name(c);             // |nor_conv_3x3~0|+|...|
 * }</pre>
 *
 * <p>Serialisable (as its network's options and, for a subset, its cell strings), so that {@code SparkFitness} can
 * build its candidates on a cluster's executors.
 */
public final class Nb201Space implements SearchSpace<Nb201Cell>, Serializable {

    private static final long serialVersionUID = 1L;

    /** Builds the cells' networks. */
    private final Nb201Network network;
    /** The cells, in order. */
    private final List<Nb201Cell> cells;
    /** The cells by cell string. */
    private final Map<String, Nb201Cell> byName;
    /** Whether these are all 15,625 cells. */
    private final boolean full;

    private Nb201Space(Nb201Network network, List<Nb201Cell> cells, boolean full) {
        this.network = Preconditions.checkNotNull(network, "network");
        this.cells = ImmutableList.copyOf(cells);
        this.full = full;
        Map<String, Nb201Cell> m = new LinkedHashMap<>();
        for (Nb201Cell c : this.cells) {
            Preconditions.checkArgument(m.put(c.toString(), c) == null, "cell %s is given twice", c);
        }
        this.byName = m;
    }

    /**
     * All 15,625 cells.
     *
     * @param network builds a cell's network; not null
     * @return the whole space
     */
    public static Nb201Space full(Nb201Network network) {
        return new Nb201Space(network, Nb201Cell.all(), true);
    }

    /**
     * A subset of the cells: samples, mutations and enumeration stay inside it.
     *
     * @param network builds a cell's network; not null
     * @param cells   the subset, at least two, no cell twice
     * @return the restricted space
     * @throws IllegalArgumentException for fewer than two cells or a cell given twice
     */
    public static Nb201Space of(Nb201Network network, List<Nb201Cell> cells) {
        Preconditions.checkNotNull(cells, "cells");
        Preconditions.checkArgument(cells.size() >= 2, "an NB201 space needs at least two cells, got %s", cells.size());
        return new Nb201Space(network, cells, cells.size() == Nb201Cell.SPACE_SIZE);
    }

    /**
     * The network builder.
     *
     * @return the builder of every candidate's network
     */
    public Nb201Network network() {
        return network;
    }

    /**
     * The number of cells of the space.
     *
     * @return 15,625 for the whole space
     */
    public int size() {
        return cells.size();
    }

    @Override
    public String id() {
        return full ? "nb201(" + cells.size() + ")"
                : "nb201-subset(" + cells.size() + "," + Integer.toHexString(byName.keySet().hashCode()) + ")";
    }

    @Override
    public Nb201Cell sample(SplittableRandom rng) {
        return cells.get(rng.nextInt(cells.size()));
    }

    @Override
    public Nb201Cell mutate(Nb201Cell parent, SplittableRandom rng) {
        Preconditions.checkNotNull(parent, "parent");
        int edge = rng.nextInt(Nb201Cell.EDGES);
        Nb201Op[] ops = parent.edges().toArray(new Nb201Op[0]);
        int other = rng.nextInt(Nb201Op.values().length - 1);
        ops[edge] = Nb201Op.values()[other >= ops[edge].ordinal() ? other + 1 : other];
        Nb201Cell target = Nb201Cell.of(ops);
        if (full || byName.containsKey(target.toString())) {
            return target;
        }
        return Nearest.pick(cells, i -> distance(target, cells.get(i)), parent, rng);
    }

    /**
     * The number of edges on which two cells differ.
     *
     * @param a a cell
     * @param b another cell
     * @return 0..6
     */
    static int distance(Nb201Cell a, Nb201Cell b) {
        int d = 0;
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            if (a.edges().get(k) != b.edges().get(k)) {
                d++;
            }
        }
        return d;
    }

    @Override
    public String name(Nb201Cell candidate) {
        return candidate.toString();
    }

    @Override
    public Nb201Cell parse(String name) {
        Nb201Cell c = byName.get(name);
        if (c != null) {
            return c;
        }
        c = Nb201Cell.parse(name);
        Preconditions.checkArgument(byName.containsKey(c.toString()), "cell %s is not in the space %s", name, id());
        return byName.get(c.toString());
    }

    @Override
    public Model build(Nb201Cell candidate) {
        return network.graph(candidate);
    }

    @Override
    public Optional<List<Nb201Cell>> enumerate() {
        return Optional.of(cells);
    }

    @Override
    public String toString() {
        return "Nb201Space{" + id() + ", " + network + "}";
    }

    /**
     * Serialised as its network and, for a subset, its cell strings.
     *
     * @return the serialised form
     */
    private Object writeReplace() {
        if (full) {
            return new SerializedForm(network, null);
        }
        String[] names = byName.keySet().toArray(new String[0]);
        return new SerializedForm(network, names);
    }

    /**
     * Refuses a stream that holds the fields themselves (an {@code Nb201Space} is always written as its serialised
     * form).
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an Nb201Space is read through its serialised form");
    }

    /** What an {@link Nb201Space} is serialised as. */
    private static final class SerializedForm implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Nb201Network network;
        /** The cells of a subset, null for the whole space. */
        private final String[] cells;

        SerializedForm(Nb201Network network, String[] cells) {
            this.network = network;
            this.cells = cells;
        }

        private Object readResolve() {
            if (cells == null) {
                return full(network);
            }
            List<Nb201Cell> list = new ArrayList<>(cells.length);
            for (String c : cells) {
                list.add(Nb201Cell.parse(c));
            }
            return of(network, list);
        }
    }
}
