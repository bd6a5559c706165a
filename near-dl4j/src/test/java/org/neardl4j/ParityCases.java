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
package org.neardl4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * The parity cases of {@code src/test/resources/parity} (values computed by the authors' NEAR implementation),
 * rebuilt as DL4J networks. Shared with near-dl4j-cuda through the test jar.
 */
public final class ParityCases {

    private ParityCases() {
    }

    public static File file(String caseName, String name) {
        URL url = ParityCases.class.getClassLoader().getResource("parity/" + caseName + "/" + name);
        if (url == null) {
            throw new IllegalStateException("parity file missing from the test classpath: " + caseName + "/" + name);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return new File(url.toURI());
            }
            // inside the test jar (other modules' tests): copy to a temporary file
            File tmp = File.createTempFile("parity-" + caseName + "-", "-" + name.replace('/', '-'));
            tmp.deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static INDArray array(String caseName, String name) {
        return Nd4j.createFromNpyFile(file(caseName, name));
    }

    public static JsonObject expected(String caseName) {
        try {
            return new JsonParser().parse(Files.readString(file(caseName, "expected.json").toPath(),
                    StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Effective ranks (float64) of the expected matrices, in order. */
    public static double[] expectedEranks(String caseName) {
        JsonArray m = expected(caseName).getAsJsonArray("matrices");
        double[] out = new double[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.get(i).getAsJsonObject().get("effective_rank_float64").getAsDouble();
        }
        return out;
    }

    public static double expectedTotal(String caseName) {
        return expected(caseName).get("total_float64").getAsDouble();
    }

    /** MLP 784-100(SiLU)-50(Tanh)-10(identity) with the reference weights. */
    public static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.SWISH).build())
                .layer(new DenseLayer.Builder().nIn(100).nOut(50).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(50).nOut(10)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < 3; i++) {
            set(net, i + "_W", array("mlp", "W" + i + ".npy"));
            set(net, i + "_b", array("mlp", "b" + i + ".npy"));
        }
        return net;
    }

    public static INDArray mlpInput() {
        return array("mlp", "x.npy");
    }

    /** Conv(1->8, ReLU) - Conv(8->16) - BatchNorm - ReLU - Dense(9216->10) with the reference weights. */
    public static MultiLayerNetwork cnn(CNN2DFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).dataFormat(format).build())
                .layer(new BatchNormalization.Builder().eps(1e-5).useLogStd(false).dataFormat(format).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(10).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(28, 28, 1, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        set(net, "0_W", array("cnn", "conv0_W.npy"));
        set(net, "0_b", array("cnn", "conv0_b.npy"));
        set(net, "1_W", array("cnn", "conv1_W.npy"));
        set(net, "1_b", array("cnn", "conv1_b.npy"));
        set(net, "2_gamma", array("cnn", "bn_gamma.npy"));
        set(net, "2_beta", array("cnn", "bn_beta.npy"));
        set(net, "2_mean", array("cnn", "bn_running_mean.npy"));
        set(net, "2_var", array("cnn", "bn_running_var.npy"));
        INDArray w = array("cnn", "dense_W.npy");
        if (format == CNN2DFormat.NHWC) {
            // rows c*576 + h*24 + w  ->  h*24*16 + w*16 + c
            w = w.reshape('c', 16, 24, 24, 10).permute(1, 2, 0, 3).dup('c').reshape('c', 9216, 10);
        }
        set(net, "4_W", w);
        set(net, "4_b", array("cnn", "dense_b.npy"));
        return net;
    }

    /** The cnn case's 16 images, NCHW or NHWC. */
    public static INDArray cnnInput(CNN2DFormat format) {
        INDArray x = array("cnn", "x.npy");
        return format == CNN2DFormat.NHWC ? x.permute(0, 2, 3, 1).dup('c') : x;
    }

    private static void set(MultiLayerNetwork net, String key, INDArray value) {
        INDArray current = net.getParam(key);
        if (current == null) {
            throw new IllegalStateException("no parameter " + key + " in " + net.paramTable().keySet());
        }
        net.setParam(key, value.castTo(current.dataType()).reshape(current.shape()));
    }
}
