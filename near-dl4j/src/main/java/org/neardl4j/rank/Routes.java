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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Which route each {@link EffectiveRank.Method} takes for a matrix, and {@link EffectiveRank.Method#AUTO}'s check. */
final class Routes {

    private Routes() {
    }

    /** Singular values of a checked matrix by {@code method}, descending. */
    static double[] singularValues(INDArray matrix, EffectiveRank.Method method) {
        Preconditions.checkNotNull(method, "method");
        MatrixChecks.checkMatrix(matrix);
        if (takesHostRoute(matrix, method)) {
            return checked(matrix, method, HostGram.singularValues(matrix));
        }
        MatrixChecks.checkFinite(matrix);
        switch (method) {
            case SVD_DOUBLE:
                return NativeRoutes.svd(matrix, DataType.DOUBLE);
            case SVD_FLOAT:
                return NativeRoutes.svd(matrix, DataType.FLOAT);
            case GRAM_FLOAT:
                return NativeRoutes.gram(matrix, DataType.FLOAT);
            case GRAM_DOUBLE:
                return NativeRoutes.gram(matrix, DataType.DOUBLE);
            case AUTO:
            default:
                double[] g = NativeRoutes.gram(matrix, DataType.DOUBLE);
                return GramErrorBound.estimate(g) <= EffectiveRank.AUTO_TOLERANCE ? g
                        : NativeRoutes.svd(matrix, DataType.DOUBLE);
        }
    }

    /** Whether {@code method} solves {@code matrix} in plain Java ({@link HostGram}); checks GRAM_HOST's size. */
    static boolean takesHostRoute(INDArray matrix, EffectiveRank.Method method) {
        long q = Math.min(matrix.rows(), matrix.columns());
        if (method == EffectiveRank.Method.GRAM_HOST) {
            Preconditions.checkArgument(matrix.length() <= Integer.MAX_VALUE - 8 && q * q <= Integer.MAX_VALUE - 8,
                    "GRAM_HOST holds the matrix in one Java array: shape %s is too large", Arrays.toString(matrix.shape()));
            return true;
        }
        return (method == EffectiveRank.Method.AUTO || method == EffectiveRank.Method.GRAM_DOUBLE)
                && q <= RankBackend.hostLimit() && matrix.length() <= RankBackend.SMALL_ELEMENTS;
    }

    /** {@link EffectiveRank.Method#AUTO}'s check of plain-Java Gram values: the double SVD where the estimate is too big. */
    static double[] checked(INDArray matrix, EffectiveRank.Method method, double[] gramValues) {
        return method != EffectiveRank.Method.AUTO || GramErrorBound.estimate(gramValues) <= EffectiveRank.AUTO_TOLERANCE
                ? gramValues : NativeRoutes.svd(matrix, DataType.DOUBLE);
    }
}
