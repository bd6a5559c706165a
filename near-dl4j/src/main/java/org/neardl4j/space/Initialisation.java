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
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a search space's networks get their parameters: the weight initialisation of convolution and dense weights,
 * the data type of parameters and activations, and the seed. One value shared by {@link Nb201Network} and
 * {@link Nb101Network}; immutable and serialisable.
 *
 * <pre>{@code
 * Nb201Network nb201 = Nb201Network.builder().initialisation(Initialisation.seeded(42)).build();
 * Initialisation xavier = Initialisation.builder().weightInit(WeightInit.XAVIER).dataType(DataType.DOUBLE).seed(7).build();
 * Nb101Network nb101 = Nb101Network.builder().initialisation(xavier).build();
 * }</pre>
 *
 * The defaults ({@link #defaults()}) are those of the benchmarks' PyTorch networks as far as DL4J has them:
 * {@link WeightInit#UNIFORM} (U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the distribution of PyTorch's default
 * initialisation of convolution and dense weights), {@code FLOAT}, seed 12345.
 */
public final class Initialisation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Seed of {@link #defaults()}. */
    public static final long DEFAULT_SEED = 12345L;

    private static final Initialisation DEFAULTS = builder().build();

    /** Initialisation of convolution and dense weights. */
    private final WeightInit weightInit;
    /** Data type of parameters and activations. */
    private final DataType dataType;
    /** Seed of the weight initialisation. */
    private final long seed;

    private Initialisation(Builder b) {
        this.weightInit = b.weightInit;
        this.dataType = b.dataType;
        this.seed = b.seed;
    }

    /**
     * {@code UNIFORM}, {@code FLOAT}, seed {@value #DEFAULT_SEED}.
     *
     * @return the default initialisation
     */
    public static Initialisation defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with another seed: the common case of drawing other weights for the same networks.
     *
     * @param seed any value
     * @return {@code UNIFORM}, {@code FLOAT} and this seed
     */
    public static Initialisation seeded(long seed) {
        return builder().seed(seed).build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this initialisation's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder().weightInit(weightInit).dataType(dataType).seed(seed);
    }

    /** @return the initialisation of convolution and dense weights */
    public WeightInit weightInit() {
        return weightInit;
    }

    /** @return the data type of parameters and activations */
    public DataType dataType() {
        return dataType;
    }

    /** @return the seed of the weight initialisation */
    public long seed() {
        return seed;
    }

    /**
     * Sets the seed, the weight initialisation and the data type on a DL4J configuration builder.
     *
     * @param conf the builder of a network's configuration; not null
     * @return the same builder
     */
    public NeuralNetConfiguration.Builder applyTo(NeuralNetConfiguration.Builder conf) {
        Preconditions.checkNotNull(conf, "conf");
        return conf.seed(seed).weightInit(weightInit).dataType(dataType);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Initialisation)) {
            return false;
        }
        Initialisation other = (Initialisation) o;
        return weightInit == other.weightInit && dataType == other.dataType && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weightInit, dataType, seed);
    }

    @Override
    public String toString() {
        return "init=" + weightInit + ", " + dataType + ", seed=" + seed;
    }

    /**
     * Builder of {@link Initialisation}, starting from the defaults.
     *
     * <pre>{@code
     * Initialisation init = Initialisation.builder().weightInit(WeightInit.XAVIER).seed(7).build();
     * }</pre>
     */
    public static final class Builder {
        private WeightInit weightInit = WeightInit.UNIFORM;
        private DataType dataType = DataType.FLOAT;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /**
         * Initialisation of the convolution and dense weights.
         *
         * @param weightInit e.g. {@code UNIFORM} (default; PyTorch's distribution) or {@code XAVIER} (DL4J's
         *                   default)
         * @return this builder
         * @throws IllegalArgumentException for {@code DISTRIBUTION} (which needs a distribution object) or null
         */
        public Builder weightInit(WeightInit weightInit) {
            Preconditions.checkArgument(weightInit != null, "weightInit must not be null");
            Preconditions.checkArgument(weightInit != WeightInit.DISTRIBUTION,
                    "weightInit DISTRIBUTION needs a distribution; use a named initialisation such as UNIFORM");
            this.weightInit = weightInit;
            return this;
        }

        /**
         * Data type of parameters and activations.
         *
         * @param dataType a floating-point type (default FLOAT)
         * @return this builder
         * @throws IllegalArgumentException for null or a type that is not floating-point
         */
        public Builder dataType(DataType dataType) {
            Preconditions.checkArgument(dataType != null && dataType.isFPType(),
                    "dataType must be a floating-point type, got %s", dataType);
            this.dataType = dataType;
            return this;
        }

        /**
         * Seed of the weight initialisation.
         *
         * @param seed any value (default {@value Initialisation#DEFAULT_SEED})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The initialisation.
         *
         * @return an immutable {@link Initialisation}
         */
        public Initialisation build() {
            return new Initialisation(this);
        }
    }
}
