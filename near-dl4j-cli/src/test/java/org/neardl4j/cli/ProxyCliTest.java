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
package org.neardl4j.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.proxy.Meco;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.Snip;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.score.NearScorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --proxy} and {@code --labels} in {@code score} and {@code rank}: the library's values, with labels. */
class ProxyCliTest {

    @TempDir
    Path dir;

    @Test
    void scoreComputesTheNamedProxiesAsTheLibraryDoes() {
        MultiLayerNetwork net = RankFailuresAndMetricsTest.mlp(24, 16);
        String model = TestFiles.save(net, dir.resolve("m.zip")).toString();
        INDArray x = TestFiles.gaussian(5, 40, 24);
        String xf = TestFiles.npy(x, dir.resolve("x.npy")).toString();
        INDArray classes = Nd4j.createFromArray(new long[40]);
        for (int i = 0; i < 40; i++) {
            classes.putScalar(i, i % 5);
        }
        String yf = TestFiles.npy(classes, dir.resolve("y.npy")).toString();
        JsonObject o = CliRun.of("score", "-m", model, "-i", xf, "--proxy", "meco,params,snip", "--labels", yf,
                "-r", "2", "--json").json();
        JsonObject p = o.getAsJsonObject("proxies");
        assertEquals(List.of("params", "snip", "meco"), p.entrySet().stream().map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toList()), "the library's order");
        // by hand: 24*16 + 16 + 16*5 + 5
        assertEquals(24 * 16 + 16 + 16 * 5 + 5, p.getAsJsonObject("params").get("score").getAsDouble(), 0.0);
        ProxyOptions options = ProxyOptions.of(NearScorer.builder().repetitions(2).build());
        INDArray y = Nd4j.zeros(x.dataType(), 40, 5);
        for (int i = 0; i < 40; i++) {
            y.putScalar(i, i % 5, 1);
        }
        assertEquals(new Meco(options).score(net, new DataSet(x, null)).score(),
                p.getAsJsonObject("meco").get("score").getAsDouble(), 1e-9);
        assertEquals(new Snip(options).score(net, new DataSet(x, y)).score(),
                p.getAsJsonObject("snip").get("score").getAsDouble(), 1e-9);

        String msg = CliRun.of("score", "-m", model, "-i", xf, "--proxy", "snip").failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains("[snip] need labels") && msg.contains("--labels"), msg);
        msg = CliRun.of("score", "-m", model, "-i", xf, "--proxy", "mecco").failure(NearCli.EXIT_USAGE);
        assertTrue(msg.contains("unknown proxy 'mecco'") && msg.contains("meco"), msg);
    }

    @Test
    void bundledDataComeWithTheirLabels() {
        CliRun r = CliRun.of("score", "-n", "32", "--proxy", "grad_norm", "--quiet");
        assertEquals(NearCli.EXIT_OK, r.code, r.toString());
        assertTrue(r.out.contains("zero-cost proxies") && r.out.contains("grad_norm"), r.out);
    }

    @Test
    void rankListsEveryProxyAndItsCorrelationWithTheMetric() throws Exception {
        List<String> args = new ArrayList<>(List.of("rank", "--models"));
        int[] widths = {4, 8, 16, 32};
        for (int w : widths) {
            args.add(TestFiles.save(RankFailuresAndMetricsTest.mlp(24, w), dir.resolve("w" + w + ".zip")).toString());
        }
        String xf = TestFiles.npy(TestFiles.gaussian(3, 64, 24), dir.resolve("x.npy")).toString();
        INDArray classes = Nd4j.createFromArray(new long[64]);
        for (int i = 0; i < 64; i++) {
            classes.putScalar(i, (i * 7) % 5);
        }
        String yf = TestFiles.npy(classes, dir.resolve("y.npy")).toString();
        Path acc = Files.writeString(dir.resolve("acc.csv"), "w4,0.50\nw8,0.71\nw16,0.64\nw32,0.80\n");
        Path csv = dir.resolve("r.csv");
        args.addAll(List.of("-i", xf, "--labels", yf, "--proxy", "all", "-r", "1", "-a", acc.toString(), "--csv",
                csv.toString(), "--json", "--quiet"));
        JsonObject o = CliRun.of(args.toArray(new String[0])).json();
        List<String> names = new ArrayList<>(ZeroCostProxies.NAMES);
        names.remove("near");
        JsonObject corr = o.getAsJsonObject("proxyCorrelations");
        for (String n : names) {
            double[] v = new double[widths.length];
            double[] m = new double[widths.length];
            int i = 0;
            for (JsonElement e : o.getAsJsonArray("candidates")) {
                JsonObject c = e.getAsJsonObject();
                v[i] = c.getAsJsonObject("proxies").getAsJsonObject(n).get("score").getAsDouble();
                m[i++] = c.get("metric").getAsDouble();
            }
            boolean finite = java.util.Arrays.stream(v).allMatch(Double::isFinite);
            assertEquals(finite, corr.has(n), n + " " + corr);   // e.g. naswot's log-determinant of a singular kernel
            if (finite && new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(v) > 0) {
                assertEquals(new SpearmansCorrelation().correlation(v, m),
                        corr.getAsJsonObject(n).get("spearman").getAsDouble(), 1e-12, n);
            }
        }
        String header = Files.readAllLines(csv).get(0);
        assertEquals("rank,name,score,sd,parameters,accuracy,accuracy_rank," + String.join(",", names), header);
    }
}
