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

import com.google.common.base.Preconditions;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The curve {@code f(x) = a + b x^c} fitted through the point {@code (1, 1)} and measured points {@code (x_i, y_i)}
 * by non-linear least squares (commons-math3 Levenberg-Marquardt), as the NEAR layer-width method does with
 * {@code x} = width and {@code y} = the layer's NEAR score divided by its width (and, in
 * {@link WidthEstimator}, by the layer's number of matrices: {@link WidthPoint#ratio()}). Immutable.
 *
 * <p><b>The point (1, 1).</b> A layer of one neuron has an {@code N x 1} matrix, whose effective rank is exactly 1,
 * so {@code (1, 1)} is known, not measured. By default ({@code anchorWeight = +inf}) it is a hard constraint:
 * {@code a = 1 - b}, and only {@code b} and {@code c} are fitted, to the measured points. A finite
 * {@code anchorWeight w} instead fits all three parameters with {@code (1, 1)} as one more data point of weight
 * {@code w}; {@code w = 1} is what the authors' reference code does ({@code scipy.optimize.curve_fit} on
 * {@code [1, *sizes]}). The constraint was chosen because it holds exactly, needs no arbitrary weight (a heavy
 * weight only approximates it and makes the problem badly scaled), and leaves one more degree of freedom for the
 * measured points. The start of the iteration comes from a scan over {@code c} with the linear parameters solved
 * in closed form, so the fit does not depend on a hand-picked starting point.
 *
 * <p>The slope of the curve falls to the fraction {@code t} of its slope at {@code x = 1} where
 * {@code x^(c-1) = t}, i.e. at {@code x* = t^(1/(c-1))} ({@link #xAtSlopeRatio}); this needs {@code c < 1}.
 *
 * <pre>{@code
 * PowerLawFit fit = PowerLawFit.fit(new double[] {10, 20, 40, 80}, new double[] {0.61, 0.48, 0.37, 0.29});
 * double xStar = fit.xAtSlopeRatio(0.005);
 * System.out.println(fit);     // a, b, c, R^2, RMS
 * }</pre>
 */
public final class PowerLawFit {

    /** The default: {@code (1, 1)} as a hard constraint. */
    public static final double CONSTRAINED = Double.POSITIVE_INFINITY;

    private static final double C_MIN = -6;
    private static final double C_MAX = 4;
    private static final double C_STEP = 0.01;

    private final double a;
    private final double b;
    private final double c;
    private final double[] x;
    private final double[] y;
    private final double anchorWeight;
    private final double rSquared;
    private final double rms;
    private final int iterations;

    private PowerLawFit(double a, double b, double c, double[] x, double[] y, double anchorWeight, int iterations) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.x = x;
        this.y = y;
        this.anchorWeight = anchorWeight;
        this.iterations = iterations;
        double mean = Arrays.stream(y).average().orElse(Double.NaN);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - value(x[i]);
            ssRes += r * r;
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        this.rSquared = ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
        this.rms = Math.sqrt(ssRes / x.length);
    }

    /**
     * Fits with {@code (1, 1)} as a hard constraint.
     *
     * @param x the measured x values (widths), each {@code >= 1}, at least 3 distinct values above 1
     * @param y the measured y values in the same order, finite
     * @return the fitted curve, with {@code a = 1 - b} (see {@link #fit(double[], double[], double)})
     * @throws IllegalArgumentException for too few points, non-finite values or arrays of different lengths
     * @throws WidthFitException        when the optimiser does not converge or gives non-finite parameters
     */
    public static PowerLawFit fit(double[] x, double[] y) {
        return fit(x, y, CONSTRAINED);
    }

    /**
     * Fits {@code a + b x^c} to the points.
     *
     * @param x            the measured x values (widths), each {@code >= 1}, at least 3 distinct values above 1
     * @param y            the measured y values, finite
     * @param anchorWeight {@link #CONSTRAINED} ({@code +inf}) for the hard constraint {@code f(1) = 1}, or the
     *                     weight {@code > 0} of {@code (1, 1)} as an extra data point (1 = the reference code)
     * @return the fitted parameters a, b, c with R^2 and RMS over the given points (the arrays are copied)
     * @throws IllegalArgumentException for too few points, non-finite values or bad arguments
     * @throws WidthFitException        when the optimiser does not converge or gives non-finite parameters
     */
    public static PowerLawFit fit(double[] x, double[] y, double anchorWeight) {
        Preconditions.checkNotNull(x, "x");
        Preconditions.checkNotNull(y, "y");
        Preconditions.checkArgument(x.length == y.length, "x and y differ in length: %s vs %s", x.length, y.length);
        Preconditions.checkArgument(anchorWeight > 0 && !Double.isNaN(anchorWeight),
                "anchorWeight must be > 0 (+inf for the constraint), got %s", anchorWeight);
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < x.length; i++) {
            Preconditions.checkArgument(Double.isFinite(x[i]) && x[i] >= 1, "x[%s] must be a finite width >= 1, got %s", i,
                    (Double) x[i]);
            Preconditions.checkArgument(Double.isFinite(y[i]), "y[%s] (at width %s) is not finite: %s", i, x[i], y[i]);
            if (x[i] > 1) {
                distinct.add(x[i]);
            }
        }
        Preconditions.checkArgument(distinct.size() >= 3,
                "too few points for the width fit: need at least 3 distinct widths above 1, got %s", distinct);
        double[] xs = x.clone();
        double[] ys = y.clone();
        boolean constrained = anchorWeight == CONSTRAINED;
        double[] start = constrained ? scanConstrained(xs, ys) : scanWeighted(xs, ys, anchorWeight);
        LeastSquaresProblem problem = constrained ? constrainedProblem(xs, ys, start)
                : weightedProblem(xs, ys, anchorWeight, start);
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathIllegalStateException e) {
            throw new WidthFitException("the power-law fit did not converge (" + e.getMessage() + "); points: x = "
                    + Arrays.toString(xs) + ", y = " + Arrays.toString(ys), null, e);
        }
        double[] p = opt.getPoint().toArray();
        double a = constrained ? 1 - p[0] : p[0];
        double b = constrained ? p[0] : p[1];
        double c = constrained ? p[1] : p[2];
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new WidthFitException(String.format(Locale.ROOT,
                    "the power-law fit gave non-finite parameters a = %s, b = %s, c = %s", a, b, c), null, null);
        }
        return new PowerLawFit(a, b, c, xs, ys, anchorWeight, opt.getIterations());
    }

    // ------------------------------------------------------------------------------------------ problems

    /** f = 1 + b (x^c - 1), parameters (b, c). */
    private static LeastSquaresProblem constrainedProblem(double[] x, double[] y, double[] start) {
        MultivariateJacobianFunction model = point -> {
            double b = point.getEntry(0);
            double c = point.getEntry(1);
            RealVector value = new ArrayRealVector(x.length);
            RealMatrix jac = new Array2DRowRealMatrix(x.length, 2);
            for (int i = 0; i < x.length; i++) {
                double xc = Math.pow(x[i], c);
                value.setEntry(i, 1 + b * (xc - 1));
                jac.setEntry(i, 0, xc - 1);
                jac.setEntry(i, 1, b * xc * Math.log(x[i]));
            }
            return new Pair<>(value, jac);
        };
        return new LeastSquaresBuilder().start(start).model(model).target(y).maxEvaluations(100_000)
                .maxIterations(100_000).lazyEvaluation(false).build();
    }

    /** f = a + b x^c on the points plus (1, 1) with weight w, parameters (a, b, c). */
    private static LeastSquaresProblem weightedProblem(double[] x, double[] y, double w, double[] start) {
        double[] xa = prepend(1, x);
        double[] ya = prepend(1, y);
        double[] weights = new double[xa.length];
        Arrays.fill(weights, 1);
        weights[0] = w;
        MultivariateJacobianFunction model = point -> {
            double a = point.getEntry(0);
            double b = point.getEntry(1);
            double c = point.getEntry(2);
            RealVector value = new ArrayRealVector(xa.length);
            RealMatrix jac = new Array2DRowRealMatrix(xa.length, 3);
            for (int i = 0; i < xa.length; i++) {
                double xc = Math.pow(xa[i], c);
                value.setEntry(i, a + b * xc);
                jac.setEntry(i, 0, 1);
                jac.setEntry(i, 1, xc);
                jac.setEntry(i, 2, b * xc * Math.log(xa[i]));
            }
            return new Pair<>(value, jac);
        };
        return new LeastSquaresBuilder().start(start).model(model).target(ya).weight(new DiagonalMatrix(weights))
                .maxEvaluations(100_000).maxIterations(100_000).lazyEvaluation(false).build();
    }

    /** Start for (b, c): for each c of a grid, the best b in closed form; the pair with the least squared error. */
    private static double[] scanConstrained(double[] x, double[] y) {
        double best = Double.POSITIVE_INFINITY;
        double[] start = {1, -0.5};
        for (double c = C_MIN; c <= C_MAX; c += C_STEP) {
            if (Math.abs(c) < 1e-9) {
                continue;
            }
            double su = 0;
            double suy = 0;
            for (int i = 0; i < x.length; i++) {
                double u = Math.pow(x[i], c) - 1;
                su += u * u;
                suy += u * (y[i] - 1);
            }
            if (su == 0 || !Double.isFinite(su)) {
                continue;
            }
            double b = suy / su;
            double sse = 0;
            for (int i = 0; i < x.length; i++) {
                double r = y[i] - 1 - b * (Math.pow(x[i], c) - 1);
                sse += r * r;
            }
            if (sse < best) {
                best = sse;
                start = new double[] {b, c};
            }
        }
        return start;
    }

    /** Start for (a, b, c): for each c of a grid, weighted linear least squares for a and b. */
    private static double[] scanWeighted(double[] x, double[] y, double w) {
        double[] xa = prepend(1, x);
        double[] ya = prepend(1, y);
        double best = Double.POSITIVE_INFINITY;
        double[] start = {0, 1, -0.5};
        for (double c = C_MIN; c <= C_MAX; c += C_STEP) {
            if (Math.abs(c) < 1e-9) {
                continue;
            }
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double t0 = 0;
            double t1 = 0;
            for (int i = 0; i < xa.length; i++) {
                double wi = i == 0 ? w : 1;
                double u = Math.pow(xa[i], c);
                s0 += wi;
                s1 += wi * u;
                s2 += wi * u * u;
                t0 += wi * ya[i];
                t1 += wi * u * ya[i];
            }
            double det = s0 * s2 - s1 * s1;
            if (!(Math.abs(det) > 1e-300) || !Double.isFinite(det)) {
                continue;
            }
            double a = (s2 * t0 - s1 * t1) / det;
            double b = (s0 * t1 - s1 * t0) / det;
            double sse = 0;
            for (int i = 0; i < xa.length; i++) {
                double r = ya[i] - a - b * Math.pow(xa[i], c);
                sse += (i == 0 ? w : 1) * r * r;
            }
            if (sse < best) {
                best = sse;
                start = new double[] {a, b, c};
            }
        }
        return start;
    }

    private static double[] prepend(double v, double[] arr) {
        double[] out = new double[arr.length + 1];
        out[0] = v;
        System.arraycopy(arr, 0, out, 1, arr.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------ results

    /**
     * The constant term.
     *
     * @return a in {@code a + b x^c}; {@code 1 - b} when {@link #isConstrained()}
     */
    public double a() {
        return a;
    }

    /**
     * The coefficient of the power.
     *
     * @return b in {@code a + b x^c}
     */
    public double b() {
        return b;
    }

    /**
     * The exponent; {@code c < 1} for a curve that levels off.
     *
     * @return the exponent; {@code c < 1} for a curve that levels off
     */
    public double c() {
        return c;
    }

    /**
     * {@code a + b x^c}.
     *
     * @param x a width (any value for which {@code x^c} is defined, not only the measured ones)
     * @return the curve's value {@code a + b x^c} at {@code x}
     */
    public double value(double x) {
        return a + b * Math.pow(x, c);
    }

    /**
     * The derivative {@code b c x^(c-1)}.
     *
     * @param x a width
     * @return the curve's slope {@code b c x^(c-1)} at {@code x}
     */
    public double slope(double x) {
        return b * c * Math.pow(x, c - 1);
    }

    /**
     * Where the slope has fallen to the fraction {@code t} of the slope at {@code x = 1}: {@code t^(1/(c-1))}.
     *
     * @param t the threshold, in (0, 1) (the paper uses 0.005)
     * @return x*, the width {@code t^(1/(c-1))}; it may lie outside the measured widths
     * @throws WidthFitException when {@code c >= 1}: the curve does not level off, there is no such point
     */
    public double xAtSlopeRatio(double t) {
        Preconditions.checkArgument(t > 0 && t < 1, "threshold t must be in (0, 1), got %s", t);
        if (c >= 1) {
            throw new WidthFitException(String.format(Locale.ROOT,
                    "the fitted exponent c = %.4f is >= 1: NEAR per neuron does not level off over widths %s, so there"
                            + " is no width where its slope falls to %s of the slope at width 1; try larger widths",
                    c, Arrays.toString(x), t), this, null);
        }
        return Math.pow(t, 1 / (c - 1));
    }

    /**
     * The measured x values (without the point (1, 1)).
     *
     * @return a copy of the x values given to the fit
     */
    public double[] x() {
        return x.clone();
    }

    /**
     * The measured y values (without the point (1, 1)).
     *
     * @return a copy of the y values given to the fit
     */
    public double[] y() {
        return y.clone();
    }

    /**
     * {@link #CONSTRAINED} or the weight of (1, 1) as a data point.
     *
     * @return {@link #CONSTRAINED} or the weight of (1, 1) as a data point
     */
    public double anchorWeight() {
        return anchorWeight;
    }

    /**
     * Whether (1, 1) was a hard constraint.
     *
     * @return true if {@link #anchorWeight()} is {@link #CONSTRAINED}
     */
    public boolean isConstrained() {
        return anchorWeight == CONSTRAINED;
    }

    /**
     * Coefficient of determination over the measured points.
     *
     * @return R^2 over the measured points, at most 1; NaN when all y values are equal
     */
    public double rSquared() {
        return rSquared;
    }

    /**
     * Root mean square of the residuals over the measured points.
     *
     * @return the RMS of {@code y - f(x)} over the measured points, in the units of y
     */
    public double rms() {
        return rms;
    }

    /**
     * Levenberg-Marquardt iterations used.
     *
     * @return the number of Levenberg-Marquardt iterations the optimiser took
     */
    public int iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "f(x) = %.6g + %.6g * x^%.6g through (1, 1) %s; R^2 = %.6f, RMS = %.3g", a, b, c,
                isConstrained() ? "as a constraint" : "with weight " + anchorWeight, rSquared, rms);
    }
}
