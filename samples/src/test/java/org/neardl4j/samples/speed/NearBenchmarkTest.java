package org.neardl4j.samples.speed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark program itself: its timing helper, its report block in a Markdown file, and one run of its small
 * {@code ci} suite end to end (the full suites take tens of minutes and are run by hand, see
 * {@code docs/PERFORMANCE.md}).
 */
class NearBenchmarkTest {

    private static final Path PARITY = Paths.get("../near-dl4j/src/test/resources/parity");

    @Test
    void pairedTimesAlternatesTheOrderAndReturnsEachTasksMedian() {
        Timing bench = Timing.forSuite(Suite.WORKLOADS);
        StringBuilder calls = new StringBuilder();
        double[] t = bench.pairedTimes(3, () -> {
            calls.append('a');
            sleep(300);
        }, () -> {
            calls.append('b');
            sleep(260);
        });
        // one run of each (over half a second together: no further warm-up), then 3 pairs in alternating order
        assertEquals("ab" + "ab" + "ba" + "ab", calls.toString());
        assertTrue(t[0] >= 0.300 && t[0] < 2, "median of a: " + t[0]);
        assertTrue(t[1] >= 0.260 && t[1] < 2, "median of b: " + t[1]);
    }

    @Test
    void writeBlockReplacesItsOwnBlockAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("PERF.md");
        Files.writeString(file, "# Title\n\nhand-written text\n", StandardCharsets.UTF_8);
        Report.writeBlock(file, "suite-x-cpu", "first run");
        Report.writeBlock(file, "suite-y-cpu", "other suite");
        Report.writeBlock(file, "suite-x-cpu", "second run");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Title\n\nhand-written text\n"), text);
        assertTrue(text.contains("<!-- near-bench:begin suite-x-cpu -->\nsecond run\n<!-- near-bench:end suite-x-cpu -->"),
                text);
        assertTrue(!text.contains("first run") && text.contains("other suite"), text);
        assertEquals(text.indexOf("near-bench:begin suite-x-cpu"), text.lastIndexOf("near-bench:begin suite-x-cpu"));
    }

    @Test
    void ciSuiteWritesEveryTableWithMeasuredNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("PERFORMANCE.md");
        NearBenchmark.main(new String[] {"--suite", "ci", "--runs", "1", "--parity", PARITY.toString(),
                "--out", file.toString()});
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String heading : new String[] {"### Effective rank of an n x n float matrix",
                "### Workloads: NEAR vs the forward pass alone", "### Where NEAR's time goes",
                "### Accuracy: largest relative difference", "### DL4J zoo models at initialisation"}) {
            assertTrue(text.contains(heading), "missing " + heading + " in\n" + text);
        }
        // the MLP row: forward and NEAR are positive times, NEAR includes the forward pass it needs
        Matcher mlp = Pattern.compile("\\| \\(a\\) MLP 784-100-10, 100 images \\| 4 \\(0\\) \\| 100 \\| ([0-9.]+) \\| ([0-9.]+) \\|")
                .matcher(text);
        assertTrue(mlp.find(), text);
        double forward = Double.parseDouble(mlp.group(1));
        double near = Double.parseDouble(mlp.group(2));
        assertTrue(forward > 0 && near > 0, mlp.group());
        // AUTO stays within 1e-6 of the double SVD on the parity matrices (the accuracy table's AUTO column)
        Matcher parity = Pattern.compile("\\| parity erank matrices \\| \\d+ \\| \\d+ \\| ([0-9.e+-]+) \\|").matcher(text);
        assertTrue(parity.find(), text);
        assertTrue(Double.parseDouble(parity.group(1)) <= 1e-6, parity.group());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
