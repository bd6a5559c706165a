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
package org.neardl4j.spark;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.io.Nb201Sources;
import org.neardl4j.score.NearScorer;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of {@link SparkRankingMain}: near-cli's option names, the NB201 spread, the output directory. */
class SparkRankingMainTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new SparkRankingMain(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void spreadPicksEvenlySpacedCells() {
        List<Nb201Cell> all = Nb201Cell.all();
        List<Nb201Cell> five = SparkRankingMain.spread(all, 5);
        assertEquals(List.of(all.get(0), all.get(3125), all.get(6250), all.get(9375), all.get(12500)), five);
        assertEquals(all, SparkRankingMain.spread(all, all.size()));
        assertEquals(20, new HashSet<>(SparkRankingMain.spread(all, 20)).size());
    }

    @Test
    void oldOptionNamesAreRefusedWithNearClisWords() {
        for (String old : new String[] {"--probe", "--samples", "--output"}) {
            String[] r = run("--nb201", "2", old, "x", "--out", "y");
            assertEquals("2", r[0], old);
            assertTrue(r[2].contains("unknown option '" + old + "'"), r[2]);
        }
        String[] r = run("--nb201", "2", "--max-samples", "0", "--out", "y");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--max-samples"), r[2]);
        r = run("--nb201", "|nor_conv_3x3~0|+|bogus~0|none~1|+|none~0|none~1|none~2|", "--out", "y");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("bogus"), r[2]);
    }

    @Test
    void noSparkRanksSpreadCellsNamedByCellIntoAnOutputDirectory(@TempDir Path dir) throws Exception {
        String out = dir.resolve("out").toUri().toString();
        String[] r = run("--nb201", "3", "--max-samples", "10", "--repetitions", "1", "--seed", "5", "--no-spark",
                "--quiet", "--out", out);
        assertEquals("0", r[0], r[2]);
        List<Nb201Cell> cells = SparkRankingMain.spread(Nb201Cell.all(), 3);
        // the same networks ranked here, independently of the command
        RankingResult expected = ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(1).seed(5)
                .build()).build().rank(cells.stream().map(c -> Candidate.ofConfiguration(c.toString(),
                Nb201Network.defaults().configuration(c))).toList(), Nb201Sources.bundledImages(10, DataType.FLOAT));
        List<CSVRecord> rows = ClusterFixtures.rows(out);
        assertEquals(3, rows.size());
        for (CSVRecord row : rows) {
            assertEquals(String.valueOf(expected.get(row.get("name")).scores().get(0)), row.get("scores"));
        }
        assertTrue(r[1].contains(cells.get(1).toString()), r[1]);
        // run again: nothing left to score
        r = run("--nb201", "3", "--max-samples", "10", "--repetitions", "1", "--seed", "5", "--no-spark", "--quiet",
                "--out", out);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("scored in this run 0,"), r[1]);
        // another seed on the same output is refused
        r = run("--nb201", "3", "--max-samples", "10", "--repetitions", "1", "--seed", "6", "--no-spark", "--quiet",
                "--out", out);
        assertNotEquals("0", r[0]);
        assertTrue(r[2].contains("seed"), r[2]);
        Map<String, String> scores = ClusterFixtures.scores(ClusterFixtures.rows(out));
        assertEquals(3, scores.size());
    }
}
