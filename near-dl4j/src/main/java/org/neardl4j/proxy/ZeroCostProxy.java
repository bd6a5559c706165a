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
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A training-free score of a network (a "zero-cost proxy"): higher is meant to predict a higher accuracy after
 * training. Implementations score a {@code MultiLayerNetwork} or a single-input, single-output
 * {@code ComputationGraph} on one batch of data and never change the network: its parameters, updater state,
 * iteration and epoch counters, listeners, stored input and labels stay as they were.
 *
 * <p>With {@code R > 1} repetitions (those of the {@link ProxyOptions#scorer() scorer}) the first repetition uses
 * the network's own weights and the others freshly initialised copies (seeds from the scorer's seed); the result is
 * the mean.
 *
 * <pre>{@code
 * ZeroCostProxy snip = new Snip(ProxyOptions.of(NearScorer.builder().repetitions(3).build()));
 * ProxyResult r = snip.score(net, batch);          // batch: a DataSet with features and labels
 * System.out.println(r.name() + " = " + r.score());
 * }</pre>
 *
 * <p>The implementations are immutable and thread-safe: several threads may score at once, their native work
 * coordinated by {@link org.neardl4j.concurrent.NativeAccess}.
 */
public interface ZeroCostProxy {

    /**
     * Short lower-case name as used in the literature, e.g. {@code snip}, {@code naswot}.
     *
     * @return the short name, e.g. {@code snip}; for the proxies of this package, their entry in
     *         {@link ZeroCostProxies#NAMES}
     */
    String name();

    /**
     * Whether {@link #score} reads the labels of the data (it then fails on a DataSet without labels).
     *
     * @return true if the data given to {@link #score} must have labels
     */
    boolean needsLabels();

    /**
     * Whether the proxy runs a backward pass (it needs more memory and time than a forward pass).
     *
     * @return true if the proxy runs a backward pass, false if forward passes (or no pass) suffice
     */
    boolean needsGradients();

    /**
     * Scores a network on one batch.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param data  features (and labels where {@link #needsLabels()}); all samples are used as one batch
     * @return each repetition's value and their mean, with the provenance
     */
    ProxyResult score(Model model, DataSet data);

    /**
     * Scores a network on the first batch of an iterator (reset before use when it supports it). NEAR overrides
     * this to read as many batches as it needs.
     *
     * @param model an initialised {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param data  batches of features (and labels where {@link #needsLabels()}); reset again after use when it can be
     * @return each repetition's value and their mean, with the provenance
     * @throws IllegalArgumentException if the iterator has no batch
     */
    default ProxyResult score(Model model, DataSetIterator data) {
        Preconditions.checkNotNull(data, "data");
        if (data.resetSupported()) {
            data.reset();
        }
        Preconditions.checkArgument(data.hasNext(), "data: the iterator is empty");
        DataSet first = data.next();
        if (data.resetSupported()) {
            data.reset();
        }
        return score(model, first);
    }
}
