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
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.layers.util.IdentityLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.sampling.ActivationLayout;

/**
 * What a layer contributes to NEAR, decided from its configuration, and the axis layout of what it outputs.
 */
enum LayerRole {
    /** Weights and a non-identity activation applied after a pre-output: two matrices, Z (observed) and H. */
    PRE_AND_POST,
    /**
     * Weights and no separately observable activation: its output, "pre". This covers layers with an identity
     * activation (a {@code SimpleRnn} with the identity too) and {@code BatchNormalization}, whose DL4J forward pass
     * ignores a configured activation function (it returns {@code gamma * xhat + beta} whatever the activation, so
     * a BN layer configured with RELU still gives this one matrix and no "post").
     */
    PRE_ONLY,
    /**
     * An activation function without weights of its own kind (ActivationLayer, PReLU, loss layers): "post". Also
     * the gated recurrent cells ({@code LSTM}, {@code GravesLSTM}, {@code GravesBidirectionalLSTM}) and
     * {@code Bidirectional} wrappers: their output {@code h_t} is the output of the cell's activations (for an
     * LSTM {@code o_t * tanh(c_t)}); the gates' pre-activations (four matrices per cell) are not taken.
     */
    POST_ONLY,
    /** Neither weights nor activation: no matrix. */
    NONE,
    /** Not known to near-dl4j: skipped, reported. */
    UNSUPPORTED;

    /** Unwraps frozen and other wrapper layers to the layer that computes. */
    static Layer unwrap(Layer conf) {
        Layer c = conf;
        for (Layer inner = unwrapOnce(c); inner != null; inner = unwrapOnce(c)) {
            c = inner;
        }
        return c;
    }

    /** The layer a frozen or wrapper layer wraps, or null. */
    static Layer unwrapOnce(Layer c) {
        if (c instanceof FrozenLayer) {
            return ((FrozenLayer) c).getLayer();
        }
        if (c instanceof BaseWrapperLayer) {
            return ((BaseWrapperLayer) c).getUnderlying();
        }
        return null;
    }

    static LayerRole of(Layer conf) {
        Layer c = unwrap(conf);
        if (c instanceof IdentityLayer) {
            // what Keras' Masking imports as (inside a MaskZeroLayer): passes its input on, nothing to take
            return NONE;
        }
        if (c instanceof VariationalAutoencoder || c instanceof AbstractSameDiffLayer) {
            return UNSUPPORTED;
        }
        if (c instanceof BatchNormalization) {
            return PRE_ONLY;
        }
        if (c instanceof SimpleRnn) {
            // pre: x_t W + h_{t-1} R + b at every time step (observed step by step), post: h_t
            return isIdentity(((SimpleRnn) c).getActivationFn()) ? PRE_ONLY : PRE_AND_POST;
        }
        if (c instanceof BaseRecurrentLayer || c instanceof Bidirectional) {
            return POST_ONLY;
        }
        if (c instanceof PReLULayer) {
            return POST_ONLY;
        }
        if (c instanceof ActivationLayer) {
            return isIdentity(((ActivationLayer) c).getActivationFn()) ? NONE : POST_ONLY;
        }
        if (c instanceof LossLayer || c instanceof CnnLossLayer || c instanceof RnnLossLayer
                || c instanceof Cnn3DLossLayer) {
            return isIdentity(((BaseLayer) c).getActivationFn()) ? NONE : POST_ONLY;
        }
        if (c instanceof NoParamLayer || c instanceof DropoutLayer || c instanceof LocalResponseNormalization
                || c instanceof MaskLayer || c instanceof RepeatVector || c instanceof Yolo2OutputLayer) {
            return NONE;
        }
        if (c instanceof BaseLayer) {
            return isIdentity(((BaseLayer) c).getActivationFn()) ? PRE_ONLY : PRE_AND_POST;
        }
        return UNSUPPORTED;
    }

    static boolean isIdentity(IActivation a) {
        return a == null || a instanceof ActivationIdentity
                || (a instanceof RecordingActivation && isIdentity(((RecordingActivation) a).getDelegate()));
    }

    static String typeName(Layer conf) {
        return conf.getClass().getSimpleName();
    }

    /**
     * The layout of a layer's output of the given rank: the layer's declared data format when it has one,
     * otherwise the layout of its input.
     */
    static ActivationLayout outputLayout(Layer conf, int rank, ActivationLayout input) {
        if (rank == 2) {
            return ActivationLayout.feedForward();
        }
        Boolean declared = declaredThroughWrappers(conf, rank);
        if (declared != null) {
            return ActivationLayout.of(rank, declared);
        }
        return ActivationLayout.of(rank, input != null && input.rank() == rank && input.isChannelsLast());
    }

    /**
     * Some layers apply their activation function to a 2-D view of a time series, so the pre-activation they
     * show the recording activation is {@code [N*T, F]} while their output is 3-D. This brings such a
     * pre-activation back to 3-D, so that its rows are ordered (sample, time) like the output's and like
     * every other sequence matrix:
     * <ul>
     * <li>{@code RnnOutputLayer} flattens with {@code TimeSeriesUtils.reshape3dTo2d} (rows ordered by time,
     *     then sample: an 'f'-order reshape); its own inverse {@code reshape2dTo3d} gives {@code [N, F, T]};</li>
     * <li>{@code TimeDistributed} flattens to rows ordered by sample, then time ('c' order): {@code [N, T, F]}.</li>
     * </ul>
     *
     * @return the 3-D pre-activation (a view) and its layout, or null when {@code z} needs no change
     */
    static ModelCapture.Output restoreTimeSeries(Layer conf, INDArray z, long batch) {
        if (z.rank() != 2 || batch <= 0 || z.size(0) % batch != 0) {
            return null;
        }
        boolean timeDistributed = false;
        for (Layer c = conf; c != null; c = unwrapOnce(c)) {
            timeDistributed |= c instanceof TimeDistributed;
        }
        if (timeDistributed) {
            return new ModelCapture.Output(z.reshape('c', batch, z.size(0) / batch, z.size(1)),
                    ActivationLayout.channelsLast(3));
        }
        if (unwrap(conf) instanceof RnnOutputLayer) {
            return unflatten(z, batch);
        }
        return null;
    }

    /**
     * A time series flattened by DL4J's {@code reshape3dTo2d} / {@code RnnToFeedForwardPreProcessor} ({@code [N*T, F]},
     * rows ordered by time, then sample) as {@code [N, F, T]} (NCW) with DL4J's own inverse, or null when the
     * row count is not a multiple of {@code batch}.
     */
    static ModelCapture.Output unflatten(INDArray z, long batch) {
        if (z.rank() != 2 || batch <= 0 || z.size(0) % batch != 0) {
            return null;
        }
        return new ModelCapture.Output(TimeSeriesUtils.reshape2dTo3d(z, batch, LayerWorkspaceMgr.noWorkspaces(),
                ArrayType.ACTIVATIONS), ActivationLayout.channelsFirst(3));
    }

    /**
     * Whether applying {@code pp} to an array of rank {@code rankBefore} flattened a time series into
     * {@code [N*T, F]} rows for feed-forward layers.
     */
    static boolean flattensTimeSeries(InputPreProcessor pp, int rankBefore, int rankAfter) {
        return pp instanceof RnnToFeedForwardPreProcessor && rankBefore == 3 && rankAfter == 2;
    }

    /** The layout of an array after an input preprocessor. */
    static ActivationLayout afterPreprocessor(InputPreProcessor pp, int rank, ActivationLayout input) {
        if (rank == 2) {
            return ActivationLayout.feedForward();
        }
        if (rank == 3) {
            RNNFormat f = null;
            if (pp instanceof FeedForwardToRnnPreProcessor) {
                f = ((FeedForwardToRnnPreProcessor) pp).getRnnDataFormat();
            } else if (pp instanceof CnnToRnnPreProcessor) {
                f = ((CnnToRnnPreProcessor) pp).getRnnDataFormat();
            }
            return ActivationLayout.of(3, f == RNNFormat.NWC);
        }
        return ActivationLayout.of(rank, input != null && input.rank() == rank && input.isChannelsLast());
    }

    /** The layout of a network input, from the first layer that reads it. */
    static ActivationLayout inputLayout(int rank, Layer firstLayer) {
        if (rank == 2) {
            return ActivationLayout.feedForward();
        }
        Boolean declared = firstLayer == null ? null : declaredThroughWrappers(firstLayer, rank);
        return ActivationLayout.of(rank, declared != null && declared);
    }

    /**
     * The data format declared by a layer or, through frozen and wrapper layers, by the layer it wraps. A
     * {@code TimeDistributed} wrapper declares the sequence format itself (it wraps a feed-forward layer).
     */
    private static Boolean declaredThroughWrappers(Layer conf, int rank) {
        for (Layer c = conf; c != null; c = unwrapOnce(c)) {
            if (rank == 3 && c instanceof TimeDistributed) {
                return ((TimeDistributed) c).getRnnDataFormat() == RNNFormat.NWC;
            }
            Boolean d = declaredChannelsLast(c, rank);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static Boolean declaredChannelsLast(Layer c, int rank) {
        if (rank == 3) {
            if (c instanceof Convolution1DLayer) {
                return ((Convolution1DLayer) c).getRnnDataFormat() == RNNFormat.NWC;
            }
            if (c instanceof BaseRecurrentLayer) {
                return ((BaseRecurrentLayer) c).getRnnDataFormat() == RNNFormat.NWC;
            }
            if (c instanceof RnnOutputLayer) {
                return ((RnnOutputLayer) c).getRnnDataFormat() == RNNFormat.NWC;
            }
            if (c instanceof RnnLossLayer) {
                return ((RnnLossLayer) c).getRnnDataFormat() == RNNFormat.NWC;
            }
            if (c instanceof EmbeddingSequenceLayer) {
                return ((EmbeddingSequenceLayer) c).getOutputFormat() == RNNFormat.NWC;
            }
            if (c instanceof Bidirectional) {
                return declaredChannelsLast(((Bidirectional) c).getFwd(), rank);
            }
            return null;
        }
        if (rank == 5) {
            if (c instanceof Convolution3D) {
                return ((Convolution3D) c).getDataFormat() == Convolution3D.DataFormat.NDHWC;
            }
            if (c instanceof Deconvolution3D) {
                return ((Deconvolution3D) c).getDataFormat() == Convolution3D.DataFormat.NDHWC;
            }
            return null;
        }
        if (rank == 4) {
            CNN2DFormat f = null;
            if (c instanceof ConvolutionLayer) {
                f = ((ConvolutionLayer) c).getCnn2dDataFormat();
            } else if (c instanceof SubsamplingLayer) {
                f = ((SubsamplingLayer) c).getCnn2dDataFormat();
            } else if (c instanceof BatchNormalization) {
                f = ((BatchNormalization) c).getCnn2DFormat();
            } else if (c instanceof LocalResponseNormalization) {
                f = ((LocalResponseNormalization) c).getDataFormat();
            } else if (c instanceof CnnLossLayer) {
                f = ((CnnLossLayer) c).getFormat();
            } else if (c instanceof Upsampling2D) {
                f = ((Upsampling2D) c).getFormat();
            } else if (c instanceof ZeroPaddingLayer) {
                f = ((ZeroPaddingLayer) c).getDataFormat();
            } else if (c instanceof Cropping2D) {
                f = ((Cropping2D) c).getDataFormat();
            }
            return f == null ? null : f == CNN2DFormat.NHWC;
        }
        return null;
    }
}
