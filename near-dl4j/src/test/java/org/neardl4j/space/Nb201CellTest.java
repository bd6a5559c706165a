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

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.space.Nb201Op.AVG_POOL_3X3;
import static org.neardl4j.space.Nb201Op.NONE;
import static org.neardl4j.space.Nb201Op.NOR_CONV_1X1;
import static org.neardl4j.space.Nb201Op.NOR_CONV_3X3;
import static org.neardl4j.space.Nb201Op.SKIP_CONNECT;

/** Parsing, printing, zero nodes and enumeration of NB201 cells. */
class Nb201CellTest {

    static final String BEST = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    @Test
    void parsesEdgesInOrder() {
        Nb201Cell c = Nb201Cell.parse("|nor_conv_1x1~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|none~2|");
        assertEquals(List.of(NOR_CONV_1X1, SKIP_CONNECT, NONE, AVG_POOL_3X3, NOR_CONV_3X3, NONE), c.edges());
        assertEquals(NOR_CONV_1X1, c.op(1, 0));
        assertEquals(SKIP_CONNECT, c.op(2, 0));
        assertEquals(NONE, c.op(2, 1));
        assertEquals(AVG_POOL_3X3, c.op(3, 0));
        assertEquals(NOR_CONV_3X3, c.op(3, 1));
        assertEquals(NONE, c.op(3, 2));
        assertEquals("|nor_conv_1x1~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|none~2|", c.toString());
        assertEquals(c, Nb201Cell.parse("  " + c + "\n"));
    }

    @Test
    void errorsNameTheTokenAndItsPosition() {
        assertError("|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|", "'conv_3x3' at character 2",
                "unknown operation");
        assertError("|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_5x5~2|", "'nor_conv_5x5' at character 41",
                "unknown operation");
        assertError("|none~0|+|none~0|none~2|+|none~0|none~1|none~2|", "'2' at character 23", "must come from node 1");
        assertError("|none~0|+|none~0|none|+|none~0|none~1|none~2|", "'none' at character 18", "op~1");
        assertError("|none~0|+|none~0|+|none~0|none~1|none~2|", "at character 18", "node 2 needs 2 edges");
        assertError("|none~0|none~1|+|none~0|none~1|+|none~0|none~1|none~2|", "'none~1' at character 9",
                "node 1 has only 1 edges");
        assertError("|none~0|+|none~0|none~1|", "end of string at character 25", "3 groups needed");
        assertError("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|x", "'x' at character 48", "unexpected text");
        assertError("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "'none~0' at character 1", "expected '|'");
        assertError("  ", "empty", "format");
        assertError("   |Skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|", "'Skip_connect' at character 5",
                "unknown operation");
    }

    private static void assertError(String cell, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(cell));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void zeroNodes() {
        Nb201Cell c = Nb201Cell.parse("|none~0|+|skip_connect~0|nor_conv_3x3~1|+|none~0|nor_conv_1x1~1|avg_pool_3x3~2|");
        assertFalse(c.isZero(0));
        assertTrue(c.isZero(1));
        assertFalse(c.isZero(2));
        assertFalse(c.isZero(3));
        Nb201Cell z = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|");
        assertTrue(z.outputIsZero());
        assertFalse(z.isZero(2));
        // node 3 fed only from node 1, which only none reaches
        Nb201Cell chain = Nb201Cell.parse("|none~0|+|none~0|skip_connect~1|+|none~0|nor_conv_3x3~1|avg_pool_3x3~2|");
        assertTrue(chain.isZero(2));
        assertTrue(chain.outputIsZero());
        assertFalse(Nb201Cell.parse(BEST).outputIsZero());
    }

    @Test
    void enumeratesTheWholeSpaceOnce() {
        List<Nb201Cell> all = Nb201Cell.all();
        assertEquals(15_625, all.size());
        Set<String> strings = new HashSet<>();
        for (Nb201Cell c : all) {
            assertTrue(strings.add(c.toString()), () -> "twice: " + c);
            assertEquals(c, Nb201Cell.parse(c.toString()));
        }
        assertEquals(Nb201Cell.of(NONE, NONE, NONE, NONE, NONE, NONE), all.get(0));
        assertEquals(Nb201Cell.of(NONE, NONE, NONE, NONE, NONE, SKIP_CONNECT), all.get(1));
        assertEquals(Nb201Cell.of(AVG_POOL_3X3, AVG_POOL_3X3, AVG_POOL_3X3, AVG_POOL_3X3, AVG_POOL_3X3, AVG_POOL_3X3),
                all.get(15_624));
        assertTrue(strings.contains(BEST));
        // every cell string of the NB201 table is in the enumeration
        for (Nb201Rows.Row r : Nb201Rows.load()) {
            assertTrue(strings.contains(r.cellstr()), r.cellstr());
        }
    }

    @Test
    void rejectsBadEdgeLists() {
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.of(NONE, NONE));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.of(NONE, NONE, NONE, null, NONE, NONE));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(BEST).op(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.parse(BEST).isZero(4));
    }
}
