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
package org.neardl4j.cli.io;

import com.google.common.base.Preconditions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks input arrays against a network before scoring, so that the common mistakes get a message naming the
 * input file and the layer: the number of inputs, arrays without a sample axis, different sample counts, and a
 * feature size or channel count that the first layer reading the input does not accept (dense and output
 * layers, 2-D convolutions, and {@code InputType.convolutionalFlat} inputs). Shapes it cannot judge are left to
 * the forward pass, whose errors also name the layer.
 *
 * <pre>{@code
 * InputCheck.check(net, List.of(x), List.of("x.npy"));   // throws InvalidInputException on a mismatch
 * }</pre>
 */
public final class InputCheck {

    private InputCheck() {
    }

    /**
     * Warnings for inputs that are all zero: every activation of such an input is the same for every sample, so
     * NEAR (effective rank 0 or 1) says nothing about the network; the input is still scored.
     *
     * @param inputs the arrays
     * @param names  how to call each input in messages
     * @return one warning per all-zero input; empty when none is
     */
    public static List<String> zeroInputs(List<INDArray> inputs, List<String> names) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            INDArray x = inputs.get(i);
            if (x.length() > 0 && x.amaxNumber().doubleValue() == 0) {
                out.add("input " + names.get(i) + " is all zero: every sample gives the same activations, so the"
                        + " score says nothing about the network");
            }
        }
        return out;
    }

    /**
     * Checks the inputs against the network.
     *
     * @param model  a MultiLayerNetwork or ComputationGraph
     * @param inputs one array per network input, in the network's input order
     * @param names  how to call each input in messages (e.g. its file name)
     * @throws InvalidInputException describing the first mismatch found
     */
    public static void check(Model model, List<INDArray> inputs, List<String> names) throws InvalidInputException {
        Preconditions.checkNotNull(model, "model");
        Preconditions.checkArgument(inputs.size() == names.size(), "%s inputs but %s names", inputs.size(), names.size());
        List<String> expected = ModelFiles.inputNames(model);
        if (inputs.size() != expected.size()) {
            throw new InvalidInputException(String.format("the model takes %d input(s) %s but %d were given: give one"
                    + " --input per network input, in this order", expected.size(), expected, inputs.size()));
        }
        for (int i = 0; i < inputs.size(); i++) {
            INDArray x = inputs.get(i);
            if (x.rank() < 2) {
                throw new InvalidInputException("input " + names.get(i) + " has shape " + Arrays.toString(x.shape())
                        + ": it needs a first axis of samples, e.g. [N, features] or [N, channels, height, width]");
            }
            if (x.size(0) != inputs.get(0).size(0)) {
                throw new InvalidInputException("inputs " + names.get(0) + " and " + names.get(i) + " have "
                        + inputs.get(0).size(0) + " and " + x.size(0) + " samples: all inputs need the same number");
            }
        }
        if (model instanceof MultiLayerNetwork) {
            MultiLayerConfiguration conf = ((MultiLayerNetwork) model).getLayerWiseConfigurations();
            if (!conf.getConfs().isEmpty()) {
                Layer first = conf.getConf(0).getLayer();
                String layer = first.getLayerName() != null ? first.getLayerName() : "layer0";
                checkShape(names.get(0), inputs.get(0).shape(), layer, first, conf.getInputPreProcess(0));
            }
        } else if (model instanceof ComputationGraph) {
            ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration();
            for (int i = 0; i < expected.size(); i++) {
                String input = expected.get(i);
                for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
                    List<String> from = conf.getVertexInputs().get(v.getKey());
                    if (v.getValue() instanceof LayerVertex && from != null && from.size() == 1
                            && from.get(0).equals(input)) {
                        LayerVertex lv = (LayerVertex) v.getValue();
                        checkShape(names.get(i), inputs.get(i).shape(), v.getKey(), lv.getLayerConf().getLayer(),
                                lv.getPreProcessor());
                    }
                }
            }
        }
    }

    private static void checkShape(String input, long[] shape, String layerName, Layer layer, InputPreProcessor pre)
            throws InvalidInputException {
        String expects = null;
        if (pre instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
            long flat = p.getInputHeight() * p.getInputWidth() * p.getNumChannels();
            if (shape.length == 2 && shape[1] != flat || shape.length != 2 && shape.length != 4) {
                expects = String.format("[N, %d] (%dx%d images with %d channel(s), flattened)", flat,
                        p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
            } else if (shape.length == 4) {
                expects = convolution(shape, layer);
            }
        } else if (pre == null) {
            if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
                long nIn = ((FeedForwardLayer) layer).getNIn();
                if (shape.length != 2 || shape[1] != nIn) {
                    expects = "[N, " + nIn + "]";
                }
            } else {
                expects = convolution(shape, layer);
            }
        }
        if (expects != null) {
            throw new InvalidInputException("input " + input + " has shape " + Arrays.toString(shape) + " but layer '"
                    + layerName + "' (" + layer.getClass().getSimpleName() + ") expects " + expects);
        }
    }

    /** What a 2-D convolution expects if {@code shape} does not fit it, else null (also for other layers). */
    private static String convolution(long[] shape, Layer layer) {
        if (!(layer instanceof ConvolutionLayer) || layer instanceof Convolution1DLayer
                || layer instanceof Convolution3D || layer instanceof Deconvolution3D) {
            return null;
        }
        ConvolutionLayer c = (ConvolutionLayer) layer;
        boolean nhwc = c.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        long nIn = c.getNIn();
        if (shape.length != 4 || shape[nhwc ? 3 : 1] != nIn) {
            return nhwc ? "[N, height, width, " + nIn + "] (NHWC)" : "[N, " + nIn + ", height, width] (NCHW)";
        }
        return null;
    }
}
