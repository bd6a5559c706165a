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
package org.neardl4j.cli.builtin;

import com.google.common.base.Preconditions;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.data.FashionMnist;
import org.neardl4j.data.IdxFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * The real Fashion-MNIST images bundled in the samples jar: the first {@value #COUNT} images (and labels) of the
 * t10k (test) split, as gzipped IDX files under the classpath folder {@value #RESOURCE_DIR}. They were copied
 * from the Debian package {@code dataset-fashion-mnist} by {@link BundleFashionMnist}, which regenerates them.
 *
 * <pre>{@code
 * DataSet d = BundledFashionMnist.load(512);   // features [512, 784] in [0, 1], one-hot labels [512, 10]
 * }</pre>
 */
public final class BundledFashionMnist {

    /** Classpath folder of the bundle. */
    public static final String RESOURCE_DIR = "fashion-mnist";
    /** Image file name in the bundle. */
    public static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    /** Label file name in the bundle. */
    public static final String LABELS = "t10k-labels-idx1-ubyte.gz";
    /** Number of images bundled. */
    public static final int COUNT = 512;

    private BundledFashionMnist() {
    }

    /** The first {@code max} bundled images (at most {@value #COUNT}), as in {@link FashionMnist#toDataSet}. */
    public static DataSet load(int max) {
        Preconditions.checkArgument(max > 0, "max must be positive, got %s", max);
        try (InputStream images = open(IMAGES); InputStream labels = open(LABELS)) {
            byte[][] x = IdxFiles.readImages(images, max, RESOURCE_DIR + "/" + IMAGES);
            byte[] y = IdxFiles.readLabels(labels, max, RESOURCE_DIR + "/" + LABELS);
            return FashionMnist.toDataSet(x, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled Fashion-MNIST images", e);
        }
    }

    private static InputStream open(String name) throws IOException {
        String path = RESOURCE_DIR + "/" + name;
        InputStream in = BundledFashionMnist.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("classpath resource " + path + " is missing from the samples jar");
        }
        return new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16);
    }
}
