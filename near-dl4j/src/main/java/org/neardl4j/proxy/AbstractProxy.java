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
import org.neardl4j.concurrent.NativeAccess;
import org.neardl4j.score.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Argument checks, repetitions and timing shared by the proxies. */
abstract class AbstractProxy implements ZeroCostProxy {

    private static final Logger log = LoggerFactory.getLogger(AbstractProxy.class);

    protected final ProxyOptions options;

    AbstractProxy(ProxyOptions options) {
        this.options = Preconditions.checkNotNull(options, "options");
    }

    /**
     * The options this proxy was built with.
     *
     * @return the options this proxy was built with
     */
    public ProxyOptions options() {
        return options;
    }

    @Override
    public final ProxyResult score(Model model, DataSet data) {
        Networks.check(model);
        Preconditions.checkNotNull(data, "data");
        Preconditions.checkArgument(data.getFeatures() != null, "data: the DataSet has no features");
        Preconditions.checkArgument(data.getFeatures().size(0) > 0, "data: the DataSet has no samples");
        Preconditions.checkArgument(!needsLabels() || data.getLabels() != null,
                "data: %s needs labels, the DataSet has none", name());
        Preconditions.checkArgument(data.getLabels() == null || data.getLabels().size(0) == data.getFeatures().size(0),
                "data: %s feature rows but %s label rows", data.getFeatures().size(0),
                data.getLabels() == null ? 0 : data.getLabels().size(0));
        checkData(data);
        long t0 = System.nanoTime();
        List<Double> values = new ArrayList<>(options.scorer().repetitions());
        NativeAccess.shared(() -> {     // several threads may score at once; LAPACK elsewhere waits for this
            for (int r = 0; r < options.scorer().repetitions(); r++) {
                values.add(scoreOnce(model, r == 0 ? null : options.weightSeed(r), data));
                NativeMemory.relieve();     // the working copy of this repetition is garbage now
            }
        });
        ProxyResult result = new ProxyResult(name(), values, Provenance.of(options.scorer(), samplesUsed(data),
                Duration.ofNanos(System.nanoTime() - t0)));
        log.debug("{}", result);
        return result;
    }

    /** Further checks of the data (e.g. enough samples); throws IllegalArgumentException naming the problem. */
    void checkData(DataSet data) {
    }

    /** Samples one repetition reads. */
    long samplesUsed(DataSet data) {
        return data.getFeatures().size(0);
    }

    /**
     * One repetition.
     *
     * @param model the user's network (read only)
     * @param seed  null: use the model's weights; else: freshly initialised weights from this seed
     */
    abstract double scoreOnce(Model model, Long seed, DataSet data);

    @Override
    public String toString() {
        return name() + " (" + options + ")";
    }
}
