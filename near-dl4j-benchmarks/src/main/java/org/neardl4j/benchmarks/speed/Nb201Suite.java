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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;
import org.neardl4j.benchmarks.nb201.Nb201Data;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.space.Nb201Op;
import org.neardl4j.tune.RankCorrelation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NAS-Bench-201 CIFAR-10 networks on 64 real CIFAR-10 test images (one batch), from conv-free to conv-heavy cells:
 * NEAR, near-dl4j's forward pass alone (the capture's forward pass, which runs the layers NEAR runs, with a sink
 * that keeps nothing) and DL4J's own training-mode forward pass, with ND4J on all cores and on one; compared with the
 * authors' package's per-network seconds of {@code reference_near_1000.csv} (measured on a busy 2-core machine:
 * a rough guide, ratios only).
 *
 * <pre>{@code
 * new Nb201Suite(context).run();
 * }</pre>
 */
final class Nb201Suite extends SuitePart {

    private static final int IMAGES = 64;

    Nb201Suite(Context ctx) {
        super(ctx);
    }

    /** One row of the reference data: architecture index, cell, the reference's NEAR and seconds. */
    record Arch(int index, Nb201Cell cell, double near, double seconds) {
        /** Convolution weight per cell: 9 per 3x3, 1 per 1x1 (what orders cells from conv-free to conv-heavy). */
        int convCost() {
            int c = 0;
            for (Nb201Op op : cell.edges()) {
                c += op == Nb201Op.NOR_CONV_3X3 ? 9 : op == Nb201Op.NOR_CONV_1X1 ? 1 : 0;
            }
            return c;
        }

        String ops() {
            int c3 = 0;
            int c1 = 0;
            int pool = 0;
            int skip = 0;
            for (Nb201Op op : cell.edges()) {
                c3 += op == Nb201Op.NOR_CONV_3X3 ? 1 : 0;
                c1 += op == Nb201Op.NOR_CONV_1X1 ? 1 : 0;
                pool += op == Nb201Op.AVG_POOL_3X3 ? 1 : 0;
                skip += op == Nb201Op.SKIP_CONNECT ? 1 : 0;
            }
            return String.format(Locale.ROOT, "%d/%d/%d/%d", c3, c1, pool, skip);
        }
    }

    /**
     * {@code count} architectures of the reference data evenly spread over the conv cost (conv-free first), ties by
     * index.
     */
    static List<Arch> select(int count) {
        List<Arch> all = readArchs();
        all.sort(Comparator.comparingInt(Arch::convCost).thenComparingInt(Arch::index));
        List<Arch> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(all.get((int) Math.round(i * (all.size() - 1) / (double) Math.max(1, count - 1))));
        }
        return out;
    }

    /** The bundled architectures with the reference's NEAR and seconds. */
    private static List<Arch> readArchs() {
        Map<Integer, Double> near = Nb201Data.reference("near_reference");
        Map<Integer, Double> seconds = Nb201Data.reference("seconds_reference");
        List<Arch> out = new ArrayList<>();
        for (Nb201Data.Arch a : Nb201Data.archs()) {
            out.add(new Arch(a.arch(), a.cell(), near.get(a.arch()), seconds.get(a.arch())));
        }
        return out;
    }

    /** The first 64 CIFAR-10 test images, normalised as NAS-Bench-201 trains, {@code [64, 3, 32, 32]}. */
    static INDArray images() {
        return Nb201Data.images(IMAGES);
    }

    /** near-dl4j's forward pass alone: every layer NEAR runs, the capture's own layers, nothing kept. */
    static void captureForward(ModelCapture capture, INDArray x) {
        capture.forward(new INDArray[] {x}, (site, activation, layout) -> { });
    }

    @Override
    void run() {
        boolean ci = ctx.suite.isCi();
        List<Arch> archs = ci ? select(24).subList(0, 3) : select(24);   // ci: the three lightest
        INDArray x = images();
        heading("\n### NAS-Bench-201 CIFAR-10 networks, 64 images\n");
        say("Networks of `reference_near_1000.csv` evenly spread from conv-free to conv-heavy cells (`ops`: 3x3 / 1x1 "
                + "convolutions / pools / skips per cell), built by `Nb201Network` (seed = arch index), the first 64 "
                + "CIFAR-10 test images as one batch. `NEAR`: `NearScorer.defaults()` (1 repetition, including the "
                + "private copy of the model); `forward`: near-dl4j's own forward pass alone (the capture's forward "
                + "pass over the same layers, nothing kept); `own` = NEAR - forward, timed in alternation; `DL4J fwd`: "
                + "DL4J's `output(x, true)` (one run, after NEAR's); `ref`: the authors' package on a busy 2-core machine "
                + "(`seconds_reference`, another run: a rough guide only). `1 thr`: ND4J (libnd4j, BLAS, oneDNN's "
                + "OpenMP) on one thread.\n\n");
        Table t = new Table("arch", "ops", "ref (s)", "NEAR (s)", "forward (s)", "own / forward", "DL4J fwd (s)",
                "NEAR / ref", "NEAR / DL4J fwd", "NEAR 1 thr (s)", "forward 1 thr (s)", "NEAR", "ref NEAR");
        double sumNear = 0;
        double sumFwd = 0;
        double sumRef = 0;
        double sumDl4j = 0;
        double sumNear1 = 0;
        double sumFwd1 = 0;
        double logRatio = 0;
        double[] mine = new double[archs.size()];
        double[] ref = new double[archs.size()];
        int i = 0;
        for (Arch a : archs) {
            System.out.println("  nb201 arch " + a.index() + " " + a.cell());
            ComputationGraph net = Nb201Network.builder().initialisation(Initialisation.seeded(a.index())).build().graph(a.cell());
            NearScorer scorer = NearScorer.defaults();
            NearResult[] last = new NearResult[1];
            ModelCapture capture = ModelCapture.of(net);
            double[] nf = pairedTimes(reps, () -> last[0] = scorer.score(net, x), () -> captureForward(capture, x));
            double dl4j = Timing.time(() -> net.output(true, x));
            setThreads(1);
            double[] one = pairedTimes(Math.max(1, reps / 2), () -> scorer.score(net, x), () -> captureForward(capture, x));
            setThreads(cores);
            t.row(a.index(), a.ops(), Table.sec(a.seconds()), Table.sec(nf[0]), Table.sec(nf[1]),
                    Table.pct((nf[0] - nf[1]) / nf[1]), Table.sec(dl4j), Table.x(nf[0] / a.seconds()),
                    Table.x(nf[0] / dl4j), Table.sec(one[0]), Table.sec(one[1]),
                    String.format(Locale.ROOT, "%.1f", last[0].score()), String.format(Locale.ROOT, "%.1f", a.near()));
            sumNear += nf[0];
            sumFwd += nf[1];
            sumRef += a.seconds();
            sumDl4j += dl4j;
            sumNear1 += one[0];
            sumFwd1 += one[1];
            logRatio += Math.log(nf[0] / a.seconds());
            mine[i] = last[0].score();
            ref[i] = a.near();
            i++;
        }
        int n = archs.size();
        t.row("mean", "", Table.sec(sumRef / n), Table.sec(sumNear / n), Table.sec(sumFwd / n),
                Table.pct((sumNear - sumFwd) / sumFwd), Table.sec(sumDl4j / n), Table.x(sumNear / sumRef),
                Table.x(sumNear / sumDl4j), Table.sec(sumNear1 / n), Table.sec(sumFwd1 / n), "", "");
        table(t);
        say(String.format(Locale.ROOT, "%n- mean NEAR %.3f s against the reference's %.3f s (ratio of means %.2f, "
                        + "geometric mean of the per-network ratios %.2f); NEAR's own part %.0f%% of near-dl4j's forward "
                        + "pass; DL4J's own forward pass %.3f s on average (%.1f times NEAR); with ND4J on one thread NEAR "
                        + "%.3f s.%n", sumNear / n, sumRef / n, sumNear / sumRef, Math.exp(logRatio / n),
                100 * (sumNear - sumFwd) / sumFwd, sumDl4j / n, sumDl4j / sumNear, sumNear1 / n));
        if (n >= 3) {
            RankCorrelation c = RankCorrelation.of(mine, ref, 1);
            say(String.format(Locale.ROOT, "- NEAR values against the reference's on these networks (different random "
                    + "initialisation): Spearman %.3f, Kendall %.3f.%n", c.spearman(), c.kendall()));
            List<HtmlReport.Point> points = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                points.add(new HtmlReport.Point("arch " + archs.get(k).index(), ref[k], mine[k]));
            }
            ctx.report.scatter("NEAR: near-dl4j against the authors' package", "NEAR, authors' package (reference CSV)",
                    "NEAR, near-dl4j", points, String.format(Locale.ROOT, "One point per network of the table above;"
                            + " Spearman's rho %.3f, Kendall's tau %.3f (n = %d).", c.spearman(), c.kendall(), n));
        }
    }
}
