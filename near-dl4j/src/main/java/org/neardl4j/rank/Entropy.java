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
package org.neardl4j.rank;

import com.google.common.base.Preconditions;

/** The effective rank of a spectrum: {@code exp} of the entropy of the normalised singular values. */
final class Entropy {

    private Entropy() {
    }

    /** {@code -p ln p}, 0 for {@code p = 0}. */
    static double plogp(double p) {
        return p > 0 ? -p * Math.log(p) : 0;
    }

    /** {@code exp(entropy of s / sum(s))} for non-negative finite values, 0 when every value is 0. */
    static double effectiveRank(double[] singularValues) {
        Preconditions.checkNotNull(singularValues, "singularValues");
        Preconditions.checkArgument(singularValues.length > 0, "no singular values");
        double sum = 0;
        for (double s : singularValues) {
            Preconditions.checkArgument(Double.isFinite(s) && s >= 0,
                    "singular values must be finite and non-negative, got %s", s);
            sum += s;
        }
        if (sum == 0) {
            return 0.0;
        }
        double entropy = 0;
        for (double s : singularValues) {
            if (s > 0) {
                double p = s / sum;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }
}
