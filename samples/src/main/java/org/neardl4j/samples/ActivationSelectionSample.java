package org.neardl4j.samples;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.neardl4j.tune.Variants;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a hidden-layer activation function before training: an MLP 784-128-64-10 on Fashion-MNIST with each
 * candidate activation is scored by NEAR over several initialisations, then each is trained briefly, and the NEAR
 * ranking is printed next to the test accuracies with Spearman's rho and Kendall's tau.
 *
 * <pre>{@code
 * java -cp ... org.neardl4j.samples.ActivationSelectionSample --train 20000 --epochs 2
 * }</pre>
 *
 * Options: {@code --activations RELU,TANH,... --hidden 128,64 --probe 1024 --repetitions 5 --train 20000
 * --epochs 2 --test 10000 --seed 42 --out target/samples/activation}.
 */
public final class ActivationSelectionSample {

    private ActivationSelectionSample() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport.quietLogging();
        SampleSupport.Options o = SampleSupport.options(args);
        List<Activation> acts = new ArrayList<>(Variants.activations());
        String given = o.string("activations", null);
        if (given != null) {
            acts.clear();
            for (String s : given.split(",")) {
                acts.add(Activation.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        int[] hidden = o.ints("hidden", List.of(128, 64)).stream().mapToInt(Integer::intValue).toArray();
        long seed = o.intValue("seed", 42);
        System.out.println("MLP 784-" + java.util.Arrays.toString(hidden) + "-10, Xavier initialisation, Adam 1e-3");
        SampleSupport.rankThenTrain("activation", acts, a -> SampleSupport.mlp(seed, a, WeightInit.XAVIER, hidden), o,
                Paths.get(o.string("out", "target/samples/activation")));
    }
}
