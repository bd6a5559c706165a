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
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the network of NAS-Bench-201 (Dong and Yang, ICLR 2020) around a {@link Nb201Cell}, as a DL4J
 * {@link ComputationGraph}: exactly the published macro skeleton, for any of the benchmark's datasets
 * ({@link Nb201Dataset}: CIFAR-10 by default, CIFAR-100, ImageNet16-120; the dataset sets the classifier's size
 * and the input size). Immutable; one instance builds any number of cells with the same options.
 *
 * <pre>{@code
 * Nb201Network nb201 = Nb201Network.builder().initialisation(Initialisation.seeded(42)).build();   // C = 16, N = 5, 10 classes, UNIFORM
 * ComputationGraph net = nb201.graph(Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"));
 * long params = nb201.parameterCount(cell);                               // as NAS-Bench-201 counts them
 * NearResult r = NearScorer.defaults().score(net, images);                // images [N, 3, 32, 32], normalised
 * Nb201Network in16 = Nb201Network.builder().dataset(Nb201Dataset.IMAGENET16_120).build();   // 120 logits, 16x16
 * }</pre>
 *
 * <h2>The network</h2>
 * Input {@value #INPUT}: {@code [N, 3, S, S]} (NCHW), S = 32 for the CIFAR datasets, 16 for ImageNet16-120. All convolutions have no bias and use
 * {@code ConvolutionMode.Truncate} with explicit padding (PyTorch's alignment; {@code Same} would pad one side
 * only for the stride-2 convolutions).
 * <ol>
 * <li>stem: 3x3 convolution 3 -> C, padding 1 ({@code stem_conv}), batch normalisation ({@code stem_bn});</li>
 * <li>three stages of N cells at C, 2C and 4C channels (S, S/2, S/4: 32x32, 16x16, 8x8 for CIFAR), cell {@code k} of stage {@code s}
 * named {@code s<s>c<k>_...};</li>
 * <li>between the stages a residual reduction block {@code r1}, {@code r2}: ReLU ({@code r1_a_relu}), 3x3
 * convolution stride 2 padding 1 ({@code r1_a_conv}), batch normalisation ({@code r1_a_bn}), ReLU, 3x3
 * convolution stride 1 padding 1, batch normalisation ({@code r1_b_...}), added ({@code r1_add}) to a
 * shortcut of 2x2 average pooling stride 2 ({@code r1_pool}) and a 1x1 convolution ({@code r1_short});</li>
 * <li>head: batch normalisation ({@code last_bn}), ReLU ({@code last_relu}), global average pooling
 * ({@code gap}), and the classifier {@value #OUTPUT}: a dense layer 4C -> classes with bias and the identity
 * activation (its output is the logits, as in NAS-Bench-201) in an {@code OutputLayer} whose loss is
 * {@link LogitsCrossEntropy} (softmax cross-entropy on the logits). A softmax activation would add a matrix to
 * NEAR that the reference network does not have.</li>
 * </ol>
 *
 * <h2>A cell</h2>
 * As NAS-Bench-201's {@code InferCell}: node 0 is the cell input; node {@code j} is the sum ({@code ElementWiseVertex}
 * Add, {@code s<s>c<k>_n<j>}) of its incoming edges that are not {@code none}, or that edge itself when there is
 * one. Edge {@code j <- i} is named {@code s<s>c<k>_e<j><i>}: {@code nor_conv_KxK} is {@code _relu}
 * (ActivationLayer ReLU), {@code _conv} (KxK, stride 1, padding (K-1)/2) and {@code _bn}; {@code avg_pool_3x3} is
 * {@code _pool} (3x3, stride 1, padding 1, padding not counted); {@code skip_connect} is no vertex (the target node
 * reads node {@code i} directly); {@code none} is absent. A node whose incoming edges are all {@code none} is zero:
 * it is {@code 0 * input} (a {@code ScaleVertex} of 0, {@code s<s>c<k>_n<j>_zero}). Edges leaving a zero node are
 * computed on those zeros, exactly as NAS-Bench-201 computes them (its {@code none} operation multiplies its input
 * by 0), so they hold parameters (NAS-Bench-201's parameter count includes them) and give all-zero matrices
 * (effective rank 0, in the reference too). A cell whose output node is zero therefore outputs zeros and its
 * network stays valid; its later layers see only zeros. Every edge is computed even if its result never reaches
 * the cell output, as in NAS-Bench-201. DL4J's backward pass (gradient-based proxies, {@code fit}) needs every
 * vertex to reach the network output, so a node 1 or 2 that no edge reads is added to the cell output scaled by 0
 * ({@code s<s>c<k>_n<i>_unused}, then {@code s<s>c<k>_out}, an Add vertex): the values are those of NAS-Bench-201
 * and that branch gets zero gradients, as in PyTorch, where it gets none.
 *
 * <h2>What NEAR scores</h2>
 * The matrices of an NB201 network are exactly those of NAS-Bench-201's PyTorch network under the reference
 * package's hooks (modules with weights give their output, activation modules give their output): per convolution
 * edge three ({@code _relu} post, {@code _conv} pre, {@code _bn} pre), per reduction block seven (two ReLU, three
 * convolutions, two batch normalisations), the stem two, the head three ({@code last_bn}, {@code last_relu},
 * {@code logits}); pooling, skip, sum and zero vertices none. See {@link #expectedMatrices}.
 *
 * <h2>Initialisation</h2>
 * {@link WeightInit#UNIFORM} by default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the distribution of PyTorch's
 * default initialisation of convolution and dense weights. Batch normalisation starts at gamma 1, beta 0 (as in
 * PyTorch), epsilon 1e-5. The classifier's bias starts at 0: DL4J initialises biases to a constant, whereas
 * PyTorch draws them from the same uniform distribution.
 *
 * <p>Serialisable (its options only), so that a search space holding it can be shipped to a cluster's executors.
 */
public final class Nb201Network implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Name of the input vertex. */
    public static final String INPUT = "input";
    /** Name of the output layer (the logits). */
    public static final String OUTPUT = "logits";
    /** Height and width of the input images of the CIFAR datasets ({@link Nb201Dataset#imageSize()}). */
    public static final int IMAGE_SIZE = 32;
    /** Channels of the input images (RGB). */
    public static final int IMAGE_CHANNELS = 3;

    /** Channels C of the first stage. */
    private final int channels;
    /** Cells N per stage. */
    private final int cellsPerStage;
    /** Outputs of the classifier. */
    private final int classes;
    /** The dataset: input size and, by default, the classes. */
    private final Nb201Dataset dataset;
    /** Weight initialisation, data type and seed. */
    private final Initialisation initialisation;

    private Nb201Network(Builder b) {
        this.channels = b.channels;
        this.cellsPerStage = b.cellsPerStage;
        this.classes = b.classes;
        this.dataset = b.dataset;
        this.initialisation = b.initialisation;
    }

    /**
     * A builder with NAS-Bench-201's options: C = 16, N = 5, CIFAR-10 (10 classes, 32 x 32), {@code UNIFORM}
     * initialisation, float, seed 12345.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The network with NAS-Bench-201's options ({@link #builder()} defaults).
     *
     * @return the default network builder
     */
    public static Nb201Network defaults() {
        return builder().build();
    }

    /**
     * A builder holding this network's options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder().channels(channels).cellsPerStage(cellsPerStage).dataset(dataset).classes(classes)
                .initialisation(initialisation);
    }

    /** @return channels of the first stage, C */
    public int channels() {
        return channels;
    }

    /** @return cells per stage, N */
    public int cellsPerStage() {
        return cellsPerStage;
    }

    /** @return number of classes (outputs of the classifier) */
    public int classes() {
        return classes;
    }

    /** @return the dataset: the input size (and, unless {@code classes} was set after it, the classes) */
    public Nb201Dataset dataset() {
        return dataset;
    }

    /** @return the weight initialisation, data type and seed */
    public Initialisation initialisation() {
        return initialisation;
    }

    /**
     * The input type of the network: the dataset's ({@link Nb201Dataset#inputType()}).
     *
     * @return {@code InputType.convolutional(32, 32, 3)} for the CIFAR datasets, {@code (16, 16, 3)} for
     *         ImageNet16-120 (NCHW)
     */
    public InputType inputType() {
        return dataset.inputType();
    }

    /**
     * The network's configuration for a cell (not initialised; input types set, so every layer's {@code nIn} is
     * known).
     *
     * @param cell the cell, used in every one of the 3 x N cell positions
     * @return a new configuration
     */
    public ComputationGraphConfiguration configuration(Nb201Cell cell) {
        Preconditions.checkNotNull(cell, "cell");
        ComputationGraphConfiguration.GraphBuilder g = initialisation.applyTo(new NeuralNetConfiguration.Builder())
                .convolutionMode(ConvolutionMode.Truncate)
                .updater(new Nesterovs(0.1, 0.9))
                .graphBuilder()
                .allowDisconnected(true)
                .addInputs(INPUT)
                .setInputTypes(inputType());
        String x = convBn(g, "stem", INPUT, channels, 3, 1, false);
        int c = channels;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                x = reduction(g, "r" + stage, x, 2 * c);
                c *= 2;
            }
            for (int k = 0; k < cellsPerStage; k++) {
                x = cell(g, "s" + stage + "c" + k + "_", x, c, cell);
            }
        }
        g.addLayer("last_bn", new BatchNormalization.Builder().nOut(c).build(), x);
        g.addLayer("last_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "last_bn");
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "last_relu");
        g.addLayer(OUTPUT, new OutputLayer.Builder(new LogitsCrossEntropy()).activation(Activation.IDENTITY)
                .nOut(classes).hasBias(true).build(), "gap");
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * The initialised network for a cell.
     *
     * @param cell the cell (e.g. from {@link Nb201Cell#parse}), used in every cell position; not null
     * @return a new, initialised graph (weights from {@link #initialisation()})
     */
    public ComputationGraph graph(Nb201Cell cell) {
        ComputationGraph net = new ComputationGraph(configuration(cell));
        net.init();
        return net;
    }

    /**
     * The number of trainable parameters as NAS-Bench-201 (PyTorch) counts them: convolution and dense weights,
     * the classifier's bias, batch normalisation's gamma and beta. DL4J also keeps batch normalisation's running
     * mean and variance among a layer's parameters ({@code ComputationGraph.numParams()}); PyTorch holds them as
     * buffers, so they are not counted here. Computed from the configuration, without initialising a network.
     *
     * @param cell the cell, used in every cell position; not null
     * @return the parameter count ({@code params_mb} of NAS-Bench-201 is this divided by 10^6)
     */
    public long parameterCount(Nb201Cell cell) {
        return parameterCount(configuration(cell));
    }

    /**
     * Trainable parameters of a configuration built by this class (see {@link #parameterCount(Nb201Cell)}).
     *
     * @param conf a configuration with its input types set
     * @return the count without batch normalisation's running statistics
     */
    public static long parameterCount(ComputationGraphConfiguration conf) {
        Preconditions.checkNotNull(conf, "configuration");
        long n = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex) {
                Layer l = ((LayerVertex) e.getValue()).getLayerConf().getLayer();
                n += l.initializer().numParams(l);
                if (l instanceof BatchNormalization) {
                    n -= 2 * ((BatchNormalization) l).getNOut();
                }
            }
        }
        return n;
    }

    /**
     * Builds one cell as NAS-Bench-201's {@code InferCell} computes it; returns the name of the vertex holding its
     * output. Every edge that is not {@code none} is computed; a node whose incoming edges are all {@code none} is
     * {@code 0 * input}, created only when something reads it.
     */
    private static String cell(ComputationGraphConfiguration.GraphBuilder g, String p, String input, int c,
                               Nb201Cell cell) {
        String[] node = new String[Nb201Cell.NODES];
        node[0] = input;
        for (int to = 1; to < Nb201Cell.NODES; to++) {
            List<String> terms = new ArrayList<>();
            for (int from = 0; from < to; from++) {
                Nb201Op op = cell.op(to, from);
                if (op != Nb201Op.NONE) {
                    terms.add(edge(g, p + "e" + to + from, source(g, p, input, node, from), op, c));
                }
            }
            if (terms.size() == 1) {
                node[to] = terms.get(0);
            } else if (terms.size() > 1) {
                node[to] = p + "n" + to;
                g.addVertex(node[to], new ElementWiseVertex(ElementWiseVertex.Op.Add), terms.toArray(new String[0]));
            }
        }
        String out = source(g, p, input, node, 3);
        // nodes 1 and 2 that no edge reads: added to the output scaled by 0, so that every vertex reaches the
        // network output (DL4J's backward pass and fit() need that); values and gradients are unchanged
        List<String> unused = new ArrayList<>();
        for (int i = 1; i < Nb201Cell.NODES - 1; i++) {
            boolean read = false;
            for (int to = i + 1; to < Nb201Cell.NODES; to++) {
                read |= cell.op(to, i) != Nb201Op.NONE;
            }
            if (!read && node[i] != null && !node[i].equals(input)) {
                g.addVertex(p + "n" + i + "_unused", new ScaleVertex(0.0), node[i]);
                unused.add(p + "n" + i + "_unused");
            }
        }
        if (unused.isEmpty()) {
            return out;
        }
        unused.add(0, out);
        g.addVertex(p + "out", new ElementWiseVertex(ElementWiseVertex.Op.Add), unused.toArray(new String[0]));
        return p + "out";
    }

    /** The vertex holding node {@code i}; for a node only {@code none} edges reach, a new 0 * input vertex. */
    private static String source(ComputationGraphConfiguration.GraphBuilder g, String p, String input, String[] node,
                                 int i) {
        if (node[i] == null) {
            node[i] = p + "n" + i + "_zero";
            g.addVertex(node[i], new ScaleVertex(0.0), input);
        }
        return node[i];
    }

    private static String edge(ComputationGraphConfiguration.GraphBuilder g, String name, String in, Nb201Op op,
                               int c) {
        switch (op) {
            case SKIP_CONNECT:
                return in;
            case AVG_POOL_3X3:
                g.addLayer(name + "_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                        .padding(1, 1).avgPoolIncludePadInDivisor(false).build(), in);
                return name + "_pool";
            case NOR_CONV_1X1:
            case NOR_CONV_3X3:
                return convBn(g, name, in, c, op.kernel(), 1, true);
            default:
                throw new IllegalStateException("edge " + name + " with operation " + op.token() + " is not computed");
        }
    }

    /**
     * [ReLU,] KxK convolution (no bias, padding (K-1)/2) and batch normalisation; returns the BN vertex name.
     */
    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int c, int k,
                                 int stride, boolean relu) {
        String input = in;
        if (relu) {
            g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), in);
            input = name + "_relu";
        }
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(k, k).stride(stride, stride)
                .padding((k - 1) / 2, (k - 1) / 2).nOut(c).hasBias(false).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().nOut(c).build(), name + "_conv");
        return name + "_bn";
    }

    /** The residual reduction block from {@code in} to {@code c} channels at half the size. */
    private static String reduction(ComputationGraphConfiguration.GraphBuilder g, String p, String in, int c) {
        String a = convBn(g, p + "_a", in, c, 3, 2, true);
        String b = convBn(g, p + "_b", a, c, 3, 1, true);
        g.addLayer(p + "_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .padding(0, 0).build(), in);
        g.addLayer(p + "_short", new ConvolutionLayer.Builder(1, 1).stride(1, 1).padding(0, 0).nOut(c).hasBias(false)
                .activation(Activation.IDENTITY).build(), p + "_pool");
        g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, p + "_short");
        return p + "_add";
    }

    /**
     * The names of the vertices that give NEAR a matrix, in the order the network computes them, for
     * documentation and tests: see the class comment.
     *
     * @param cell the cell, used in every cell position; not null
     * @return vertex names with a kind suffix, e.g. {@code "stem_conv pre"}, {@code "s0c0_e10_relu post"}
     */
    public List<String> expectedMatrices(Nb201Cell cell) {
        ImmutableList.Builder<String> b = ImmutableList.builder();
        b.add("stem_conv pre", "stem_bn pre");
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                for (String s : new String[] {"_a_relu post", "_a_conv pre", "_a_bn pre", "_b_relu post", "_b_conv pre",
                        "_b_bn pre", "_short pre"}) {
                    b.add("r" + stage + s);
                }
            }
            for (int k = 0; k < cellsPerStage; k++) {
                for (int to = 1; to < Nb201Cell.NODES; to++) {
                    for (int from = 0; from < to; from++) {
                        if (cell.op(to, from).isConvolution()) {
                            String e = "s" + stage + "c" + k + "_e" + to + from;
                            b.add(e + "_relu post", e + "_conv pre", e + "_bn pre");
                        }
                    }
                }
            }
        }
        b.add("last_bn pre", "last_relu post", OUTPUT + " pre");
        return b.build();
    }

    @Override
    public String toString() {
        return "NB201 " + dataset.title() + " network (C=" + channels + ", N=" + cellsPerStage + ", classes=" + classes + ", "
                + initialisation + ")";
    }

    /**
     * Builder of {@link Nb201Network}.
     *
     * <pre>{@code
     * Nb201Network n = Nb201Network.builder().channels(16).cellsPerStage(5).classes(10)
     *         .initialisation(Initialisation.builder().weightInit(WeightInit.UNIFORM).dataType(DataType.FLOAT).seed(7).build())
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private int channels = 16;
        private int cellsPerStage = 5;
        private int classes = Nb201Dataset.CIFAR10.classes();
        private Nb201Dataset dataset = Nb201Dataset.CIFAR10;
        private Initialisation initialisation = Initialisation.defaults();

        private Builder() {
        }

        /**
         * Channels of the first stage (the second and third have 2C and 4C).
         *
         * @param channels C, at least 1 (default 16)
         * @return this builder
         */
        public Builder channels(int channels) {
            Preconditions.checkArgument(channels >= 1, "channels must be >= 1, got %s", channels);
            this.channels = channels;
            return this;
        }

        /**
         * Cells per stage.
         *
         * @param cellsPerStage N, at least 1 (default 5)
         * @return this builder
         */
        public Builder cellsPerStage(int cellsPerStage) {
            Preconditions.checkArgument(cellsPerStage >= 1, "cellsPerStage must be >= 1, got %s", cellsPerStage);
            this.cellsPerStage = cellsPerStage;
            return this;
        }

        /**
         * Number of classes (the dataset's by default; see {@link #dataset(Nb201Dataset)}).
         *
         * @param classes at least 2 (default 10, CIFAR-10's)
         * @return this builder
         */
        public Builder classes(int classes) {
            Preconditions.checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
            this.classes = classes;
            return this;
        }

        /**
         * The dataset the network is for: sets the input size and the number of classes to the dataset's (a
         * {@link #classes(int)} called after this overrides the classes).
         *
         * @param dataset CIFAR-10 (default), CIFAR-100 or ImageNet16-120; not null
         * @return this builder
         */
        public Builder dataset(Nb201Dataset dataset) {
            Preconditions.checkArgument(dataset != null, "dataset must not be null");
            this.dataset = dataset;
            this.classes = dataset.classes();
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
         * @return an immutable {@link Nb201Network}
         */
        public Nb201Network build() {
            return new Nb201Network(this);
        }
    }
}
