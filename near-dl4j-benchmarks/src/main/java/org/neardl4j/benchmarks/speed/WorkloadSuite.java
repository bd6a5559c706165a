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

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.cli.report.HtmlReport;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.rank.EffectiveRank.Method;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The workloads (MLP, LeNet-5, ResNet-18, zoo ResNet50, ranking candidates): NEAR against the forward pass alone,
 * with memory; where NEAR's time goes; ND4J on 1 against 2 threads.
 *
 * <pre>{@code
 * new WorkloadSuite(context).run();
 * }</pre>
 */
final class WorkloadSuite extends SuitePart {

    WorkloadSuite(Context ctx) {
        super(ctx);
    }

    @Override
    void run() throws Exception {
        workloadSuite(ctx.suite.isCi());
    }

    /** One benchmark workload: a model, its input batches, the reference times and whether to keep its blocks. */
    private record Workload(String name, Supplier<Model> model, List<INDArray> batches, double refNear,
                            double refForward, boolean keepBlocks) {
    }

    private void workloadSuite(boolean ci) {
        List<Workload> ws = new ArrayList<>();
        ws.add(new Workload("(a) MLP 784-100-10, 100 images", () -> Workloads.mlp(784, 100, 10),
                List.of(Workloads.fashionMnist(100)), 0.013, 0.0008, false));
        ws.add(new Workload("(b) LeNet-5, 64 images", Workloads::lenet5,
                List.of(Workloads.fashionMnistImages(64)), Double.NaN, Double.NaN, false));
        ws.add(new Workload("(b') LeNet-5, 128 images in batches of 64", Workloads::lenet5,
                Runs.split(Workloads.fashionMnistImages(128), 64), 0.036, 0.015, true));
        if (!ci) {
            ws.add(new Workload("(c) ResNet-18 (torchvision layout) 32x32, 512 images in batches of 64",
                    () -> Workloads.resnet18(3, 10), Runs.split(Workloads.fashionMnist32x3(512), 64), 3.4, 1.75, true));
            ws.add(new Workload("(c') ResNet-18 (CIFAR stem) 32x32, up to 512 images in batches of 64",
                    () -> Workloads.resnet18(3, 10, false), Runs.split(Workloads.fashionMnist32x3(512), 64), Double.NaN,
                    Double.NaN, false));
            ws.add(new Workload("(d) zoo ResNet50 224x224, 128 images (8 batches of 16)",
                    () -> ZooBench.build("ResNet50").model,
                    Runs.split(Workloads.randomImages(42, 128, 3, 224, 224), 16), Double.NaN, Double.NaN, true));
        }
        heading("\n### Workloads: NEAR vs the forward pass alone\n");
        say("`forward`: DL4J's own forward pass (`output(x, true)`: training mode, batch statistics, as NEAR) over the "
                + "same batches NEAR consumed; `NEAR`: `NearScorer.builder().build().score(...)` (random blocks, "
                + "defaults: `AUTO` effective rank, plain-Java blocks as many at a time as ND4J has threads), "
                + "including the private copy of the "
                + "model; `own` = NEAR - forward. Memory: peaks above the level before the run (see below). "
                + "Reference: the authors' PyTorch implementation on a 2-core machine (other run; ratios only).\n\n");
        Table t = new Table("workload", "matrices (short)", "samples", "forward (s)", "NEAR (s)", "own (s)",
                "own / forward", "NEAR heap (MiB)", "NEAR off-heap (MiB)", "NEAR RSS (MiB)", "forward off-heap (MiB)",
                "ref NEAR (s)", "ref / this");
        Table parts = new Table("workload", "copy of model (s)", "forward + capture (s)", "effective ranks (s)",
                "of which SVD fallbacks (s)", "largest block", "AUTO fallbacks", "own / forward without fallbacks");
        List<HtmlReport.Point> points = new ArrayList<>();
        for (Workload w : ws) {
            System.out.println("  workload " + w.name());
            Model model = w.model().get();
            NearScorer scorer = NearScorer.builder().build();
            NearResult[] last = new NearResult[1];
            int r = w.name().startsWith("(d)") ? Math.max(3, reps / 2) : reps;    // (d): 3 pairs at least, noise
            last[0] = Runs.score(scorer, model, w.batches());
            long samples = last[0].samples();
            List<INDArray> used = Runs.usedBatches(w.batches(), samples);
            double[] nf = pairedTimes(r, () -> last[0] = Runs.score(scorer, model, w.batches()), () -> Runs.forward(model, used));
            double near = nf[0];
            double fwd = nf[1];
            MemoryProbe.Peak mNear = MemoryProbe.measure(() -> Runs.score(scorer, model, w.batches()));
            MemoryProbe.Peak mFwd = MemoryProbe.measure(() -> Runs.forward(model, used));
            long shortBlocks = last[0].matrices().stream().filter(m -> !m.isSquare()).count();
            t.row(w.name(), last[0].matrices().size() + " (" + shortBlocks + ")", samples, Table.sec(fwd), Table.sec(near),
                    Table.sec(near - fwd), Table.pct((near - fwd) / fwd), Table.mib(mNear.heapMiB()),
                    Table.mib(mNear.offHeapMiB()), Table.mib(mNear.rssMiB()), Table.mib(mFwd.offHeapMiB()),
                    Double.isNaN(w.refNear()) ? "-" : Table.sec(w.refNear()) + " (fwd " + Table.sec(w.refForward()) + ")",
                    Double.isNaN(w.refNear()) ? "-" : Table.x(w.refNear() / near));
            points.add(new HtmlReport.Point(w.name(), Math.log10(fwd), Math.log10(near)));
            BlockCollector.Blocks b = BlockCollector.collect(model, w.batches());
            long t0 = System.nanoTime();
            long fallbackNanos = 0;
            int fallbacks = 0;
            long largest = 0;
            for (INDArray block : b.blocks) {
                double[] g = EffectiveRank.singularValues(block, Method.GRAM_DOUBLE);
                if (EffectiveRank.gramErrorEstimate(g) > EffectiveRank.AUTO_TOLERANCE) {
                    long f0 = System.nanoTime();
                    EffectiveRank.singularValues(block, Method.SVD_DOUBLE);
                    fallbackNanos += System.nanoTime() - f0;
                    fallbacks++;
                }
                largest = Math.max(largest, block.columns());
            }
            double rankSec = (System.nanoTime() - t0) / 1e9;
            double fallbackSec = fallbackNanos / 1e9;
            parts.row(w.name(), Table.sec(b.copySeconds), Table.sec(b.captureSeconds), Table.sec(rankSec),
                    Table.sec(fallbackSec), largest, fallbacks + " of " + b.blocks.size(),
                    Table.pct((near - fwd - fallbackSec) / fwd));
            if (w.keepBlocks()) {
                ctx.networkBlocks.put("blocks of " + w.name(), b.blocks);
            }
        }
        ranking(ci ? 20 : 100, t);
        table(t);
        ctx.report.scatter("NEAR against the forward pass alone", "forward pass (log10 s)", "NEAR (log10 s)", points,
                "One point per workload of the table above (medians, timed in alternation); NEAR's own part is "
                        + "y - x = log10(NEAR / forward).");
        heading("\n### Where NEAR's time goes (one run, sequential, " + cores + " ND4J threads)\n");
        say("`SVD fallbacks`: the part of the effective ranks spent recomputing, with `SVD_DOUBLE`, the blocks whose "
                + "Gram error estimate exceeded " + EffectiveRank.AUTO_TOLERANCE + "; `own / forward without fallbacks`: "
                + "the workload table's own cost less that time, i.e. what `rankMethod(GRAM_DOUBLE)` (unchecked) would "
                + "cost.\n\n");
        table(parts);
        if (!ci) {
            threadSuite(ws);
        }
    }

    /** Ranking {@code count} candidates: sequentially (default scorer) and two candidates at a time. */
    private void ranking(int count, Table t) {
        System.out.println("  ranking " + count + " candidates");
        List<MultiLayerNetwork> cands = Workloads.candidates(count, 7);
        INDArray x = Workloads.fashionMnist(256);
        NearScorer scorer = NearScorer.builder().build();
        int r = Math.max(1, reps / 2);
        double[] sf = pairedTimes(r, () -> cands.forEach(c -> scorer.score(c, x)),
                () -> cands.forEach(c -> c.output(x, true)));
        double seq = sf[0];
        double fwd = sf[1];
        MemoryProbe.Peak m = MemoryProbe.measure(() -> cands.forEach(c -> scorer.score(c, x)));
        MemoryProbe.Peak mf = MemoryProbe.measure(() -> cands.forEach(c -> c.output(x, true)));
        t.row("(e) ranking " + count + " MLP candidates, 256 images", "-", 256, Table.sec(fwd), Table.sec(seq),
                Table.sec(seq - fwd), Table.pct((seq - fwd) / fwd), Table.mib(m.heapMiB()), Table.mib(m.offHeapMiB()),
                Table.mib(m.rssMiB()), Table.mib(mf.offHeapMiB()), "-", "-");
    }

    private void threadSuite(List<Workload> ws) {
        heading("\n### Threads: 1 vs 2\n");
        say("`ND4J`: threads of libnd4j and of BLAS/LAPACK (`Nd4j.getEnvironment().setMaxThreads`, "
                + "`setMaxMasterThreads`, BLAS `setMaxThreads`); NEAR with its defaults (native work on the calling "
                + "thread, blocks solved in plain Java as many at a time as ND4J has threads). Speed-up: NEAR with 1 "
                + "ND4J thread / with 2.\n\n");
        Table t = new Table("workload", "forward, ND4J 1 thread (s)", "forward, ND4J 2 threads (s)",
                "NEAR, ND4J 1 thread (s)", "NEAR, ND4J 2 threads (s)", "NEAR speed-up");
        for (Workload w : ws) {
            if (w.name().startsWith("(a)") || w.name().startsWith("(b") || w.name().startsWith("(c')")) {
                continue;
            }
            System.out.println("  threads " + w.name());
            Model model = w.model().get();
            int r = w.name().startsWith("(d)") ? 1 : Math.max(1, reps / 2);
            NearScorer scorer = NearScorer.builder().build();
            NearResult res = Runs.score(scorer, model, w.batches());
            List<INDArray> used = Runs.usedBatches(w.batches(), res.samples());
            setThreads(1);
            double[] one = pairedTimes(r, () -> Runs.forward(model, used), () -> Runs.score(scorer, model, w.batches()));
            setThreads(2);
            double[] two = pairedTimes(r, () -> Runs.forward(model, used), () -> Runs.score(scorer, model, w.batches()));
            setThreads(cores);
            double[] cells = {one[0], two[0], one[1], two[1]};
            t.row(w.name(), Table.sec(cells[0]), Table.sec(cells[1]), Table.sec(cells[2]), Table.sec(cells[3]),
                    Table.x(cells[2] / cells[3]));
        }
        // ranking: 100 small candidates one after the other
        List<MultiLayerNetwork> cands = Workloads.candidates(100, 7);
        INDArray x = Workloads.fashionMnist(256);
        NearScorer scorer = NearScorer.builder().build();
        int r = Math.max(1, reps / 2);
        setThreads(1);
        double[] t1 = pairedTimes(r, () -> cands.forEach(c -> c.output(x, true)),
                () -> cands.forEach(c -> scorer.score(c, x)));
        setThreads(2);
        double[] t2 = pairedTimes(r, () -> cands.forEach(c -> c.output(x, true)),
                () -> cands.forEach(c -> scorer.score(c, x)));
        setThreads(cores);
        double fwd1 = t1[0];
        double one = t1[1];
        double fwd2 = t2[0];
        double two = t2[1];
        t.row("(e) ranking 100 MLP candidates, 256 images", Table.sec(fwd1), Table.sec(fwd2), Table.sec(one),
                Table.sec(two), Table.x(one / two));
        table(t);
    }

}
