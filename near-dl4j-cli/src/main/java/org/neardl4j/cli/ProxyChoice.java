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
package org.neardl4j.cli;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.NpyFiles;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The zero-cost proxies {@code score} and {@code rank} compute next to NEAR: {@code --proxy NAME[,NAME...]|all}
 * (the library's {@link ZeroCostProxies}) and {@code --labels FILE.npy} for the proxies that need labels
 * ({@code grad_norm}, {@code snip}, {@code zico}); the built-in Fashion-MNIST images and the bundled CIFAR-10
 * images come with their labels. A picocli mixin: {@code @Mixin ProxyChoice proxies;}.
 *
 * <pre>{@code
 * List<String> names = proxies.names();               // e.g. [meco, snip]; "all": every proxy but near
 * Map<String, ProxyResult> r = ProxyChoice.score(names, model, x, labels, NearScorer.builder().build());
 * }</pre>
 */
public final class ProxyChoice {

    /** What {@code --proxy all} stands for. */
    public static final String ALL = "all";

    @Option(names = {"-p", "--proxy"}, split = ",", paramLabel = "NAME", completionCandidates = Names.class,
            description = "zero-cost proxies to compute next to NEAR, comma-separated, or 'all': params, naswot,"
                    + " grad_norm, snip, synflow, jacob_cov, zico, meco (grad_norm, snip and zico need labels)")
    private List<String> proxies = new ArrayList<>();

    @Option(names = {"-l", "--labels"}, paramLabel = "FILE.npy", description = "labels of the input's samples for"
            + " the proxies that need them: class indices [N] or one-hot [N, classes] (default: the bundled labels"
            + " when the input is bundled)")
    private Path labels;

    /** What shell completion offers for {@code --proxy}. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            super(ZeroCostProxies.NAMES);
            add(ALL);
        }
    }

    /**
     * The proxies asked for, in the library's order, without {@code near} (NEAR is always computed).
     *
     * @return the names; empty without {@code --proxy}
     * @throws CliException (usage) for an unknown name
     */
    public List<String> names() throws CliException {
        Set<String> asked = new LinkedHashSet<>();
        for (String p : proxies) {
            String n = p.trim().toLowerCase(java.util.Locale.ROOT);
            if (n.equals(ALL)) {
                asked.addAll(ZeroCostProxies.NAMES);
            } else if (ZeroCostProxies.NAMES.contains(n)) {
                asked.add(n);
            } else {
                throw CliException.usage("unknown proxy '" + p + "' for --proxy (known: "
                        + String.join(", ", ZeroCostProxies.NAMES) + ", or all)");
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : ZeroCostProxies.NAMES) {
            if (asked.contains(n) && !n.equals("near")) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The {@code --labels} file.
     *
     * @return the file, or null when not given
     */
    public Path labelsFile() {
        return labels;
    }

    /**
     * Whether any of the proxies reads labels.
     *
     * @param names proxy names from {@link #names()}
     * @return true when one needs labels
     */
    public static boolean needLabels(List<String> names) {
        for (String n : names) {
            if (ZeroCostProxies.byName(n, ProxyOptions.defaults()).needsLabels()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The labels for the proxies, or a usage error when they need some and none are at hand.
     *
     * @param names   the proxies
     * @param bundled the labels of bundled data (class indices), or null for the user's inputs
     * @param max     keep the first {@code max} labels (as {@code --max-samples} keeps samples)
     * @return class indices or one-hot rows; null when no proxy needs labels
     * @throws CliException usage error when labels are needed and missing; bad input for an unreadable file
     */
    public INDArray labels(List<String> names, INDArray bundled, long max) throws CliException {
        if (!needLabels(names) && labels == null) {
            return null;
        }
        INDArray raw = bundled;
        if (labels != null) {
            try {
                raw = NpyFiles.read(labels);
            } catch (InvalidInputException e) {
                throw CliException.badInput(e.getMessage().replaceFirst("^input ", "labels "), e);
            }
        }
        if (raw == null) {
            List<String> need = new ArrayList<>();
            for (String n : names) {
                if (ZeroCostProxies.byName(n, ProxyOptions.defaults()).needsLabels()) {
                    need.add(n);
                }
            }
            throw CliException.usage("the proxies " + need + " need labels: give --labels FILE.npy (class indices"
                    + " [N] or one-hot [N, classes])");
        }
        return ScoringOptions.firstSamples(List.of(raw), max).get(0);
    }

    /**
     * Scores one single-input network with each proxy.
     *
     * @param names    the proxies
     * @param model    the network (not changed)
     * @param features its input, samples first
     * @param labels   class indices [N] or one-hot [N, classes], or null when no proxy needs them
     * @param scorer   repetitions and seed (and NEAR's options)
     * @return the result of each proxy, in order
     * @throws IllegalArgumentException naming the proxy when one cannot score the network (e.g. several inputs)
     */
    public static Map<String, ProxyResult> score(List<String> names, Model model, INDArray[] features, INDArray labels,
                                                 NearScorer scorer) {
        Map<String, ProxyResult> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Preconditions.checkArgument(features.length == 1, "zero-cost proxies score networks with one input, this"
                + " one has %s", features.length);
        INDArray x = features[0];
        INDArray y = labels == null ? null : oneHot(labels, model, x);
        DataSet data = new DataSet(x, y);
        ProxyOptions options = ProxyOptions.of(scorer);
        for (String n : names) {
            ZeroCostProxy p = ZeroCostProxies.byName(n, options);
            try {
                out.put(n, p.score(model, p.needsLabels() ? data : new DataSet(x, null)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("proxy " + n + ": " + InvalidInputException.oneLine(e), e);
            }
        }
        return out;
    }

    /** Labels as one-hot rows of the network's output width (class indices are expanded). */
    static INDArray oneHot(INDArray labels, Model model, INDArray x) {
        Preconditions.checkArgument(labels.size(0) == x.size(0), "labels: %s rows for %s samples", labels.size(0),
                x.size(0));
        long[] out = outputShape(model, x);
        Preconditions.checkArgument(out.length == 2, "labels: the network's output has shape %s; proxies with labels"
                + " need a [N, classes] output", Arrays.toString(out));
        long classes = out[1];
        if (labels.rank() == 2 && labels.size(1) > 1) {
            Preconditions.checkArgument(labels.size(1) == classes, "labels: %s columns but the network has %s"
                    + " outputs", labels.size(1), classes);
            return labels.castTo(x.dataType());
        }
        long[] idx = labels.reshape(labels.length()).castTo(org.nd4j.linalg.api.buffer.DataType.LONG).toLongVector();
        INDArray y = Nd4j.zeros(x.dataType(), idx.length, classes);
        for (int i = 0; i < idx.length; i++) {
            Preconditions.checkArgument(idx[i] >= 0 && idx[i] < classes, "labels: sample %s has class %s, the network"
                    + " has %s outputs (0..%s)", i, idx[i], classes, classes - 1);
            y.putScalar(i, idx[i], 1);
        }
        return y;
    }

    private static long[] outputShape(Model model, INDArray x) {
        INDArray one = x.get(NDArrayIndex.interval(0, 1)).dup();
        if (model instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) model).output(one, false).shape();
        }
        return ((ComputationGraph) model).outputSingle(false, one).shape();
    }
}
