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
package org.neardl4j.space;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.RmsProp;
import org.neardl4j.data.Cifar10;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the CIFAR-10 network of NAS-Bench-101 (Ying et al., ICML 2019) around a {@link Nb101Cell}, as a DL4J
 * {@link ComputationGraph}: the skeleton of google-research/nasbench {@code model_builder.py} and
 * {@code base_ops.py}. Immutable; one instance builds any number of cells with the same options.
 *
 * <pre>{@code
 * Nb101Network nb101 = Nb101Network.builder().initialisation(Initialisation.seeded(1)).build();   // 128 stem channels, 3 x 3 cells, 10 classes
 * Nb101Cell cell = Nb101Cell.parse("conv3x3(0) conv1x1(0) maxpool3x3(1) output(2,3)");
 * ComputationGraph net = nb101.graph(cell);
 * long params = nb101.parameterCount(cell);                        // as NAS-Bench-101 counts them
 * INDArray x = Nb101Network.normalise(rawCifar10, DataType.FLOAT);  // NAS-Bench-101's normalisation
 * NearResult r = NearScorer.defaults().score(net, x);
 * }</pre>
 *
 * <h2>The network</h2>
 * Input {@value #INPUT}: {@code [N, 3, 32, 32]} (NCHW). Every convolution is {@code conv-BN-ReLU} as
 * {@code base_ops.conv_bn_relu}: a KxK convolution without bias, stride 1, padding (K-1)/2 (TensorFlow's
 * {@code same} for stride 1), batch normalisation (epsilon 1e-5, decay 0.997: NAS-Bench-101's {@code BN_EPSILON}
 * and {@code BN_MOMENTUM}; scale and shift trainable) and a ReLU {@code ActivationLayer}; named
 * {@code <name>_conv}, {@code <name>_bn}, {@code <name>_relu}.
 * <ol>
 * <li>stem: conv-BN-ReLU 3x3, 3 -> S channels ({@code stem}; S = 128);</li>
 * <li>{@code stacks} (3) stacks of {@code cellsPerStack} (3) cells, cell {@code k} of stack {@code s} named
 * {@code s<s>c<k>_...}; before every stack but the first a 2x2 max pooling with stride 2 ({@code pool<s>}), and
 * the channels doubled at the first cell of that stack (S, 2S, 4S at 32x32, 16x16, 8x8);</li>
 * <li>head: global average pooling ({@code gap}) and the classifier {@value #OUTPUT}: a dense layer with bias
 * and the identity activation (the logits), loss {@link LogitsCrossEntropy}.</li>
 * </ol>
 *
 * <h2>A cell</h2>
 * As {@code build_module}, for a cell of n vertices with C output channels: {@link #vertexChannels} splits C among
 * the vertices that feed the output (the first ones get one more when C does not divide) and gives the others the
 * largest channel count of the vertices they feed. Interior vertex {@code t} ({@code v<t>}) sums
 * ({@code v<t>_sum}, an Add vertex, when there is more than one input) the interior vertices it reads, each cut to
 * its own channel count by a {@link ChannelSubsetVertex} of the first channels when it has more
 * ({@code v<src>_to<t>}, as {@code truncate}), and, when the cell input feeds it, a conv-BN-ReLU 1x1 projection of
 * the cell input to its channels ({@code p<t>}); then applies its operation: conv-BN-ReLU 3x3 or 1x1, or 3x3 max
 * pooling with stride 1 and padding 1 ({@code v<t>_pool}). The output concatenates along the channels
 * ({@code concat}, a MergeVertex) the vertices that feed it, and adds ({@code out}) a 1x1 projection of the cell
 * input to C channels ({@code pout}) when the input feeds the output directly; a cell with only the input -> output
 * edge is that projection.
 *
 * <h2>What NEAR scores</h2>
 * Three matrices per conv-BN-ReLU (convolution and batch normalisation before activation, ReLU after), so
 * {@code 3 + 3 x cells x (convolution vertices + edges leaving the cell input) + 1} matrices: the count the authors'
 * package takes of a PyTorch NAS-Bench-101 network ({@link #expectedMatrices}).
 *
 * <h2>Initialisation</h2>
 * {@link WeightInit#UNIFORM} by default, PyTorch's default distribution, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (the
 * reference values of NEAR come from PyTorch builds); NAS-Bench-101 itself trained from TensorFlow's
 * variance-scaling initialisation, close to {@code VAR_SCALING_NORMAL_FAN_IN}. Batch normalisation starts at
 * gamma 1, beta 0; the classifier's bias at 0.
 */
public final class Nb101Network implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Name of the input vertex. */
    public static final String INPUT = "input";
    /** Name of the output layer (the logits). */
    public static final String OUTPUT = "logits";
    /** Height and width of the input images (CIFAR-10). */
    public static final int IMAGE_SIZE = 32;
    /** NAS-Bench-101's batch normalisation epsilon ({@code BN_EPSILON}). */
    public static final double BN_EPSILON = 1e-5;
    /** NAS-Bench-101's batch normalisation momentum ({@code BN_MOMENTUM}), DL4J's decay. */
    public static final double BN_DECAY = 0.997;

    private static final double[] MEAN = {125.3 / 255, 123.0 / 255, 113.9 / 255};
    private static final double[] STD = {63.0 / 255, 62.1 / 255, 66.7 / 255};

    /** Channels of the stem and the first stack. */
    private final int stemChannels;
    /** Stacks of cells. */
    private final int stacks;
    /** Cells in each stack. */
    private final int cellsPerStack;
    /** Classes of the classifier. */
    private final int classes;
    /** Weight initialisation, data type and seed. */
    private final Initialisation initialisation;

    private Nb101Network(Builder b) {
        this.stemChannels = b.stemChannels;
        this.stacks = b.stacks;
        this.cellsPerStack = b.cellsPerStack;
        this.classes = b.classes;
        this.initialisation = b.initialisation;
    }

    /**
     * A builder with NAS-Bench-101's options: 128 stem channels, 3 stacks of 3 cells, 10 classes, {@code UNIFORM}
     * initialisation, float, seed 12345.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The network with NAS-Bench-101's options ({@link #builder()} defaults).
     *
     * @return the default network builder
     */
    public static Nb101Network defaults() {
        return builder().build();
    }

    /**
     * A builder holding this network's options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder().stemChannels(stemChannels).stacks(stacks).cellsPerStack(cellsPerStack).classes(classes)
                .initialisation(initialisation);
    }

    /** @return channels of the stem and the first stack */
    public int stemChannels() {
        return stemChannels;
    }

    /** @return number of stacks */
    public int stacks() {
        return stacks;
    }

    /** @return cells per stack */
    public int cellsPerStack() {
        return cellsPerStack;
    }

    /** @return number of classes (outputs of the classifier) */
    public int classes() {
        return classes;
    }

    /** @return the weight initialisation, data type and seed */
    public Initialisation initialisation() {
        return initialisation;
    }

    /**
     * The input type of the network.
     *
     * @return {@code InputType.convolutional(32, 32, 3)} (NCHW)
     */
    public InputType inputType() {
        return InputType.convolutional(IMAGE_SIZE, IMAGE_SIZE, 3);
    }

    /**
     * NAS-Bench-101's normalisation of CIFAR-10 images: {@code x / 255}, minus the mean (125.3, 123.0, 113.9) / 255,
     * divided by the standard deviation (63.0, 62.1, 66.7) / 255, per channel. The argument is not changed.
     *
     * @param images {@code [N, 3, 32, 32]} pixel values 0..255 (any numeric type)
     * @param type   the floating-point type of the result
     * @return a new normalised array
     */
    public static INDArray normalise(INDArray images, DataType type) {
        Preconditions.checkArgument(images != null && images.rank() == 4 && images.size(2) == IMAGE_SIZE
                && images.size(3) == IMAGE_SIZE, "NB101 images: expected shape [N, 3, 32, 32]");
        return Cifar10.normalise(images, MEAN, STD, type);
    }

    /**
     * The channels of every vertex of a cell with the given input and output channels, as NAS-Bench-101's
     * {@code compute_vertex_channels}: the output channels split among the vertices that feed the output (the
     * remainder one each to the first ones), every other interior vertex the most of the interior vertices it feeds.
     *
     * @param cell           the pruned cell
     * @param inputChannels  channels of the cell input
     * @param outputChannels channels of the cell output
     * @return one count per vertex, the input's first and the output's last
     */
    public static List<Integer> vertexChannels(Nb101Cell cell, int inputChannels, int outputChannels) {
        Preconditions.checkNotNull(cell, "cell");
        int n = cell.vertices();
        int[] ch = new int[n];
        ch[0] = inputChannels;
        ch[n - 1] = outputChannels;
        if (n > 2) {
            int inDegree = 0;
            for (int v = 1; v < n - 1; v++) {
                inDegree += cell.edge(v, n - 1) ? 1 : 0;
            }
            int interior = outputChannels / inDegree;
            int correction = outputChannels % inDegree;
            for (int v = 1; v < n - 1; v++) {
                if (cell.edge(v, n - 1)) {
                    ch[v] = interior;
                    if (correction > 0) {
                        ch[v]++;
                        correction--;
                    }
                }
            }
            for (int v = n - 3; v > 0; v--) {
                if (!cell.edge(v, n - 1)) {
                    for (int dst = v + 1; dst < n - 1; dst++) {
                        if (cell.edge(v, dst)) {
                            ch[v] = Math.max(ch[v], ch[dst]);
                        }
                    }
                }
                Preconditions.checkState(ch[v] > 0, "vertex %s of %s gets no channels", v, cell);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int c : ch) {
            out.add(c);
        }
        return List.copyOf(out);
    }

    /**
     * The network's configuration for a cell (not initialised; input types set).
     *
     * @param cell the cell, used in every cell position; not null
     * @return a new configuration
     */
    public ComputationGraphConfiguration configuration(Nb101Cell cell) {
        Preconditions.checkNotNull(cell, "cell");
        ComputationGraphConfiguration.GraphBuilder g = initialisation.applyTo(new NeuralNetConfiguration.Builder())
                .convolutionMode(ConvolutionMode.Truncate)
                .updater(new RmsProp(0.2, 0.9, 1.0))
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(inputType());
        String x = convBnRelu(g, "stem", INPUT, stemChannels, 3);
        int c = stemChannels;
        for (int s = 0; s < stacks; s++) {
            if (s > 0) {
                g.addLayer("pool" + s, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .padding(0, 0).build(), x);
                x = "pool" + s;
                c *= 2;
            }
            int in = s == 0 ? stemChannels : c / 2;
            for (int k = 0; k < cellsPerStack; k++) {
                x = cell(g, "s" + s + "c" + k + "_", x, k == 0 ? in : c, c, cell);
            }
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer(OUTPUT, new OutputLayer.Builder(new LogitsCrossEntropy()).activation(Activation.IDENTITY)
                .nOut(classes).hasBias(true).build(), "gap");
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * The initialised network for a cell.
     *
     * @param cell the cell (e.g. from {@link Nb101Cell#parse}), used in every cell position; not null
     * @return a new, initialised graph (weights from {@link #initialisation()})
     */
    public ComputationGraph graph(Nb101Cell cell) {
        ComputationGraph net = new ComputationGraph(configuration(cell));
        net.init();
        return net;
    }

    /**
     * Trainable parameters as NAS-Bench-101 counts them (TensorFlow's trainable variables): convolution and dense
     * weights, the dense bias, batch normalisation's scale and shift; not batch normalisation's running statistics,
     * which DL4J keeps among a layer's parameters. Computed from the configuration.
     *
     * @param cell the cell, used in every cell position; not null
     * @return the count (the {@code params} column of NAS-Bench-101's tables)
     */
    public long parameterCount(Nb101Cell cell) {
        return Nb201Network.parameterCount(configuration(cell));
    }

    private static String cell(ComputationGraphConfiguration.GraphBuilder g, String p, String input, int inChannels,
                               int channels, Nb101Cell cell) {
        int n = cell.vertices();
        List<Integer> ch = vertexChannels(cell, inChannels, channels);
        String[] tensor = new String[n];
        tensor[0] = input;
        List<String> concat = new ArrayList<>();
        for (int t = 1; t < n - 1; t++) {
            List<String> add = new ArrayList<>();
            for (int src = 1; src < t; src++) {
                if (cell.edge(src, t)) {
                    if (ch.get(src) > ch.get(t)) {
                        String cut = p + "v" + src + "_to" + t;
                        g.addVertex(cut, new ChannelSubsetVertex(0, ch.get(t) - 1), tensor[src]);
                        add.add(cut);
                    } else {
                        add.add(tensor[src]);
                    }
                }
            }
            if (cell.edge(0, t)) {
                add.add(convBnRelu(g, p + "p" + t, input, ch.get(t), 1));
            }
            String in = add.get(0);
            if (add.size() > 1) {
                in = p + "v" + t + "_sum";
                g.addVertex(in, new ElementWiseVertex(ElementWiseVertex.Op.Add), add.toArray(new String[0]));
            }
            Nb101Op op = cell.op(t);
            if (op.isConvolution()) {
                tensor[t] = convBnRelu(g, p + "v" + t, in, ch.get(t), op.kernel());
            } else {
                tensor[t] = p + "v" + t + "_pool";
                g.addLayer(tensor[t], new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                        .padding(1, 1).build(), in);
            }
            if (cell.edge(t, n - 1)) {
                concat.add(tensor[t]);
            }
        }
        String out;
        if (concat.isEmpty()) {
            return convBnRelu(g, p + "pout", input, channels, 1);
        } else if (concat.size() == 1) {
            out = concat.get(0);
        } else {
            out = p + "concat";
            g.addVertex(out, new MergeVertex(), concat.toArray(new String[0]));
        }
        if (cell.edge(0, n - 1)) {
            String proj = convBnRelu(g, p + "pout", input, channels, 1);
            g.addVertex(p + "out", new ElementWiseVertex(ElementWiseVertex.Op.Add), out, proj);
            out = p + "out";
        }
        return out;
    }

    /** KxK convolution (no bias, stride 1, padding (K-1)/2), batch normalisation, ReLU; returns the ReLU's name. */
    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int c,
                                     int k) {
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(k, k).stride(1, 1).padding((k - 1) / 2, (k - 1) / 2)
                .nOut(c).hasBias(false).activation(Activation.IDENTITY).build(), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().nOut(c).eps(BN_EPSILON).decay(BN_DECAY).build(),
                name + "_conv");
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }

    /**
     * The names of the vertices that give NEAR a matrix, in the order the network computes them (stem, then per
     * cell the input projections, the vertices' convolutions and the output projection, then the logits), for
     * documentation and tests: see the class comment.
     *
     * @param cell the cell, used in every cell position; not null
     * @return vertex names with a kind suffix, e.g. {@code "stem_conv pre"}, {@code "s0c0_v1_relu post"}
     */
    public List<String> expectedMatrices(Nb101Cell cell) {
        Preconditions.checkNotNull(cell, "cell");
        ImmutableList.Builder<String> b = ImmutableList.builder();
        addConvBnRelu(b, "stem");
        int n = cell.vertices();
        for (int s = 0; s < stacks; s++) {
            for (int k = 0; k < cellsPerStack; k++) {
                String p = "s" + s + "c" + k + "_";
                for (int t = 1; t < n - 1; t++) {
                    if (cell.edge(0, t)) {
                        addConvBnRelu(b, p + "p" + t);
                    }
                    if (cell.op(t).isConvolution()) {
                        addConvBnRelu(b, p + "v" + t);
                    }
                }
                if (cell.edge(0, n - 1)) {
                    addConvBnRelu(b, p + "pout");
                }
            }
        }
        b.add(OUTPUT + " pre");
        return b.build();
    }

    private static void addConvBnRelu(ImmutableList.Builder<String> b, String name) {
        b.add(name + "_conv pre", name + "_bn pre", name + "_relu post");
    }

    @Override
    public String toString() {
        return "NB101 CIFAR-10 network (stem=" + stemChannels + ", stacks=" + stacks + ", cells/stack=" + cellsPerStack
                + ", classes=" + classes + ", " + initialisation + ")";
    }

    /**
     * Builder of {@link Nb101Network}.
     *
     * <pre>{@code
     * Nb101Network n = Nb101Network.builder().stemChannels(16).stacks(3).cellsPerStack(1).classes(10)
     *         .initialisation(Initialisation.builder().weightInit(WeightInit.UNIFORM).dataType(DataType.FLOAT).seed(7).build())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private int stemChannels = 128;
        private int stacks = 3;
        private int cellsPerStack = 3;
        private int classes = 10;
        private Initialisation initialisation = Initialisation.defaults();

        private Builder() {
        }

        /**
         * Channels of the stem and the first stack (doubled at each later stack).
         *
         * @param stemChannels at least 1 (default 128)
         * @return this builder
         */
        public Builder stemChannels(int stemChannels) {
            Preconditions.checkArgument(stemChannels >= 1, "stemChannels must be >= 1, got %s", stemChannels);
            this.stemChannels = stemChannels;
            return this;
        }

        /**
         * Number of stacks (a 2x2 max pooling between two): the input's 32 pixels allow at most 6.
         *
         * @param stacks 1..6 (default 3)
         * @return this builder
         */
        public Builder stacks(int stacks) {
            Preconditions.checkArgument(stacks >= 1 && stacks <= 6, "stacks must be 1..6, got %s", stacks);
            this.stacks = stacks;
            return this;
        }

        /**
         * Cells per stack.
         *
         * @param cellsPerStack at least 1 (default 3)
         * @return this builder
         */
        public Builder cellsPerStack(int cellsPerStack) {
            Preconditions.checkArgument(cellsPerStack >= 1, "cellsPerStack must be >= 1, got %s", cellsPerStack);
            this.cellsPerStack = cellsPerStack;
            return this;
        }

        /**
         * Number of classes.
         *
         * @param classes at least 2 (default 10)
         * @return this builder
         */
        public Builder classes(int classes) {
            Preconditions.checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
            this.classes = classes;
            return this;
        }

        /**
         * The weight initialisation, data type and seed of the network's parameters.
         *
         * @param initialisation e.g. {@code Initialisation.seeded(7)}; not null (default
         *                       {@link Initialisation#defaults()}: {@code UNIFORM}, {@code FLOAT}, seed 12345)
         * @return this builder
         */
        public Builder initialisation(Initialisation initialisation) {
            Preconditions.checkArgument(initialisation != null, "initialisation must not be null");
            this.initialisation = initialisation;
            return this;
        }

        /**
         * The network builder.
         *
         * @return an immutable {@link Nb101Network}
         */
        public Nb101Network build() {
            return new Nb101Network(this);
        }
    }
}
