package org.neardl4j.samples;

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
 * java -cp ... org.neardl4j.samples.InitSelectionSample --train 20000 --epochs 2
 * }</pre>
 *
 * Options: {@code --inits XAVIER,RELU,... --activation RELU --hidden 128,64 --probe 1024 --repetitions 5
 * --train 20000 --epochs 2 --test 10000 --seed 42 --out target/samples/init}.
 */
public final class InitSelectionSample {

    private InitSelectionSample() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport.quietLogging();
        SampleSupport.Options o = SampleSupport.options(args);
        List<WeightInit> inits = new ArrayList<>(Variants.weightInits());
        String given = o.string("inits", null);
        if (given != null) {
            inits.clear();
            for (String s : given.split(",")) {
                inits.add(WeightInit.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        Activation act = Activation.valueOf(o.string("activation", "RELU").toUpperCase(java.util.Locale.ROOT));
        int[] hidden = o.ints("hidden", List.of(128, 64)).stream().mapToInt(Integer::intValue).toArray();
        long seed = o.intValue("seed", 42);
        System.out.println("MLP 784-" + java.util.Arrays.toString(hidden) + "-10, " + act + ", Adam 1e-3");
        SampleSupport.rankThenTrain("weight init", inits, w -> SampleSupport.mlp(seed, act, w, hidden), o,
                Paths.get(o.string("out", "target/samples/init")));
    }
}
