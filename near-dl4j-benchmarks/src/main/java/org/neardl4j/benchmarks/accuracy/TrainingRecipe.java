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
package org.neardl4j.benchmarks.accuracy;

import com.google.common.base.Preconditions;

import java.util.Locale;

/**
 * The one training recipe every architecture of the benchmark gets: the first {@link #trainImages()} Fashion-MNIST
 * training images in file order (no shuffling, no augmentation), {@link #epochs()} epochs in mini-batches of
 * {@link #batchSize()}, Adam with learning rate {@value #LEARNING_RATE} (set in {@link SearchSpace}), weights
 * from {@link #seed()}; accuracy on the first {@link #testImages()} test images. Immutable.
 *
 * <pre>{@code
 * TrainingRecipe r = TrainingRecipe.standard();               // what docs/benchmark/architectures.csv used
 * TrainingRecipe tiny = new TrainingRecipe(512, 1, 64, 42, 500); // CI-sized
 * }</pre>
 */
public final class TrainingRecipe {

    /** Adam's learning rate, the same for every architecture. */
    public static final double LEARNING_RATE = 1e-3;

    private final int trainImages;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final int testImages;

    public TrainingRecipe(int trainImages, int epochs, int batchSize, long seed, int testImages) {
        Preconditions.checkArgument(trainImages > 0 && trainImages <= 60_000, "trainImages must be in 1..60000, got %s", trainImages);
        Preconditions.checkArgument(epochs > 0, "epochs must be positive, got %s", epochs);
        Preconditions.checkArgument(batchSize > 0, "batchSize must be positive, got %s", batchSize);
        Preconditions.checkArgument(testImages > 0 && testImages <= 10_000, "testImages must be in 1..10000, got %s", testImages);
        this.trainImages = trainImages;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.testImages = testImages;
    }

    /** The benchmark's recipe: 10,000 images, 3 epochs, batch 128, seed 42, all 10,000 test images. */
    public static TrainingRecipe standard() {
        return new TrainingRecipe(10_000, 3, 128, 42, 10_000);
    }

    public int trainImages() {
        return trainImages;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public int testImages() {
        return testImages;
    }

    /** The same recipe with another seed. */
    public TrainingRecipe withSeed(long newSeed) {
        return new TrainingRecipe(trainImages, epochs, batchSize, newSeed, testImages);
    }

    /** Compact form for the CSV, e.g. {@code adam(1e-3) batch=128 epochs=3 train=10000 test=10000}. */
    public String describe() {
        return String.format(Locale.ROOT, "adam(%s) batch=%d epochs=%d train=%d test=%d", "1e-3", batchSize, epochs,
                trainImages, testImages);
    }

    @Override
    public String toString() {
        return describe() + " seed=" + seed;
    }
}
