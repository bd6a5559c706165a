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
package org.neardl4j.samples;

import java.util.List;
import org.neardl4j.cli.Cli;
import org.neardl4j.cli.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.listener.NearListener;
import org.neardl4j.listener.NearRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.neardl4j.samples.SampleSupport.f;

/**
 * Measures what {@link NearListener} costs during training on Fashion-MNIST, for an MLP 784-256-128-10 and a small
 * CNN (conv 5x5x8 - pool - conv 5x5x16 - pool - softmax): epoch times without the listener, with one evaluation
 * per epoch (plus one at the start), and with one evaluation every N iterations; the listener's own time per
 * evaluation; and its cost as a percentage of the epoch time without it. A benchmark, not a test: timings depend
 * on the machine and its load.
 *
 * <pre>{@code
 * java -cp samples/target/near-samples.jar org.neardl4j.samples.ListenerOverheadBenchmark --train 10000 --epochs 2
 * }</pre>
 *
 * Options: {@code --models mlp,cnn --train 10000 --epochs 2 --probe 512 --iterations 20 --out target/samples/listener}.
 */
@Command(name = "ListenerOverheadBenchmark", sortOptions = false, usageHelpAutoWidth = true, description = "What NearListener costs during training.")
public final class ListenerOverheadBenchmark implements Callable<Integer> {

    @Mixin
    private SampleOptions o;

    @Option(names = "--iterations", paramLabel = "N", description = "the per-iteration listener scores every N"
            + " iterations (default 20)")
    private int every = 20;

    @Option(names = "--models", paramLabel = "mlp,cnn", split = ",", description = "models to train (default mlp,cnn)")
    private List<String> models = List.of("mlp", "cnn");

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    static MultiLayerConfiguration mlp() {
        return SampleSupport.mlp(42, Activation.RELU, WeightInit.XAVIER, 256, 128);
    }

    static MultiLayerConfiguration cnn() {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    /** One training run: the wall time of each epoch, and the listener's evaluations. */
    private static final class Run {
        final List<Double> epochSeconds = new ArrayList<>();
        final List<NearRecord> records = new ArrayList<>();

        double meanEpoch() {
            return epochSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Listener time of the evaluations during the epochs (the one at the start is left out). */
        double listenerSeconds() {
            return during().mapToLong(x -> x.elapsed().toMillis()).sum() / 1000.0;
        }

        java.util.stream.Stream<NearRecord> during() {
            return records.stream().filter(r -> r.trigger() != org.neardl4j.listener.NearTrigger.START);
        }
    }

    private static Run train(MultiLayerConfiguration conf, DataSet data, int epochs, NearListener listener) {
        MultiLayerNetwork net = SampleSupport.build(conf);
        Run run = new Run();
        if (listener != null) {
            net.setListeners(listener);
        }
        DataSetIterator it = SampleSupport.batches(data);
        for (int e = 0; e < epochs; e++) {
            long t = System.nanoTime();
            net.fit(it);
            run.epochSeconds.add(SampleSupport.seconds(t));
        }
        if (listener != null) {
            run.records.addAll(listener.history().records());
        }
        return run;
    }

    public static void main(String[] args) {
        SampleSupport.quietLogging();
        Cli.main(new ListenerOverheadBenchmark(), args);
    }

    @Override
    public Integer call() throws Exception {
        int trainSize = o.train(10_000);
        int epochs = o.epochs(2);
        int probeSize = o.probe(512);
        Path out = o.out("target/samples/listener");
        Files.createDirectories(out);

        DataSet train = SampleSupport.trainSet(trainSize);
        INDArray probe = SampleSupport.probe(probeSize);
        int iterationsPerEpoch = (trainSize + SampleSupport.BATCH - 1) / SampleSupport.BATCH;
        System.out.println(f("Fashion-MNIST, %d training images, batch %d (%d iterations per epoch), %d epochs, probe of"
                        + " %d images, %d cores, backend %s", trainSize, SampleSupport.BATCH, iterationsPerEpoch, epochs,
                probeSize, Runtime.getRuntime().availableProcessors(),
                org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName()));

        StringBuilder md = new StringBuilder("| model | listener | epoch time (s) | evaluations per epoch | listener time per"
                + " evaluation (ms) | listener time per epoch (s) | listener cost, % of epoch time without it |"
                + " measured slowdown of the epoch |\n|---|---|---|---|---|---|---|---|\n");
        // the start evaluation (before the first update, "every epoch + start") runs once per training and is not
        // counted in the per-epoch figures
        for (String model : models) {
            Supplier<MultiLayerConfiguration> conf = model.trim().equals("cnn") ? ListenerOverheadBenchmark::cnn
                    : ListenerOverheadBenchmark::mlp;
            // warm-up: JIT and native code paths
            train(conf.get(), SampleSupport.trainSet(Math.min(trainSize, 2048)), 1,
                    NearListener.builder().probe(probe).atStart().build());

            Run base1 = train(conf.get(), train, epochs, null);
            Run perEpoch = train(conf.get(), train, epochs, NearListener.builder().probe(probe).everyEpochs(1).atStart()
                    .build());
            Run perIter = train(conf.get(), train, epochs, NearListener.builder().probe(probe).everyIterations(every)
                    .build());
            Run base2 = train(conf.get(), train, epochs, null);
            double base = (base1.meanEpoch() + base2.meanEpoch()) / 2;
            System.out.println(f("%s: epochs without listener %s and %s s", model, base1.epochSeconds, base2.epochSeconds));
            md.append(f("| %s | none | %.2f (runs: %.2f, %.2f) | 0 | - | - | - | - |%n", model, base, base1.meanEpoch(),
                    base2.meanEpoch()));
            for (Object[] r : new Object[][] {{"every epoch + start", perEpoch}, {"every " + every + " iterations", perIter}}) {
                Run run = (Run) r[1];
                double listenerPerEpoch = run.listenerSeconds() / epochs;
                double perEval = run.during().mapToLong(x -> x.elapsed().toMillis()).average().orElse(Double.NaN);
                long count = run.during().count();
                System.out.println(f("%s, %s: epochs %s s, %d evaluations during the epochs, %.0f ms each; all: %s",
                        model, r[0], run.epochSeconds, count, perEval,
                        run.records.stream().map(x -> x.trigger().label() + " " + x.elapsed().toMillis() + " ms").toList()));
                md.append(f("| %s | %s | %.2f | %.1f | %.0f | %.2f | %.1f %% | %+.1f %% |%n", model, r[0], run.meanEpoch(),
                        count / (double) epochs, perEval, listenerPerEpoch, 100 * listenerPerEpoch / base,
                        100 * (run.meanEpoch() - base) / base));
            }
        }
        System.out.println(md);
        Files.writeString(out.resolve("listener-overhead.md"), md.toString(), StandardCharsets.UTF_8);
        return 0;
    }
}
