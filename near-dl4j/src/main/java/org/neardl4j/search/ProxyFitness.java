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
package org.neardl4j.search;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.DataSet;
import org.neardl4j.proxy.ZeroCostProxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The zero-cost proxies of the library as a search's fitness: each candidate's network is built by its space and
 * scored by every proxy on the same probe batch (features, and labels for the proxies that need them).
 *
 * <pre>{@code
 * ProxyOptions o = ProxyOptions.of(NearScorer.builder().seed(1).build());
 * Fitness<Nb201Cell> f = ProxyFitness.of(space,
 *         List.of(ZeroCostProxies.byName("near", o), ZeroCostProxies.byName("meco", o)), probe);
 * }</pre>
 *
 * @param <C> the candidate type of the space
 */
public final class ProxyFitness<C> implements Fitness<C> {

    private final SearchSpace<C> space;
    private final List<ZeroCostProxy> proxies;
    private final DataSet probe;
    private final List<String> names;

    private ProxyFitness(SearchSpace<C> space, List<ZeroCostProxy> proxies, DataSet probe) {
        this.space = Preconditions.checkNotNull(space, "space");
        Preconditions.checkNotNull(proxies, "proxies");
        Preconditions.checkArgument(!proxies.isEmpty(), "no proxy given");
        this.proxies = List.copyOf(proxies);
        this.probe = Preconditions.checkNotNull(probe, "probe data");
        List<String> n = new ArrayList<>();
        for (ZeroCostProxy p : this.proxies) {
            Preconditions.checkArgument(!n.contains(p.name()), "proxy '%s' is given twice", p.name());
            Preconditions.checkArgument(!p.needsLabels() || probe.getLabels() != null,
                    "proxy '%s' needs labels but the probe data has none", p.name());
            n.add(p.name());
        }
        this.names = List.copyOf(n);
    }

    /**
     * Scores candidates of {@code space} with {@code proxies} on {@code probe}.
     *
     * @param space   builds each candidate's network
     * @param proxies at least one, names distinct
     * @param probe   one batch; with labels if a proxy needs them; never modified
     * @param <C>     the candidate type
     * @return the fitness
     */
    public static <C> ProxyFitness<C> of(SearchSpace<C> space, List<ZeroCostProxy> proxies, DataSet probe) {
        return new ProxyFitness<>(space, proxies, probe);
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] score(C candidate) {
        Model model = space.build(candidate);
        double[] v = new double[proxies.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = proxies.get(i).score(model, probe).score();
        }
        return v;
    }

    @Override
    public String toString() {
        return "ProxyFitness" + names;
    }
}
