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

import java.util.List;
import com.google.common.collect.ImmutableList;

import java.util.Optional;

/**
 * The layer-width fit failed: the optimiser did not converge, or the fitted exponent {@code c} is {@code >= 1} so
 * that NEAR per neuron does not level off. Carries what was measured, to plot or report.
 *
 * <pre>{@code
 * try {
 *     WidthEstimate e = estimator.estimate(width -> mlp(width), features);
 * } catch (WidthFitException e) {
 *     e.points().forEach(System.out::println);   // the measured NEAR per neuron
 *     e.fit().ifPresent(f -> System.out.println("c = " + f.c()));
 * }
 * }</pre>
 */
public final class WidthFitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PowerLawFit fit;
    private final transient ImmutableList<WidthPoint> points;

    WidthFitException(String message, PowerLawFit fit, Throwable cause) {
        this(message, fit, ImmutableList.of(), cause);
    }

    WidthFitException(String message, PowerLawFit fit, ImmutableList<WidthPoint> points, Throwable cause) {
        super(message, cause);
        this.fit = fit;
        this.points = points;
    }

    /**
     * The fitted curve, when the fit converged (and {@code c >= 1} was the problem).
     *
     * @return the fitted curve, when the fit converged (and {@code c >= 1} was the problem)
     */
    public Optional<PowerLawFit> fit() {
        return Optional.ofNullable(fit);
    }

    /**
     * The measured points, when the exception comes from a {@link WidthEstimator} (else empty).
     *
     * @return the measured points, when the exception comes from a {@link WidthEstimator} (else empty)
     */
    public List<WidthPoint> points() {
        return points == null ? ImmutableList.of() : points;
    }
}
