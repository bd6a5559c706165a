package org.neardl4j.proxy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SymmetricEigenTest {

    @Test
    void blocksOfOnesHaveClosedFormEigenvalues() {
        // a correlation matrix of two groups of identical rows (30 and 20): eigenvalues 30, 20 and 48 zeros;
        // highly degenerate matrices like this one are where commons-math3's EigenDecomposition can fail
        int n = 50;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = (i < 30) == (j < 30) ? 1 : 0;
            }
        }
        double[] expected = new double[n];
        expected[n - 2] = 20;
        expected[n - 1] = 30;
        assertArrayEquals(expected, SymmetricEigen.values(m), 1e-12);
    }

    @Test
    void twoByTwo() {
        // [[2, 1], [1, 2]]: 1 and 3
        double[] v = SymmetricEigen.values(new double[][] {{2, 1}, {1, 2}});
        Arrays.sort(v);
        assertArrayEquals(new double[] {1, 3}, v, 1e-12);
    }
}
