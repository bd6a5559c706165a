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

import org.apache.commons.math3.linear.RealMatrix;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.capture.ActivationSink;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.rank.SymmetricEigen;
import org.neardl4j.sampling.ActivationLayout;

import java.util.Arrays;

/**
 * MeCo: the sum over layers of the minimum eigenvalue of the channel correlation matrix of one sample's feature
 * map, from Jiang, Wang and Bie, "MeCo: Zero-Shot NAS with One Data and Single Forward Pass via Minimum Eigenvalue
 * of Correlation", NeurIPS 2023. For a feature map with {@code C} channels and {@code P} positions the
 * {@code C x C} Pearson correlation between channels (over positions) is formed; undefined entries (constant
 * channels) are set to 0, as in the authors' code, and its smallest eigenvalue is taken.
 *
 * <p><b>Needs neither labels nor gradients</b>: one forward pass of the first sample of the data, in training
 * mode, through a private copy. The layers are those NEAR uses (see {@link ModelCapture}): the pre-activation
 * output of every layer with weights and the output of every activation function. Only outputs with a channel
 * axis and positions (convolutional feature maps, sequences) contribute; a dense layer's output of one sample
 * has no correlation matrix (the authors' code gives it 0), so a pure MLP scores 0.
 *
 * <pre>{@code
 * ProxyResult r = new Meco().score(net, batch);   // uses batch's first sample
 * }</pre>
 */
public final class Meco extends AbstractProxy {

    /**
     * Creates a Meco.
     */
    public Meco() {
        this(ProxyOptions.defaults());
    }

    /**
     * Creates a Meco.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public Meco(ProxyOptions options) {
        super(options);
    }

    @Override
    public String name() {
        return "meco";
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public boolean needsGradients() {
        return false;
    }

    @Override
    long samplesUsed(DataSet data) {
        return 1;
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        ModelCapture capture = seed == null ? ModelCapture.of(model) : ModelCapture.freshlyInitialised(model, seed);
        INDArray f = data.getFeatures();
        INDArray first = f.get(firstSample(f.rank())).dup();
        double[] sum = {0};
        capture.forward(new INDArray[] {first}, new ActivationSink() {
            @Override
            public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
                if (activation.rank() < 3) {
                    return;
                }
                sum[0] += minEigenvalue(channelRows(activation, layout));
            }
        });
        return sum[0];
    }

    /**
     * Sample 0 of an activation as one row per channel, its values over the positions. The rows come from one
     * contiguous copy: ND4J's {@code toDoubleMatrix} of a transposed view read it element by element (2.5 of MeCo's
     * 3.5 s on a conv-heavy NAS-Bench-201 network).
     */
    static double[][] channelRows(INDArray activation, ActivationLayout layout) {
        INDArray a = activation.get(firstSample(activation.rank())).castTo(DataType.DOUBLE);
        long[] s = a.shape();
        long channels = layout.isChannelsLast() ? s[s.length - 1] : s[1];
        long positions = a.length() / channels;
        INDArray m = layout.isChannelsLast() ? a.reshape('c', positions, channels).transpose()
                : a.reshape('c', channels, positions);
        double[] flat = m.dup('c').reshape(-1).toDoubleVector();
        double[][] rows = new double[(int) channels][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = Arrays.copyOfRange(flat, (int) (c * positions), (int) ((c + 1) * positions));
        }
        return rows;
    }

    /** Smallest eigenvalue of the correlation matrix of the channels (rows: channels, columns: positions). */
    static double minEigenvalue(double[][] channelRows) {
        if (channelRows.length == 0 || channelRows[0].length < 2) {
            return 0.0;     // one position: every correlation undefined, the matrix is 0
        }
        RealMatrix corr = JacobCov.correlationOfRows(channelRows);
        double min = Double.POSITIVE_INFINITY;
        for (double v : SymmetricEigen.eigenvalues(corr.getData())) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] firstSample(int rank) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(0, 1);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }
}
