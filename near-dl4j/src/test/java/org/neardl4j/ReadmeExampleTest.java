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
 * The README's Java example is exactly the class the consumer project (src/it/consumer, built by the
 * maven-invoker-plugin in {@code mvn verify}) compiles and runs against the installed near-dl4j: change both
 * together.
 */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleIsTheConsumerProjectsSource() throws Exception {
        String readme = Files.readString(Paths.get("../README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?s)```java\\n(import [^`]*?public class ScoreExample \\{.*?\\n)```").matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block with 'public class ScoreExample'");
        Path source = Paths.get("src/it/consumer/src/main/java/ScoreExample.java");
        assertEquals(Files.readString(source, StandardCharsets.UTF_8), m.group(1),
                "README's example and " + source + " differ");
    }
}
