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

import org.neardl4j.cli.Cli;
import org.neardl4j.cli.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.neardl4j.tune.Variants;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a weight initialisation before training: an MLP 784-128-64-10 (ReLU) on Fashion-MNIST with each
 * candidate {@link WeightInit} is scored by NEAR over several initialisations, then each is trained briefly, and
 * the NEAR ranking is printed next to the test accuracies with Spearman's rho and Kendall's tau.
 *
 * <pre>{@code
 * java -cp samples/target/near-samples.jar org.neardl4j.samples.InitSelectionSample --train 20000 --epochs 2
 * }</pre>
 *
 * Options: {@code --inits XAVIER,RELU,... --activation RELU --hidden 128,64 --probe 1024 --repetitions 5
 * --train 20000 --epochs 2 --test 10000 --seed 42 --out target/samples/init}.
 */
@Command(name = "InitSelectionSample", sortOptions = false, usageHelpAutoWidth = true, description = "Choose a weight initialisation by NEAR, then train each briefly.")
public final class InitSelectionSample implements Callable<Integer> {

    @Mixin
    private SampleOptions o;

    @Option(names = "--inits", paramLabel = "W,...", split = ",", description = "weight initialisations to compare"
            + " (default: the library's Variants.weightInits())")
    private List<WeightInit> inits;

    @Option(names = "--activation", paramLabel = "A", description = "hidden activation (default relu)")
    private Activation activation = Activation.RELU;

    @Option(names = "--hidden", paramLabel = "N,...", split = ",", description = "hidden layer widths (default 128,64)")
    private List<Integer> hiddenWidths = List.of(128, 64);

    @Mixin
    private RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    public static void main(String[] args) {
        SampleSupport.quietLogging();
        Cli.main(new InitSelectionSample(), args);
    }

    @Override
    public Integer call() throws Exception {
        List<WeightInit> chosen = new ArrayList<>(inits == null ? Variants.weightInits() : inits);
        Activation act = activation;
        int[] hidden = hiddenWidths.stream().mapToInt(Integer::intValue).toArray();
        long seed = o.seed();
        System.out.println("MLP 784-" + java.util.Arrays.toString(hidden) + "-10, " + act + ", Adam 1e-3");
        SampleSupport.rankThenTrain("weight init", chosen, w -> SampleSupport.mlp(seed, act, w, hidden), o,
                o.out("target/samples/init"));
        return 0;
    }
}
