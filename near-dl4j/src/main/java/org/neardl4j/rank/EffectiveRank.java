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

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.concurrent.NativeAccess;

import java.util.List;

/**
 * Effective rank of a real matrix (Roy and Vetterli, 2007), the quantity NEAR sums over layers.
 *
 * <p>For singular values {@code s_1..s_Q}: {@code p_k = s_k / sum(s)}, {@code H = -sum p_k ln p_k}
 * (terms with {@code p_k = 0} contribute 0) and {@code erank = exp(H)}. The effective rank lies in
 * {@code [1, Q]} for a non-zero matrix; the all-zero matrix has effective rank 0, as in the reference
 * implementation. The entropy is always computed in double precision; how the singular values are obtained
 * is a {@link Method}. The default, {@link Method#AUTO} (eigenvalues of the Gram matrix in double, checked, with
 * a double SVD as fallback), stays within 1e-6 relative of a double-precision SVD by its error estimate (a rounding
 * model, not a proof; never below the actual error on any matrix measured). Measurements of the methods and of the
 * estimate: {@code docs/PERFORMANCE.md}.
 *
 * <pre>{@code
 * double r = EffectiveRank.of(Nd4j.eye(4));                           // 4.0 (Method.AUTO)
 * double e = EffectiveRank.of(block, EffectiveRank.Method.SVD_DOUBLE); // the exact reference route
 * double q = EffectiveRank.ofSingularValues(new double[] {3, 0});     // 1.0
 * }</pre>
 *
 * <p>All methods are thread-safe: they never modify their argument and keep no state. Their native work runs under
 * {@link NativeAccess#shared}, LAPACK under {@link NativeAccess#exclusive} (OpenBLAS's LAPACK is not safe to run
 * while another thread runs BLAS); the plain-Java eigenvalue work takes no lock.
 */
public final class EffectiveRank {

    /**
     * How the singular values are computed. Every method works on a private copy, never on the argument, and
     * works on any ND4J backend (LAPACK through {@code Nd4j.getBlasWrapper().lapack()}, matrix products through
     * {@code Nd4j.gemm}). Their measured cost and accuracy: {@code docs/PERFORMANCE.md}.
     *
     * <pre>{@code
     * double[] s = EffectiveRank.singularValues(matrix, EffectiveRank.Method.SVD_DOUBLE);
     * }</pre>
     */
    public enum Method {
        /**
         * The default: {@link #GRAM_DOUBLE}, checked by {@link EffectiveRank#gramErrorEstimate(double[])}; when the
         * estimated error of the effective rank exceeds {@value EffectiveRank#AUTO_TOLERANCE} relative, the singular
         * values are recomputed with {@link #SVD_DOUBLE}. Small blocks take the plain-Java route of
         * {@link #GRAM_HOST} (on the CPU backend up to 512 columns or rows and {@code 2^18} entries, elsewhere up to
         * 64).
         */
        AUTO,
        /**
         * Eigenvalues {@code w} of the smaller Gram matrix ({@code A^T A} or {@code A A^T}, built with a
         * double-precision matrix product after an exact power-of-two rescaling), by LAPACK {@code syev} without
         * eigenvectors, in double; {@code s = sqrt(max(w, 0))}. Squaring puts a noise floor of about {@code 1e-8} of
         * the largest singular value under the small ones. Small blocks take the plain-Java route, as with
         * {@link #AUTO}.
         */
        GRAM_DOUBLE,
        /** LAPACK {@code gesvd} (no singular vectors) on a double copy: the exact route, the reference answer. */
        SVD_DOUBLE,
        /** LAPACK {@code gesvd} in single precision, entropy in double; for comparisons only. */
        SVD_FLOAT,
        /** Gram matrix and {@code syev} in single precision; for comparisons only. */
        GRAM_FLOAT,
        /**
         * {@link #GRAM_DOUBLE} computed on the JVM heap: one copy of the matrix out of ND4J, then the Gram matrix
         * and its eigenvalues ({@link SymmetricEigen}) in plain Java, with no native solver. The same rounding model
         * as {@link #GRAM_DOUBLE}; one thread, {@code O(n^3)}.
         */
        GRAM_HOST;

        /**
         * The method {@link EffectiveRank#of(INDArray)} uses.
         *
         * @return {@link #AUTO}
         */
        public static Method defaultMethod() {
            return AUTO;
        }
    }

    /** Estimated relative error above which {@link Method#AUTO} recomputes with {@link Method#SVD_DOUBLE}. */
    public static final double AUTO_TOLERANCE = 1e-6;

    private EffectiveRank() {
    }

    /**
     * Effective rank of a 2-D matrix with the {@linkplain Method#defaultMethod() default method}.
     *
     * @param matrix a rank-2 array of any floating-point type; it is not modified
     * @return the effective rank, 0 for the all-zero matrix
     * @throws IllegalArgumentException if the matrix is not 2-D, is empty, or holds NaN or infinite values
     */
    public static double of(INDArray matrix) {
        return of(matrix, Method.defaultMethod());
    }

    /**
     * Effective rank of a 2-D matrix, its singular values computed by {@code method}.
     *
     * @param matrix a rank-2 array of any floating-point type; it is not modified
     * @param method how to compute the singular values
     * @return the effective rank, 0 for the all-zero matrix
     * @throws IllegalArgumentException if the matrix is not 2-D, is empty, or holds NaN or infinite values
     */
    public static double of(INDArray matrix, Method method) {
        return ofSingularValues(singularValues(matrix, method));
    }

    /**
     * Effective ranks of several matrices, each exactly as {@link #of(INDArray, Method)} computes it, with the
     * matrices that take the plain-Java route ({@link Method#GRAM_HOST}, and {@link Method#AUTO} or
     * {@link Method#GRAM_DOUBLE} up to their size limit) solved on up to {@code threads} threads at once: the
     * calling thread and pooled daemon threads. Everything that calls into ND4J (the copies out of it, LAPACK,
     * {@link Method#AUTO}'s SVD fallbacks) stays on the calling thread, one matrix after the other (LAPACK under
     * {@link NativeAccess#exclusive}, see the class comment). With {@code threads = 1} this is a loop over
     * {@link #of(INDArray, Method)}.
     *
     * <pre>{@code
     * double[] r = EffectiveRank.of(List.of(a, b, c), EffectiveRank.Method.AUTO, 2);
     * }</pre>
     *
     * @param matrices rank-2 arrays of any floating-point type; they are not modified
     * @param method   how to compute the singular values
     * @param threads  at most this many threads at once, {@code >= 1}
     * @return the effective ranks, in the order of {@code matrices}
     * @throws IllegalArgumentException if a matrix is not 2-D, is empty, or holds NaN or infinite values (the
     *                                  message names its position in the list)
     */
    public static double[] of(List<INDArray> matrices, Method method, int threads) {
        return NativeAccess.shared(() -> ParallelRanks.of(matrices, method, threads));
    }

    /**
     * Singular values of a 2-D matrix with the {@linkplain Method#defaultMethod() default method}, in
     * descending order.
     *
     * @param matrix a rank-2 array; it is not modified
     * @return the {@code min(rows, cols)} singular values
     * @throws IllegalArgumentException if the matrix is not 2-D, is empty, or holds NaN or infinite values
     */
    public static double[] singularValues(INDArray matrix) {
        return singularValues(matrix, Method.defaultMethod());
    }

    /**
     * Singular values of a 2-D matrix, in descending order.
     *
     * @param matrix a rank-2 array; it is not modified
     * @param method how to compute them
     * @return the {@code min(rows, cols)} singular values, as doubles
     * @throws IllegalArgumentException if the matrix is not 2-D, is empty, or holds NaN or infinite values
     */
    public static double[] singularValues(INDArray matrix, Method method) {
        return NativeAccess.shared(() -> Routes.singularValues(matrix, method));
    }

    /**
     * Estimated relative error of the effective rank computed from singular values that came from the
     * eigenvalues of a double-precision Gram matrix ({@link Method#GRAM_DOUBLE}), compared with a double SVD.
     *
     * <p>Model: every eigenvalue {@code w = s^2} carries an absolute error of about {@code d = eps * s_max^2}
     * ({@code eps} = 2.2e-16). Singular values below {@code sqrt(d)} (the noise floor) are unknown within
     * {@code [0, sqrt(d)]}: each may change the entropy by {@code g(sqrt(d) / S) + H sqrt(d) / S}, counted in
     * full ({@code g(p) = -p ln p}, {@code S = sum(s)}); these errors are systematic. The others are off by about
     * {@code d / (2 s)}, changing the entropy by {@code |ln(s / S) + H| d / (2 s S)}; these errors have random
     * signs and enter as three times their root sum of squares; {@code q eps} covers the rounding of the sum
     * itself. The relative error of {@code exp(H)} is the error of {@code H}. How it compares with the actual
     * error on measured matrices: {@code docs/PERFORMANCE.md}.
     *
     * @param gramSingularValues singular values from {@link #singularValues(INDArray, Method)} with
     *                           {@link Method#GRAM_DOUBLE}, largest first
     * @return the estimated relative error (0 for the zero matrix)
     * @throws IllegalArgumentException if no value is given
     */
    public static double gramErrorEstimate(double[] gramSingularValues) {
        return GramErrorBound.estimate(gramSingularValues);
    }

    /**
     * Effective rank from singular values (or any non-negative spectrum).
     *
     * @param singularValues non-negative, finite values; order does not matter
     * @return {@code exp(entropy of s / sum(s))}, or 0 when every value is 0
     * @throws IllegalArgumentException if no value is given, or one is negative or not finite
     */
    public static double ofSingularValues(double[] singularValues) {
        return Entropy.effectiveRank(singularValues);
    }

    /**
     * Whether every value of an array is finite (no NaN, no infinity). Usually one sum (a finite sum proves every
     * term finite); only when the sum is not finite does an element-wise test decide (values that are finite but
     * overflow the sum). Types narrower than FLOAT are tested on a single-precision copy, because libnd4j's NaN
     * tests ({@code isNaN()}, "not finite") miss NaN in HALF arrays.
     *
     * @param a any array
     * @return true when it holds no NaN and no infinite value
     */
    public static boolean isFinite(INDArray a) {
        return NativeAccess.shared(() -> MatrixChecks.isFinite(a));
    }
}
