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
package org.neardl4j.tune;

import com.google.gson.JsonArray;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.tune.TuneFixtures.features;
import static org.neardl4j.tune.TuneFixtures.mlp;
import static org.neardl4j.tune.TuneFixtures.mlpConf;

class ArchitectureRankingTest {

    private static INDArray x;

    @BeforeAll
    static void data() {
        x = features(96, 3);
    }

    private static final ArchitectureRanking RANKING = ArchitectureRanking.builder()
            .scorer(NearScorer.builder().repetitions(3).seed(9).build()).build();

    private static double reference(MultiLayerNetwork net) {
        return NearScorer.builder().repetitions(3).seed(9).build().score(net, x).score();
    }

    @Test
    void ranksByNearAveragedOverRepetitions() {
        RankingResult r = RANKING.rank(List.of(
                Candidate.ofModel("w4", mlp(4)),
                Candidate.ofConfiguration("w64", mlpConf(64)),
                Candidate.ofSupplier("w16", () -> mlp(16))), x);
        // each matrix's effective rank is at most its width: the narrow network cannot win
        assertEquals(List.of("w64", "w16", "w4"), r.names());
        assertEquals(List.of(1, 2, 3), r.entries().stream().map(RankedCandidate::rank).toList());
        for (int w : new int[] {4, 16, 64}) {
            RankedCandidate c = r.get("w" + w);
            MultiLayerNetwork same = mlp(w);
            assertEquals(reference(same), c.score(), 1e-9, "w" + w);
            assertEquals(same.numParams(), c.parameters());
            assertEquals(3, c.scores().size());
            NearResult direct = NearScorer.builder().repetitions(3).seed(9).build().score(same, x);
            assertEquals(direct.standardDeviation(), c.standardDeviation(), 1e-9);
            assertTrue(c.standardDeviation() > 0, "fresh initialisations differ");
        }
        assertEquals(r.get("w64"), r.best());
        assertFalse(r.correlation().isPresent());
        assertEquals(3, r.provenance().repetitions());
        assertEquals(9, r.provenance().seed());
    }

    @Test
    void aConfigurationAModelAndASupplierOfTheSameNetworkScoreAlike() {
        RankingResult r = RANKING.rank(List.of(
                Candidate.ofModel("model", mlp(8)),
                Candidate.ofConfiguration("conf", mlpConf(8)),
                Candidate.ofSupplier("supplier", () -> mlp(8)),
                Candidate.ofConfiguration("graph", TuneFixtures.graphConf(8))), x);
        double s = r.get("model").score();
        assertEquals(s, r.get("conf").score(), 1e-12);
        assertEquals(s, r.get("supplier").score(), 1e-12);
        assertEquals(NearScorer.builder().repetitions(3).seed(9).build().score(TuneFixtures.graph(8), x).score(),
                r.get("graph").score(), 1e-9);
    }

    @Test
    void buildingFromAConfigurationLeavesTheCallersRandomGeneratorAlone() {
        // building a configuration seeds ND4J's generator itself: build them first
        List<Candidate> candidates = List.of(Candidate.ofConfiguration("a", mlpConf(8)),
                Candidate.ofConfiguration("b", mlpConf(16)));
        Nd4j.getRandom().setSeed(1234);
        double expected = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(1234);
        RANKING.rank(candidates, x);
        assertEquals(expected, Nd4j.getRandom().nextDouble(), 0);
    }

    @Test
    void freshWeightsIgnoreTrainedWeights() {
        MultiLayerNetwork trained = mlp(16);
        INDArray labels = Nd4j.zeros(96, 3);
        for (int i = 0; i < 96; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        for (int i = 0; i < 20; i++) {
            trained.fit(x, labels);
        }
        ArchitectureRanking fresh = ArchitectureRanking.builder()
                .scorer(NearScorer.builder().repetitions(2).seed(9).build()).freshWeights(true).build();
        RankingResult r = fresh.rank(List.of(Candidate.ofModel("trained", trained), Candidate.ofModel("untrained", mlp(16))), x);
        assertEquals(r.get("trained").score(), r.get("untrained").score(), 1e-12);
        RankingResult asGiven = RANKING.rank(List.of(Candidate.ofModel("trained", trained),
                Candidate.ofModel("untrained", mlp(16))), x);
        assertTrue(Math.abs(asGiven.get("trained").score() - asGiven.get("untrained").score()) > 1e-6);
    }

    @Test
    void ranksOnAnIterator() {
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 96; i += 32) {
            INDArray f = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 32),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            batches.add(new DataSet(f, Nd4j.zeros(32, 3)));
        }
        // first blocks: the block start does not depend on how many rows were fed
        ArchitectureRanking first = ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(3).seed(9)
                .blockMode(org.neardl4j.sampling.BlockMode.FIRST).build()).build();
        RankingResult onIterator = first.rank(List.of(Candidate.ofConfiguration("w8", mlpConf(8)),
                Candidate.ofConfiguration("w48", mlpConf(48))), new ListDataSetIterator<>(batches, 1));
        RankingResult onArray = first.rank(List.of(Candidate.ofConfiguration("w8", mlpConf(8)),
                Candidate.ofConfiguration("w48", mlpConf(48))), x);
        // both score the first rows; the 48-wide layer needs 48 rows, so two batches of 32
        // (float matrix products over batches of 32 and of 96 differ in the last bits)
        assertEquals(onArray.get("w48").score(), onIterator.get("w48").score(), 1e-6);
        assertEquals(onArray.get("w8").score(), onIterator.get("w8").score(), 1e-6);
    }

    @Test
    void withMetricReportsCorrelationsAndMetricRanks() {
        RankingResult r = RANKING.rank(List.of(
                Candidate.ofConfiguration("w4", mlpConf(4)),
                Candidate.ofConfiguration("w8", mlpConf(8)),
                Candidate.ofConfiguration("w16", mlpConf(16)),
                Candidate.ofConfiguration("w32", mlpConf(32))), x);
        assertEquals(List.of("w32", "w16", "w8", "w4"), r.names());
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("w4", 0.70);
        acc.put("w8", 0.80);
        acc.put("w16", 0.85);
        acc.put("w32", 0.84);
        RankingResult m = r.withMetric("accuracy", acc, true, 2);
        RankCorrelation c = m.correlation().orElseThrow();
        // metric order w16 > w32 > w8 > w4 vs NEAR order w32 > w16 > w8 > w4: one swapped pair of 6
        assertEquals(1 - 6.0 * 2 / (4 * 15), c.spearman(), 1e-12);
        assertEquals((5 - 1) / 6.0, c.kendall(), 1e-12);
        assertEquals(2, c.topKCommon());
        assertEquals(2, m.get("w32").metricRank());
        assertEquals(1, m.get("w16").metricRank());
        assertEquals(0.84, m.get("w32").metric().getAsDouble(), 0);
        assertEquals("accuracy", m.metricName().orElseThrow());
        assertFalse(r.correlation().isPresent(), "the original result is unchanged");

        // an error rate: lower is better; the correlations keep their sign convention
        Map<String, Double> err = new LinkedHashMap<>();
        acc.forEach((k, v) -> err.put(k, 1 - v));
        RankingResult e = r.withMetric("error", err, false, 2);
        assertEquals(c.spearman(), e.correlation().orElseThrow().spearman(), 1e-12);
        assertEquals(1, e.get("w16").metricRank());

        // a missing candidate is left out with a warning; an unknown name is an error
        RankingResult partial = r.withMetric("accuracy", Map.of("w4", 0.7, "w8", 0.8, "w32", 0.9));
        assertEquals(3, partial.correlation().orElseThrow().n());
        assertEquals(1.0, partial.correlation().orElseThrow().spearman(), 1e-12);
        assertTrue(partial.warnings().stream().anyMatch(w -> w.contains("[w16]")), partial.warnings().toString());
        assertFalse(partial.get("w16").metric().isPresent());
        // a second metric replaces the first, and its warning with it
        RankingResult replaced = partial.withMetric("accuracy", Map.of("w4", 0.7, "w8", 0.8, "w16", 0.85, "w32", 0.9));
        assertTrue(replaced.warnings().stream().noneMatch(w -> w.startsWith("no accuracy for")),
                replaced.warnings().toString());
        assertEquals(r.warnings(), replaced.warnings());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> r.withMetric("accuracy", Map.of("w4", 0.7, "w5", 0.8)));
        assertTrue(unknown.getMessage().contains("[w5]"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.withMetric("accuracy", Map.of("w4", 0.7)));
        assertThrows(IllegalArgumentException.class, () -> r.withMetric("accuracy", Map.of("w4", 0.7, "w8", Double.NaN)));
    }

    @Test
    void printsCsvAndJson(@TempDir Path dir) throws IOException {
        RankingResult r = RANKING.rank(List.of(Candidate.ofConfiguration("small", mlpConf(4)),
                Candidate.ofConfiguration("big, wide", mlpConf(32)), Candidate.ofConfiguration("mid", mlpConf(8))), x)
                .withMetric("acc", Map.of("small", 0.5, "big, wide", 0.9));
        String table = r.toString();
        assertTrue(table.contains("big, wide") && table.contains("acc") && table.contains("Spearman rho"), table);

        Path csv = dir.resolve("ranking.csv");
        r.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("rank,name,score,sd,parameters,acc,acc_rank", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("1,\"big, wide\"," + r.get("big, wide").score() + ","), lines.get(1));
        assertTrue(lines.get(1).endsWith(",0.9,1"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,mid,") && lines.get(2).endsWith(",,"), lines.get(2));

        JsonObject json = new JsonParser().parse(r.toJson()).getAsJsonObject();
        JsonArray cands = json.getAsJsonArray("candidates");
        assertEquals(3, cands.size());
        assertEquals("big, wide", cands.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(r.best().score(), cands.get(0).getAsJsonObject().get("score").getAsDouble(), 0);
        assertEquals(3, cands.get(0).getAsJsonObject().getAsJsonArray("scores").size());
        assertEquals(1.0, json.getAsJsonObject("correlation").get("spearman").getAsDouble(), 1e-12);
        assertEquals(1, json.getAsJsonArray("warnings").size());
    }

    /** The table's sd column: the sample standard deviation of the repetitions, "-" when there is only one. */
    @Test
    void tablePrintsSdOnlyForSeveralRepetitions() {
        List<Candidate> cands = List.of(Candidate.ofConfiguration("small", mlpConf(4)),
                Candidate.ofConfiguration("mid", mlpConf(8)));
        RankingResult three = RANKING.rank(cands, x);
        RankedCandidate c = three.get("mid");
        double mean = c.scores().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = c.scores().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        String sd = String.format(java.util.Locale.ROOT, "%.4f", Math.sqrt(ss / (c.scores().size() - 1)));
        String row = three.toString().lines().filter(l -> l.contains(" mid ")).findFirst().orElseThrow();
        assertEquals(sd, row.trim().split("\\s+")[3], three.toString());
        assertTrue(c.toString().contains("+- " + sd), c.toString());

        RankingResult one = RANKING.toBuilder().scorer(NearScorer.builder().repetitions(1).seed(7).build()).build()
                .rank(cands, x);
        String row1 = one.toString().lines().filter(l -> l.contains(" mid ")).findFirst().orElseThrow();
        assertEquals("-", row1.trim().split("\\s+")[3], one.toString());
        assertFalse(one.get("mid").toString().contains("+-"), one.get("mid").toString());
    }

    /** Names with a comma, a quote and a line break, and such a metric name, come back from the CSV unchanged. */
    @Test
    void csvRoundTripsNamesWithCommasAndQuotes(@TempDir Path dir) throws IOException {
        String odd = "say \"hi\", wide";
        String broken = "two\nlines";
        String metric = "acc, top-1";
        RankingResult r = RANKING.rank(List.of(Candidate.ofConfiguration(odd, mlpConf(4)),
                Candidate.ofConfiguration(broken, mlpConf(8)), Candidate.ofConfiguration("plain", mlpConf(16))), x)
                .withMetric(metric, Map.of(odd, 0.5, "plain", 0.75));
        Path csv = dir.resolve("ranking.csv");
        r.writeCsv(csv);
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            assertEquals(List.of("rank", "name", "score", "sd", "parameters", metric, metric + "_rank"),
                    p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(r.names(), rows.stream().map(c -> c.get("name")).toList());
            for (CSVRecord row : rows) {
                RankedCandidate c = r.get(row.get("name"));
                assertEquals(c.rank(), Integer.parseInt(row.get("rank")));
                assertEquals(c.score(), Double.parseDouble(row.get("score")), 0);
                assertEquals(c.standardDeviation(), Double.parseDouble(row.get("sd")), 0);
                assertEquals(c.parameters(), Long.parseLong(row.get("parameters")));
                assertEquals(c.metric().isPresent() ? Double.toString(c.metric().getAsDouble()) : "", row.get(metric));
                assertEquals(c.metric().isPresent() ? Integer.toString(c.metricRank()) : "", row.get(metric + "_rank"));
            }
        }
    }

    @Test
    void toBuilderKeepsEveryOption() {
        NearScorer scorer = NearScorer.builder().repetitions(2).seed(9).build();
        ArchitectureRanking r = ArchitectureRanking.builder().scorer(scorer).freshWeights(true).isolateFailures(true)
                .build();
        ArchitectureRanking same = r.toBuilder().build();
        assertSame(scorer, same.scorer());
        assertTrue(same.freshWeights());
        assertTrue(same.isolateFailures());
        ArchitectureRanking strict = r.toBuilder().isolateFailures(false).build();
        assertFalse(strict.isolateFailures());
        assertTrue(strict.freshWeights());
        assertSame(scorer, strict.scorer());
    }

    @Test
    void readsMetricCsv(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("acc.csv");
        Files.writeString(f, "model,accuracy\n# a comment\na.zip,0.81\n\n\"b, c.zip\",0.86\n");
        Map<String, Double> m = RankingResult.readMetricCsv(f);
        assertEquals(Map.of("a.zip", 0.81, "b, c.zip", 0.86), m);
        Files.writeString(f, "a,0.5\na,0.6\n");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> RankingResult.readMetricCsv(f));
        assertTrue(twice.getMessage().contains("line 2") && twice.getMessage().contains("twice"), twice.getMessage());
        Files.writeString(f, "a,0.5\nb,high\n");
        assertThrows(IllegalArgumentException.class, () -> RankingResult.readMetricCsv(f));
        Files.writeString(f, "just a name\n");
        assertThrows(IllegalArgumentException.class, () -> RankingResult.readMetricCsv(f));
        // only the first record may be a header: a bad value right after it is an error, not a second header
        Files.writeString(f, "# accuracies\nmodel,accuracy\nx.zip,n/a\na.zip,0.5\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RankingResult.readMetricCsv(f));
        assertTrue(bad.getMessage().contains("line 3") && bad.getMessage().contains("'n/a' is not a number"),
                bad.getMessage());
    }

    @Test
    void clearErrors() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> RANKING.rank(
                List.of(Candidate.ofConfiguration("a", mlpConf(4)), Candidate.ofConfiguration("a", mlpConf(8))), x));
        assertTrue(dup.getMessage().contains("'a'"), dup.getMessage());
        INDArray wrong = features(32, 1).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)).dup();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RANKING.rank(List.of(Candidate.ofConfiguration("narrow-input", mlpConf(4))), wrong));
        assertTrue(bad.getMessage().startsWith("candidate 'narrow-input' could not be scored"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RANKING.rank(List.of(), x));
        assertThrows(IllegalArgumentException.class, () -> Candidate.ofSupplier(" ", () -> mlp(4)));
        assertThrows(IllegalArgumentException.class,
                () -> RANKING.rank(List.of(Candidate.ofSupplier("null", () -> null)), x));
        assertThrows(IllegalArgumentException.class, () -> NearScorer.builder().repetitions(0));
    }

    // ------------------------------------------------------------------------------------------ variants

    @Test
    void weightInitialisationsWithKnownScores() {
        // ZERO: hidden pre/post and output pre are all-zero matrices (erank 0); softmax of zeros is a constant
        // matrix of rank 1. ONES: every matrix has identical columns, rank 1. Both give the same weights at every
        // repetition, so their scores are exact.
        SelectionResult<WeightInit> s = RANKING.rankVariants(List.of(WeightInit.ZERO, WeightInit.ONES, WeightInit.XAVIER),
                w -> mlp(mlpConf(16, Activation.RELU, w, 42)), x);
        assertEquals(List.of(WeightInit.XAVIER, WeightInit.ONES, WeightInit.ZERO), s.ranked());
        assertEquals(WeightInit.XAVIER, s.best());
        assertEquals(1.0, s.entry(WeightInit.ZERO).score(), 1e-3);
        assertEquals(0.0, s.entry(WeightInit.ZERO).standardDeviation(), 1e-9);
        assertEquals(4.0, s.entry(WeightInit.ONES).score(), 1e-3);
        assertEquals(reference(mlp(mlpConf(16, Activation.RELU, WeightInit.XAVIER, 42))),
                s.entry(WeightInit.XAVIER).score(), 1e-9);
        assertEquals("XAVIER", s.ranking().best().name());
        assertEquals(WeightInit.ONES, s.value(s.ranking().entries().get(1)));
    }

    @Test
    void activationsRankedWithStandardDeviations() {
        List<Activation> acts = List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY);
        SelectionResult<Activation> s = RANKING.rankVariants(acts,
                a -> mlp(mlpConf(24, a, WeightInit.XAVIER, 42)), x);
        assertEquals(4, s.ranked().size());
        for (Activation a : acts) {
            RankedCandidate c = s.entry(a);
            NearResult direct = NearScorer.builder().repetitions(3).seed(9).build()
                    .score(mlp(mlpConf(24, a, WeightInit.XAVIER, 42)), x);
            assertEquals(direct.score(), c.score(), 1e-9, a.name());
            assertEquals(direct.standardDeviation(), c.standardDeviation(), 1e-9, a.name());
        }
        for (int i = 1; i < 4; i++) {
            assertTrue(s.ranking().entries().get(i - 1).score() >= s.ranking().entries().get(i).score());
        }
        // the identity gives one matrix per layer instead of two, so it cannot match the others
        assertEquals(Activation.IDENTITY, s.ranked().get(3));
        Map<Activation, Double> acc = Map.of(Activation.RELU, 0.9, Activation.TANH, 0.8, Activation.SIGMOID, 0.7,
                Activation.IDENTITY, 0.6);
        SelectionResult<Activation> withAcc = s.withMetric("accuracy", acc);
        assertEquals(0.9, withAcc.entry(Activation.RELU).metric().getAsDouble(), 0);
        assertTrue(withAcc.ranking().correlation().isPresent());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> RANKING.rankVariants(List.of(Activation.RELU, Activation.TANH), a -> "same",
                        a -> mlp(mlpConf(4, a, WeightInit.XAVIER, 1)), x));
        assertTrue(dup.getMessage().contains("'same'"), dup.getMessage());
    }

    /**
     * Parameters are the trainable ones: batch normalisation's running mean and variance, which DL4J keeps among a
     * layer's parameters ({@code numParams()}), are not counted (as NAS-Bench-201 and PyTorch count).
     */
    @Test
    void parametersLeaveOutBatchNormStatistics() {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration
                .Builder().seed(3).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(x.size(1)).nOut(12)
                        .activation(Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nOut(12).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(12).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        RankingResult r = RANKING.rank(List.of(Candidate.ofConfiguration("bn", conf),
                Candidate.ofModel("w4", mlp(4))), x);
        long nIn = x.size(1);
        // dense W and b, batch norm gamma and beta, output W and b
        assertEquals(nIn * 12 + 12 + 2 * 12 + 12 * 3 + 3, r.get("bn").parameters());
    }
}
