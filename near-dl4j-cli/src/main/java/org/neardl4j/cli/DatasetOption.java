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
package org.neardl4j.cli;

import org.neardl4j.space.Nb201Dataset;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The {@code --dataset} option's values: a NAS-Bench-201 dataset identifier ({@link Nb201Dataset#parse}) with the
 * known ones as completion candidates; shared by every command that takes {@code --dataset}.
 *
 * <pre>{@code
 * @Option(names = "--dataset", converter = DatasetOption.class, completionCandidates = DatasetOption.Choices.class)
 * Nb201Dataset dataset;
 * }</pre>
 */
public final class DatasetOption implements CommandLine.ITypeConverter<Nb201Dataset> {

    /** A converter (picocli creates it). */
    public DatasetOption() {
    }

    @Override
    public Nb201Dataset convert(String value) {
        try {
            return Nb201Dataset.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The identifiers, for shell completion. */
    public static final class Choices extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        /** The identifiers of {@link Nb201Dataset}. */
        public Choices() {
            super(Arrays.stream(Nb201Dataset.values()).map(Nb201Dataset::id).toList());
        }
    }
}
