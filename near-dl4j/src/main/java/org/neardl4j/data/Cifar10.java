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
package org.neardl4j.data;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIFAR-10 images and labels stored as NumPy {@code .npy} arrays, and the normalisation NAS-Bench-201 trains
 * with. Images are {@code uint8 [N, 3, 32, 32]} (NCHW, RGB, 0..255), labels {@code int64 [N]}; both C-ordered.
 * The reader is plain Java (a {@code .npy} file is a short text header and the raw little-endian data).
 *
 * <pre>{@code
 * INDArray raw = Cifar10.readImages(in);                 // [N, 3, 32, 32] INT, 0..255
 * INDArray x = Cifar10.normalise(raw, DataType.FLOAT);   // x / 255, minus mean, divided by std, per channel
 * INDArray y = Cifar10.oneHot(Cifar10.readLabels(labelsIn));
 * }</pre>
 */
public final class Cifar10 {

    /** Per-channel mean (R, G, B) of NAS-Bench-201's CIFAR-10 normalisation (of pixels scaled to [0, 1]). */
    public static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    /** Per-channel standard deviation (R, G, B) of NAS-Bench-201's CIFAR-10 normalisation. */
    public static final double[] STD = {0.2470, 0.2435, 0.2616};
    /** Number of classes. */
    public static final int CLASSES = 10;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Cifar10() {
    }

    /**
     * Reads {@code uint8 [N, 3, H, W]} images from a {@code .npy} stream (the stream is read to its end, not
     * closed).
     *
     * @param in the {@code .npy} data
     * @return an {@code INT} array of the file's shape holding the values 0..255
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if it is not a C-ordered {@code uint8} array of rank 4 with 3 channels
     */
    public static INDArray readImages(InputStream in) throws IOException {
        Npy a = read(in, "|u1", 1);
        Preconditions.checkArgument(a.shape.length == 4 && a.shape[1] == 3,
                "images: expected shape [N, 3, H, W], got %s", Arrays.toString(a.shape));
        int[] v = new int[a.data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Byte.toUnsignedInt(a.data[i]);
        }
        return Nd4j.createFromArray(v).reshape('c', a.shape);
    }

    /**
     * Reads {@code int64 [N]} labels from a {@code .npy} stream (not closed).
     *
     * @param in the {@code .npy} data
     * @return the labels, {@code LONG [N]}
     * @throws IOException if the stream cannot be read
     * @throws IllegalArgumentException if it is not a little-endian {@code int64} vector
     */
    public static INDArray readLabels(InputStream in) throws IOException {
        Npy a = read(in, "<i8", 8);
        Preconditions.checkArgument(a.shape.length == 1, "labels: expected shape [N], got %s",
                Arrays.toString(a.shape));
        long[] v = new long[(int) a.shape[0]];
        ByteBuffer.wrap(a.data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
        return Nd4j.createFromArray(v);
    }

    /**
     * NAS-Bench-201's normalisation: {@code x / 255}, then per channel minus {@link #MEAN}, divided by {@link #STD}.
     * The argument is not changed.
     *
     * @param images {@code [N, 3, H, W]} pixel values 0..255 (any numeric type)
     * @param type   the floating-point type of the result
     * @return a new {@code [N, 3, H, W]} array
     */
    public static INDArray normalise(INDArray images, DataType type) {
        return normalise(images, MEAN, STD, type);
    }

    /**
     * Per-channel normalisation of RGB images: {@code x / 255}, then minus {@code mean[c]}, divided by
     * {@code std[c]} (the form every NAS benchmark trains with; e.g. {@code Nb201Dataset} holds each dataset's
     * values). The arguments are not changed.
     *
     * <pre>{@code
     * INDArray x = Cifar10.normalise(raw, new double[] {0.5071, 0.4865, 0.4409},
     *         new double[] {0.2673, 0.2564, 0.2762}, DataType.FLOAT);   // CIFAR-100 as NAS-Bench-201
     * }</pre>
     *
     * @param images {@code [N, 3, H, W]} pixel values 0..255 (any numeric type)
     * @param mean   three means (R, G, B) of pixels scaled to [0, 1]
     * @param std    three standard deviations (R, G, B), each positive
     * @param type   the floating-point type of the result
     * @return a new {@code [N, 3, H, W]} array
     * @throws IllegalArgumentException for another shape, not three positive values, or a non-floating type
     */
    public static INDArray normalise(INDArray images, double[] mean, double[] std, DataType type) {
        Preconditions.checkArgument(images != null && images.rank() == 4 && images.size(1) == 3,
                "images: expected shape [N, 3, H, W], got %s", images == null ? null : Arrays.toString(images.shape()));
        Preconditions.checkArgument(type != null && type.isFPType(), "type must be floating-point, got %s", type);
        Preconditions.checkArgument(mean != null && mean.length == 3, "mean: expected 3 values (R, G, B)");
        Preconditions.checkArgument(std != null && std.length == 3, "std: expected 3 values (R, G, B)");
        for (int c = 0; c < 3; c++) {
            Preconditions.checkArgument(std[c] > 0, "std[%s] must be positive, got %s", (Object) c, std[c]);
        }
        INDArray x = images.castTo(DataType.DOUBLE).divi(255.0);
        INDArray m = Nd4j.createFromArray(mean.clone()).reshape(1, 3, 1, 1);
        INDArray s = Nd4j.createFromArray(std.clone()).reshape(1, 3, 1, 1);
        x = x.subi(m.broadcast(x.shape())).divi(s.broadcast(x.shape()));
        return x.castTo(type);
    }

    /**
     * One-hot labels.
     *
     * @param labels class indices 0..9, shape {@code [N]}
     * @return {@code FLOAT [N, 10]}
     * @throws IllegalArgumentException if a label is outside 0..9
     */
    public static INDArray oneHot(INDArray labels) {
        return oneHot(labels, CLASSES);
    }

    /**
     * One-hot labels for any number of classes (e.g. 100 for CIFAR-100, 120 for ImageNet16-120).
     *
     * @param labels  class indices 0..classes-1, shape {@code [N]}
     * @param classes the number of classes, at least 2
     * @return {@code FLOAT [N, classes]}
     * @throws IllegalArgumentException if a label is outside 0..classes-1
     */
    public static INDArray oneHot(INDArray labels, int classes) {
        Preconditions.checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
        long n = labels.length();
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (long i = 0; i < n; i++) {
            long c = labels.getLong(i);
            Preconditions.checkArgument(c >= 0 && c < classes, "label %s of example %s is not one of the %s classes",
                    c, i, classes);
            y.putScalar(i, c, 1f);
        }
        return y;
    }

    private record Npy(long[] shape, byte[] data) {
    }

    private static Npy read(InputStream raw, String descr, int width) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        Preconditions.checkArgument(Arrays.equals(magic, MAGIC), "not a NumPy .npy file (no \\x93NUMPY magic)");
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        } else {
            headerLength = Integer.reverseBytes(in.readInt());
        }
        byte[] h = new byte[headerLength];
        in.readFully(h);
        String dict = new String(h, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        Preconditions.checkArgument(d.find() && f.find() && s.find(), "malformed .npy header: %s", dict.trim());
        Preconditions.checkArgument(d.group(1).equals(descr) || (width == 1 && d.group(1).equals("<u1")),
                "expected .npy data type '%s', got '%s'", descr, d.group(1));
        Preconditions.checkArgument(f.group(1).equals("False"), ".npy array in Fortran order is not supported");
        // not CSV: the shape is a Python tuple of integers in the .npy header ("(3, 32, 32)" or "(5,)")
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long dim : shape) {
            n *= dim;
        }
        Preconditions.checkArgument(n > 0 && n * width <= Integer.MAX_VALUE, "unsupported .npy size %s",
                Arrays.toString(shape));
        byte[] data = new byte[(int) (n * width)];
        in.readFully(data);
        return new Npy(shape, data);
    }
}
