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
package org.neardl4j.spark;

import org.deeplearning4j.nn.api.Model;

/** A candidate's factory that ends the JVM building it (an executor that dies while scoring a candidate). */
final class ExitOnBuild implements SparkCandidate.ModelFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Model build() {
        Runtime.getRuntime().halt(3);
        throw new AssertionError("unreachable");
    }
}
