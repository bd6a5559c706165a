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

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerLawFitTest {

    /** Widths 10 * 2^i, i = 0..6, as in the paper's Fashion-MNIST experiment. */
    private static final double[] WIDTHS = {10, 20, 40, 80, 160, 320, 640};

    private static double[] curve(double a, double b, double c, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a + b * Math.pow(x[i], c);
        }
        return y;
    }

    @Test
    void recoversAKnownCurveThroughTheAnchor() {
        // a + b = 1: the curve passes through (1, 1); c = -1/2
        double[] y = curve(0.2, 0.8, -0.5, WIDTHS);
        PowerLawFit fit = PowerLawFit.fit(WIDTHS, y);
        assertTrue(fit.isConstrained());
        assertEquals(-0.5, fit.c(), 1e-8);
        assertEquals(0.8, fit.b(), 1e-8);
        assertEquals(0.2, fit.a(), 1e-8);
        assertEquals(1.0, fit.rSquared(), 1e-12);
        assertEquals(0.0, fit.rms(), 1e-10);
        // x* = 0.005^(1 / (-1.5)) = 200^(2/3) = 34.1995...
        assertEquals(34.19952, fit.xAtSlopeRatio(0.005), 1e-4);
        // the authors' example threshold: 100^(2/3) = 21.5443...
        assertEquals(21.54435, fit.xAtSlopeRatio(0.01), 1e-4);
        assertEquals(1.0, fit.value(1), 1e-12);
        assertEquals(0.8 * -0.5, fit.slope(1), 1e-8);
        // at x*, the slope is t times the slope at 1
        double xs = fit.xAtSlopeRatio(0.005);
        assertEquals(0.005, fit.slope(xs) / fit.slope(1), 1e-10);
    }

    @Test
    void theReferenceWeightingRecoversTheSameCurve() {
        double[] y = curve(0.35, 0.65, -0.8, WIDTHS);
        PowerLawFit fit = PowerLawFit.fit(WIDTHS, y, 1.0);
        assertEquals(-0.8, fit.c(), 1e-7);
        assertEquals(0.35, fit.a(), 1e-7);
        assertEquals(0.65, fit.b(), 1e-7);
        assertEquals(Math.pow(0.005, 1 / (-1.8)), fit.xAtSlopeRatio(0.005), 1e-4);
    }

    @Test
    void aPositiveExponentBelowOneAlsoLevelsOff() {
        // decreasing curve with 0 < c < 1 and b < 0: 1.5 - 0.5 x^0.3
        double[] x = {4, 8, 16, 32, 64};
        PowerLawFit fit = PowerLawFit.fit(x, curve(1.5, -0.5, 0.3, x));
        assertEquals(0.3, fit.c(), 1e-8);
        assertEquals(Math.pow(0.005, 1 / (0.3 - 1)), fit.xAtSlopeRatio(0.005), 1e-6 * fit.xAtSlopeRatio(0.005));
    }

    @Test
    void constraintAndWeightedPointDifferWhenTheDataMissTheAnchor() {
        // a + b = 1.3: the data do not pass through (1, 1)
        double[] y = curve(0.3, 1.0, -0.6, WIDTHS);
        PowerLawFit constrained = PowerLawFit.fit(WIDTHS, y);
        PowerLawFit reference = PowerLawFit.fit(WIDTHS, y, 1.0);
        PowerLawFit heavy = PowerLawFit.fit(WIDTHS, y, 1e8);
        assertEquals(1.0, constrained.value(1), 1e-12);
        // (1, 1) is far from the other points on the log scale and has much leverage even with weight 1: the two
        // fits differ, but little
        assertNotEquals(constrained.c(), reference.c(), 1e-4);
        assertEquals(constrained.c(), reference.c(), 1e-2);
        assertTrue(Math.abs(reference.value(1) - 1) > 1e-4);
        // a very heavy anchor approaches the constraint
        assertEquals(constrained.c(), heavy.c(), 1e-6);
        assertEquals(1.0, heavy.value(1), 1e-6);
        // the reference weighting fits the measured points better than the constraint
        assertTrue(reference.rms() < constrained.rms());
    }

    @Test
    void noisyDataGiveALeastSquaresMinimum() {
        double[] y = curve(0.25, 0.75, -0.45, WIDTHS);
        for (int i = 0; i < y.length; i++) {
            y[i] *= 1 + 0.02 * Math.sin(3.0 * i + 1);
        }
        PowerLawFit fit = PowerLawFit.fit(WIDTHS, y);
        assertEquals(-0.45, fit.c(), 0.05);
        assertTrue(fit.rSquared() > 0.99 && fit.rSquared() < 1, "R^2 " + fit.rSquared());
        assertTrue(fit.rms() > 0);
        // independent check of the optimum: moving either parameter increases the squared error
        double best = sse(1 - fit.b(), fit.b(), fit.c(), WIDTHS, y);
        assertEquals(fit.rms() * fit.rms() * WIDTHS.length, best, 1e-12);
        for (double db : new double[] {-1e-4, 1e-4}) {
            assertTrue(sse(1 - (fit.b() + db), fit.b() + db, fit.c(), WIDTHS, y) > best);
        }
        for (double dc : new double[] {-1e-4, 1e-4}) {
            assertTrue(sse(1 - fit.b(), fit.b(), fit.c() + dc, WIDTHS, y) > best);
        }
    }

    private static double sse(double a, double b, double c, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - (a + b * Math.pow(x[i], c));
            s += r * r;
        }
        return s;
    }

    @Test
    void anExponentOfOneOrMoreIsAClearError() {
        double[] x = {10, 20, 40, 80};
        PowerLawFit fit = PowerLawFit.fit(x, curve(0.999, 0.001, 1.5, x));
        assertEquals(1.5, fit.c(), 1e-6);
        WidthFitException e = assertThrows(WidthFitException.class, () -> fit.xAtSlopeRatio(0.005));
        assertTrue(e.getMessage().contains("c = 1.5000 is >= 1"), e.getMessage());
        assertEquals(fit, e.fit().orElseThrow());
    }

    @Test
    void tooFewPointsOrBadValuesAreClearErrors() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20}, new double[] {0.5, 0.4}));
        assertTrue(few.getMessage().contains("too few points"), few.getMessage());
        // the same width twice does not count as two
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20, 20}, new double[] {0.5, 0.4, 0.41}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20, 40}, new double[] {0.5, Double.NaN, 0.3}));
        assertTrue(nan.getMessage().contains("y[1] (at width 20.0) is not finite"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20, Double.POSITIVE_INFINITY}, new double[] {0.5, 0.4, 0.3}));
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {0.5, 20, 40, 80}, new double[] {0.5, 0.4, 0.3, 0.2}));
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20, 40}, new double[] {0.5, 0.4}));
        assertThrows(IllegalArgumentException.class,
                () -> PowerLawFit.fit(new double[] {10, 20, 40}, new double[] {0.5, 0.4, 0.3}, 0));
        PowerLawFit ok = PowerLawFit.fit(WIDTHS, curve(0.2, 0.8, -0.5, WIDTHS));
        assertThrows(IllegalArgumentException.class, () -> ok.xAtSlopeRatio(1));
        assertThrows(IllegalArgumentException.class, () -> ok.xAtSlopeRatio(0));
    }
}
