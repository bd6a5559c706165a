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
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of the nd4j-native build: the oneDNN build only where the CPU has what it needs. */
class NativeBuildTest {

    private static final Set<String> AVX2 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");

    @Test
    void oneDnnBuildOnlyOnLinuxX64WithAvx2AndFmaAndWhenShipped() {
        assertEquals(NativeBuild.ONEDNN, NativeBuild.choose("Linux", "amd64", AVX2, true));
        assertEquals("", NativeBuild.choose("Linux", "amd64", AVX2, false), "not on the classpath");
        assertEquals("", NativeBuild.choose("Linux", "amd64", Set.of("sse4_2", "avx"), true), "no AVX2");
        assertEquals("", NativeBuild.choose("Linux", "amd64", Set.of("avx", "avx2", "f16c"), true), "no FMA");
        assertEquals("", NativeBuild.choose("Linux", "amd64", Set.of(), true), "flags unknown");
        assertEquals("", NativeBuild.choose("Linux", "aarch64", AVX2, true), "another architecture");
        assertEquals("", NativeBuild.choose("Mac OS X", "x86_64", AVX2, true), "another OS");
    }

    @Test
    void cpuFlagsAreReadFromTheFirstProcessor(@TempDir Path dir) throws IOException {
        Path info = dir.resolve("cpuinfo");
        Files.writeString(info, "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu sse avx avx2 fma f16c\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n", StandardCharsets.UTF_8);
        assertEquals(Set.of("fpu", "sse", "avx", "avx2", "fma", "f16c"), NativeBuild.cpuFlags(info));
        assertEquals(Set.of(), NativeBuild.cpuFlags(dir.resolve("missing")));
    }

    @Test
    void theUsersChoiceWinsAndTheLoadedBuildIsReported() {
        String before = System.getProperty(NativeBuild.PROPERTY);
        try {
            System.setProperty(NativeBuild.PROPERTY, "-avx2");
            assertEquals("-avx2", NativeBuild.select());
            assertEquals("-avx2", System.getProperty(NativeBuild.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(NativeBuild.PROPERTY);
            } else {
                System.setProperty(NativeBuild.PROPERTY, before);
            }
        }
        org.nd4j.linalg.factory.Nd4j.create(1);
        String loaded = NativeBuild.loaded();
        assertNotEquals("?", loaded);
        assertTrue(loaded.startsWith("linux-x86_64"), loaded);
    }
}
