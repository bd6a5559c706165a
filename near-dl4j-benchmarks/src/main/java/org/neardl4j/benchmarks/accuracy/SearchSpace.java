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
package org.neardl4j.benchmarks.accuracy;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmark's search space: 64 named Fashion-MNIST classifiers (input {@code [N, 784]}, 10 classes), built
 * deterministically from a seed.
 *
 * <ul>
 *   <li>{@code mlp}: MultiLayerNetwork MLPs, 1-8 hidden layers of 4-1024 units, ReLU/tanh/sigmoid/swish, with
 *       and without batch normalisation;</li>
 *   <li>{@code cnn}: MultiLayerNetwork CNNs, 1-3 convolutions of 2-32 channels, 3x3 or 5x5 kernels, max or
 *       average pooling or stride 2, with and without batch normalisation, an optional hidden dense layer;</li>
 *   <li>{@code resnet}: ComputationGraphs with residual blocks (two convolutions and an element-wise add);</li>
 *   <li>{@code inception}: ComputationGraphs with parallel 1x1/3x3/5x5 (and pooling) branches joined by a
 *       merge vertex;</li>
 *   <li>{@code graph-mlp}: ComputationGraph MLPs with a merge of two branches or a residual add.</li>
 * </ul>
 * Batch normalisation is a {@code BatchNormalization} layer followed by an {@code ActivationLayer} (DL4J's
 * batch-norm layer ignores an activation function set on it). All use Xavier initialisation, a softmax output with cross-entropy loss and the Adam updater of the
 * {@link TrainingRecipe} (the updater does not change the networks at initialisation). Convolutions use
 * {@code ConvolutionMode.Same}; pooling is 2x2 with stride 2.
 *
 * <pre>{@code
 * for (Architecture a : SearchSpace.all()) {
 *     Model net = a.build(42);
 * }
 * }</pre>
 */
public final class SearchSpace {

    private static final ImmutableList<Architecture> ALL = create();

    private SearchSpace() {
    }

    /** Every architecture, in a fixed order. */
    public static ImmutableList<Architecture> all() {
        return ALL;
    }

    /** The architecture with this name. */
    public static Architecture byName(String name) {
        for (Architecture a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no architecture named '" + name + "' in the search space");
    }

    /** The architectures with these names, in the given order. */
    public static ImmutableList<Architecture> byNames(List<String> names) {
        return names.stream().map(SearchSpace::byName).collect(ImmutableList.toImmutableList());
    }

    private enum Pool { MAX, AVG, STRIDE }

    private static ImmutableList<Architecture> create() {
        List<Architecture> l = new ArrayList<>();
        // ---- MLPs (MultiLayerNetwork)
        for (int w : new int[] {4, 8, 16, 32, 64, 128, 256, 512, 1024}) {
            l.add(mlp(new int[] {w}, Activation.RELU, false));
        }
        l.add(mlp(new int[] {32, 32}, Activation.RELU, false));
        l.add(mlp(new int[] {128, 128}, Activation.RELU, false));
        l.add(mlp(new int[] {256, 256}, Activation.RELU, false));
        l.add(mlp(new int[] {64, 64, 64}, Activation.RELU, false));
        l.add(mlp(new int[] {256, 256, 256}, Activation.RELU, false));
        l.add(mlp(new int[] {512, 256, 128}, Activation.RELU, false));
        l.add(mlp(new int[] {32, 32, 32, 32, 32, 32}, Activation.RELU, false));
        l.add(mlp(new int[] {16}, Activation.TANH, false));
        l.add(mlp(new int[] {128}, Activation.TANH, false));
        l.add(mlp(new int[] {128, 128}, Activation.TANH, false));
        l.add(mlp(new int[] {256, 256, 256}, Activation.TANH, false));
        l.add(mlp(new int[] {16, 16, 16, 16, 16, 16, 16, 16}, Activation.TANH, false));
        l.add(mlp(new int[] {32}, Activation.SIGMOID, false));
        l.add(mlp(new int[] {128, 128}, Activation.SIGMOID, false));
        l.add(mlp(new int[] {64, 64, 64, 64}, Activation.SIGMOID, false));
        l.add(mlp(new int[] {256, 256, 256, 256}, Activation.SIGMOID, false));
        l.add(mlp(new int[] {128, 128}, Activation.SWISH, false));
        l.add(mlp(new int[] {128, 128}, Activation.RELU, true));
        l.add(mlp(new int[] {64, 64, 64}, Activation.RELU, true));
        l.add(mlp(new int[] {64, 64, 64, 64}, Activation.SIGMOID, true));
        // ---- CNNs (MultiLayerNetwork)
        l.add(cnn(new int[] {2}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {4}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {16}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 5, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 3, Pool.AVG, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 3, Pool.STRIDE, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 3, Pool.MAX, true, Activation.RELU, 0));
        l.add(cnn(new int[] {8}, 3, Pool.MAX, false, Activation.TANH, 0));
        l.add(cnn(new int[] {8}, 3, Pool.MAX, false, Activation.SIGMOID, 0));
        l.add(cnn(new int[] {4, 4}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {4, 8}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {16, 32}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 5, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.AVG, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.STRIDE, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.MAX, true, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.MAX, false, Activation.TANH, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.MAX, false, Activation.SIGMOID, 0));
        l.add(cnn(new int[] {8, 16}, 3, Pool.MAX, false, Activation.RELU, 64));
        l.add(cnn(new int[] {8, 16, 32}, 3, Pool.MAX, false, Activation.RELU, 0));
        l.add(cnn(new int[] {8, 8, 8}, 3, Pool.MAX, true, Activation.RELU, 0));
        // ---- ComputationGraphs: residual blocks
        l.add(resnet(8, 1, false, Activation.RELU));
        l.add(resnet(8, 2, false, Activation.RELU));
        l.add(resnet(16, 1, false, Activation.RELU));
        l.add(resnet(8, 1, true, Activation.RELU));
        l.add(resnet(8, 2, true, Activation.RELU));
        l.add(resnet(16, 2, true, Activation.RELU));
        l.add(resnet(8, 1, false, Activation.TANH));
        // ---- ComputationGraphs: inception-style merges
        l.add(inception(4, false, false));
        l.add(inception(8, false, false));
        l.add(inception(8, true, false));
        l.add(inception(4, false, true));
        // ---- ComputationGraph MLPs
        l.add(graphMlpMerge(64));
        l.add(graphMlpResidual(128));
        ImmutableList<Architecture> out = ImmutableList.copyOf(l);
        Preconditions.checkState(out.stream().map(Architecture::name).distinct().count() == out.size(),
                "duplicate architecture names");
        return out;
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(TrainingRecipe.LEARNING_RATE))
                .weightInit(WeightInit.XAVIER);
    }

    private static String act(Activation a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Architecture mlp(int[] widths, Activation a, boolean bn) {
        String shape = Arrays.stream(widths).distinct().count() == 1 && widths.length > 1
                ? widths[0] + "x" + widths.length
                : Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        String name = "mlp-" + shape + "-" + act(a) + (bn ? "-bn" : "");
        String desc = "784-" + Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + "-10 dense, " + act(a) + (bn ? ", batch norm before each activation" : "");
        return new Architecture(name, "mlp", desc, seed -> {
            NeuralNetConfiguration.ListBuilder b = base(seed).list();
            for (int w : widths) {
                if (bn) {
                    b.layer(new DenseLayer.Builder().nOut(w).activation(Activation.IDENTITY).build());
                    b.layer(new BatchNormalization.Builder().build());
                    b.layer(new ActivationLayer.Builder().activation(a).build());
                } else {
                    b.layer(new DenseLayer.Builder().nOut(w).activation(a).build());
                }
            }
            b.layer(output());
            b.setInputType(InputType.feedForward(784));
            MultiLayerNetwork net = new MultiLayerNetwork(b.build());
            net.init();
            return net;
        });
    }

    private static Architecture cnn(int[] channels, int k, Pool pool, boolean bn, Activation a, int dense) {
        String name = "cnn-" + Arrays.stream(channels).mapToObj(c -> "c" + c).collect(Collectors.joining())
                + "-k" + k + "-" + pool.name().toLowerCase(Locale.ROOT)
                + (bn ? "-bn" : "") + (a == Activation.RELU ? "" : "-" + act(a)) + (dense > 0 ? "-d" + dense : "");
        String desc = Arrays.stream(channels).mapToObj(c -> "conv" + k + "x" + k + "(" + c + ")"
                        + (bn ? "-bn" : "") + "-" + act(a) + (pool == Pool.STRIDE ? "/stride2" : "-" + pool.name().toLowerCase(Locale.ROOT) + "pool"))
                .collect(Collectors.joining(" > ")) + (dense > 0 ? " > dense(" + dense + ")-" + act(a) : "") + " > softmax";
        return new Architecture(name, "cnn", desc, seed -> {
            NeuralNetConfiguration.ListBuilder b = base(seed).convolutionMode(ConvolutionMode.Same).list();
            for (int c : channels) {
                ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(k, k).nOut(c)
                        .activation(bn ? Activation.IDENTITY : a);
                if (pool == Pool.STRIDE) {
                    conv.stride(2, 2);
                }
                b.layer(conv.build());
                if (bn) {
                    b.layer(new BatchNormalization.Builder().build());
                    b.layer(new ActivationLayer.Builder().activation(a).build());
                }
                if (pool != Pool.STRIDE) {
                    b.layer(new SubsamplingLayer.Builder(pool == Pool.MAX ? SubsamplingLayer.PoolingType.MAX
                            : SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
                }
            }
            if (dense > 0) {
                b.layer(new DenseLayer.Builder().nOut(dense).activation(a).build());
            }
            b.layer(output());
            b.setInputType(InputType.convolutionalFlat(28, 28, 1));
            MultiLayerNetwork net = new MultiLayerNetwork(b.build());
            net.init();
            return net;
        });
    }

    /** Stem conv(c)-act-maxpool, then residual blocks conv-act-conv + identity, add, act; maxpool; softmax. */
    private static Architecture resnet(int c, int blocks, boolean bn, Activation a) {
        String name = "res-c" + c + "-b" + blocks + (bn ? "-bn" : "") + (a == Activation.RELU ? "" : "-" + act(a));
        String desc = "conv3x3(" + c + ")" + (bn ? "-bn" : "") + "-" + act(a) + "-maxpool > " + blocks
                + " x residual[conv3x3(" + c + ")" + (bn ? "-bn" : "") + "-" + act(a) + " > conv3x3(" + c + ")"
                + (bn ? "-bn" : "") + " + identity > " + act(a) + "] > maxpool > softmax";
        return new Architecture(name, "resnet", desc, seed -> {
            ComputationGraphConfiguration.GraphBuilder g = base(seed).convolutionMode(ConvolutionMode.Same)
                    .graphBuilder().addInputs("in");
            String prev = conv(g, "stem", "in", c, 3, bn, a);
            g.addLayer("stem_pool", maxPool(), prev);
            prev = "stem_pool";
            for (int i = 0; i < blocks; i++) {
                String p = "b" + i;
                String x = conv(g, p + "_conv1", prev, c, 3, bn, a);
                x = conv(g, p + "_conv2", x, c, 3, bn, Activation.IDENTITY);
                g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), x, prev);
                g.addLayer(p + "_act", new ActivationLayer.Builder().activation(a).build(), p + "_add");
                prev = p + "_act";
            }
            g.addLayer("pool", maxPool(), prev);
            g.addLayer("out", output(), "pool");
            return graph(g.setOutputs("out").setInputTypes(InputType.convolutionalFlat(28, 28, 1)));
        });
    }

    /** Stem conv(c)-relu-maxpool, then 1x1, 3x3, 5x5 (and maxpool-1x1) branches of c channels merged; maxpool. */
    private static Architecture inception(int c, boolean bn, boolean poolBranch) {
        String name = "inc-c" + c + (bn ? "-bn" : "") + (poolBranch ? "-pool" : "");
        String desc = "conv3x3(" + c + ")" + (bn ? "-bn" : "") + "-relu-maxpool > merge[conv1x1(" + c + "), conv3x3("
                + c + "), conv5x5(" + c + ")" + (poolBranch ? ", maxpool3x3/1-conv1x1(" + c + ")" : "") + "]"
                + (bn ? " each -bn" : "") + "-relu > maxpool > softmax";
        return new Architecture(name, "inception", desc, seed -> {
            ComputationGraphConfiguration.GraphBuilder g = base(seed).convolutionMode(ConvolutionMode.Same)
                    .graphBuilder().addInputs("in");
            String stem = conv(g, "stem", "in", c, 3, bn, Activation.RELU);
            g.addLayer("stem_pool", maxPool(), stem);
            List<String> branches = new ArrayList<>();
            for (int k : new int[] {1, 3, 5}) {
                branches.add(conv(g, "branch" + k, "stem_pool", c, k, bn, Activation.RELU));
            }
            if (poolBranch) {
                g.addLayer("branchp_pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(3, 3).stride(1, 1).build(), "stem_pool");
                branches.add(conv(g, "branchp", "branchp_pool", c, 1, bn, Activation.RELU));
            }
            g.addVertex("merge", new MergeVertex(), branches.toArray(new String[0]));
            g.addLayer("pool", maxPool(), "merge");
            g.addLayer("out", output(), "pool");
            return graph(g.setOutputs("out").setInputTypes(InputType.convolutionalFlat(28, 28, 1)));
        });
    }

    private static Architecture graphMlpMerge(int w) {
        String name = "gmlp-merge-" + w;
        String desc = "784 > merge[dense(" + w + ")-relu, dense(" + w + ")-tanh] > softmax";
        return new Architecture(name, "graph-mlp", desc, seed -> {
            ComputationGraphConfiguration.GraphBuilder g = base(seed).graphBuilder().addInputs("in")
                    .addLayer("relu_branch", new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build(), "in")
                    .addLayer("tanh_branch", new DenseLayer.Builder().nOut(w).activation(Activation.TANH).build(), "in")
                    .addVertex("merge", new MergeVertex(), "relu_branch", "tanh_branch")
                    .addLayer("out", output(), "merge");
            return graph(g.setOutputs("out").setInputTypes(InputType.feedForward(784)));
        });
    }

    private static Architecture graphMlpResidual(int w) {
        String name = "gmlp-res-" + w;
        String desc = "784 > dense(" + w + ")-relu > [dense(" + w + ")-relu > dense(" + w + ")] + identity > relu > softmax";
        return new Architecture(name, "graph-mlp", desc, seed -> {
            ComputationGraphConfiguration.GraphBuilder g = base(seed).graphBuilder().addInputs("in")
                    .addLayer("d0", new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build(), "in")
                    .addLayer("d1", new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build(), "d0")
                    .addLayer("d2", new DenseLayer.Builder().nOut(w).activation(Activation.IDENTITY).build(), "d1")
                    .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d2", "d0")
                    .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                    .addLayer("out", output(), "act");
            return graph(g.setOutputs("out").setInputTypes(InputType.feedForward(784)));
        });
    }

    /** Adds conv (and batch norm) with activation {@code a}; returns the name of the last vertex added. */
    private static String conv(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int c, int k,
                               boolean bn, Activation a) {
        g.addLayer(name, new ConvolutionLayer.Builder(k, k).nOut(c).activation(bn ? Activation.IDENTITY : a).build(),
                input);
        if (!bn) {
            return name;
        }
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (a == Activation.IDENTITY) {
            return name + "_bn";
        }
        g.addLayer(name + "_act", new ActivationLayer.Builder().activation(a).build(), name + "_bn");
        return name + "_act";
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static Model graph(ComputationGraphConfiguration.GraphBuilder g) {
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }
}
