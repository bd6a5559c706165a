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
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZiCo: the inverse coefficient of variation of the gradients across batches, {@code sum_l ln( sum_{w in W_l}
 * mean_b |g_b(w)| / std_b g_b(w) )}, from Li, Yang, Zhang and Li, "ZiCo: Zero-shot NAS via Inverse Coefficient of
 * Variation on Gradients", ICLR 2023. {@code g_b} is the gradient of the loss, averaged over batch {@code b},
 * with respect to the weight matrix {@code W_l} of layer {@code l}.
 *
 * <p><b>Needs labels and gradients.</b> As in the authors' code, the batches are the {@code splits} (default 2)
 * contiguous parts of the given data; each part's gradient is computed independently (one forward and backward
 * pass in training mode on a private copy, the network's own loss). The standard deviation is the population
 * one (divided by the number of batches); weights whose gradient does not vary are left out, and a layer whose
 * sum is 0 contributes nothing.
 *
 * <pre>{@code
 * ProxyResult r = new Zico(ProxyOptions.defaults(), 2).score(net, batchWithLabels);
 * }</pre>
 */
public final class Zico extends AbstractProxy {

    private final int splits;

    /** Two batches, one repetition. */
    public Zico() {
        this(ProxyOptions.defaults(), 2);
    }

    /**
     * Creates a Zico that cuts the data into 2 batches.
     *
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public Zico(ProxyOptions options) {
        this(options, 2);
    }

    /**
     * Creates a Zico that cuts the data into {@code splits} contiguous batches.
     *
     * @param splits  number of batches the data is cut into, at least 2 (the data needs at least as many samples)
     * @param options repetitions and seed of the fresh initialisations, from {@link ProxyOptions#scorer()}; not null
     */
    public Zico(ProxyOptions options, int splits) {
        super(options);
        Preconditions.checkArgument(splits >= 2, "splits must be >= 2, got %s", splits);
        this.splits = splits;
    }

    /**
     * The splits.
     *
     * @return the number of batches the data is cut into, at least 2 (2 unless given to the constructor)
     */
    public int splits() {
        return splits;
    }

    @Override
    public String name() {
        return "zico";
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public boolean needsGradients() {
        return true;
    }

    @Override
    void checkData(DataSet data) {
        Preconditions.checkArgument(data.getFeatures().size(0) >= splits,
                "data: zico with %s splits needs at least %s samples, got %s", splits, splits, data.getFeatures().size(0));
    }

    @Override
    double scoreOnce(Model model, Long seed, DataSet data) {
        Model copy = Networks.workingCopy(model, seed);
        long n = data.getFeatures().size(0);
        Map<String, List<double[]>> grads = new LinkedHashMap<>();
        for (int s = 0; s < splits; s++) {
            long from = s * n / splits;
            long to = (s + 1) * n / splits;
            INDArray f = rows(data.getFeatures(), from, to);
            INDArray l = rows(data.getLabels(), from, to);
            for (Networks.Weight w : Networks.weights(copy, Networks.gradient(copy, f, l, true))) {
                grads.computeIfAbsent(w.layer, k -> new ArrayList<>())
                        .add(w.gradient.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
            }
        }
        double score = 0;
        for (List<double[]> g : grads.values()) {
            double layerSum = layerSum(g);
            if (layerSum != 0) {
                score += Math.log(layerSum);
            }
        }
        return score;
    }

    /** {@code sum_w mean_b |g_b(w)| / std_b g_b(w)} over the weights with non-zero std. */
    static double layerSum(List<double[]> perBatch) {
        int b = perBatch.size();
        int m = perBatch.get(0).length;
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            double meanAbs = 0;
            for (double[] g : perBatch) {
                mean += g[j];
                meanAbs += Math.abs(g[j]);
            }
            mean /= b;
            meanAbs /= b;
            double var = 0;
            for (double[] g : perBatch) {
                var += (g[j] - mean) * (g[j] - mean);
            }
            double std = Math.sqrt(var / b);
            if (std != 0) {
                sum += meanAbs / std;
            }
        }
        return sum;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }

    @Override
    public String toString() {
        return name() + " (" + options + ", splits=" + splits + ")";
    }
}
