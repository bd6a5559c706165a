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
package org.neardl4j.space;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One NAS-Bench-201 cell: the operations on its six edges. A cell has four nodes; node 0 is the cell input, node
 * {@code j} (1..3) is the sum over {@code i < j} of {@code op(j, i)} applied to node {@code i}, and node 3 is the
 * cell output. In NAS-Bench-201's notation {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|} the three groups list the
 * incoming edges of nodes 1, 2 and 3, each {@code op~i} naming the operation and its source node {@code i}.
 *
 * <p>The edges are held in that order: {@code (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2)}.
 *
 * <p>A node is <em>zero</em> when every edge into it is {@link Nb201Op#NONE} or leaves a zero node (node 0 never
 * is): its value is zero whatever the cell input. Edges leaving a zero node contribute zero whatever their
 * operation (NAS-Bench-201 still computes them, on zeros).
 *
 * <pre>{@code
 * Nb201Cell c = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
 * c.op(3, 1);                      // NOR_CONV_3X3
 * c.toString();                    // the same string again
 * List<Nb201Cell> space = Nb201Cell.all();   // 15,625 cells
 * }</pre>
 *
 * @param edges the six operations in the order {@code (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2)}
 */
public record Nb201Cell(List<Nb201Op> edges) {

    /** Number of edges of a cell. */
    public static final int EDGES = 6;
    /** Number of nodes of a cell (node 0 the input, node 3 the output). */
    public static final int NODES = 4;
    /** Number of cells in the space: 5^6. */
    public static final int SPACE_SIZE = 15_625;

    private static final int[] TO = {1, 2, 2, 3, 3, 3};
    private static final int[] FROM = {0, 0, 1, 0, 1, 2};

    /**
     * A cell from its six operations.
     *
     * @param edges six operations, order {@code (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2)}
     * @throws IllegalArgumentException if there are not six or one is null
     */
    public Nb201Cell {
        Preconditions.checkNotNull(edges, "edges");
        Preconditions.checkArgument(edges.size() == EDGES, "an NB201 cell has %s edges, got %s", EDGES, edges.size());
        for (int k = 0; k < EDGES; k++) {
            Preconditions.checkArgument(edges.get(k) != null, "edge %s (node %s <- node %s) is null", k, TO[k], FROM[k]);
        }
        edges = ImmutableList.copyOf(edges);
    }

    /**
     * A cell from its six operations.
     *
     * @param edges six operations, order {@code (1<-0), (2<-0), (2<-1), (3<-0), (3<-1), (3<-2)}
     * @return a new immutable cell
     */
    public static Nb201Cell of(Nb201Op... edges) {
        return new Nb201Cell(Arrays.asList(edges));
    }

    /**
     * The operation on the edge from node {@code from} into node {@code to}.
     *
     * @param to   target node, 1..3
     * @param from source node, 0..to-1
     * @return the operation on that edge
     * @throws IllegalArgumentException if there is no such edge
     */
    public Nb201Op op(int to, int from) {
        return edges.get(edgeIndex(to, from));
    }

    /**
     * The index in {@link #edges()} of the edge {@code to <- from}.
     *
     * @param to   target node, 1..3
     * @param from source node, 0..to-1
     * @return 0..5
     * @throws IllegalArgumentException if there is no such edge
     */
    public static int edgeIndex(int to, int from) {
        Preconditions.checkArgument(to >= 1 && to <= 3 && from >= 0 && from < to,
                "no edge into node %s from node %s (nodes 1..3 take edges from lower nodes)", to, from);
        return to * (to - 1) / 2 + from;
    }

    /**
     * Whether a node is zero: only {@code none} edges or edges from zero nodes reach it.
     *
     * @param node 0..3 (node 0, the cell input, is never zero)
     * @return true if the node's value is zero whatever the cell input
     */
    public boolean isZero(int node) {
        Preconditions.checkArgument(node >= 0 && node < NODES, "node must be 0..3, got %s", node);
        if (node == 0) {
            return false;
        }
        for (int i = 0; i < node; i++) {
            if (op(node, i) != Nb201Op.NONE && !isZero(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the cell output (node 3) is zero; a network of such cells still computes, its later stages then
     * see only zeros.
     *
     * @return {@code isZero(3)}
     */
    public boolean outputIsZero() {
        return isZero(3);
    }

    /**
     * The cell in NAS-Bench-201's notation.
     *
     * @return e.g. {@code |nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|}
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int to = 1; to < NODES; to++) {
            if (to > 1) {
                s.append('+');
            }
            s.append('|');
            for (int from = 0; from < to; from++) {
                s.append(op(to, from).token()).append('~').append(from).append('|');
            }
        }
        return s.toString();
    }

    /**
     * Parses a cell string in NAS-Bench-201's notation (surrounding white space is ignored).
     *
     * @param cell e.g. {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}
     * @return the cell
     * @throws IllegalArgumentException naming the bad token and its position (1-based character) when the
     *                                  string is malformed: wrong number of groups or edges, an unknown operation,
     *                                  a missing or wrong source node
     */
    public static Nb201Cell parse(String cell) {
        Preconditions.checkNotNull(cell, "cell string");
        String s = cell.strip();
        int base = 0;
        while (base < cell.length() && Character.isWhitespace(cell.charAt(base))) {
            base++;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("NB201 cell string is empty; expected the format " + FORMAT);
        }
        List<Nb201Op> ops = new ArrayList<>(EDGES);
        int pos = 0;
        for (int to = 1; to < NODES; to++) {
            if (to > 1) {
                if (pos >= s.length() || s.charAt(pos) != '+') {
                    throw error(cell, base + pos, tokenAt(s, pos),
                            pos >= s.length() ? "the cell ends after node " + (to - 1) + "'s group: 3 groups needed"
                                    : "expected '+' before node " + to + "'s group");
                }
                pos++;
            }
            if (pos >= s.length() || s.charAt(pos) != '|') {
                throw error(cell, base + pos, tokenAt(s, pos), "expected '|' opening node " + to + "'s group");
            }
            pos++;
            for (int from = 0; from < to; from++) {
                int end = s.indexOf('|', pos);
                int plus = s.indexOf('+', pos);
                if (end < 0 || (plus >= 0 && plus < end)) {
                    int stop = end < 0 ? s.length() : plus;
                    String bad = s.substring(pos, stop);
                    throw error(cell, base + pos, bad.isEmpty() ? tokenAt(s, pos) : bad,
                            "node " + to + " needs " + to + " edges (op~0..op~" + (to - 1) + "), the group ends after "
                                    + from);
                }
                String edge = s.substring(pos, end);
                int tilde = edge.lastIndexOf('~');
                if (tilde < 0) {
                    throw error(cell, base + pos, edge, "expected op~" + from + " (operation ~ source node)");
                }
                String opToken = edge.substring(0, tilde);
                String src = edge.substring(tilde + 1);
                Nb201Op op = Nb201Op.ofToken(opToken).orElse(null);
                if (op == null) {
                    throw error(cell, base + pos, opToken, "unknown operation; known: " + tokens());
                }
                if (!src.equals(Integer.toString(from))) {
                    throw error(cell, base + pos + tilde + 1, src,
                            "edge " + (from + 1) + " of node " + to + " must come from node " + from);
                }
                ops.add(op);
                pos = end + 1;
            }
            if (to < NODES - 1 && pos < s.length() && s.charAt(pos) != '+') {
                int stop = s.indexOf('|', pos);
                throw error(cell, base + pos, s.substring(pos, stop < 0 ? s.length() : stop),
                        "node " + to + " has only " + to + " edges");
            }
        }
        if (pos < s.length()) {
            throw error(cell, base + pos, s.substring(pos), "unexpected text after node 3's group");
        }
        return new Nb201Cell(ops);
    }

    /**
     * All 15,625 cells of the space, each once, in the order of the six edges' operations counted like digits in
     * base 5 (edge {@code 3<-2} the fastest), operations in {@link Nb201Op} order. This is not the order of
     * NAS-Bench-201's architecture indices.
     *
     * @return the cells, immutable
     */
    public static List<Nb201Cell> all() {
        Nb201Op[] v = Nb201Op.values();
        ImmutableList.Builder<Nb201Cell> out = ImmutableList.builderWithExpectedSize(SPACE_SIZE);
        Nb201Op[] ops = new Nb201Op[EDGES];
        for (int code = 0; code < SPACE_SIZE; code++) {
            int c = code;
            for (int k = EDGES - 1; k >= 0; k--) {
                ops[k] = v[c % v.length];
                c /= v.length;
            }
            out.add(of(ops.clone()));
        }
        return out.build();
    }

    private static final String FORMAT = "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|";

    private static String tokens() {
        return Arrays.stream(Nb201Op.values()).map(Nb201Op::token).collect(Collectors.joining(", "));
    }

    private static String tokenAt(String s, int pos) {
        if (pos >= s.length()) {
            return "";
        }
        int end = pos + 1;
        while (end < s.length() && s.charAt(end) != '|' && s.charAt(end) != '+') {
            end++;
        }
        return s.substring(pos, end);
    }

    private static IllegalArgumentException error(String cell, int index, String token, String what) {
        String t = token.isEmpty() ? "end of string" : "'" + token + "'";
        return new IllegalArgumentException("NB201 cell '" + cell + "': " + t + " at character " + (index + 1) + ": "
                + what + " (format " + FORMAT + ")");
    }
}
