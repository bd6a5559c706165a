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
import org.neardl4j.space.Nb101Cell;
import org.neardl4j.space.Nb101Network;
import org.neardl4j.space.Nb101Op;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * NAS-Bench-101's cell space (Ying et al., ICML 2019): every valid cell of at most 7 vertices and 9 edges (423,624
 * of them up to isomorphism, too many to list), or the cells of a given list (for example the rows of a table of
 * precomputed scores). Networks are built by an {@link Nb101Network}, the space's template.
 *
 * <h2>The whole space</h2>
 * Sampling and mutation are those of NAS-Bench-101's own example ({@code random_spec} and {@code mutate_spec} in
 * google-research/nasbench's notebook):
 * <ul>
 * <li>a sample draws a 7x7 upper-triangular matrix, each of its 21 edges present with probability 1/2, and the 5
 * interior operations uniformly among {@code conv3x3-bn-relu}, {@code conv1x1-bn-relu} and {@code maxpool3x3},
 * again until the spec is valid (the input reaches the output, at most 9 edges after pruning); the candidate is
 * the pruned spec ({@link Nb101Cell}) with its vertices in {@linkplain Nb101Cell#canonical() canonical order}, so
 * that isomorphic cells, which NAS-Bench-101 counts as one, have one name and are scored once;</li>
 * <li>a mutation (mutation rate 1) flips each of the 21 edges with probability 1/7 and changes each interior
 * operation with probability 1/5 to one of the two others, again until the result is valid and, pruned, not
 * isomorphic to the parent. The candidate holds the pruned spec only, while {@code mutate_spec} starts from the
 * spec before pruning: the parent is first laid out on 7 vertices, the vertices pruning removed put back without
 * edges, at random interior positions, with random operations.</li>
 * </ul>
 * {@link #enumerate()} is empty: the space is searched by sampling and evolution.
 *
 * <h2>A list of cells</h2>
 * {@link #of} restricts the space to given cells (names and builds exactly as given, not reordered). A sample is
 * uniform over the list and {@link #enumerate()} gives it. A mutation proposes a cell as above and returns it when
 * the list has it (or a cell isomorphic to it), else picks uniformly among the list's cells nearest to it, the
 * parent excluded: cells are compared on 7 vertices (vertices missing from a smaller cell added without edges just
 * before the output), the distance being the number of edges and interior operations that differ between their
 * canonical forms.
 *
 * <p>Names are {@link Nb101Cell}'s readable form ({@code conv3x3(0) maxpool3x3(0,1) output(1,2)}); {@link #parse}
 * reads it back. Immutable and serializable.
 *
 * <pre>{@code
 * Nb101Network template = Nb101Network.builder().stemChannels(16).stacks(3).cellsPerStack(1)
 *         .initialisation(Initialisation.seeded(1)).build();
 * Nb101Space space = Nb101Space.full(template);
 * Nb101Cell c = space.sample(new SplittableRandom(7));
 * Nb101Cell child = space.mutate(c, new SplittableRandom(8));
 * ComputationGraph net = (ComputationGraph) space.build(child);
 * space.name(child);     // e.g. conv3x3(0) conv1x1(0,1) output(1,2)
 * }</pre>
 */
public final class Nb101Space implements SearchSpace<Nb101Cell>, Serializable {

    private static final long serialVersionUID = 1L;

    /** Cells of NAS-Bench-101's space up to isomorphism (its paper and dataset). */
    public static final int SPACE_SIZE = 423_624;

    private static final int V = Nb101Cell.MAX_VERTICES;
    private static final int INTERIOR = V - 2;
    /** NAS-Bench-101's interior operations, in its {@code available_ops} order. */
    private static final List<Nb101Op> OPS = List.of(Nb101Op.CONV3X3, Nb101Op.CONV1X1, Nb101Op.MAXPOOL3X3);
    /** {@code mutate_spec}'s mutation rate: one edge flipped and one operation changed in expectation. */
    private static final double MUTATION_RATE = 1.0;

    /** The template that builds every candidate's network. */
    private final Nb101Network network;
    /** The list of a restricted space; empty for the whole space. */
    private final List<Nb101Cell> cells;
    /** The list's cells in canonical form, laid out on 7 vertices ({@link #layout}), for the nearest-cell search. */
    private final List<int[]> layouts;
    /** The list's cells by name. */
    private final Map<String, Nb101Cell> byName;

    private Nb101Space(Nb101Network network, List<Nb101Cell> cells) {
        this.network = Preconditions.checkNotNull(network, "network");
        this.cells = ImmutableList.copyOf(cells);
        Map<String, Nb101Cell> m = new LinkedHashMap<>();
        List<int[]> l = new ArrayList<>();
        for (Nb101Cell c : this.cells) {
            Preconditions.checkArgument(m.put(c.toString(), c) == null, "cell %s is given twice", c);
            l.add(layout(c.canonical()));
        }
        this.byName = m;
        this.layouts = List.copyOf(l);
    }

    /**
     * The whole space, sampled and mutated as NAS-Bench-101's example does.
     *
     * @param network the template that builds a cell's network (stem channels, stacks, cells per stack, classes,
     *                initialisation, seed); not null
     * @return the space
     */
    public static Nb101Space full(Nb101Network network) {
        return new Nb101Space(network, List.of());
    }

    /**
     * The cells of a list: samples, mutations and enumeration stay inside it.
     *
     * @param network the template that builds a cell's network; not null
     * @param cells   at least two, no cell twice (isomorphic cells in different vertex orders are allowed)
     * @return the restricted space
     * @throws IllegalArgumentException for fewer than two cells or a cell given twice
     */
    public static Nb101Space of(Nb101Network network, List<Nb101Cell> cells) {
        Preconditions.checkNotNull(cells, "cells");
        Preconditions.checkArgument(cells.size() >= 2, "an NB101 space needs at least two cells, got %s",
                cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Preconditions.checkArgument(cells.get(i) != null, "NB101 cell %s of the list is null", i);
        }
        return new Nb101Space(network, cells);
    }

    /**
     * The template that builds every candidate's network.
     *
     * @return the network options
     */
    public Nb101Network network() {
        return network;
    }

    /**
     * Whether this is the whole space rather than a list of cells.
     *
     * @return true for {@link #full}
     */
    public boolean isFull() {
        return cells.isEmpty();
    }

    /**
     * The number of cells of the space.
     *
     * @return {@value #SPACE_SIZE} (up to isomorphism) for the whole space, else the list's size
     */
    public int size() {
        return cells.isEmpty() ? SPACE_SIZE : cells.size();
    }

    @Override
    public String id() {
        return cells.isEmpty() ? "nb101(" + SPACE_SIZE + ")"
                : "nb101-subset(" + cells.size() + "," + Integer.toHexString(byName.keySet().hashCode()) + ")";
    }

    @Override
    public Nb101Cell sample(SplittableRandom rng) {
        Preconditions.checkNotNull(rng, "rng");
        if (!cells.isEmpty()) {
            return cells.get(rng.nextInt(cells.size()));
        }
        while (true) {
            int[][] m = new int[V][V];
            for (int i = 0; i < V; i++) {
                for (int j = i + 1; j < V; j++) {
                    m[i][j] = rng.nextInt(2);
                }
            }
            List<Nb101Op> ops = new ArrayList<>(V);
            ops.add(Nb101Op.INPUT);
            for (int v = 0; v < INTERIOR; v++) {
                ops.add(OPS.get(rng.nextInt(OPS.size())));
            }
            ops.add(Nb101Op.OUTPUT);
            Optional<Nb101Cell> c = valid(m, ops);
            if (c.isPresent()) {
                return c.get().canonical();
            }
        }
    }

    @Override
    public Nb101Cell mutate(Nb101Cell parent, SplittableRandom rng) {
        Preconditions.checkNotNull(parent, "parent");
        Preconditions.checkNotNull(rng, "rng");
        Nb101Cell parentForm = parent.canonical();
        // lay the pruned parent out on 7 vertices: the missing ones at random interior positions, without edges
        int missing = V - parent.vertices();
        boolean[] extra = new boolean[V];
        int[] slots = {1, 2, 3, 4, 5};
        for (int k = 0; k < missing; k++) {
            int j = k + rng.nextInt(INTERIOR - k);
            int t = slots[k];
            slots[k] = slots[j];
            slots[j] = t;
            extra[slots[k]] = true;
        }
        int[] at = new int[parent.vertices()];     // the parent's vertex -> its position on 7 vertices
        List<Nb101Op> start = new ArrayList<>(V);
        for (int p = 0, v = 0; p < V; p++) {
            if (extra[p]) {
                start.add(OPS.get(rng.nextInt(OPS.size())));
            } else {
                at[v] = p;
                start.add(parent.op(v++));
            }
        }
        int[][] m0 = new int[V][V];
        for (int a = 0; a < parent.vertices(); a++) {
            for (int b = a + 1; b < parent.vertices(); b++) {
                m0[at[a]][at[b]] = parent.edge(a, b) ? 1 : 0;
            }
        }
        double edgeProbability = MUTATION_RATE / V;
        double opProbability = MUTATION_RATE / INTERIOR;
        while (true) {
            int[][] m = new int[V][];
            for (int i = 0; i < V; i++) {
                m[i] = m0[i].clone();
            }
            for (int i = 0; i < V - 1; i++) {
                for (int j = i + 1; j < V; j++) {
                    if (rng.nextDouble() < edgeProbability) {
                        m[i][j] = 1 - m[i][j];
                    }
                }
            }
            List<Nb101Op> ops = new ArrayList<>(start);
            for (int v = 1; v < V - 1; v++) {
                if (rng.nextDouble() < opProbability) {
                    int current = OPS.indexOf(ops.get(v));
                    int other = rng.nextInt(OPS.size() - 1);
                    ops.set(v, OPS.get(other >= current ? other + 1 : other));
                }
            }
            Optional<Nb101Cell> c = valid(m, ops);
            if (c.isEmpty()) {
                continue;
            }
            Nb101Cell child = c.get().canonical();
            if (child.equals(parentForm)) {
                continue;
            }
            return cells.isEmpty() ? child : nearest(child, parent, rng);
        }
    }

    /** The list's cell isomorphic to {@code target}, or one of those nearest to it; never {@code parent}. */
    private Nb101Cell nearest(Nb101Cell target, Nb101Cell parent, SplittableRandom rng) {
        int[] t = layout(target);
        return Nearest.pick(cells, i -> distance(t, layouts.get(i)), parent, rng);
    }

    /**
     * A cell laid out on 7 vertices as one array: the 21 upper-triangular entries row-major, then the 5 interior
     * operations (ordinal, -1 for a vertex the cell does not have); the missing vertices come just before the
     * output.
     */
    static int[] layout(Nb101Cell c) {
        int n = c.vertices();
        int[] pos = new int[n];
        for (int v = 0; v < n - 1; v++) {
            pos[v] = v;
        }
        pos[n - 1] = V - 1;
        int[][] m = new int[V][V];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                m[pos[a]][pos[b]] = c.edge(a, b) ? 1 : 0;
            }
        }
        int[] out = new int[V * (V - 1) / 2 + INTERIOR];
        int k = 0;
        for (int i = 0; i < V; i++) {
            for (int j = i + 1; j < V; j++) {
                out[k++] = m[i][j];
            }
        }
        for (int v = 1; v < V - 1; v++) {
            out[k++] = v < n - 1 ? c.op(v).ordinal() : -1;
        }
        return out;
    }

    /** Entries (edges and interior operations) on which two layouts differ. */
    static int distance(int[] a, int[] b) {
        int d = 0;
        for (int k = 0; k < a.length; k++) {
            d += a[k] != b[k] ? 1 : 0;
        }
        return d;
    }

    /** The pruned cell of a 7-vertex spec, or empty when NAS-Bench-101 rejects the spec. */
    private static Optional<Nb101Cell> valid(int[][] m, List<Nb101Op> ops) {
        // the two rejections of a triangular spec with valid labels: no path from input to output, too many edges
        // after pruning (7 vertices never exceed the vertex limit); checked here to spare an exception per draw
        boolean[] from = new boolean[V];
        from[0] = true;
        for (int v = 0; v < V; v++) {
            for (int w = v + 1; w < V && from[v]; w++) {
                from[w] |= m[v][w] == 1;
            }
        }
        if (!from[V - 1]) {
            return Optional.empty();
        }
        boolean[] to = new boolean[V];
        to[V - 1] = true;
        for (int v = V - 1; v >= 0; v--) {
            for (int u = 0; u < v && to[v]; u++) {
                to[u] |= m[u][v] == 1;
            }
        }
        int edges = 0;
        for (int i = 0; i < V; i++) {
            for (int j = i + 1; j < V; j++) {
                edges += m[i][j] == 1 && from[i] && to[i] && from[j] && to[j] ? 1 : 0;
            }
        }
        return edges <= Nb101Cell.MAX_EDGES ? Optional.of(Nb101Cell.of(m, ops)) : Optional.empty();
    }

    @Override
    public String name(Nb101Cell candidate) {
        Preconditions.checkNotNull(candidate, "candidate");
        return candidate.toString();
    }

    @Override
    public Nb101Cell parse(String name) {
        Preconditions.checkNotNull(name, "name");
        Nb101Cell c = byName.get(name);
        if (c != null) {
            return c;
        }
        c = Nb101Cell.parse(name);
        if (cells.isEmpty()) {
            return c;
        }
        Preconditions.checkArgument(byName.containsKey(c.toString()), "cell %s is not in the space %s", name, id());
        return byName.get(c.toString());
    }

    @Override
    public Model build(Nb101Cell candidate) {
        Preconditions.checkNotNull(candidate, "candidate");
        return network.graph(candidate);
    }

    @Override
    public Optional<List<Nb101Cell>> enumerate() {
        return cells.isEmpty() ? Optional.empty() : Optional.of(cells);
    }

    @Override
    public String toString() {
        return "Nb101Space{" + id() + ", " + network + "}";
    }
}
