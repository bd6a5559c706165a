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

/**
 * The estimated relative error of an effective rank computed from Gram-route singular values, which
 * {@link EffectiveRank.Method#AUTO} compares with {@link EffectiveRank#AUTO_TOLERANCE}; the model is documented
 * on {@link EffectiveRank#gramErrorEstimate(double[])}.
 */
final class GramErrorBound {

    private GramErrorBound() {
    }

    static double estimate(double[] gramSingularValues) {
        Preconditions.checkNotNull(gramSingularValues, "gramSingularValues");
        Preconditions.checkArgument(gramSingularValues.length > 0, "no singular values");
        double max = 0;
        double sum = 0;
        for (double s : gramSingularValues) {
            max = Math.max(max, s);
            sum += s;
        }
        if (max == 0) {
            return 0;
        }
        double d = Math.ulp(1.0) * max * max;
        double floor = Math.sqrt(d);
        double entropy = 0;
        for (double s : gramSingularValues) {
            entropy += Entropy.plogp(s / sum);
        }
        double systematic = 0;
        double random = 0;
        for (double s : gramSingularValues) {
            if (s < floor) {
                systematic += Entropy.plogp(floor / sum) + entropy * floor / sum;
            } else {
                double t = Math.abs(Math.log(s / sum) + entropy) * d / (2 * s * sum);
                random += t * t;
            }
        }
        // plus the rounding of the entropy sum itself
        return systematic + 3 * Math.sqrt(random) + gramSingularValues.length * Math.ulp(1.0);
    }
}
