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
package org.neardl4j.cuda;

import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Guards for tests that need the CUDA backend: skip with the probe's reason when there is no device. */
final class GpuTests {

    private GpuTests() {
    }

    static void assumeCuda() {
        CudaAvailability cuda = CudaAvailability.check();
        Assumptions.assumeTrue(cuda.isAvailable(), () -> "skipped: " + cuda.reason());
        assertEquals("JCublasBackend", Nd4j.getBackend().getClass().getSimpleName(),
                "a CUDA device is present but ND4J did not start its CUDA backend");
    }
}
