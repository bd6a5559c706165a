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
package org.neardl4j.samples;

import org.neardl4j.cli.CliException;
import org.neardl4j.cli.Cli;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The options the tuning samples share (a picocli mixin, parsed by {@link Cli} like every program of this module):
 * {@code --probe N} (training images NEAR reads), {@code --repetitions R}, {@code --train N}, {@code --epochs E},
 * {@code --test N}, {@code --seed S} (the seed of the sample's networks and of NEAR's random choices) and
 * {@code --out DIR}. Defaults differ per sample and are given by the caller.
 *
 * <pre>{@code
 * @Mixin SampleOptions o;
 * int probe = o.probe(1024);
 * }</pre>
 */
final class SampleOptions {

    @Option(names = "--probe", paramLabel = "N", description = "training images NEAR reads")
    private Integer probe;

    @Option(names = "--repetitions", paramLabel = "R", description = "initialisations averaged per candidate")
    private Integer repetitions;

    @Option(names = "--train", paramLabel = "N", description = "training images")
    private Integer train;

    @Option(names = "--epochs", paramLabel = "E", description = "training epochs")
    private Integer epochs;

    @Option(names = "--test", paramLabel = "N", description = "test images")
    private Integer test;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the networks and of NEAR's random choices"
            + " (default 42)")
    private Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the CSV, Markdown and JSON results")
    private Path out;

    int probe(int dflt) throws CliException {
        return probe == null ? dflt : (int) Cli.atLeast("--probe", probe, 1);
    }

    int repetitions(int dflt) throws CliException {
        return repetitions == null ? dflt : (int) Cli.atLeast("--repetitions", repetitions, 1);
    }

    int train(int dflt) throws CliException {
        return train == null ? dflt : (int) Cli.atLeast("--train", train, 1);
    }

    int epochs(int dflt) throws CliException {
        return epochs == null ? dflt : (int) Cli.atLeast("--epochs", epochs, 0);
    }

    int test(int dflt) throws CliException {
        return test == null ? dflt : (int) Cli.atLeast("--test", test, 1);
    }

    long seed() {
        return seed == null ? 42 : seed;
    }

    Path out(String dflt) {
        return out == null ? Paths.get(dflt) : out;
    }
}
