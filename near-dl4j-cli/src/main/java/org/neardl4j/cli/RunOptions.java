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

import picocli.CommandLine.Option;

/**
 * What every command and program shares about how it reports: {@code --verbose} (stack traces of failures,
 * ND4J's log) and {@code --quiet} (no progress on stderr). A picocli mixin: {@code @Mixin RunOptions run;}.
 *
 * <pre>{@code
 * @Mixin RunOptions run;
 * ...
 * try (Progress p = Progress.start("rank", models.size(), run.progressMode(), System.err)) { ... }
 * }</pre>
 */
public final class RunOptions {

    @Option(names = {"-v", "--verbose"}, description = "print stack traces of failures and ND4J's log")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr (failures are still reported)")
    private boolean quiet;

    /**
     * Whether {@code --verbose} was given.
     *
     * @return true for stack traces and ND4J's log
     */
    public boolean verbose() {
        return verbose;
    }

    /**
     * Whether {@code --quiet} was given.
     *
     * @return true when no progress may be shown
     */
    public boolean quiet() {
        return quiet;
    }
}
