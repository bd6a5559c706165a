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
package org.neardl4j.benchmarks.accuracy;

import org.neardl4j.cli.io.CsvTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.data.FashionMnist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark end to end at CI size: trains 4 architectures (MLP, MLP with batch norm, CNN, ResNet graph) on 512
 * images for one epoch, re-trains one with another seed, scores all proxies and writes the report. Checks that
 * the pipeline produces every output with finite correlations, not what the correlations are.
 */
class ProxyBenchmarkPipelineTest {

    private static final List<String> ARCHS = List.of("mlp-16-relu", "mlp-64x3-relu-bn", "cnn-c4-k3-max", "res-c8-b1");

    @Test
    void smallBenchmarkProducesEveryOutput(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(FashionMnist.isAvailable() || "true".equals(System.getenv("CI")),
                "Fashion-MNIST not installed in " + FashionMnist.directory());
        TrainingRecipe tiny = new TrainingRecipe(512, 1, 64, 42, 500);
        Path archs = dir.resolve("architectures.csv");
        Path reruns = dir.resolve("reruns.csv");
        TrainArchitectures.run(SearchSpace.byNames(ARCHS), tiny, archs, Integer.MAX_VALUE, 64);
        TrainArchitectures.run(SearchSpace.byNames(ARCHS.subList(0, 1)), tiny.withSeed(7), reruns, Integer.MAX_VALUE, 64);
        List<? extends Map<String, String>> rows = CsvTable.read(archs).rows();
        assertEquals(ARCHS.size(), rows.size());
        for (Map<String, String> r : rows) {
            double acc = Double.parseDouble(r.get("test_accuracy"));
            assertTrue(acc > 0.1 && acc <= 1, r.toString());
            assertTrue(Double.parseDouble(r.get("near_e1")) > 0, r.toString());
        }
        // resumable: nothing is trained twice
        TrainArchitectures.run(SearchSpace.byNames(ARCHS), tiny, archs, Integer.MAX_VALUE, 64);
        assertEquals(ARCHS.size(), CsvTable.read(archs).rows().size());

        ProxyBenchmark.Settings s = new ProxyBenchmark.Settings();
        s.archs = archs;
        s.reruns = reruns;
        s.scores = dir.resolve("proxy-scores.csv");
        s.report = dir.resolve("BENCHMARK.md");
        s.plots = dir.resolve("plots");
        s.repetitions = 2;
        s.batch = 32;
        s.nearSamples = 64;
        s.html = dir.resolve("benchmark.html");
        ProxyBenchmark.run(s);

        List<ProxyBenchmark.Labelled> proxies = ProxyBenchmark.proxies(s);
        assertEquals(org.neardl4j.proxy.ZeroCostProxies.NAMES.size() + 1, proxies.size());   // + near on one batch
        assertEquals(ARCHS.size() * proxies.size(), CsvTable.read(s.scores).rows().size());
        String md = Files.readString(s.report, StandardCharsets.UTF_8);
        for (ProxyBenchmark.Labelled p : proxies) {
            Matcher m = Pattern.compile("\\n\\| " + Pattern.quote(p.label) + " \\| (yes|no) \\| (yes|no) \\| (\\S+) \\| (\\S+) \\|")
                    .matcher(md);
            assertTrue(m.find(), "no table row for " + p.label + "\n" + md);
            for (int g = 3; g <= 4; g++) {
                double v = Double.parseDouble(m.group(g));
                assertTrue(v >= -1 && v <= 1, p.label + ": " + m.group(g));
            }
            assertTrue(Files.size(s.plots.resolve(p.label + ".png")) > 1000, p.label + ".png");
        }
        assertTrue(md.contains("## NEAR after training epochs"), md);
        // the HTML report: one table row and one scatter plot (one point per network) per proxy
        String html = Files.readString(s.html, StandardCharsets.UTF_8);
        for (ProxyBenchmark.Labelled p : proxies) {
            assertTrue(html.contains("<tr><td>" + p.label + "</td><td class=\"num\">" + ARCHS.size() + "</td>"),
                    p.label + " row\n" + html);
        }
        assertTrue(html.contains("<svg id=\"scatter\"") && !html.contains("<script"), html);
        assertTrue(html.split("<circle class=\"point\"", -1).length - 1 >= ARCHS.size() * (proxies.size() - 1), html);
        assertTrue(Files.exists(s.plots.resolve("near_epoch1.png")));
        assertTrue(md.contains("| mlp-16-relu | 42 |"), "re-run table\n" + md);
        // resumable: a second run scores nothing new
        ProxyBenchmark.run(s);
        assertEquals(ARCHS.size() * proxies.size(), CsvTable.read(s.scores).rows().size());
    }
}
