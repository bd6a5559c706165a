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
