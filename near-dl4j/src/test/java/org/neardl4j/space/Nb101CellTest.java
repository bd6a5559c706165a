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

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NAS-Bench-101 cells: the two forms, pruning as the NAS-Bench-101 API prunes, validation errors. */
class Nb101CellTest {

    private static final Nb101Op I = Nb101Op.INPUT;
    private static final Nb101Op O = Nb101Op.OUTPUT;
    private static final Nb101Op C3 = Nb101Op.CONV3X3;
    private static final Nb101Op C1 = Nb101Op.CONV1X1;
    private static final Nb101Op MP = Nb101Op.MAXPOOL3X3;

    @Test
    void csvAndReadableFormsAgree() {
        Nb101Cell csv = Nb101Cell.fromCsv("0110000010000010000100000",
                "input|conv3x3-bn-relu|conv1x1-bn-relu|maxpool3x3|output");
        Nb101Cell readable = Nb101Cell.parse("conv3x3(0) conv1x1(0) maxpool3x3(1) output(2,3)");
        assertEquals(csv, readable);
        assertEquals(csv.hashCode(), readable.hashCode());
        assertEquals("conv3x3(0) conv1x1(0) maxpool3x3(1) output(2,3)", csv.toString());
        assertEquals("0110000010000010000100000", readable.matrixString());
        assertEquals("input|conv3x3-bn-relu|conv1x1-bn-relu|maxpool3x3|output", readable.opsString());
        assertEquals(5, csv.vertices());
        assertEquals(5, csv.edgeCount());
        assertEquals(List.of(I, C3, C1, MP, O), csv.ops());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, csv.matrix()[2]);
        // long labels and extra blanks in the readable form
        assertEquals(csv, Nb101Cell.parse("  conv3x3-bn-relu(0)  conv1x1-bn-relu( 0 ) maxpool3x3(1)   output(3, 2) "));
        assertNotEquals(csv, Nb101Cell.parse("conv1x1(0) conv3x3(0) maxpool3x3(1) output(2,3)"));
    }

    @Test
    void everyRowOfTheTableRoundTrips() {
        for (Nb101Rows.Row r : Nb101Rows.load()) {
            Nb101Cell c = Nb101Cell.fromCsv(r.matrix(), r.ops());
            // the table's rows are pruned already: pruning changes nothing
            assertEquals(r.matrix(), c.matrixString(), () -> "row " + r.id());
            assertEquals(r.ops(), c.opsString(), () -> "row " + r.id());
            assertEquals(c, Nb101Cell.parse(c.toString()), () -> "row " + r.id());
        }
    }

    @Test
    void pruningRemovesVerticesOffTheInputToOutputPaths() {
        // vertex 2 (maxpool) reads the input but feeds nothing: removed
        assertEquals(Nb101Cell.parse("conv3x3(0) output(1)"), Nb101Cell.parse("conv3x3(0) maxpool3x3(0) output(1)"));
        // vertex 1 feeds the output but nothing reaches it; vertex 3 is fed by it only: both removed
        int[][] m = {
            {0, 0, 1, 0, 0},
            {0, 0, 0, 1, 1},
            {0, 0, 0, 0, 1},
            {0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0}};
        Nb101Cell c = Nb101Cell.of(m, List.of(I, C3, C1, MP, O));
        assertEquals(3, c.vertices());
        assertEquals(List.of(I, C1, O), c.ops());
        assertEquals("010001000", c.matrixString());
        assertEquals(Nb101Cell.parse("conv1x1(0) output(1)"), c);
        // the unpruned matrix is not changed
        assertEquals(1, m[1][3]);
        // an 8-vertex spec is fine if it prunes to 7: chain 0 -> 1 -> ... -> 5 -> 7, vertex 6 unconnected
        int[][] big = new int[8][8];
        for (int v = 0; v < 5; v++) {
            big[v][v + 1] = 1;
        }
        big[5][7] = 1;
        Nb101Cell pruned = Nb101Cell.of(big, List.of(I, C3, C1, C3, C1, C3, MP, O));
        assertEquals(7, pruned.vertices());
        assertEquals(6, pruned.edgeCount());
        assertEquals(List.of(I, C3, C1, C3, C1, C3, O), pruned.ops());
    }

    @Test
    void validationNamesTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(
                new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 1, 0}}, List.of(I, C3, O)));
        assertTrue(e.getMessage().contains("entry (2, 1)") && e.getMessage().contains("below"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(
                new int[][] {{0, 1, 0}, {0, 1, 1}, {0, 0, 0}}, List.of(I, C3, O)));
        assertTrue(e.getMessage().contains("entry (1, 1)") && e.getMessage().contains("on the diagonal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(
                new int[][] {{0, 2, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(I, C3, O)));
        assertTrue(e.getMessage().contains("entry (0, 1) is 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(
                new int[][] {{0, 1, 0}, {0, 0}, {0, 0, 0}}, List.of(I, C3, O)));
        assertTrue(e.getMessage().contains("row 1 has 2 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010002000", "input|conv3x3|output"));
        assertTrue(e.getMessage().contains("character 6") && e.getMessage().contains("entry (1, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("0100010", "input|conv3x3|output"));
        assertTrue(e.getMessage().contains("7 characters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010001000", "input|conv5x5|output"));
        assertTrue(e.getMessage().contains("vertex 1") && e.getMessage().contains("'conv5x5'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010001000", "input|output"));
        assertTrue(e.getMessage().contains("2 vertices") && e.getMessage().contains("3x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010001000",
                "conv3x3|conv3x3|output"));
        assertTrue(e.getMessage().contains("vertex 0") && e.getMessage().contains("'input'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010001000", "input|conv3x3|conv1x1"));
        assertTrue(e.getMessage().contains("vertex 2 (the last)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010001000", "input|output|output"));
        assertTrue(e.getMessage().contains("vertex 1 is 'output'"), e.getMessage());
        // input not connected to the output
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.fromCsv("010000000", "input|conv3x3|output"));
        assertTrue(e.getMessage().contains("no path from the input"), e.getMessage());
        // 10 edges after pruning: 0->1..5, 1->6, ..., 5->6 (5 + 5)
        int[][] ten = new int[7][7];
        for (int v = 1; v <= 5; v++) {
            ten[0][v] = 1;
            ten[v][6] = 1;
        }
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(ten, List.of(I, C3, C3, C3, C3, C3, O)));
        assertTrue(e.getMessage().contains("10 edges"), e.getMessage());
        // 8 vertices on the path
        int[][] eight = new int[8][8];
        for (int v = 0; v < 7; v++) {
            eight[v][v + 1] = 1;
        }
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.of(eight,
                List.of(I, C3, C3, C3, C3, C3, C3, O)));
        assertTrue(e.getMessage().contains("8 vertices"), e.getMessage());
    }

    @Test
    void readableFormErrorsNameTheVertexAndPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nb101Cell.parse("conv3x3(0) conv5x5(1) output(2)"));
        assertTrue(e.getMessage().contains("vertex 2 'conv5x5(1)' (character 12)")
                && e.getMessage().contains("unknown operation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.parse("conv3x3(0) output(2)"));
        assertTrue(e.getMessage().contains("vertex 2") && e.getMessage().contains("source 2 is not an earlier vertex"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.parse("conv3x3 output(1)"));
        assertTrue(e.getMessage().contains("vertex 1 'conv3x3'") && e.getMessage().contains("op(sources)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.parse("conv3x3(x) output(1)"));
        assertTrue(e.getMessage().contains("source 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb101Cell.parse("conv3x3(0) maxpool3x3(1)"));
        assertTrue(e.getMessage().contains("must be 'output'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nb101Cell.parse(" "));
    }
}
