package org.neardl4j.rank;

import com.google.common.base.Preconditions;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Effective rank of a real matrix (Roy and Vetterli, 2007), the quantity NEAR sums over layers.
 *
 * <p>For singular values {@code s_1..s_Q}: {@code p_k = s_k / sum(s)}, {@code H = -sum p_k ln p_k}
 * (terms with {@code p_k = 0} contribute 0) and {@code erank = exp(H)}. The effective rank lies in
 * {@code [1, Q]} for a non-zero matrix; the all-zero matrix has effective rank 0, as in the reference
 * implementation. The entropy is always computed in double precision; how the singular values are obtained
 * is a {@link Method}. The default, {@link Method#AUTO} (eigenvalues of the Gram matrix in double, checked, with
 * a double SVD as fallback), is the fastest method found that stays within 1e-6 relative of a double-precision
 * SVD (see {@code docs/PERFORMANCE.md}).
 *
 * <pre>{@code
 * double r = EffectiveRank.of(Nd4j.eye(4));                           // 4.0 (Method.AUTO)
 * double e = EffectiveRank.of(block, EffectiveRank.Method.SVD_DOUBLE); // the exact reference route
 * double q = EffectiveRank.ofSingularValues(new double[] {3, 0});     // 1.0
 * }</pre>
 *
 * <p>All methods are thread-safe: they never modify their argument and keep no state.
 */
public final class EffectiveRank {

    /**
     * How the singular values are computed. Every method works on a private copy, never on the argument, and
     * works on any ND4J backend (LAPACK through {@code Nd4j.getBlasWrapper().lapack()}, matrix products through
     * {@code Nd4j.gemm}).
     *
     * <pre>{@code
     * double[] s = EffectiveRank.singularValues(matrix, EffectiveRank.Method.SVD_DOUBLE);
     * }</pre>
     */
    public enum Method {
        /**
         * The default: {@link #GRAM_DOUBLE}, checked by {@link EffectiveRank#gramErrorEstimate(double[])}; when the
         * estimated error of the effective rank exceeds {@value EffectiveRank#AUTO_TOLERANCE} relative (matrices
         * with many singular values at the Gram route's noise floor, e.g. blocks of identical rows from a blank
         * image region) the singular values are recomputed with {@link #SVD_DOUBLE}. Stays within {@code 1e-6}
         * relative of {@link #SVD_DOUBLE} on every parity matrix and every matrix measured, at about half its cost
         * when no fallback is needed.
         */
        AUTO,
        /**
         * Eigenvalues {@code w} of the smaller Gram matrix ({@code A^T A} or {@code A A^T}, built with a
         * double-precision matrix product after an exact power-of-two rescaling), by LAPACK {@code syev} without
         * eigenvectors, in double; {@code s = sqrt(max(w, 0))}. About half the cost of {@link #SVD_DOUBLE}.
         * Squaring puts a noise floor of about {@code 1e-8} of the largest singular value under the small ones:
         * harmless for most matrices, but off by up to {@code 4e-5} relative on nearly rank-one matrices.
         */
        GRAM_DOUBLE,
        /** LAPACK {@code gesvd} (no singular vectors) on a double copy: the exact route, the reference answer. */
        SVD_DOUBLE,
        /**
         * LAPACK {@code gesvd} in single precision, entropy in double. Off by up to {@code 1e-4} relative on
         * low-rank matrices; for comparisons only.
         */
        SVD_FLOAT,
        /**
         * Gram matrix and {@code syev} in single precision. The fastest, but off by up to {@code 1e-1} relative
         * whenever small singular values matter; for comparisons only.
         */
        GRAM_FLOAT,
        /**
         * {@link #GRAM_DOUBLE} computed on the JVM heap: one copy of the matrix out of ND4J, then the Gram matrix
         * and its eigenvalues ({@link SymmetricEigen}) in plain Java, with no native solver. The same rounding model
         * and accuracy as {@link #GRAM_DOUBLE}. {@link #AUTO} takes this route on the CPU backend for blocks of at
         * most 512 columns (or rows) and {@code 2^18} entries, where it was faster than LAPACK through ND4J on two
         * threads (measured at n = 32 ... 768, see {@code docs/PERFORMANCE.md}), and on other backends up to 64
         * columns; on the CUDA backend it is the copy-to-host alternative to cuSolver that the benchmark measures.
         * One thread, {@code O(n^3)}: slower than LAPACK on larger matrices.
         */
        GRAM_HOST;

        /** The method {@link EffectiveRank#of(INDArray)} uses: {@link #AUTO}. */
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
     * {@link Method#GRAM_DOUBLE} up to their size limit, see {@link Method#GRAM_HOST}) solved on up to
     * {@code threads} threads at once: the calling thread and pooled daemon threads. Everything that calls into
     * ND4J (the copies out of it, LAPACK, {@link Method#AUTO}'s SVD fallbacks) stays on the calling thread, one
     * matrix after the other, so native libraries are never entered from two threads at once. With
     * {@code threads = 1} this is a loop over {@link #of(INDArray, Method)}.
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
        Preconditions.checkNotNull(matrices, "matrices");
        Preconditions.checkNotNull(method, "method");
        Preconditions.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
        double[] ranks = new double[matrices.size()];
        List<Integer> host = new ArrayList<>();
        for (int i = 0; i < ranks.length; i++) {
            INDArray m = matrices.get(i);
            try {
                Preconditions.checkNotNull(m, "matrix");
                checkMatrix(m);
                if (threads > 1 && takesHostRoute(m, method)) {
                    host.add(i);
                } else {
                    ranks[i] = of(m, method);
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("matrix " + i + " of " + ranks.length + ": " + e.getMessage(), e);
            }
        }
        // the largest first, so that the matrices solved at the same time are of similar size
        host.sort(Comparator.comparingLong((Integer i) -> -Math.min(matrices.get(i).rows(),
                matrices.get(i).columns())));
        for (int from = 0; from < host.size(); from += threads) {
            List<Integer> group = host.subList(from, Math.min(host.size(), from + threads));
            double[][] copies = new double[group.size()][];
            for (int k = 0; k < copies.length; k++) {
                copies[k] = hostCopy(matrices.get(group.get(k)));
            }
            // the first matrix of the group on the calling thread, the others on pooled threads
            List<Future<double[]>> others = new ArrayList<>();
            for (int k = 1; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                double[] copy = copies[k];
                others.add(pool().submit(() -> hostGram(copy, (int) m.rows(), (int) m.columns())));
            }
            double[][] values = new double[copies.length][];
            RuntimeException failure = null;
            for (int k = 0; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                try {
                    values[k] = k == 0 ? hostGram(copies[0], (int) m.rows(), (int) m.columns())
                            : join(others.get(k - 1));
                } catch (IllegalArgumentException e) {
                    // NaN or infinite values: name the matrix (after every thread of the group has finished)
                    failure = failure != null ? failure
                            : new IllegalArgumentException("matrix " + group.get(k) + " of " + ranks.length + ": "
                            + e.getMessage(), e);
                } catch (RuntimeException e) {
                    failure = failure != null ? failure : e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            for (int k = 0; k < copies.length; k++) {
                INDArray m = matrices.get(group.get(k));
                ranks[group.get(k)] = ofSingularValues(checked(m, method, values[k]));
            }
        }
        return ranks;
    }

    /**
     * Singular values of a 2-D matrix with the {@linkplain Method#defaultMethod() default method}, in
     * descending order.
     *
     * @param matrix a rank-2 array; it is not modified
     * @return the {@code min(rows, cols)} singular values
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
        Preconditions.checkNotNull(method, "method");
        checkMatrix(matrix);
        if (takesHostRoute(matrix, method)) {
            return checked(matrix, method, smallGram(matrix));
        }
        checkFinite(matrix);
        switch (method) {
            case SVD_DOUBLE:
                return svd(matrix, DataType.DOUBLE);
            case SVD_FLOAT:
                return svd(matrix, DataType.FLOAT);
            case GRAM_FLOAT:
                return gram(matrix, DataType.FLOAT);
            case GRAM_DOUBLE:
                return gram(matrix, DataType.DOUBLE);
            case AUTO:
            default:
                double[] g = gram(matrix, DataType.DOUBLE);
                return gramErrorEstimate(g) <= AUTO_TOLERANCE ? g : svd(matrix, DataType.DOUBLE);
        }
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
     * itself. The relative error of {@code exp(H)} is the
     * error of {@code H}. On the matrices measured (see {@code docs/PERFORMANCE.md}) the estimate was 2.4 to
     * several thousand times the actual error, never below it.
     *
     * @param gramSingularValues singular values from {@link #singularValues(INDArray, Method)} with
     *                           {@link Method#GRAM_DOUBLE}, largest first
     * @return the estimated relative error (0 for the zero matrix)
     */
    public static double gramErrorEstimate(double[] gramSingularValues) {
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
            entropy += plogp(s / sum);
        }
        double systematic = 0;
        double random = 0;
        for (double s : gramSingularValues) {
            if (s < floor) {
                systematic += plogp(floor / sum) + entropy * floor / sum;
            } else {
                double t = Math.abs(Math.log(s / sum) + entropy) * d / (2 * s * sum);
                random += t * t;
            }
        }
        // plus the rounding of the entropy sum itself
        return systematic + 3 * Math.sqrt(random) + gramSingularValues.length * Math.ulp(1.0);
    }

    private static double plogp(double p) {
        return p > 0 ? -p * Math.log(p) : 0;
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

    // ---------------------------------------------------------------------------------------------------------

    private static double[] svd(INDArray matrix, DataType type) {
        if (type == DataType.DOUBLE && !gesvdDoubleIsSafe()) {
            return hostSvd(matrix);
        }
        // gesvd overwrites its argument: always work on a fresh column-major copy
        INDArray a = matrix.castTo(type).dup('f');
        int q = (int) Math.min(a.rows(), a.columns());
        INDArray s = Nd4j.create(type, q);
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return s.toDoubleVector();
    }

    /**
     * Whether the backend's double-precision {@code gesvd} can be trusted. ND4J 1.0.0-M2.1's CUDA backend
     * ({@code JcublasLapack.dgesvd}) sizes cuSolver's workspace as {@code worksize * Nd4j.sizeOfDataType()} bytes,
     * half of what it needs while the default data type is FLOAT; the CPU backend has no such problem.
     */
    static boolean gesvdDoubleIsSafe() {
        return !Nd4j.getBackend().getClass().getSimpleName().contains("Cublas")
                || Nd4j.dataType().width() >= 8;
    }

    /**
     * Singular values in double on the JVM heap (commons-math3's Golub-Kahan SVD): the double SVD where the
     * backend's cannot be trusted (see {@link #gesvdDoubleIsSafe()}).
     */
    static double[] hostSvd(INDArray matrix) {
        checkFinite(matrix);
        INDArray a = matrix.rows() >= matrix.columns() ? matrix : matrix.transpose();   // commons-math3: any shape
        double[][] data = a.castTo(DataType.DOUBLE).toDoubleMatrix();
        return new SingularValueDecomposition(new Array2DRowRealMatrix(data, false)).getSingularValues();
    }

    private static void checkMatrix(INDArray matrix) {
        Preconditions.checkNotNull(matrix, "matrix");
        Preconditions.checkArgument(matrix.rank() == 2, "effective rank needs a 2-D matrix, got shape %s",
                Arrays.toString(matrix.shape()));
        Preconditions.checkArgument(matrix.rows() > 0 && matrix.columns() > 0,
                "effective rank needs a non-empty matrix, got shape %s", Arrays.toString(matrix.shape()));
        Preconditions.checkArgument(matrix.dataType().isFPType(), "effective rank needs a floating-point matrix, got %s",
                matrix.dataType());
    }

    /** Whether {@code method} solves {@code matrix} in plain Java ({@link #smallGram}); checks GRAM_HOST's size. */
    private static boolean takesHostRoute(INDArray matrix, Method method) {
        long q = Math.min(matrix.rows(), matrix.columns());
        if (method == Method.GRAM_HOST) {
            Preconditions.checkArgument(matrix.length() <= Integer.MAX_VALUE - 8 && q * q <= Integer.MAX_VALUE - 8,
                    "GRAM_HOST holds the matrix in one Java array: shape %s is too large", Arrays.toString(matrix.shape()));
            return true;
        }
        return (method == Method.AUTO || method == Method.GRAM_DOUBLE) && q <= hostLimit()
                && matrix.length() <= SMALL_ELEMENTS;
    }

    /** {@link Method#AUTO}'s check of plain-Java Gram singular values: the double SVD where the estimate is too big. */
    private static double[] checked(INDArray matrix, Method method, double[] gramValues) {
        return method != Method.AUTO || gramErrorEstimate(gramValues) <= AUTO_TOLERANCE ? gramValues
                : svd(matrix, DataType.DOUBLE);
    }

    /** Daemon threads for {@link #of(List, Method, int)}; idle ones end after a minute. */
    private static volatile ExecutorService pool;

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (EffectiveRank.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger count = new AtomicInteger();
                    p = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "near-effective-rank-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    private static double[] join(Future<double[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing effective ranks", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;     // e.g. OutOfMemoryError on a worker: as it would be on the calling thread
            }
            throw new IllegalStateException(c);
        }
    }

    /** On the CPU backend, blocks with at most this many columns (or rows) take the plain-Java Gram route. */
    static final int SMALL = 512;
    /** The plain-Java limit on other backends (a GPU): only where a few native calls clearly cost more. */
    static final int SMALL_OFF_CPU = 64;
    private static final long SMALL_ELEMENTS = 1L << 18;

    /**
     * Largest {@code min(rows, cols)} that {@link Method#AUTO} solves in plain Java: {@link #SMALL} on the CPU backend,
     * where it was measured; {@link #SMALL_OFF_CPU} elsewhere, because one JVM thread against cuSolver was not.
     */
    static int hostLimit() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu") ? SMALL : SMALL_OFF_CPU;
    }

    /**
     * {@link Method#GRAM_HOST}, also {@link Method#GRAM_DOUBLE} in plain Java for small blocks: one copy out of ND4J, then the Gram matrix and its
     * eigenvalues ({@link SymmetricEigen}) in double, with no further native call. Same rounding model as the
     * LAPACK route (a backward-stable symmetric eigenvalue method on the double Gram matrix).
     */
    private static double[] smallGram(INDArray matrix) {
        return hostGram(hostCopy(matrix), (int) matrix.rows(), (int) matrix.columns());
    }

    /** The matrix as doubles, row-major, on the JVM heap (native work: the calling thread). */
    private static double[] hostCopy(INDArray matrix) {
        return matrix.dup('c').data().asDouble();
    }

    /**
     * The Gram route on a row-major {@code rows x cols} copy {@code a} (not modified), in plain Java with no call
     * into ND4J: safe on any thread.
     */
    private static double[] hostGram(double[] a, int rows, int cols) {
        double max = 0;
        int zeros = 0;
        for (double x : a) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("matrix holds NaN or infinite values");
            }
            max = Math.max(max, Math.abs(x));
            if (x == 0) {
                zeros++;
            }
        }
        boolean tall = rows >= cols;
        int q = tall ? cols : rows;
        if (max == 0) {
            return new double[q];
        }
        // exact power-of-two rescaling: squares can neither overflow nor underflow
        int exponent = Math.getExponent(max);
        double down = Math.scalb(1.0, -exponent);
        // G is the sum of the outer products x x^T of the rescaled rows of A (tall: G = A^T A) or of its columns
        // (wide: G = A A^T), each x held as its own array so that every inner loop runs over contiguous memory
        int count = tall ? rows : cols;
        boolean sparse = zeros > 0.75 * a.length;
        double[][] x = new double[count][q];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            if (tall) {
                double[] xr = x[r];
                for (int c = 0; c < cols; c++) {
                    xr[c] = a[off + c] * down;
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    x[c][r] = a[off + c] * down;
                }
            }
        }
        // the upper triangle, a block of G's rows at a time (small enough to stay in the fast caches while every x
        // passes), each element summed over x in order (exactly the plain sum): dense input four x at a time, mostly
        // zero input (more than 3/4, e.g. ReLU activations of a sparse layer) one x at a time, skipping zero terms
        double[][] g = new double[q][q];
        int block = Math.max(1, 4096 / q);
        double[] zero = new double[q];
        for (int ib = 0; ib < q; ib += block) {
            int ie = Math.min(q, ib + block);
            if (sparse) {
                for (double[] x0 : x) {
                    for (int i = ib; i < ie; i++) {
                        double c0 = x0[i];
                        if (c0 != 0) {
                            double[] gi = g[i];
                            for (int j = i; j < q; j++) {
                                gi[j] += c0 * x0[j];
                            }
                        }
                    }
                }
            } else {
                for (int r = 0; r < count; r += 4) {
                    double[] x0 = x[r];
                    double[] x1 = r + 1 < count ? x[r + 1] : zero;
                    double[] x2 = r + 2 < count ? x[r + 2] : zero;
                    double[] x3 = r + 3 < count ? x[r + 3] : zero;
                    for (int i = ib; i < ie; i++) {
                        double c0 = x0[i];
                        double c1 = x1[i];
                        double c2 = x2[i];
                        double c3 = x3[i];
                        double[] gi = g[i];
                        for (int j = i; j < q; j++) {
                            gi[j] = gi[j] + c0 * x0[j] + c1 * x1[j] + c2 * x2[j] + c3 * x3[j];
                        }
                    }
                }
            }
        }
        SymmetricEigen.mirrorUpper(g);
        double[] ev = SymmetricEigen.eigenvaluesInPlace(g);     // ascending
        double[] s = new double[q];
        double up = Math.scalb(1.0, exponent);
        for (int i = 0; i < q; i++) {
            s[i] = Math.sqrt(Math.max(ev[q - 1 - i], 0.0)) * up;
        }
        return s;
    }

    private static double[] gram(INDArray matrix, DataType type) {
        int q = (int) Math.min(matrix.rows(), matrix.columns());
        INDArray a;
        int exponent = 0;
        if (type == DataType.DOUBLE && matrix.dataType().width() < 8) {
            // single or half precision in, double products: squares can neither overflow nor underflow
            a = matrix.castTo(type);
        } else {
            // a private copy rescaled by a power of two (exact), so that squaring can neither overflow nor underflow
            double maxAbs = matrix.amaxNumber().doubleValue();
            if (maxAbs == 0) {
                return new double[q];
            }
            exponent = Math.getExponent(maxAbs);
            a = matrix.castTo(type);
            a = a == matrix ? a.mul(Math.scalb(1.0, -exponent)) : a.muli(Math.scalb(1.0, -exponent));
        }
        boolean tall = a.rows() >= a.columns();
        INDArray g = Nd4j.createUninitialized(type, new long[] {q, q}, 'f');
        // tall: G = A^T A (cols x cols); wide: G = A A^T (rows x rows)
        Nd4j.gemm(a, a, g, tall, !tall, 1.0, 0.0);
        INDArray w = Nd4j.create(type, q);
        int status = Nd4j.getBlasWrapper().lapack().syev('N', 'U', g, w);
        if (status != 0) {
            throw new IllegalStateException("LAPACK syev failed with status " + status + " on a " + q + " x " + q
                    + " Gram matrix");
        }
        double[] ev = w.toDoubleVector();    // ascending
        double[] s = new double[q];
        double scale = Math.scalb(1.0, exponent);
        for (int i = 0; i < q; i++) {
            s[i] = Math.sqrt(Math.max(ev[q - 1 - i], 0.0)) * scale;
        }
        return s;
    }

    private static void checkFinite(INDArray a) {
        if (!isFinite(a)) {
            throw new IllegalArgumentException("matrix holds NaN or infinite values");
        }
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
