package org.neardl4j.rank;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Effective rank of a real matrix (Roy and Vetterli, 2007), the quantity NEAR sums over layers.
 *
 * <p>For singular values {@code s_1..s_Q}: {@code p_k = s_k / sum(s)}, {@code H = -sum p_k ln p_k}
 * (terms with {@code p_k = 0} contribute 0) and {@code erank = exp(H)}. The effective rank lies in
 * {@code [1, Q]} for a non-zero matrix; the all-zero matrix has effective rank 0, as in the reference
 * implementation. Everything is computed in double precision.
 *
 * <pre>{@code
 * double r = EffectiveRank.of(Nd4j.eye(4));                   // 4.0
 * double q = EffectiveRank.ofSingularValues(new double[] {3, 0}); // 1.0
 * }</pre>
 */
public final class EffectiveRank {

    private EffectiveRank() {
    }

    /**
     * Effective rank of a 2-D matrix, from its singular values computed in double precision.
     *
     * @param matrix a rank-2 array of any floating-point type; it is not modified
     * @return the effective rank, 0 for the all-zero matrix
     * @throws IllegalArgumentException if the matrix is not 2-D, is empty, or holds NaN or infinite values
     */
    public static double of(INDArray matrix) {
        return ofSingularValues(singularValues(matrix));
    }

    /**
     * Singular values of a 2-D matrix in double precision (LAPACK {@code gesvd} through ND4J, no singular
     * vectors), in descending order.
     *
     * @param matrix a rank-2 array; it is not modified
     * @return the {@code min(rows, cols)} singular values
     */
    public static double[] singularValues(INDArray matrix) {
        Preconditions.checkNotNull(matrix, "matrix");
        Preconditions.checkArgument(matrix.rank() == 2, "effective rank needs a 2-D matrix, got shape %s",
                java.util.Arrays.toString(matrix.shape()));
        Preconditions.checkArgument(matrix.rows() > 0 && matrix.columns() > 0,
                "effective rank needs a non-empty matrix, got shape %s", java.util.Arrays.toString(matrix.shape()));
        // gesvd overwrites its argument: always work on a fresh double, column-major copy
        INDArray a = matrix.castTo(DataType.DOUBLE).dup('f');
        checkFinite(a);
        int q = (int) Math.min(a.rows(), a.columns());
        INDArray s = Nd4j.create(DataType.DOUBLE, q);
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s.toDoubleVector();
    }

    /**
     * Effective rank from singular values (or any non-negative spectrum).
     *
     * @param singularValues non-negative, finite values; order does not matter
     * @return {@code exp(entropy of s / sum(s))}, or 0 when every value is 0
     */
    public static double ofSingularValues(double[] singularValues) {
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

    private static void checkFinite(INDArray a) {
        if (a.isInfinite().any() || a.isNaN().any()) {
            throw new IllegalArgumentException("matrix holds NaN or infinite values");
        }
    }
}
