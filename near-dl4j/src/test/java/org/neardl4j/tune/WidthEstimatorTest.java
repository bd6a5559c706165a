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

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.RepetitionScore;
import org.neardl4j.score.NearScorer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neardl4j.tune.TuneFixtures.features;
import static org.neardl4j.tune.TuneFixtures.mlp;

class WidthEstimatorTest {

    private static final int[] WIDTHS = {4, 8, 16, 32, 64};
    private static INDArray x;

    @BeforeAll
    static void setUp() {
        System.setProperty("java.awt.headless", "true");
        x = features(128, 17);
    }

    private static WidthEstimator.Builder estimator() {
        return WidthEstimator.builder().widths(WIDTHS).layer("hidden")
                .scorer(NearScorer.builder().repetitions(2).seed(3).build());
    }

    @Test
    void pointsAreTheLayersNearPerNeuronAndTheFitGoesThroughThem() {
        WidthEstimate e = estimator().build().estimate(TuneFixtures::mlp, x);
        assertEquals(WIDTHS.length, e.points().size());
        double[] xs = new double[WIDTHS.length];
        double[] ys = new double[WIDTHS.length];
        NearScorer scorer = NearScorer.builder().repetitions(2).seed(3).build();
        for (int i = 0; i < WIDTHS.length; i++) {
            int w = WIDTHS[i];
            NearResult r = scorer.score(mlp(w), x);
            double sum = 0;
            for (RepetitionScore rep : r.repetitions()) {
                for (MatrixScore m : rep.matrices()) {
                    if (m.layerIndex() == 0) {          // the dense layer "hidden": pre and post
                        sum += m.effectiveRank();
                    }
                }
            }
            // mean over 2 repetitions, divided by the width and the two matrices (pre and post)
            double expected = sum / 2 / w / 2;
            WidthPoint p = e.points().get(i);
            assertEquals(w, p.width());
            assertEquals(2, p.matrices());
            assertEquals(expected, p.ratio(), 1e-12, "width " + w);
            assertTrue(p.ratio() <= 1.0 + 1e-9, "each matrix has an effective rank of at most w");
            assertEquals(mlp(w).numParams(), p.parameters());
            xs[i] = w;
            ys[i] = expected;
        }
        // NEAR per neuron falls as the layer widens (the input has only 12 features)
        for (int i = 1; i < WIDTHS.length; i++) {
            assertTrue(ys[i] < ys[i - 1], "ratio at " + WIDTHS[i]);
        }
        PowerLawFit independent = PowerLawFit.fit(xs, ys);
        assertEquals(independent.c(), e.fit().c(), 1e-12);
        assertEquals(independent.xAtSlopeRatio(0.005), e.optimalWidth(), 1e-9);
        assertEquals((int) Math.ceil(e.optimalWidth()), e.suggestedWidth());
        assertTrue(e.fit().c() < 1);
        assertEquals(0.005, e.threshold());
        assertEquals("'hidden'", e.layer());

        JsonObject json = new JsonParser().parse(e.toJson()).getAsJsonObject();
        assertEquals(e.optimalWidth(), json.get("optimalWidth").getAsDouble(), 0);
        assertEquals(WIDTHS.length, json.getAsJsonArray("points").size());
        assertEquals("constraint", json.getAsJsonObject("fit").get("anchor").getAsString());
        assertTrue(e.toString().contains("x* = t^(1/(c-1))"), e.toString());
    }

    @Test
    void layerByIndexEqualsLayerByNameAndGraphsWork() {
        WidthEstimate byName = estimator().build().estimate(TuneFixtures::mlp, x);
        WidthEstimate byIndex = estimator().layer(0).build().estimate(TuneFixtures::mlp, x);
        assertEquals(byName.optimalWidth(), byIndex.optimalWidth(), 0);
        WidthEstimate graph = estimator().threshold(0.01).anchorWeight(1).build().estimate(TuneFixtures::graph, x);
        assertFalse(graph.fit().isConstrained());
        assertEquals(graph.fit().xAtSlopeRatio(0.01), graph.optimalWidth(), 0);
        assertTrue(graph.warnings().stream().anyMatch(w -> w.contains("outside the widths tried")), graph.warnings()
                .toString());
        NearResult g16 = NearScorer.builder().repetitions(2).seed(3).build().score(TuneFixtures.graph(16), x);
        double sum = 0;
        for (RepetitionScore rep : g16.repetitions()) {
            for (MatrixScore m : rep.matrices()) {
                if (m.layerName().equals("hidden")) {
                    sum += m.effectiveRank();
                }
            }
        }
        assertEquals(sum / 2 / 16 / 2, graph.points().get(2).ratio(), 1e-12);
    }

    @Test
    void oneKindOfMatrixAlone() {
        WidthEstimate pre = estimator().kind(MatrixKind.PRE).build().estimate(TuneFixtures::mlp, x);
        WidthEstimate post = estimator().kind(MatrixKind.POST).build().estimate(TuneFixtures::mlp, x);
        WidthEstimate both = estimator().build().estimate(TuneFixtures::mlp, x);
        for (int i = 0; i < WIDTHS.length; i++) {
            assertEquals(1, pre.points().get(i).matrices());
            // the mean of the two kinds is the value for both
            assertEquals(both.points().get(i).ratio(), (pre.points().get(i).ratio() + post.points().get(i).ratio()) / 2,
                    1e-12);
            // the input has 12 features: the pre-activation's rank stays at most 12 + 1 (bias)
            assertTrue(pre.points().get(i).layerScore() <= 13 + 1e-9);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator().layer("out").kind(MatrixKind.POST).widths(4, 8, 16).build().estimate(w -> mlp(3), x));
        assertTrue(e.getMessage().contains("out"), e.getMessage());
    }

    @Test
    void clearErrorsForTheWrongLayerOrAFactoryThatIgnoresTheWidth() {
        IllegalArgumentException noLayer = assertThrows(IllegalArgumentException.class,
                () -> estimator().layer("nope").build().estimate(TuneFixtures::mlp, x));
        assertTrue(noLayer.getMessage().contains("layer 'nope' gives no NEAR matrix")
                && noLayer.getMessage().contains("0:hidden"), noLayer.getMessage());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class,
                () -> estimator().build().estimate(w -> mlp(10), x));
        assertTrue(fixed.getMessage().contains("has 10 neurons") && fixed.getMessage().contains("width 4"),
                fixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().widths(8, 16));
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().widths(8, 16, 16, 32));
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().widths(1, 16, 32));
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().widths(8, 16, 32).build());
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().layer("a").build());
        assertThrows(IllegalArgumentException.class, () -> WidthEstimator.builder().threshold(1.5));
    }

    @Test
    void aLayerWhoseWidthDoesNotChangeIsNamed() {
        // the output layer keeps its 3 classes whatever the hidden width: the check names it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> estimator().layer("out").build().estimate(TuneFixtures::mlp, x));
        assertTrue(e.getMessage().contains("layer 'out' has 3 neurons"), e.getMessage());
    }

    /** Points whose per-neuron value follows a + b w^c exactly (one matrix, one repetition). */
    private static ImmutableList<WidthPoint> constructed(double a, double b, double c, int... widths) {
        ImmutableList.Builder<WidthPoint> pts = ImmutableList.builder();
        for (int w : widths) {
            pts.add(new WidthPoint(w, 1, List.of(w * (a + b * Math.pow(w, c))), 0));
        }
        return pts.build();
    }

    @Test
    void constructedPointsWithAKnownAnswer() {
        // a = 0.1, b = 0.9, c = -0.7: x* = 0.005^(1 / -1.7) = 200^(1/1.7) = 22.5708...
        WidthEstimate e = estimator().build().fromPoints(constructed(0.1, 0.9, -0.7, 10, 20, 40, 80, 160, 320, 640),
                new LinkedHashSet<>());
        assertEquals(-0.7, e.fit().c(), 1e-8);
        assertEquals(22.57081, e.optimalWidth(), 1e-4);
        assertEquals(23, e.suggestedWidth());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
        // the authors' threshold 0.01: 100^(1/1.7) = 15.0131...
        WidthEstimate t01 = estimator().threshold(0.01).build()
                .fromPoints(constructed(0.1, 0.9, -0.7, 10, 20, 40, 80, 160, 320, 640), new LinkedHashSet<>());
        assertEquals(15.01311, t01.optimalWidth(), 1e-4);
    }

    @Test
    void anExponentOfOneOrMoreFailsWithThePoints() {
        ImmutableList<WidthPoint> pts = constructed(1.05, -0.05, 1.4, 10, 20, 40, 80);
        WidthFitException e = assertThrows(WidthFitException.class,
                () -> estimator().build().fromPoints(pts, new LinkedHashSet<>()));
        assertTrue(e.getMessage().startsWith("layer 'hidden': the fitted exponent c = 1.4000 is >= 1"), e.getMessage());
        assertEquals(pts, e.points());
        assertEquals(1.4, e.fit().orElseThrow().c(), 1e-6);
    }

    @Test
    void flatOrUnfittablePointsGiveNoWidth() {
        // the same NEAR per neuron at every width: no slope to find (the fit used to answer "width 2", R^2 = 0)
        ImmutableList<WidthPoint> flat = ImmutableList.of(new WidthPoint(8, 1, List.of(8 * 0.5), 0),
                new WidthPoint(16, 1, List.of(16 * 0.5), 0), new WidthPoint(32, 1, List.of(32 * 0.5), 0),
                new WidthPoint(64, 1, List.of(64 * 0.5), 0));
        WidthFitException e = assertThrows(WidthFitException.class,
                () -> estimator().build().fromPoints(flat, new LinkedHashSet<>()));
        assertTrue(e.getMessage().startsWith("layer 'hidden': the curve does not fit the points"), e.getMessage());
        assertEquals(flat, e.points());
        // nearly flat with noise: R^2 (computed here from the fit's own curve) below MIN_FIT
        ImmutableList<WidthPoint> noisy = ImmutableList.of(new WidthPoint(8, 1, List.of(8 * 0.50), 0),
                new WidthPoint(16, 1, List.of(16 * 0.51), 0), new WidthPoint(32, 1, List.of(32 * 0.49), 0),
                new WidthPoint(64, 1, List.of(64 * 0.505), 0), new WidthPoint(128, 1, List.of(128 * 0.495), 0));
        WidthFitException n = assertThrows(WidthFitException.class,
                () -> estimator().build().fromPoints(noisy, new LinkedHashSet<>()));
        PowerLawFit fit = n.fit().orElseThrow();
        double[] y = {0.50, 0.51, 0.49, 0.505, 0.495};
        int[] x = {8, 16, 32, 64, 128};
        double mean = 0.5;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < y.length; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            double f = fit.a() + fit.b() * Math.pow(x[i], fit.c());
            ssRes += (y[i] - f) * (y[i] - f);
        }
        assertTrue(1 - ssRes / ssTot < WidthEstimator.MIN_FIT, "R^2 " + (1 - ssRes / ssTot));
    }

    @Test
    void poorFitsAndExtrapolationsAreFlagged() {
        // per-neuron values that rise and fall: no power law fits them (R^2 = 0): no estimate at all
        ImmutableList<WidthPoint> zigzag = ImmutableList.of(new WidthPoint(4, 1, List.of(2.7), 0),
                new WidthPoint(6, 1, List.of(4.5), 0), new WidthPoint(8, 1, List.of(5.8), 0),
                new WidthPoint(10, 1, List.of(6.7), 0));
        assertThrows(WidthFitException.class, () -> estimator().build().fromPoints(zigzag, new LinkedHashSet<>()));
        // a power law with alternating noise: some noise level gives a usable but poor fit, which is flagged
        int poor = 0;
        for (double d : new double[] {0.005, 0.01, 0.02, 0.03, 0.05, 0.08}) {
            ImmutableList.Builder<WidthPoint> noisy = ImmutableList.builder();
            int[] widths = {10, 20, 40, 80, 160, 320};
            for (int i = 0; i < widths.length; i++) {
                double w = widths[i];
                double ratio = 0.1 + 0.9 * Math.pow(w, -0.7) + (i % 2 == 0 ? d : -d);
                noisy.add(new WidthPoint(widths[i], 1, List.of(w * ratio), 0));
            }
            try {
                WidthEstimate e = estimator().build().fromPoints(noisy.build(), new LinkedHashSet<>());
                double r2 = e.fit().rSquared();
                assertTrue(r2 >= WidthEstimator.MIN_FIT, "an estimate only from R^2 = MIN_FIT on: " + r2);
                boolean flagged = e.warnings().stream().anyMatch(w -> w.contains("fits the points poorly"));
                assertEquals(r2 < WidthEstimator.POOR_FIT, flagged, "R^2 " + r2 + ": " + e.warnings());
                poor += flagged ? 1 : 0;
            } catch (WidthFitException e) {
                assertTrue(e.getMessage().contains("does not fit") || e.getMessage().contains(">= 1"), e.getMessage());
            }
        }
        assertTrue(poor >= 1, "at least one noise level gives a poor but usable fit");
        // the widths tried all lie above x* = 22.57 (a = 0.1, b = 0.9, c = -0.7): an extrapolation
        WidthEstimate far = estimator().build().fromPoints(constructed(0.1, 0.9, -0.7, 40, 80, 160, 320),
                new LinkedHashSet<>());
        assertTrue(far.warnings().stream().anyMatch(w -> w.contains("outside the widths tried")),
                far.warnings().toString());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> estimator().build()
                .fromPoints(ImmutableList.of(new WidthPoint(4, 1, List.of(Double.NaN), 0),
                        new WidthPoint(8, 1, List.of(2.0), 0), new WidthPoint(16, 1, List.of(3.0), 0)),
                        new LinkedHashSet<>()));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
    }

    @Test
    void writesAPngPlot(@TempDir Path dir) throws IOException {
        WidthEstimate e = estimator().build().estimate(TuneFixtures::mlp, x);
        Path png = dir.resolve("width.png");
        WidthPlot.write(e, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(720, img.getWidth());
        assertEquals(480, img.getHeight());
        // the measured points are drawn in red (214, 39, 40)
        int red = 0;
        for (int i = 0; i < img.getWidth(); i++) {
            for (int j = 0; j < img.getHeight(); j++) {
                int rgb = img.getRGB(i, j) & 0xFFFFFF;
                if (rgb == 0xD62728) {
                    red++;
                }
            }
        }
        assertTrue(red > 50, "red marker pixels: " + red);
        assertThrows(IllegalArgumentException.class, () -> WidthPlot.chart(e, 10, 10));
    }
}
