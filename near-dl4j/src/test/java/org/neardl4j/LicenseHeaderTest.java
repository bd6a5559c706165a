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
package org.neardl4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java source file of every module starts with the Apache License 2.0 header (LICENSE at the top of the
 * repository). The consumer project under {@code src/it} is exempt: it is the README's example, copied as written.
 */
class LicenseHeaderTest {

    private static final String FIRST_LINES = "/*\n * Copyright 2026 the near-dl4j authors\n *\n"
            + " * Licensed under the Apache License, Version 2.0 (the \"License\");";

    @Test
    void everySourceFileHasTheHeader() throws IOException {
        Path root = Paths.get("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("LICENSE")), "no LICENSE file at " + root);
        List<Path> missing;
        int[] count = {0};
        try (Stream<Path> files = Files.walk(root)) {
            missing = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !isExempt(root.relativize(p)))
                    .peek(p -> count[0]++)
                    .filter(p -> !startsWithHeader(p))
                    .map(root::relativize)
                    .collect(Collectors.toList());
        }
        assertTrue(count[0] > 100, "found only " + count[0] + " Java files under " + root);
        assertEquals(List.of(), missing, "Java files without the license header");
    }

    /** Build output, git's own files and the consumer project of {@code src/it}. */
    private static boolean isExempt(Path relative) {
        for (int i = 0; i < relative.getNameCount(); i++) {
            String part = relative.getName(i).toString();
            if (part.equals("target") || part.equals(".git")
                    || (part.equals("it") && i > 0 && relative.getName(i - 1).toString().equals("src"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithHeader(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).startsWith(FIRST_LINES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
