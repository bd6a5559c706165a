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
package org.neardl4j.listener;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.neardl4j.internal.Csv;
import org.neardl4j.score.MatrixScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The evaluations of a {@link NearListener} so far, in the order they were made. An immutable snapshot: take a
 * new one with {@link NearListener#history()} to see later evaluations.
 *
 * <pre>{@code
 * NearHistory h = listener.history();
 * double[] scores = h.scores();                  // one per evaluation
 * double[] hidden = h.layerScores("hidden");     // that layer's share, one per evaluation
 * Files.writeString(Path.of("near.csv"), h.toCsv());
 * }</pre>
 */
public final class NearHistory {

    private static final NearHistory EMPTY = new NearHistory(ImmutableList.of());

    private final ImmutableList<NearRecord> records;

    private NearHistory(ImmutableList<NearRecord> records) {
        this.records = records;
    }

    /**
     * A history of the given records, in order.
     *
     * @param records the records, oldest first; not null, none null (copied)
     * @return an immutable history of those records, in the order given
     */
    public static NearHistory of(Iterable<NearRecord> records) {
        ImmutableList<NearRecord> list = ImmutableList.copyOf(Preconditions.checkNotNull(records, "records"));
        return list.isEmpty() ? EMPTY : new NearHistory(list);
    }

    /**
     * The empty history.
     *
     * @return the shared history without records
     */
    public static NearHistory empty() {
        return EMPTY;
    }

    /**
     * The records.
     *
     * @return every evaluation, oldest first
     */
    public List<NearRecord> records() {
        return records;
    }

    /**
     * The size.
     *
     * @return the number of records
     */
    public int size() {
        return records.size();
    }

    /**
     * Whether the history has no record.
     *
     * @return true if no evaluation has been recorded
     */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * The latest evaluation.
     *
     * @return the last record
     * @throws java.util.NoSuchElementException if the history is empty
     */
    public NearRecord last() {
        if (records.isEmpty()) {
            throw new NoSuchElementException("the history is empty: no evaluation has run yet");
        }
        return records.get(records.size() - 1);
    }

    /**
     * The NEAR score of each evaluation.
     *
     * @return the NEAR score of each evaluation
     */
    public double[] scores() {
        double[] s = new double[records.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = records.get(i).score();
        }
        return s;
    }

    /**
     * One layer's share of the score (sum of its matrices' effective ranks) at each evaluation.
     *
     * @param layerName the layer name
     * @return one layer's share of the score (sum of its matrices' effective ranks) at each evaluation
     * @throws IllegalArgumentException if no evaluation has a matrix of that layer
     */
    public double[] layerScores(String layerName) {
        Preconditions.checkNotNull(layerName, "layerName");
        double[] s = new double[records.size()];
        boolean found = false;
        for (int i = 0; i < s.length; i++) {
            Double v = records.get(i).layerScores().get(layerName);
            s[i] = v == null ? Double.NaN : v;
            found |= v != null;
        }
        Preconditions.checkArgument(found || records.isEmpty(), "no matrix of layer '%s' in the history; layers: %s",
                layerName, records.isEmpty() ? "[]" : records.get(0).layerScores().keySet());
        return s;
    }

    /**
     * The history as CSV: a header, then one row per evaluation with {@code trigger, epoch, iteration, score,
     * millis, samples} and one column per matrix, named {@code layer/kind}.
     *
     * @return the history as CSV: a header, then one row per evaluation with {@code trigger, epoch, iteration, score,
     *         millis, samples} and one column per matrix, named {@code layer/kind}
     */
    public String toCsv() {
        List<String> columns = matrixColumns(records);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(csvHeader(columns));
        for (NearRecord r : records) {
            rows.add(csvRow(r, columns));
        }
        return Csv.rows(rows);
    }

    /**
     * The history as JSON lines, one {@link NearRecord#toJson()} object per line.
     *
     * @return the history as JSON lines, one {@link NearRecord#toJson()} object per line
     */
    public String toJsonLines() {
        StringBuilder sb = new StringBuilder();
        for (NearRecord r : records) {
            sb.append(r.toJson()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-13s  %5s  %9s  %12s  %8s%n", "trigger", "epoch", "iteration", "NEAR", "ms"));
        for (NearRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%-13s  %5d  %9d  %12.4f  %8d%n", r.trigger().label(), r.epoch(),
                    r.iteration(), r.score(), r.elapsed().toMillis()));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------

    static List<String> matrixColumns(List<NearRecord> records) {
        List<String> cols = new ArrayList<>();
        for (NearRecord r : records) {
            for (MatrixScore m : r.matrices()) {
                String c = column(m);
                if (!cols.contains(c)) {
                    cols.add(c);
                }
            }
        }
        return cols;
    }

    /** The header cells of the CSV: the fixed columns, then one per matrix. */
    static List<Object> csvHeader(List<String> matrixColumns) {
        List<Object> h = new ArrayList<>(List.of("trigger", "epoch", "iteration", "score", "millis", "samples"));
        h.addAll(matrixColumns);
        return h;
    }

    /** The cells of one record's CSV row; a matrix the record lacks is an empty cell. */
    static List<Object> csvRow(NearRecord r, List<String> matrixColumns) {
        Map<String, Double> byColumn = new LinkedHashMap<>();
        for (MatrixScore m : r.matrices()) {
            byColumn.put(column(m), m.effectiveRank());
        }
        List<Object> row = new ArrayList<>(List.of(r.trigger().label(), r.epoch(), r.iteration(), r.score(),
                r.elapsed().toMillis(), r.result().samples()));
        for (String c : matrixColumns) {
            row.add(byColumn.get(c));
        }
        return row;
    }

    private static String column(MatrixScore m) {
        return m.layerName() + "/" + m.kind().label();
    }
}
