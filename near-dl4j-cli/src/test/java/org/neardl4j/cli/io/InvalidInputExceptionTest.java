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
package org.neardl4j.cli.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidInputExceptionTest {

    @Test
    void oneLineJoinsLinesAndSkipsWrappers() {
        assertEquals("bad shape: expected [N, 784] got [N, 783]",
                InvalidInputException.oneLine(new IllegalStateException("bad shape:\n  expected [N, 784]\r\n\tgot [N, 783]\n")));
        IllegalArgumentException root = new IllegalArgumentException("the real reason");
        assertEquals("the real reason", InvalidInputException.oneLine(new RuntimeException(root)));
        assertEquals("outer", InvalidInputException.oneLine(new RuntimeException("outer", root)));
        assertEquals("NullPointerException", InvalidInputException.oneLine(new NullPointerException()));
        String longLine = InvalidInputException.oneLine(new RuntimeException("x".repeat(5000)));
        assertEquals(600, longLine.length());
        assertTrue(longLine.endsWith("..."));
    }
}
