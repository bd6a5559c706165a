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

import com.google.common.base.Preconditions;
import org.neardl4j.cli.io.InvalidInputException;

/**
 * A failure a command reports to the user as one line on stderr, with the process exit code to return.
 *
 * <pre>{@code
 * throw CliException.usage("--repetitions must be a positive integer, got 'x'");
 * throw CliException.badInput("input x.npy contains NaN values", cause);
 * }</pre>
 */
public final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(Preconditions.checkNotNull(message, "message"), cause);
        this.exitCode = exitCode;
    }

    /** The command line itself is wrong (unknown option, missing or malformed value): exit code 2. */
    public static CliException usage(String message) {
        return new CliException(NearCli.EXIT_USAGE, message, null);
    }

    /** A file, the data or the model cannot be used: exit code 1. */
    public static CliException badInput(String message) {
        return new CliException(NearCli.EXIT_BAD_INPUT, message, null);
    }

    /** A file, the data or the model cannot be used, with the underlying failure: exit code 1. */
    public static CliException badInput(String message, Throwable cause) {
        return new CliException(NearCli.EXIT_BAD_INPUT, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The most informative message of a failure and its causes, on one line (see {@link InvalidInputException#oneLine}). */
    public static String oneLine(Throwable t) {
        return InvalidInputException.oneLine(t);
    }
}
