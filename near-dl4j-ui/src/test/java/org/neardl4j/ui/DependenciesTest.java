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
package org.neardl4j.ui;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's UI pulls the JavaCPP presets of every platform (hdf5, OpenCV, FFmpeg, Leptonica, OpenBLAS {@code -platform}
 * artifacts) through deeplearning4j-core; the module excludes them. The test class path is the module's plus the
 * test-scoped nd4j-native for this platform: no {@code org.bytedeco} {@code -platform} artifact may be on it.
 */
class DependenciesTest {

    @Test
    void noJavaCppPlatformArtifactIsOnTheClassPath() {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        assertTrue(entries.length > 50, "the test class path: " + entries.length + " entries");
        Pattern platform = Pattern.compile("[/\\\\]org[/\\\\]bytedeco[/\\\\]([^/\\\\]+-platform)[/\\\\]");
        List<String> found = new ArrayList<>();
        for (String e : entries) {
            Matcher m = platform.matcher(e);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        assertEquals(List.of(), found, "-platform artifacts on the class path");
    }
}
