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
package org.neardl4j.benchmarks.search;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.search.ChoiceSpace;
import org.neardl4j.search.Choices;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Fashion-MNIST search end to end at CI size (a few hundred images, one epoch, 2 + 2 networks): checks that
 * every output is written and consistent, not what the accuracies are.
 */
class FashionMnistSearchTest {

    @Test
    void everyNetworkOfTheSpaceBuildsAndNamesRoundTrip() {
        ChoiceSpace space = FashionMnistSearch.space(1);
        assertEquals(3 * 3 * 2 * 3 * 2 * 2, space.size());
        for (Choices c : List.of(space.enumerate().orElseThrow().get(0),
                space.enumerate().orElseThrow().get((int) space.size() - 1))) {
            ComputationGraph g = (ComputationGraph) space.build(c);
            assertEquals(c, space.parse(space.name(c)));
            long[] shape = g.outputSingle(org.nd4j.linalg.factory.Nd4j.rand(
                    org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 784)).shape();
            assertEquals(List.of(2L, 10L), List.of(shape[0], shape[1]));
        }
        List<Choices> picks = FashionMnistSearch.randomPicks(space, 5, 3);
        Set<Choices> distinct = new HashSet<>(picks);
        assertEquals(5, distinct.size());
        assertEquals(picks, FashionMnistSearch.randomPicks(space, 5, 3), "seeded");
    }

    @Test
    void smallRunWritesThePageAndTheCsv(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FashionMnist.isAvailable() || "true".equals(System.getenv("CI")),
                "Fashion-MNIST not installed in " + FashionMnist.directory());
        FashionMnistSearch.Settings s = new FashionMnistSearch.Settings();
        s.out = dir;
        s.html = dir.resolve("report.html");
        s.budget = 5;
        s.probe = 32;
        s.train = 256;
        s.validation = 128;
        s.test = 200;
        s.epochs = 1;
        s.top = 2;
        s.random = 2;
        s.command = "FashionMnistSearch --budget 5";
        FashionMnistSearch.Outcome o = FashionMnistSearch.run(s);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(dir.resolve("search/fashion-mnist.csv")))).getRecords();
        assertEquals(4, rows.size());
        assertEquals(FashionMnistSearch.CSV_HEADER, List.copyOf(rows.get(0).getParser().getHeaderNames()));
        int winners = 0;
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = rows.get(i);
            assertEquals(i < 2 ? "near top 2" : "random", r.get("group"));
            double acc = Double.parseDouble(r.get("test_accuracy"));
            assertTrue(acc >= 0 && acc <= 1, r.toString());
            assertEquals(1, Integer.parseInt(r.get("epochs")));
            if (Boolean.parseBoolean(r.get("winner"))) {
                winners++;
                assertEquals(o.finalists().winner().name(), r.get("name"));
            }
        }
        assertEquals(1, winners);
        // the finalists are the search's top 2, in rank order
        assertEquals(o.search().ranking().get(0).evaluation().name(), rows.get(0).get("name"));
        assertEquals(o.search().ranking().get(1).evaluation().name(), rows.get(1).get("name"));
        String md = Files.readString(dir.resolve("search/fashion-mnist.md"));
        assertTrue(md.contains("FashionMnistSearch --budget 5"), md);
        assertTrue(md.contains("`" + o.finalists().winner().name() + "` **(chosen)**"), md);
        assertTrue(md.contains("training images 0..255 (256 images)"), md);
        String html = Files.readString(s.html);
        assertTrue(html.contains(o.finalists().winner().name()));
    }
}
