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
package org.neardl4j.capture;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.util.Convolution1DUtils;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

/**
 * The data-format conversion DL4J 1.0.0-M2.1's inference forward pass ({@code MultiLayerNetwork.output()},
 * {@code ComputationGraph.output()}) applies to a layer's input, after its input preprocessor, when the layer before
 * it (in index order; in a graph, the vertex before it in topological order, if it feeds this one) declares another
 * format, decided exactly as DL4J decides it:
 * <ul>
 * <li>both layers have a 2-D convolution layout by {@code ConvolutionUtils.layerHasConvolutionLayout} and their
 *     {@code CNN2DFormat}s differ: NCHW output is permuted to NHWC or the reverse;</li>
 * <li>else both have an RNN format by {@code Convolution1DUtils.hasRnnDataFormat} (Conv1D, Subsampling1D, SimpleRnn,
 *     LSTM, EmbeddingSequence) and their {@code RNNFormat}s differ: the sequence's last two axes are swapped. This is
 *     what lets a Keras model's Embedding (NWC) feed a Theano-ordered Conv1D (NCW).</li>
 * </ul>
 * DL4J's layer-by-layer passes ({@code feedForward()}, training) do not convert; near-dl4j follows {@code output()}.
 * The layer configurations are those the running layers report ({@code layer.conf().getLayer()}), as in DL4J.
 */
final class FormatConversion {

    /** The converted input (a permuted view) and its layout. */
    static final class Converted {
        final INDArray array;
        final ActivationLayout layout;

        Converted(INDArray array, ActivationLayout layout) {
            this.array = array;
            this.layout = layout;
        }
    }

    private FormatConversion() {
    }

    /**
     * The input {@code current} gets from {@code previous}'s output in DL4J's {@code output()}, or null when DL4J
     * passes it on unchanged.
     *
     * @param previous configuration of the layer before (as its running layer reports it); null for the first
     * @param current  configuration of the layer about to run (as its running layer reports it)
     * @param in       the input after the preprocessor
     */
    static Converted between(Layer previous, Layer current, INDArray in) {
        if (previous == null || current == null || in == null) {
            return null;
        }
        if (ConvolutionUtils.layerHasConvolutionLayout(previous) && ConvolutionUtils.layerHasConvolutionLayout(current)) {
            CNN2DFormat before = ConvolutionUtils.getFormatForLayer(previous);
            CNN2DFormat now = ConvolutionUtils.getFormatForLayer(current);
            if (before == now || in.rank() != 4) {
                return null;
            }
            // exactly DL4J's axis orders: permute(0, 3, 1, 2) after an NCHW layer, permute(0, 2, 3, 1) after an NHWC one
            // (so what output() computes; note that these are the inverse of an NCHW <-> NHWC change of layout)
            INDArray out = before == CNN2DFormat.NCHW ? in.permute(0, 3, 1, 2) : in.permute(0, 2, 3, 1);
            return new Converted(out, ActivationLayout.of(4, now == CNN2DFormat.NHWC));
        }
        if (Convolution1DUtils.hasRnnDataFormat(previous) && Convolution1DUtils.hasRnnDataFormat(current)) {
            RNNFormat before = Convolution1DUtils.getRnnFormatFromLayer(previous);
            RNNFormat now = Convolution1DUtils.getRnnFormatFromLayer(current);
            if (before == now || in.rank() != 3) {
                return null;
            }
            return new Converted(in.permute(0, 2, 1), ActivationLayout.of(3, now == RNNFormat.NWC));
        }
        return null;
    }
}
