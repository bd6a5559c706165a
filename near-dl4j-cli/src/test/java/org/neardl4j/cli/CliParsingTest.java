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
package org.neardl4j.cli;

import org.junit.jupiter.api.Test;
import org.neardl4j.sampling.BlockMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one parser of every program ({@link Cli}, picocli): values, flags and repeats parse; every malformed command line
 * is a usage error (exit 2) with one line on stderr. (These are the cases the hand-written parser it replaced was
 * tested with.)
 */
class CliParsingTest {

    @Command(name = "spec")
    static final class Spec implements Callable<Integer> {
        @Option(names = "--seed", paramLabel = "S")
        Long seed;
        @Option(names = "--block", paramLabel = "B")
        BlockMode block;
        @Option(names = "--input", paramLabel = "F")
        List<String> input = new ArrayList<>();
        @Option(names = "--json")
        boolean json;
        @Option(names = "--reps", paramLabel = "R")
        Integer reps;

        @Override
        public Integer call() throws CliException {
            if (reps != null) {
                Cli.atLeast("--reps", reps, 1);
            }
            return 0;
        }
    }

    private static final class Run {
        final int code;
        final Spec spec = new Spec();
        final String err;

        Run(String... args) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(e, true, StandardCharsets.UTF_8)) {
                code = Cli.run(spec, args, ps, ps);
            }
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    private static int usageCode(String... args) {
        Run r = new Run(args);
        if (r.code != 0) {
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("error: "), r.err);
        }
        return r.code;
    }

    @Test
    void parsesValuesFlagsAndRepeats() {
        Run r = new Run("--input", "a.npy", "--seed=-3", "--input=b.npy", "--json", "--block", "FIRST");
        assertEquals(0, r.code, r.err);
        assertEquals(List.of("a.npy", "b.npy"), r.spec.input);
        assertEquals(-3L, r.spec.seed);
        assertTrue(r.spec.json);
        assertEquals(BlockMode.FIRST, r.spec.block);
        Run none = new Run();
        assertEquals(0, none.code);
        assertFalse(none.spec.json);
        assertEquals(null, none.spec.seed);
        assertEquals(List.of(), none.spec.input);
        assertEquals(null, none.spec.block);
    }

    @Test
    void rejectsBadCommandLines() {
        assertEquals(NearCli.EXIT_USAGE, usageCode("--nope"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed", "--json"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--json=yes"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed", "1", "--seed", "2"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("positional"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--seed", "x"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--block", "middle"));
        assertEquals(NearCli.EXIT_USAGE, usageCode("--reps", "0"));
        assertTrue(new Run("--block", "middle").err.contains("first|random"));
        assertTrue(new Run("--seed", "x").err.contains("needs an integer, got 'x'"));
    }
}
