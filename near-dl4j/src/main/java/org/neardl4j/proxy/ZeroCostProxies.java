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

import java.util.List;
import com.google.common.collect.ImmutableList;
import org.neardl4j.score.NearScorer;

/**
 * The proxies of this package by name, ready-made with shared options.
 *
 * <pre>{@code
 * for (ZeroCostProxy p : ZeroCostProxies.all(ProxyOptions.of(NearScorer.builder().repetitions(3).build()))) {
 *     System.out.println(p.score(net, batch));
 * }
 * ZeroCostProxy snip = ZeroCostProxies.byName("snip", ProxyOptions.defaults());
 * }</pre>
 */
public final class ZeroCostProxies {

    /** The names {@link #byName} knows, in the order of {@link #all}. */
    public static final List<String> NAMES = ImmutableList.of("near", "params", "naswot", "grad_norm", "snip",
            "synflow", "jacob_cov", "zico", "meco");

    private ZeroCostProxies() {
    }

    /**
     * NEAR (with the options' scorer) and every baseline, in {@link #NAMES} order.
     *
     * @param options the scorer for NEAR, whose repetitions and seed the baselines use too; not null
     * @return one new proxy per entry of {@link #NAMES}, in that order
     */
    public static List<ZeroCostProxy> all(ProxyOptions options) {
        ImmutableList.Builder<ZeroCostProxy> b = ImmutableList.builder();
        for (String n : NAMES) {
            b.add(byName(n, options));
        }
        return b.build();
    }

    /**
     * The proxy called {@code name} (see {@link #NAMES}).
     *
     * @param name    one of {@link #NAMES}, lower case, e.g. {@code snip}; not null
     * @param options the scorer for NEAR, whose repetitions and seed the baselines use too; not null
     * @return a new proxy of that name
     * @throws IllegalArgumentException for a name that is not in {@link #NAMES}
     */
    public static ZeroCostProxy byName(String name, ProxyOptions options) {
        switch (name) {
            case "near":
                return new NearProxy(options.scorer());
            case "params":
                return new ParameterCount(options);
            case "naswot":
                return new Naswot(options);
            case "grad_norm":
                return new GradNorm(options);
            case "snip":
                return new Snip(options);
            case "synflow":
                return new SynFlow(options);
            case "jacob_cov":
                return new JacobCov(options);
            case "zico":
                return new Zico(options);
            case "meco":
                return new Meco(options);
            default:
                throw new IllegalArgumentException("unknown proxy '" + name + "'; known: " + NAMES);
        }
    }
}
