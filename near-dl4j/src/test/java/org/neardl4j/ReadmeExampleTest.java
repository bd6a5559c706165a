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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java examples are exactly the classes the consumer project (src/it/consumer, built by the
 * maven-invoker-plugin in {@code mvn verify}) compiles and runs against the installed near-dl4j: change both
 * together.
 */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleIsTheConsumerProjectsSource() throws Exception {
        assertReadmeBlockIs("ScoreExample");
    }

    @Test
    void readmeListenerExampleIsTheConsumerProjectsSource() throws Exception {
        assertReadmeBlockIs("ListenerExample");
    }

    @Test
    void readmeProxiesExampleIsTheConsumerProjectsSource() throws Exception {
        assertReadmeBlockIs("ProxiesExample");
    }

    private static void assertReadmeBlockIs(String className) throws Exception {
        String readme = Files.readString(Paths.get("../README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?s)```java\\n(import [^`]*?public class " + className + " \\{.*?\\n)```")
                .matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block with 'public class " + className + "'");
        Path source = Paths.get("src/it/consumer/src/main/java/" + className + ".java");
        assertEquals(Files.readString(source, StandardCharsets.UTF_8), m.group(1),
                "README's example and " + source + " differ");
    }
}
