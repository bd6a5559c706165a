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

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One NAS-Bench-101 cell (Ying et al., ICML 2019): a directed acyclic graph of 2 to 7 vertices, given as an
 * upper-triangular adjacency matrix (entry {@code (i, j)} set: an edge from vertex {@code i} to vertex {@code j})
 * and one label per vertex: vertex 0 {@code input}, the last {@code output}, the others {@code conv3x3-bn-relu},
 * {@code conv1x1-bn-relu} or {@code maxpool3x3}. Immutable.
 *
 * <p>A cell is validated and pruned as NAS-Bench-101's API does ({@code ModelSpec} and {@code _check_spec}): the
 * matrix must be square, 0/1, strictly upper triangular and as long as the labels; vertices that are not on a path
 * from the input to the output are removed (the input must reach the output); the pruned cell has at most 7
 * vertices and 9 edges, {@code input} first, {@code output} last and interior operations only in between. Every
 * error names the bad entry and its position. The cell holds the pruned spec, and {@link #equals} compares it:
 * two specs that prune to the same matrix and labels are equal (isomorphic cells with their vertices in another
 * order are not: NAS-Bench-101's graph hash would identify them; {@link #canonical()} puts a cell's vertices in
 * one order shared by every cell isomorphic to it, so that {@code a.canonical().equals(b.canonical())} exactly when
 * NAS-Bench-101 counts {@code a} and {@code b} as one cell).
 *
 * <h2>Forms</h2>
 * <ul>
 * <li>NAS-Bench-101's tables: {@link #fromCsv(String, String)} with the matrix row-major as a 0/1 string
 * ({@code "0110..."}, n x n characters) and the labels separated by {@code |}; {@link #matrixString()} and
 * {@link #opsString()} give them back.</li>
 * <li>A readable form ({@link #parse(String)}, {@link #toString()}): each vertex after the input in order, as its
 * operation's short name and, in parentheses, the vertices it reads: {@code conv3x3(0) maxpool3x3(0,1)
 * output(1,2)} is input -> conv3x3, {input, conv3x3} -> maxpool3x3, {conv3x3, maxpool3x3} -> output. The input
 * is vertex 0 and is not written; the last vertex must be {@code output}. Long labels ({@code conv3x3-bn-relu})
 * are accepted too.</li>
 * </ul>
 *
 * <pre>{@code
 * Nb101Cell a = Nb101Cell.parse("conv3x3(0) conv1x1(0) maxpool3x3(1) output(2,3)");
 * Nb101Cell b = Nb101Cell.fromCsv("0110000010000010000100000",
 *         "input|conv3x3-bn-relu|conv1x1-bn-relu|maxpool3x3|output");   // the same cell in the CSV form
 * a.equals(b);         // true
 * a.vertices();        // 5
 * a.matrixString();    // "0110000010000010000100000"
 * ComputationGraph net = Nb101Network.defaults().graph(a);
 * }</pre>
 */
public final class Nb101Cell implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Most vertices of a cell (NAS-Bench-101's {@code module_vertices}). */
    public static final int MAX_VERTICES = 7;
    /** Most edges of a cell (NAS-Bench-101's {@code max_edges}). */
    public static final int MAX_EDGES = 9;

    /** The pruned adjacency matrix: entry (i, j) set for an edge from vertex i to vertex j. */
    private final boolean[][] matrix;
    /** The pruned cell's vertex labels, input first and output last. */
    private final List<Nb101Op> ops;

    private Nb101Cell(boolean[][] matrix, List<Nb101Op> ops) {
        this.matrix = matrix;
        this.ops = ImmutableList.copyOf(ops);
    }

    /**
     * A cell from its adjacency matrix and vertex labels, validated and pruned as NAS-Bench-101 does.
     *
     * @param matrix n x n, 0/1, strictly upper triangular; not changed
     * @param ops    n labels, {@code INPUT} first and {@code OUTPUT} last
     * @return the pruned cell
     * @throws IllegalArgumentException naming the entry at fault: a ragged or non-square matrix, an entry other
     *                                  than 0/1, an entry on or below the diagonal, a label count that is not n,
     *                                  a misplaced input/output, an input that does not reach the output, or more
     *                                  than 7 vertices or 9 edges after pruning
     */
    public static Nb101Cell of(int[][] matrix, List<Nb101Op> ops) {
        Preconditions.checkArgument(matrix != null, "matrix must not be null");
        Preconditions.checkArgument(ops != null, "ops must not be null");
        int n = matrix.length;
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(matrix[i] != null && matrix[i].length == n,
                    "NB101 matrix must be square: row %s has %s entries, expected %s", i,
                    matrix[i] == null ? 0 : matrix[i].length, n);
            for (int j = 0; j < n; j++) {
                int v = matrix[i][j];
                Preconditions.checkArgument(v == 0 || v == 1, "NB101 matrix entry (%s, %s) is %s: entries are 0 or 1",
                        i, j, v);
                Preconditions.checkArgument(v == 0 || j > i, "NB101 matrix entry (%s, %s) is 1 %s the diagonal: the"
                        + " matrix must be upper triangular (edges go from a vertex to a later one)", i, j,
                        i == j ? "on" : "below");
                m[i][j] = v == 1;
            }
        }
        return validate(m, new ArrayList<>(ops));
    }

    /**
     * A cell in the form of NAS-Bench-101's tables.
     *
     * @param matrix the adjacency matrix row-major as n x n characters {@code 0}/{@code 1} (n = 2..7 after pruning)
     * @param ops    the n labels separated by {@code |}, e.g. {@code input|conv3x3-bn-relu|output}
     * @return the pruned cell
     * @throws IllegalArgumentException naming the character or label at fault, or any error of {@link #of}
     */
    public static Nb101Cell fromCsv(String matrix, String ops) {
        Preconditions.checkArgument(matrix != null && !matrix.isBlank(), "NB101 matrix string is empty");
        Preconditions.checkArgument(ops != null && !ops.isBlank(), "NB101 ops string is empty");
        String s = matrix.strip();
        int n = (int) Math.round(Math.sqrt(s.length()));
        Preconditions.checkArgument(n * n == s.length(), "NB101 matrix string '%s' has %s characters, not n x n",
                s, s.length());
        int[][] m = new int[n][n];
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            Preconditions.checkArgument(c == '0' || c == '1', "NB101 matrix string '%s': character %s ('%s', entry"
                    + " (%s, %s)) is not 0 or 1", s, k + 1, c, k / n, k % n);
            m[k / n][k % n] = c - '0';
        }
        String[] labels = ops.strip().split("\\|", -1);
        Preconditions.checkArgument(labels.length == n, "NB101 ops '%s' name %s vertices, the %sx%s matrix has %s",
                ops.strip(), labels.length, n, n, n);
        List<Nb101Op> o = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            String l = labels[v];
            o.add(Nb101Op.ofLabel(l).orElseThrow(() -> new IllegalArgumentException("NB101 ops '" + ops.strip()
                    + "': vertex " + o.size() + " has the unknown operation '" + l + "'; known: " + Nb101Op.known())));
        }
        return of(m, o);
    }

    /**
     * A cell in the readable form (see the class comment), e.g. {@code conv3x3(0) maxpool3x3(0,1) output(1,2)}.
     *
     * @param cell vertices 1..n-1 in order, separated by blanks, each {@code op(sources)}
     * @return the pruned cell
     * @throws IllegalArgumentException naming the vertex, its text and its character position at fault (malformed
     *                                  vertex, unknown operation, a source that is not an earlier vertex), or any
     *                                  error of {@link #of}
     */
    public static Nb101Cell parse(String cell) {
        Preconditions.checkArgument(cell != null && !cell.isBlank(), "NB101 cell string is empty; expected e.g."
                + " 'conv3x3(0) maxpool3x3(0,1) output(1,2)'");
        List<String> tokens = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int i = 0;
        while (i < cell.length()) {
            if (Character.isWhitespace(cell.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int close = cell.indexOf(')', i);
            int blank = i;
            while (blank < cell.length() && !Character.isWhitespace(cell.charAt(blank))) {
                blank++;
            }
            int end = close >= 0 && cell.indexOf('(', i) >= 0 && cell.indexOf('(', i) < blank ? close + 1 : blank;
            tokens.add(cell.substring(start, end));
            positions.add(start + 1);
            i = end;
        }
        int n = tokens.size() + 1;
        Preconditions.checkArgument(n <= 64, "NB101 cell string names %s vertices", n);
        int[][] m = new int[n][n];
        List<Nb101Op> ops = new ArrayList<>(List.of(Nb101Op.INPUT));
        for (int v = 1; v < n; v++) {
            String t = tokens.get(v - 1);
            String where = "NB101 cell '" + cell.strip() + "': vertex " + v + " '" + t + "' (character "
                    + positions.get(v - 1) + ")";
            int open = t.indexOf('(');
            if (open <= 0 || !t.endsWith(")")) {
                throw new IllegalArgumentException(where + " is not of the form op(sources), e.g. conv3x3(0,1)");
            }
            String name = t.substring(0, open);
            Nb101Op op = Nb101Op.ofLabel(name).orElseThrow(() -> new IllegalArgumentException(where
                    + ": unknown operation '" + name + "'; known: conv3x3, conv1x1, maxpool3x3, output"));
            if (op == Nb101Op.INPUT) {
                throw new IllegalArgumentException(where + ": the input is vertex 0 and is not written");
            }
            ops.add(op);
            String inner = t.substring(open + 1, t.length() - 1).strip();
            if (inner.isEmpty()) {
                throw new IllegalArgumentException(where + " reads no vertex");
            }
            for (String src : inner.split(",", -1)) {
                int from;
                try {
                    from = Integer.parseInt(src.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": source '" + src.strip() + "' is not a vertex number",
                            e);
                }
                if (from < 0 || from >= v) {
                    throw new IllegalArgumentException(where + ": source " + from + " is not an earlier vertex (0.."
                            + (v - 1) + ")");
                }
                m[from][v] = 1;
            }
        }
        return of(m, ops);
    }

    /** NAS-Bench-101's checks and pruning on a triangular 0/1 matrix. */
    private static Nb101Cell validate(boolean[][] m, List<Nb101Op> ops) {
        int n = m.length;
        Preconditions.checkArgument(ops.size() == n, "NB101 cell: %s labels for a %sx%s matrix", ops.size(), n, n);
        Preconditions.checkArgument(n >= 2, "NB101 cell has %s vertices: at least 2 (input and output)", n);
        for (int v = 0; v < n; v++) {
            Nb101Op op = ops.get(v);
            Preconditions.checkArgument(op != null, "NB101 cell: the label of vertex %s is null", v);
            if (v == 0) {
                Preconditions.checkArgument(op == Nb101Op.INPUT, "NB101 cell: vertex 0 is '%s'; the first vertex must"
                        + " be 'input'", op);
            } else if (v == n - 1) {
                Preconditions.checkArgument(op == Nb101Op.OUTPUT, "NB101 cell: vertex %s (the last) is '%s'; the last"
                        + " vertex must be 'output'", v, op);
            } else {
                Preconditions.checkArgument(op.isInterior(), "NB101 cell: vertex %s is '%s'; interior vertices are"
                        + " conv3x3-bn-relu, conv1x1-bn-relu or maxpool3x3", v, op);
            }
        }
        // prune as NAS-Bench-101's ModelSpec: keep the vertices reachable from the input and reaching the output
        boolean[] fromInput = new boolean[n];
        fromInput[0] = true;
        for (int v = 0; v < n; v++) {
            for (int w = v + 1; w < n && fromInput[v]; w++) {
                fromInput[w] |= m[v][w];
            }
        }
        boolean[] toOutput = new boolean[n];
        toOutput[n - 1] = true;
        for (int v = n - 1; v >= 0; v--) {
            for (int u = 0; u < v && toOutput[v]; u++) {
                toOutput[u] |= m[u][v];
            }
        }
        Preconditions.checkArgument(fromInput[n - 1], "NB101 cell: no path from the input (vertex 0) to the output"
                + " (vertex %s): NAS-Bench-101 rejects a disconnected cell", n - 1);
        List<Integer> keep = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (fromInput[v] && toOutput[v]) {
                keep.add(v);
            }
        }
        int k = keep.size();
        boolean[][] pruned = new boolean[k][k];
        List<Nb101Op> kept = new ArrayList<>();
        int edges = 0;
        for (int a = 0; a < k; a++) {
            kept.add(ops.get(keep.get(a)));
            for (int b = 0; b < k; b++) {
                pruned[a][b] = m[keep.get(a)][keep.get(b)];
                edges += pruned[a][b] ? 1 : 0;
            }
        }
        Preconditions.checkArgument(k <= MAX_VERTICES, "NB101 cell has %s vertices after pruning: at most %s", k,
                MAX_VERTICES);
        Preconditions.checkArgument(edges <= MAX_EDGES, "NB101 cell has %s edges after pruning: at most %s", edges,
                MAX_EDGES);
        return new Nb101Cell(pruned, kept);
    }

    /**
     * Vertices of the pruned cell, input and output included.
     *
     * @return 2..7
     */
    public int vertices() {
        return ops.size();
    }

    /**
     * Edges of the pruned cell.
     *
     * @return 1..9
     */
    public int edgeCount() {
        int e = 0;
        for (boolean[] row : matrix) {
            for (boolean b : row) {
                e += b ? 1 : 0;
            }
        }
        return e;
    }

    /**
     * Whether the pruned cell has the edge {@code from -> to}.
     *
     * @param from source vertex, 0..vertices-1
     * @param to   target vertex, 0..vertices-1
     * @return true if the matrix entry {@code (from, to)} is set
     * @throws IllegalArgumentException for a vertex outside the cell
     */
    public boolean edge(int from, int to) {
        int n = vertices();
        Preconditions.checkArgument(from >= 0 && from < n && to >= 0 && to < n,
                "no vertex pair (%s, %s) in a cell of %s vertices", from, to, n);
        return matrix[from][to];
    }

    /**
     * The label of a vertex of the pruned cell.
     *
     * @param vertex 0..vertices-1
     * @return its label ({@code INPUT} for 0, {@code OUTPUT} for the last)
     */
    public Nb101Op op(int vertex) {
        Preconditions.checkArgument(vertex >= 0 && vertex < vertices(), "vertex %s is not in a cell of %s vertices",
                vertex, vertices());
        return ops.get(vertex);
    }

    /**
     * The labels of the pruned cell in vertex order.
     *
     * @return an immutable list, {@code INPUT} first, {@code OUTPUT} last
     */
    public List<Nb101Op> ops() {
        return ops;
    }

    /**
     * The pruned matrix as NAS-Bench-101's tables write it.
     *
     * @return row-major 0/1 characters, vertices x vertices of them
     */
    public String matrixString() {
        StringBuilder b = new StringBuilder();
        for (boolean[] row : matrix) {
            for (boolean e : row) {
                b.append(e ? '1' : '0');
            }
        }
        return b.toString();
    }

    /**
     * The pruned labels as NAS-Bench-101's tables write them.
     *
     * @return e.g. {@code input|conv3x3-bn-relu|output}
     */
    public String opsString() {
        return String.join("|", ops.stream().map(Nb101Op::label).toList());
    }

    /**
     * The pruned matrix.
     *
     * @return a new n x n 0/1 array
     */
    public int[][] matrix() {
        int n = vertices();
        int[][] m = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = matrix[i][j] ? 1 : 0;
            }
        }
        return m;
    }

    /**
     * The cell with its interior vertices renumbered into the canonical order of its isomorphism class: of every
     * order of the interior vertices that keeps the matrix upper triangular (every topological order; the input
     * stays first and the output last), the one whose labels, then whose matrix string, come first (labels in
     * {@link Nb101Op} order, {@code 0} before {@code 1}). Two cells have equal canonical forms exactly when they
     * are isomorphic: the same graph with the same labels, whatever the numbering of the interior vertices, which
     * is when NAS-Bench-101's graph hash counts them as one of its 423,624 cells. The network built from the
     * canonical form computes the same function; only the order in which the output concatenates its inputs (and
     * so which of them gets a leftover channel when the channels do not divide) may differ.
     *
     * <pre>{@code
     * Nb101Cell a = Nb101Cell.parse("conv1x1(0) conv3x3(0) output(1,2)");
     * Nb101Cell b = Nb101Cell.parse("conv3x3(0) conv1x1(0) output(1,2)");
     * a.canonical().equals(b.canonical());   // true
     * a.canonical();                         // conv3x3(0) conv1x1(0) output(1,2)
     * }</pre>
     *
     * @return the isomorphic cell in canonical vertex order ({@code this} when already in it)
     */
    public Nb101Cell canonical() {
        int n = vertices();
        int[] best = new int[n];
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        order[0] = 0;
        placed[0] = true;
        order[n - 1] = n - 1;
        placed[n - 1] = true;
        boolean[] found = {false};
        if (n <= 2) {
            return this;
        }
        orders(order, placed, 1, best, found);
        boolean identity = true;
        for (int v = 0; v < n; v++) {
            identity &= best[v] == v;
        }
        if (identity) {
            return this;
        }
        boolean[][] m = new boolean[n][n];
        List<Nb101Op> o = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            o.add(ops.get(best[a]));
            for (int b = 0; b < n; b++) {
                m[a][b] = matrix[best[a]][best[b]];
            }
        }
        return new Nb101Cell(m, o);
    }

    /** Walks every topological order of the interior vertices, keeping the smallest in {@code best}. */
    private void orders(int[] order, boolean[] placed, int position, int[] best, boolean[] found) {
        int n = order.length;
        if (position == n - 1) {
            if (!found[0] || compare(order, best) < 0) {
                System.arraycopy(order, 0, best, 0, n);
                found[0] = true;
            }
            return;
        }
        for (int v = 1; v < n - 1; v++) {
            if (placed[v]) {
                continue;
            }
            boolean ready = true;
            for (int u = 1; u < v && ready; u++) {
                ready = !matrix[u][v] || placed[u];
            }
            if (ready) {
                placed[v] = true;
                order[position] = v;
                orders(order, placed, position + 1, best, found);
                placed[v] = false;
            }
        }
    }

    /** Compares the cells that two vertex orders give: labels first, then the matrix row-major. */
    private int compare(int[] a, int[] b) {
        int n = a.length;
        for (int v = 1; v < n - 1; v++) {
            int c = Integer.compare(ops.get(a[v]).ordinal(), ops.get(b[v]).ordinal());
            if (c != 0) {
                return c;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int c = Boolean.compare(matrix[a[i]][a[j]], matrix[b[i]][b[j]]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }

    /**
     * The readable form, {@link #parse(String)}'s input.
     *
     * @return e.g. {@code conv3x3(0) maxpool3x3(0,1) output(1,2)}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int v = 1; v < vertices(); v++) {
            TreeSet<Integer> src = new TreeSet<>();
            for (int u = 0; u < v; u++) {
                if (matrix[u][v]) {
                    src.add(u);
                }
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(ops.get(v).shortName()).append('(');
            b.append(String.join(",", src.stream().map(String::valueOf).toList())).append(')');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb101Cell c && ops.equals(c.ops) && Arrays.deepEquals(matrix, c.matrix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ops, Arrays.deepHashCode(matrix));
    }
}
