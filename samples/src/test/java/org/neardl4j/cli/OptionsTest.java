package org.neardl4j.cli;

import org.junit.jupiter.api.Test;
import org.neardl4j.sampling.BlockMode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    private static final Options SPEC = Options.builder()
            .value("seed", "S", "seed")
            .value("block", "B", "block")
            .repeatable("input", "F", "input")
            .flag("json", "json")
            .build();

    private static int usageCode(String... args) {
        return assertThrows(CliException.class, () -> SPEC.parse(args)).exitCode();
    }

    @Test
    void parsesValuesFlagsAndRepeats() throws CliException {
        Options.Parsed p = SPEC.parse(new String[] {"--input", "a.npy", "--seed=-3", "--input=b.npy", "--json",
                "--block", "FIRST"});
        assertEquals(List.of("a.npy", "b.npy"), p.values("input"));
        assertEquals(-3L, p.longValue("seed", 0));
        assertTrue(p.has("json"));
        assertEquals(BlockMode.FIRST, p.enumValue("block", BlockMode.class, BlockMode.RANDOM));
        Options.Parsed none = SPEC.parse(new String[0]);
        assertFalse(none.has("json"));
        assertEquals(12L, none.longValue("seed", 12L));
        assertEquals(List.of(), none.values("input"));
        assertEquals(BlockMode.RANDOM, none.enumValue("block", BlockMode.class, BlockMode.RANDOM));
    }

    @Test
    void rejectsBadCommandLines() throws CliException {
        assertEquals(NearCli.EXIT_USAGE, usageCode("--nope"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed", "--json"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--json=yes"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed", "1", "--seed", "2"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("positional"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--"));
        Options.Parsed p = SPEC.parse(new String[] {"--seed", "x", "--block", "middle"});
        assertEquals(NearCli.EXIT_USAGE, assertThrows(CliException.class, () -> p.longValue("seed", 0)).exitCode());
        assertEquals(NearCli.EXIT_USAGE, assertThrows(CliException.class,
                () -> p.enumValue("block", BlockMode.class, BlockMode.RANDOM)).exitCode());
        Options.Parsed small = SPEC.parse(new String[] {"--seed", "0"});
        assertEquals(NearCli.EXIT_USAGE, assertThrows(CliException.class, () -> small.intValue("seed", 1, 1)).exitCode());
    }

    @Test
    void describeListsEveryOption() {
        String d = SPEC.describe();
        assertTrue(d.contains("--seed S") && d.contains("--input F") && d.contains("(repeatable)") && d.contains("--json"), d);
        assertEquals(4, d.split("\\R").length);
    }
}
