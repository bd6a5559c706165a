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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.neardl4j.data.FashionMnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bundled images are the real Fashion-MNIST test images, and {@link BundleFashionMnist} regenerates them. */
class BundledFashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void bundleHoldsImagesAndLabels() {
        DataSet d = BundledFashionMnist.load(BundledFashionMnist.COUNT);
        assertArrayEquals(new long[] {512, 784}, d.getFeatures().shape());
        assertArrayEquals(new long[] {512, 10}, d.getLabels().shape());
        assertEquals(0.0, d.getFeatures().minNumber().doubleValue(), 0.0);
        assertEquals(1.0, d.getFeatures().maxNumber().doubleValue(), 0.0);
        // every class occurs among the first 512 test images
        double[] perClass = d.getLabels().sum(0).toDoubleVector();
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] > 20, "class " + c + ": " + perClass[c]);
        }
        assertEquals(512.0, d.getLabels().sumNumber().doubleValue(), 0.0);
        assertEquals(7, BundledFashionMnist.load(7).numExamples());
    }

    @Test
    void bundleEqualsTheDebianPackageFiles() {
        assumeTrue(FashionMnist.isAvailable() || "true".equals(System.getenv("CI")),
                "Fashion-MNIST files not installed (dataset-fashion-mnist)");
        DataSet bundled = BundledFashionMnist.load(BundledFashionMnist.COUNT);
        DataSet original = FashionMnist.load(FashionMnist.Split.TEST, BundledFashionMnist.COUNT);
        assertEquals(original.getFeatures(), bundled.getFeatures());
        assertEquals(original.getLabels(), bundled.getLabels());
    }

    @Test
    void regeneratingGivesTheCommittedBytes() throws IOException {
        assumeTrue(FashionMnist.isAvailable() || "true".equals(System.getenv("CI")),
                "Fashion-MNIST files not installed (dataset-fashion-mnist)");
        BundleFashionMnist.write(FashionMnist.directory(), BundledFashionMnist.COUNT, dir);
        for (String name : new String[] {BundledFashionMnist.IMAGES, BundledFashionMnist.LABELS}) {
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream(BundledFashionMnist.RESOURCE_DIR + "/" + name)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(dir.resolve(name)), name);
            }
        }
    }
}
