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
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Arrays;

/** Argument checks of the effective-rank routes: shape, type, finiteness. */
final class MatrixChecks {

    private MatrixChecks() {
    }

    static void checkMatrix(INDArray matrix) {
        Preconditions.checkNotNull(matrix, "matrix");
        Preconditions.checkArgument(matrix.rank() == 2, "effective rank needs a 2-D matrix, got shape %s",
                Arrays.toString(matrix.shape()));
        Preconditions.checkArgument(matrix.rows() > 0 && matrix.columns() > 0,
                "effective rank needs a non-empty matrix, got shape %s", Arrays.toString(matrix.shape()));
        Preconditions.checkArgument(matrix.dataType().isFPType(), "effective rank needs a floating-point matrix, got %s",
                matrix.dataType());
    }

    static void checkFinite(INDArray a) {
        if (!isFinite(a)) {
            throw new IllegalArgumentException("matrix holds NaN or infinite values");
        }
    }

    /** See {@link EffectiveRank#isFinite(INDArray)}. */
    static boolean isFinite(INDArray a) {
        Preconditions.checkNotNull(a, "array");
        if (a.isEmpty()) {
            return true;
        }
        DataType t = a.dataType();
        if (!t.isFPType()) {
            return true;
        }
        // HALF, BFLOAT16: libnd4j's NaN tests miss NaN there, so test a single-precision copy
        INDArray x = t == DataType.FLOAT || t == DataType.DOUBLE ? a : a.castTo(DataType.FLOAT);
        // A sum is NaN or infinite whenever one term is (IEEE arithmetic), so a finite sum proves every value
        // finite; a plain sum is many times cheaper than libnd4j's element-wise "not finite" test. A sum that
        // overflowed (huge finite values) is settled by that exact test.
        return Double.isFinite(x.sumNumber().doubleValue()) || !BooleanIndexing.or(x, Conditions.notFinite());
    }
}
