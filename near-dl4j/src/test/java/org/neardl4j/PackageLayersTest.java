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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package structure of the library: every package sits in a layer and refers (imports, fully qualified names,
 * Javadoc links) only to packages of lower layers, so there are no import cycles and no package uses one above it.
 * Read from the sources, so a new package must be given a layer here.
 */
class PackageLayersTest {

    /** Layer of each package of org.neardl4j: lower numbers lie below. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("concurrent", 0), Map.entry("internal", 0),
            Map.entry("rank", 1), Map.entry("sampling", 1), Map.entry("data", 1), Map.entry("init", 1),
            Map.entry("capture", 2),
            Map.entry("score", 3),
            Map.entry("listener", 4), Map.entry("proxy", 4), Map.entry("space", 4),
            Map.entry("search", 5),
            Map.entry("tune", 6));

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.neardl4j\\.([a-z][a-z0-9]*)\\.");

    @Test
    void everyPackageRefersOnlyToLowerLayers() throws IOException {
        Path root = Paths.get("src/main/java/org/neardl4j");
        assertTrue(Files.isDirectory(root), "run from the near-dl4j module: " + root.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path f : (Iterable<Path>) paths.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    violations.add(rel + ": a class outside every package layer");
                    continue;
                }
                String pkg = rel.getName(0).toString();
                Integer own = LAYERS.get(pkg);
                if (own == null) {
                    unknown.add(pkg);
                    continue;
                }
                Matcher m = REFERENCE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                TreeSet<String> bad = new TreeSet<>();
                while (m.find()) {
                    String other = m.group(1);
                    if (other.equals(pkg)) {
                        continue;
                    }
                    Integer layer = LAYERS.get(other);
                    if (layer == null) {
                        unknown.add(other);
                    } else if (layer >= own) {
                        bad.add(other);
                    }
                }
                for (String b : bad) {
                    violations.add(rel + " (" + pkg + ", layer " + own + ") refers to " + b + " (layer " + LAYERS.get(b)
                            + ")");
                }
            }
        }
        assertTrue(files > 50, "found only " + files + " source files under " + root.toAbsolutePath());
        assertEquals(List.of(), new ArrayList<>(unknown), "packages without a layer: add them to LAYERS");
        assertEquals(List.of(), violations, "references to a package of the same or a higher layer");
    }

    @Test
    void theCheckSeesAnUpwardReference() {
        // the pattern the check relies on, on a line that would break the layering
        Matcher m = REFERENCE.matcher("import org.neardl4j.tune.RankingResult;");
        assertTrue(m.find());
        assertEquals("tune", m.group(1));
        assertTrue(LAYERS.get("tune") > LAYERS.get("score"));
    }
}
