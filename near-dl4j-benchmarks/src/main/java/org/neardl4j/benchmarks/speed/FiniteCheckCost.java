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

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.capture.ActivationSink;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.rank.EffectiveRank;
import org.neardl4j.sampling.ActivationLayout;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.sampling.BlockSampler;
import org.neardl4j.cli.Cli;
import org.neardl4j.score.NearScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What NearScorer's NaN/Inf check of every captured activation (one sum per array) costs, on the speed benchmark's
 * workloads: in the same run, capturing forward passes with the check and without it in alternation, the time spent
 * inside the checks, and NEAR's own time for scale. Run under a quiet machine:
 *
 * <pre>{@code
 * java -cp near-dl4j-benchmarks/target/near-benchmarks.jar org.neardl4j.benchmarks.speed.FiniteCheckCost [--full] [--runs N]
 * }</pre>
 */
@Command(name = "FiniteCheckCost", mixinStandardHelpOptions = true,
        description = "What the NaN/Inf check of every captured activation costs on the speed workloads.")
public final class FiniteCheckCost implements Callable<Integer> {

    @Option(names = "--full", description = "add ResNet-18 on 512 images")
    private boolean full;

    @Option(names = "--runs", paramLabel = "N", description = "timing runs per measurement; the median is reported"
            + " (default 5)")
    private int reps = 5;

    private FiniteCheckCost() {
    }

    /**
     * Runs the measurement and prints a Markdown table.
     *
     * @param args {@code --full} (adds ResNet-18 on 512 images) and {@code --runs N} (default 5); {@code --help}
     */
    public static void main(String[] args) {
        Cli.main(new FiniteCheckCost(), args);
    }

    /** Runs the measurement and prints a Markdown table; returns the exit code (0). */
    @Override
    public Integer call() {
        com.google.common.base.Preconditions.checkArgument(reps >= 1, "--runs must be >= 1, got %s", reps);
        Map<String, Supplier<Model>> models = new LinkedHashMap<>();
        Map<String, List<INDArray>> data = new LinkedHashMap<>();
        models.put("(a) MLP 784-100-10, 100 images", () -> Workloads.mlp(784, 100, 10));
        data.put("(a) MLP 784-100-10, 100 images", List.of(Workloads.fashionMnist(100)));
        models.put("(b') LeNet-5, 128 images in batches of 64", Workloads::lenet5);
        data.put("(b') LeNet-5, 128 images in batches of 64", split(Workloads.fashionMnistImages(128), 64));
        if (full) {
            models.put("(c) ResNet-18 32x32, 512 images in batches of 64", () -> Workloads.resnet18(3, 10));
            data.put("(c) ResNet-18 32x32, 512 images in batches of 64", split(Workloads.fashionMnist32x3(512), 64));
        }
        System.out.printf(Locale.ROOT, "%s, %d repetitions, medians%n%n", Nd4j.getExecutioner().getClass().getSimpleName(), reps);
        System.out.println("| workload | arrays checked | capture without check (s) | capture with check (s) | with / without |"
                + " time in the checks (s) | NEAR (s) | checks / NEAR |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : models.keySet()) {
            Model model = models.get(name).get();
            List<INDArray> batches = data.get(name);
            NearScorer scorer = NearScorer.builder().build();
            score(scorer, model, batches);   // warm-up
            capture(model, batches, false);
            capture(model, batches, true);
            double[] without = new double[reps];
            double[] with = new double[reps];
            double[] inChecks = new double[reps];
            double[] near = new double[reps];
            int arrays = 0;
            for (int r = 0; r < reps; r++) {
                // in alternation, so that drift of the machine hits both
                double[] a = capture(model, batches, false);
                double[] b = capture(model, batches, true);
                without[r] = a[0];
                with[r] = b[0];
                inChecks[r] = b[1];
                arrays = (int) b[2];
                long t = System.nanoTime();
                score(scorer, model, batches);
                near[r] = (System.nanoTime() - t) / 1e9;
            }
            double w = median(without);
            double c = median(with);
            double k = median(inChecks);
            double n = median(near);
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.3f | %.5f | %.4f | %.2f%% |%n", name, arrays, w, c,
                    c / w, k, n, 100 * k / n);
        }
        return 0;
    }

    private static void score(NearScorer scorer, Model model, List<INDArray> batches) {
        List<DataSet> ds = new ArrayList<>();
        for (INDArray b : batches) {
            ds.add(new DataSet(b, Nd4j.zeros(b.dataType(), b.size(0), 1)));
        }
        DataSetIterator it = new ListDataSetIterator<>(ds, 1);
        if (model instanceof MultiLayerNetwork) {
            scorer.score((MultiLayerNetwork) model, it);
        } else {
            scorer.score((ComputationGraph) model, it);
        }
    }

    /** Seconds of the capturing passes (as NearScorer runs them), seconds inside the checks, arrays checked. */
    private static double[] capture(Model model, List<INDArray> batches, boolean check) {
        ModelCapture capture = ModelCapture.of(model);
        Map<MatrixSite, BlockSampler> samplers = new LinkedHashMap<>();
        SplittableRandom seeds = new SplittableRandom(1);
        for (MatrixSite s : capture.sites()) {
            samplers.put(s, new BlockSampler(BlockMode.RANDOM, seeds.split()));
        }
        long[] checkNanos = {0};
        int[] checked = {0};
        ActivationSink sink = new ActivationSink() {
            @Override
            public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
                if (check) {
                    long t = System.nanoTime();
                    if (!EffectiveRank.isFinite(activation)) {
                        throw new IllegalStateException("not finite: " + site.describe());
                    }
                    checkNanos[0] += System.nanoTime() - t;
                    checked[0]++;
                }
                samplers.get(site).accept(activation, layout);
            }

            @Override
            public boolean wants(MatrixSite site) {
                return !samplers.get(site).isComplete();
            }
        };
        long t = System.nanoTime();
        for (INDArray b : batches) {
            if (samplers.values().stream().allMatch(BlockSampler::isComplete)) {
                break;
            }
            capture.forward(new INDArray[] {b}, sink);
        }
        return new double[] {(System.nanoTime() - t) / 1e9, checkNanos[0] / 1e9, checked[0]};
    }

    private static List<INDArray> split(INDArray x, int batch) {
        List<INDArray> out = new ArrayList<>();
        for (long i = 0; i < x.size(0); i += batch) {
            out.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, Math.min(x.size(0), i + batch)),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
