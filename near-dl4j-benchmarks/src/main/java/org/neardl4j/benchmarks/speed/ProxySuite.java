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
package org.neardl4j.benchmarks.speed;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.capture.FastLayers;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.benchmarks.nb201.Nb201Data;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Network;

import java.util.List;
import java.util.Locale;

/**
 * The gradient-based baseline proxies on NAS-Bench-201 networks (64 CIFAR-10 test images with their labels), with
 * and without the native layer helpers that the proxies install on their working copies (DL4J's own oneDNN
 * helpers for convolution and batch normalisation, which DL4J 1.0.0-M2.1 never enables itself), timed in
 * alternation in the same run: {@code on} is the default, {@code off} is {@code -Dneardl4j.fastLayers=false}.
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.speed.NearBenchmark --suite proxies
 * }</pre>
 */
final class ProxySuite extends SuitePart {

    /** The proxies timed: those that run DL4J's backward pass (SNIP costs what grad_norm does). */
    static final List<String> PROXIES = List.of("grad_norm", "jacob_cov", "zico");

    ProxySuite(Context ctx) {
        super(ctx);
    }

    /** The first 64 CIFAR-10 test images with one-hot labels (what the NB201 benchmark's proxies task uses). */
    static DataSet batch() {
        return new DataSet(Nb201Data.images(64), Nb201Data.labels(64));
    }

    /** The proxy's score with the fast paths switched as given (the property is read when a working copy is made). */
    private static double score(ZeroCostProxy p, ComputationGraph net, DataSet data, boolean helpers) {
        String old = System.getProperty(FastLayers.PROPERTY);
        System.setProperty(FastLayers.PROPERTY, Boolean.toString(helpers));
        try {
            return p.score(net, data).score();
        } finally {
            if (old == null) {
                System.clearProperty(FastLayers.PROPERTY);
            } else {
                System.setProperty(FastLayers.PROPERTY, old);
            }
        }
    }

    @Override
    void run() {
        boolean ci = ctx.suite.isCi();
        List<Nb201Suite.Arch> all = Nb201Suite.select(24);
        List<Nb201Suite.Arch> archs = ci ? all.subList(0, 1) : List.of(all.get(0), all.get(12), all.get(23));
        List<String> proxies = ci ? PROXIES.subList(0, 1) : PROXIES;
        DataSet data = batch();
        heading("\n### Gradient proxies on NAS-Bench-201 networks: native layer helpers on and off\n");
        say("Networks of `reference_near_1000.csv` (conv-free, middle, conv-heavy of the NB201 part's selection; `ops`: "
                + "3x3 / 1x1 convolutions / pools / skips per cell), 64 CIFAR-10 test images with labels as one batch, "
                + "`ProxyOptions.defaults()` (the network's own weights, 1 repetition). `on`: the proxies' working copies "
                + "get DL4J's native helpers for convolution and batch normalisation (the default); `off`: DL4J's own "
                + "layer code (`-Dneardl4j.fastLayers=false`); timed in alternation, each the median of its runs "
                + "after one of each. `rel. diff`: |on - off| / |off| of the proxy's value.\n\n");
        Table t = new Table("arch", "ops", "proxy", "off (s)", "on (s)", "off / on", "value on", "rel. diff");
        double sumOff = 0;
        double sumOn = 0;
        for (Nb201Suite.Arch a : archs) {
            ComputationGraph net = Nb201Network.builder().initialisation(Initialisation.seeded(a.index())).build().graph(a.cell());
            for (String name : proxies) {
                System.out.println("  proxies arch " + a.index() + " " + name);
                ZeroCostProxy p = ZeroCostProxies.byName(name, ProxyOptions.defaults());
                double[] values = new double[2];
                double[] times = pairedTimes(1, () -> values[0] = score(p, net, data, false),
                        () -> values[1] = score(p, net, data, true));
                t.row(a.index(), a.ops(), name, Table.sec(times[0]), Table.sec(times[1]), Table.x(times[0] / times[1]),
                        String.format(Locale.ROOT, "%.6g", values[1]),
                        String.format(Locale.ROOT, "%.1e", Math.abs(values[1] - values[0])
                                / Math.max(Math.abs(values[0]), Double.MIN_NORMAL)));
                sumOff += times[0];
                sumOn += times[1];
            }
        }
        t.row("total", "", "", Table.sec(sumOff), Table.sec(sumOn), Table.x(sumOff / sumOn), "", "");
        table(t);
        say(String.format(Locale.ROOT, "%n- the gradient proxies took %.1f s with the helpers against %.1f s without "
                + "(%.1f times faster) on these networks.%n", sumOn, sumOff, sumOff / sumOn));
    }
}
