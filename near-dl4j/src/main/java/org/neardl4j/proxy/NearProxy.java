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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.time.Duration;

/**
 * NEAR (Husistein, Reiher and Eckhoff, "NEAR: A Training-Free Pre-Estimator of Machine Learning Model
 * Performance", ICLR 2025) behind the {@link ZeroCostProxy} interface: a thin adapter over a {@link NearScorer},
 * whose options (repetitions, seed, block mode, sample limit) it uses. Needs neither labels nor gradients. Given
 * an iterator it reads as many batches as NEAR needs (a dense layer of width F needs F samples for a square
 * matrix), unlike the other proxies, which read one batch.
 *
 * <pre>{@code
 * ZeroCostProxy near = new NearProxy(NearScorer.builder().repetitions(3).build());
 * ProxyResult r = near.score(net, iterator);
 * }</pre>
 */
public final class NearProxy implements ZeroCostProxy {

    private final NearScorer scorer;

    /**
     * Creates a NearProxy.
     */
    public NearProxy() {
        this(NearScorer.defaults());
    }

    /**
     * Creates a NearProxy.
     *
     * @param scorer the NEAR scorer, used with all its options (repetitions, seed, blocks, sample limit); not null
     */
    public NearProxy(NearScorer scorer) {
        this.scorer = Preconditions.checkNotNull(scorer, "scorer");
    }

    /**
     * The scorer.
     *
     * @return the scorer given to the constructor ({@link NearScorer#defaults()} for the no-argument one)
     */
    public NearScorer scorer() {
        return scorer;
    }

    @Override
    public String name() {
        return "near";
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
    public ProxyResult score(Model model, DataSet data) {
        Preconditions.checkNotNull(data, "data");
        Preconditions.checkArgument(data.getFeatures() != null, "data: the DataSet has no features");
        long t0 = System.nanoTime();
        NearResult r = scorer.score(model, data.getFeatures());
        return toResult(r, t0);
    }

    @Override
    public ProxyResult score(Model model, DataSetIterator data) {
        Preconditions.checkNotNull(model, "model");
        long t0 = System.nanoTime();
        NearResult r;
        if (model instanceof MultiLayerNetwork) {
            r = scorer.score((MultiLayerNetwork) model, data);
        } else if (model instanceof ComputationGraph) {
            r = scorer.score((ComputationGraph) model, data);
        } else {
            throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                    + model.getClass().getName());
        }
        return toResult(r, t0);
    }

    private ProxyResult toResult(NearResult r, long t0) {
        return new ProxyResult(name(), r.scores(), r.provenance().with(r.samples(), Duration.ofNanos(System.nanoTime() - t0)));
    }

    @Override
    public String toString() {
        return "near (repetitions=" + scorer.repetitions() + ", seed=" + scorer.seed() + ")";
    }
}
