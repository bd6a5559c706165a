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
package org.neardl4j.proxy;

import com.google.common.base.Preconditions;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.neardl4j.rank.SymmetricEigen;

/**
 * jacob_cov: how uncorrelated the input Jacobians of different samples are, from the first version of Mellor,
 * Turner, Storkey and Crowley, "Neural Architecture Search without Training" (arXiv:2006.04647v1, 2020), as
 * implemented by Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021. For each sample
 * {@code i} the Jacobian row is {@code J_i = d(sum_k y_k)/dx_i}, the gradient of the sum of the network's logits
 * with respect to that sample's input; with the {@code N x N} correlation matrix of the rows and its eigenvalues
 * {@code v}, the score is {@code -sum_i (ln(v_i + k) + 1 / (v_i + k))}, {@code k = 1e-5}.
 *
 * <p><b>Needs gradients, not labels.</b> On a private copy the output layer's activation becomes the identity
 * (logits: the sum of softmax outputs is constant) and its loss {@link SumOfOutputsLoss}; one forward and
 * backward pass in training mode (batch normalisation with batch statistics) gives the input gradient. Needs at
 * least 2 samples. A sample whose Jacobian is constant has no defined correlation: its row and column of the
 * correlation matrix are set to 0. Negative eigenvalues from rounding are taken as 0.
 *
 * <pre>{@code
 * ProxyResult r = new JacobCov().score(net, batch);
 * }</pre>
 */
public final class JacobCov extends AbstractProxy {

    /** The constant {@code k} of the score. */
    public static final double K = 1e-5;

    /**
     * Creates a JacobCov.
     */
    public JacobCov() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a JacobCov.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public JacobCov(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "jacob_cov";
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public boolean needsGradients() {
        return true;
    }

    @Override
    void checkData(DataSet data) {
        Preconditions.checkArgument(data.getFeatures().size(0) >= 2, "data: jacob_cov needs at least 2 samples, got %s",
                data.getFeatures().size(0));
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        Model copy = Networks.derive(model, seed, OutputEdits.sumOfLogits(), false);
        INDArray f = data.getFeatures();
        INDArray jac = Networks.inputGradient(copy, f, Networks.zeroLabels(copy, f, true));
        return score(jac.reshape(jac.size(0), -1).castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** The score of a Jacobian matrix, one row per sample. */
    static double score(double[][] jacobians) {
        RealMatrix corr = correlationOfRows(jacobians);
        double[] v = SymmetricEigen.eigenvalues(corr.getData());
        double s = 0;
        for (double x : v) {
            double e = Math.max(x, 0.0) + K;
            s += Math.log(e) + 1.0 / e;
        }
        return -s;
    }

    /**
     * Pearson correlation between the rows; undefined entries are 0: every entry of a constant row's row and column,
     * its diagonal included, as numpy's and PyTorch's {@code corrcoef} give NaN there and the authors' code of MeCo
     * sets NaN to 0. (Commons Math puts 1 on the diagonal whatever the row: a constant row then looked like a
     * perfectly decorrelated one, which made all-zero networks score best on MeCo and jacob_cov.)
     */
    static RealMatrix correlationOfRows(double[][] rows) {
        RealMatrix corr = new PearsonsCorrelation().computeCorrelationMatrix(new Array2DRowRealMatrix(rows, false).transpose());
        for (int i = 0; i < corr.getRowDimension(); i++) {
            boolean constant = isConstant(rows[i]);
            for (int j = 0; j < corr.getColumnDimension(); j++) {
                if (Double.isNaN(corr.getEntry(i, j)) || constant) {
                    corr.setEntry(i, j, 0.0);
                    corr.setEntry(j, i, 0.0);
                }
            }
        }
        return corr;
    }

    private static boolean isConstant(double[] row) {
        for (double v : row) {
            if (v != row[0]) {
                return false;
            }
        }
        return true;
    }
}
