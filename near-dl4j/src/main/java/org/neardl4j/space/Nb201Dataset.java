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
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.data.Cifar10;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three datasets NAS-Bench-201 (and NATS-Bench's topology search space) trains every cell on, with what a
 * network and its input need from each: the number of classes, the input size and the per-channel normalisation
 * NAS-Bench-201 trains with ({@code x / 255}, minus the mean, divided by the standard deviation).
 *
 * <table>
 * <caption>The datasets</caption>
 * <tr><th>dataset</th><th>id</th><th>classes</th><th>input</th><th>mean (R, G, B)</th><th>std (R, G, B)</th></tr>
 * <tr><td>{@link #CIFAR10}</td><td>{@code cifar10}</td><td>10</td><td>3 x 32 x 32</td>
 * <td>0.4914, 0.4822, 0.4465</td><td>0.2470, 0.2435, 0.2616</td></tr>
 * <tr><td>{@link #CIFAR100}</td><td>{@code cifar100}</td><td>100</td><td>3 x 32 x 32</td>
 * <td>0.5071, 0.4865, 0.4409</td><td>0.2673, 0.2564, 0.2762</td></tr>
 * <tr><td>{@link #IMAGENET16_120}</td><td>{@code imagenet16-120}</td><td>120</td><td>3 x 16 x 16</td>
 * <td>(122.68, 116.66, 104.01) / 255</td><td>(63.22, 61.26, 65.09) / 255</td></tr>
 * </table>
 *
 * <pre>{@code
 * Nb201Dataset d = Nb201Dataset.parse("cifar100");
 * Nb201Network net = Nb201Network.builder().dataset(d).build();   // 100 logits, 32 x 32 input
 * INDArray x = d.normalise(rawImages, DataType.FLOAT);           // rawImages: [N, 3, 32, 32], 0..255
 * }</pre>
 */
public enum Nb201Dataset {
    /** CIFAR-10: 10 classes, 32 x 32. */
    CIFAR10("cifar10", "CIFAR-10", 10, 32, new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616}),
    /** CIFAR-100: 100 classes (fine labels), 32 x 32. */
    CIFAR100("cifar100", "CIFAR-100", 100, 32, new double[] {0.5071, 0.4865, 0.4409},
            new double[] {0.2673, 0.2564, 0.2762}),
    /** ImageNet16-120: the first 120 ImageNet classes, downsampled to 16 x 16. */
    IMAGENET16_120("imagenet16-120", "ImageNet16-120", 120, 16,
            new double[] {122.68 / 255, 116.66 / 255, 104.01 / 255}, new double[] {63.22 / 255, 61.26 / 255, 65.09 / 255});

    /** Channels of the input images (RGB). */
    public static final int CHANNELS = 3;

    private final String id;
    private final String title;
    private final int classes;
    private final int imageSize;
    private final double[] mean;
    private final double[] std;

    Nb201Dataset(String id, String title, int classes, int imageSize, double[] mean, double[] std) {
        this.id = id;
        this.title = title;
        this.classes = classes;
        this.imageSize = imageSize;
        this.mean = mean;
        this.std = std;
    }

    /**
     * The dataset's identifier on the command line and in file names.
     *
     * @return {@code cifar10}, {@code cifar100} or {@code imagenet16-120}
     */
    public String id() {
        return id;
    }

    /**
     * The dataset's name as papers write it.
     *
     * @return {@code CIFAR-10}, {@code CIFAR-100} or {@code ImageNet16-120}
     */
    public String title() {
        return title;
    }

    /**
     * Classes, the size of the classifier.
     *
     * @return 10, 100 or 120
     */
    public int classes() {
        return classes;
    }

    /**
     * Height and width of the input images.
     *
     * @return 32 for the CIFAR datasets, 16 for ImageNet16-120
     */
    public int imageSize() {
        return imageSize;
    }

    /**
     * The per-channel means of the normalisation, of pixels scaled to [0, 1].
     *
     * @return three values (R, G, B), a new list
     */
    public List<Double> mean() {
        return Arrays.stream(mean).boxed().collect(Collectors.toUnmodifiableList());
    }

    /**
     * The per-channel standard deviations of the normalisation, of pixels scaled to [0, 1].
     *
     * @return three values (R, G, B), a new list
     */
    public List<Double> std() {
        return Arrays.stream(std).boxed().collect(Collectors.toUnmodifiableList());
    }

    /**
     * The input type of the dataset's network.
     *
     * @return {@code InputType.convolutional(size, size, 3)} (NCHW)
     */
    public InputType inputType() {
        return InputType.convolutional(imageSize, imageSize, CHANNELS);
    }

    /**
     * Normalises raw images as NAS-Bench-201 trains on this dataset: {@code x / 255}, then per channel minus
     * {@link #mean()}, divided by {@link #std()}. The argument is not changed.
     *
     * @param images {@code [N, 3, size, size]} pixel values 0..255 (any numeric type)
     * @param type   the floating-point type of the result
     * @return a new normalised array of the same shape
     * @throws IllegalArgumentException if the images are not {@code [N, 3, size, size]} for this dataset
     */
    public INDArray normalise(INDArray images, DataType type) {
        Preconditions.checkArgument(images != null && images.rank() == 4 && images.size(1) == CHANNELS
                        && images.size(2) == imageSize && images.size(3) == imageSize,
                "%s images: expected shape [N, 3, %s, %s], got %s", title, imageSize, imageSize,
                images == null ? null : Arrays.toString(images.shape()));
        return Cifar10.normalise(images, mean, std, type);
    }

    /**
     * The dataset of an identifier (case-insensitive; {@code imagenet16_120} and {@code ImageNet16-120} also
     * name the third).
     *
     * @param id {@code cifar10}, {@code cifar100} or {@code imagenet16-120}
     * @return the dataset
     * @throws IllegalArgumentException naming the known identifiers, for any other
     */
    public static Nb201Dataset parse(String id) {
        Preconditions.checkArgument(id != null, "dataset must not be null");
        String k = id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Nb201Dataset d : values()) {
            if (d.id.equals(k) || d.title.toLowerCase(Locale.ROOT).equals(k)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown NAS-Bench-201 dataset '" + id + "'; known: cifar10, cifar100,"
                + " imagenet16-120");
    }

    @Override
    public String toString() {
        return id;
    }
}
