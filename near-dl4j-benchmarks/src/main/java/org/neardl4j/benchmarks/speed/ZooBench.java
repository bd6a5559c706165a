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
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.AlexNet;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.FaceNetNN4Small2;
import org.deeplearning4j.zoo.model.InceptionResNetV1;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.NASNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SimpleCNN;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.TinyYOLO;
import org.deeplearning4j.zoo.model.UNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;
import org.deeplearning4j.zoo.model.YOLO2;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores every model of the DL4J model zoo that can be built without downloading weights ({@code ZooModel.init()},
 * freshly initialised) and reports time and memory next to the forward pass.
 *
 * <p>Each model gets as many images as its widest convolution needs for square blocks, within a cap that keeps
 * the run to minutes on two cores; dense layers wider than the cap (AlexNet's and VGG's 4096, the 1000-class
 * outputs) are then scored on rectangular blocks, counted as "short".
 *
 * <pre>{@code
 * Table table = new ZooBench(List.of("LeNet", "SimpleCNN")).run();   // printed as Markdown by toString()
 * }</pre>
 */
final class ZooBench {

    static final List<String> ALL = List.of("LeNet", "SimpleCNN", "AlexNet", "VGG16", "VGG19", "ResNet50",
            "SqueezeNet", "Darknet19", "TinyYOLO", "YOLO2", "UNet", "Xception", "InceptionResNetV1", "NASNet",
            "FaceNetNN4Small2");

    /** Images used and batch size per model. */
    private static final Map<String, int[]> PLAN = Map.ofEntries(
            Map.entry("LeNet", new int[] {512, 128}),
            Map.entry("SimpleCNN", new int[] {64, 32}),
            Map.entry("AlexNet", new int[] {32, 16}),
            Map.entry("VGG16", new int[] {16, 8}),
            Map.entry("VGG19", new int[] {16, 8}),
            Map.entry("ResNet50", new int[] {42, 14}),
            Map.entry("SqueezeNet", new int[] {8, 8}),
            Map.entry("Darknet19", new int[] {24, 8}),
            Map.entry("TinyYOLO", new int[] {8, 4}),
            Map.entry("YOLO2", new int[] {4, 2}),
            Map.entry("UNet", new int[] {1, 1}),
            Map.entry("Xception", new int[] {24, 8}),
            Map.entry("InceptionResNetV1", new int[] {32, 16}),
            Map.entry("NASNet", new int[] {24, 8}),
            Map.entry("FaceNetNN4Small2", new int[] {128, 32}));

    /** A built zoo model. */
    static final class Built {
        final Model model;
        final int[] inputShape;
        final double initSeconds;

        Built(Model model, int[] inputShape, double initSeconds) {
            this.model = model;
            this.inputShape = inputShape;
            this.initSeconds = initSeconds;
        }
    }

    private final List<String> names;

    ZooBench(List<String> names) {
        this.names = names;
    }

    /** Builds and initialises a zoo model (no download). */
    static Built build(String name) {
        return build(name, null);
    }

    /**
     * Builds and initialises a zoo model (no download), for {@code UNet} optionally at another input size
     * ({@code {channels, height, width}}, sides divisible by 16); {@code null} keeps the model's own.
     */
    static Built build(String name, int[] unetInput) {
        ZooModel zoo;
        switch (name) {
            case "LeNet": zoo = LeNet.builder().numClasses(10).build(); break;
            case "SimpleCNN": zoo = SimpleCNN.builder().numClasses(10).build(); break;
            case "AlexNet": zoo = AlexNet.builder().numClasses(1000).build(); break;
            case "VGG16": zoo = VGG16.builder().numClasses(1000).build(); break;
            case "VGG19": zoo = VGG19.builder().numClasses(1000).build(); break;
            case "ResNet50": zoo = ResNet50.builder().numClasses(1000).build(); break;
            case "SqueezeNet": zoo = SqueezeNet.builder().numClasses(1000).build(); break;
            case "Darknet19": zoo = Darknet19.builder().numClasses(1000).build(); break;
            case "TinyYOLO": zoo = TinyYOLO.builder().numClasses(20).build(); break;
            case "YOLO2": zoo = YOLO2.builder().numClasses(80).build(); break;
            case "UNet": zoo = unetInput == null ? UNet.builder().numClasses(1).build()
                    : UNet.builder().numClasses(1).inputShape(unetInput).build(); break;
            case "Xception": zoo = Xception.builder().numClasses(1000).build(); break;
            case "InceptionResNetV1": zoo = InceptionResNetV1.builder().numClasses(1000).build(); break;
            case "NASNet": zoo = NASNet.builder().numClasses(1000).build(); break;
            case "FaceNetNN4Small2": zoo = FaceNetNN4Small2.builder().numClasses(1000).build(); break;
            default: throw new IllegalArgumentException("unknown zoo model " + name + "; known: " + ALL);
        }
        long t0 = System.nanoTime();
        Model m = zoo.init();
        double init = (System.nanoTime() - t0) / 1e9;
        int[] shape = name.equals("UNet") && unetInput != null ? unetInput : zoo.metaData().getInputShape()[0];
        return new Built(m, shape, init);
    }

    Table run() {
        Table t = new Table("model", "input", "images (batch)", "matrices (short)", "init (s)", "forward (s)",
                "NEAR (s)", "own / forward", "NEAR off-heap (MiB)", "NEAR RSS (MiB)", "forward off-heap (MiB)",
                "notes");
        for (String name : names) {
            System.out.println("  zoo " + name);
            int[] plan = PLAN.getOrDefault(name, new int[] {8, 8});
            String input = "-";
            try {
                Built b = build(name);
                input = b.inputShape[0] + "x" + b.inputShape[1] + "x" + b.inputShape[2];
                INDArray x = b.inputShape[0] == 1 && b.inputShape[1] == 28
                        ? Workloads.fashionMnistImages(plan[0])
                        : Workloads.randomImages(plan[0], plan[0], b.inputShape[0], b.inputShape[1], b.inputShape[2]);
                List<INDArray> batches = Runs.split(x, plan[1]);
                NearScorer scorer = NearScorer.builder().build();
                Runs.forward(b.model, batches.subList(0, 1));   // warm-up
                NearResult[] res = new NearResult[1];
                double[] near = new double[1];
                MemoryProbe.Peak mNear = MemoryProbe.measure(() -> {
                    long t0 = System.nanoTime();
                    res[0] = Runs.score(scorer, b.model, batches);
                    near[0] = (System.nanoTime() - t0) / 1e9;
                });
                List<INDArray> used = Runs.usedBatches(batches, res[0].samples());
                double[] fwd = new double[1];
                MemoryProbe.Peak mFwd = MemoryProbe.measure(() -> {
                    long t0 = System.nanoTime();
                    Runs.forward(b.model, used);
                    fwd[0] = (System.nanoTime() - t0) / 1e9;
                });
                List<MatrixScore> shortOnes = res[0].matrices().stream().filter(m -> !m.isSquare()).toList();
                long widestShort = shortOnes.stream().mapToLong(MatrixScore::cols).max().orElse(0);
                String notes = shortOnes.isEmpty() ? "all blocks square"
                        : shortOnes.size() + " short block(s), widest " + widestShort + " columns";
                if (!res[0].skipped().isEmpty()) {
                    long unsupported = res[0].skipped().stream().filter(s -> s.unsupported()).count();
                    if (unsupported > 0) {
                        notes += "; " + unsupported + " unsupported layer(s)";
                    }
                }
                t.row(name, input, res[0].samples() + " (" + plan[1] + ")",
                        res[0].matrices().size() + " (" + shortOnes.size() + ")", Table.sec(b.initSeconds),
                        Table.sec(fwd[0]), Table.sec(near[0]), Table.pct((near[0] - fwd[0]) / fwd[0]),
                        Table.mib(mNear.offHeapMiB()), Table.mib(mNear.rssMiB()), Table.mib(mFwd.offHeapMiB()), notes);
            } catch (Throwable e) {
                String msg = String.valueOf(e.getMessage());
                if (msg.length() > 160) {
                    msg = msg.substring(0, 160) + "...";
                }
                t.row(name, input, plan[0] + " (" + plan[1] + ")", "-", "-", "-", "-", "-", "-", "-", "-",
                        "failed: " + e.getClass().getSimpleName() + ": " + msg.replace('|', '/').replace('\n', ' '));
                e.printStackTrace();
            }
            System.gc();
        }
        return t;
    }

    @Override
    public String toString() {
        return "ZooBench" + Arrays.toString(names.toArray());
    }
}
