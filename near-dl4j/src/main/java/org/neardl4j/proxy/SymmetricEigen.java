package org.neardl4j.proxy;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigenvalues of symmetric matrices in double precision with the backend's LAPACK {@code syev} (commons-math3's
 * {@code EigenDecomposition} fails to converge on some correlation matrices with many equal entries).
 */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /** The eigenvalues of a symmetric matrix, in ascending order. */
    static double[] values(double[][] symmetric) {
        int n = symmetric.length;
        Preconditions.checkArgument(n > 0, "empty matrix");
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        for (int i = 0; i < n; i++) {
            Preconditions.checkArgument(symmetric[i].length == n, "matrix must be square, row %s has %s entries", i,
                    symmetric[i].length);
            for (int j = 0; j < n; j++) {
                a.putScalar(i, j, symmetric[i][j]);
            }
        }
        INDArray w = Nd4j.create(DataType.DOUBLE, n);
        int info = Nd4j.getBlasWrapper().lapack().syev('N', 'U', a, w);
        Preconditions.checkState(info == 0, "LAPACK syev failed (info %s) on a %s x %s matrix", info, n, n);
        return w.toDoubleVector();
    }
}
