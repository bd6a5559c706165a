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

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs everywhere: the probe must tell the truth about this machine without starting ND4J. */
class CudaAvailabilityTest {

    @Test
    void reportsWhatThisMachineHas() {
        CudaAvailability cuda = CudaAvailability.check();
        boolean driver = Files.isReadable(Paths.get("/proc/driver/nvidia/version")) || Files.exists(Paths.get("/dev/nvidia0"));
        if (!driver) {
            assertFalse(cuda.isAvailable());
            assertTrue(cuda.reason().contains("no NVIDIA driver"), cuda.reason());
            assertEquals(0, cuda.devices());
        } else {
            assertEquals(cuda.isAvailable(), cuda.devices() > 0, cuda.reason());
        }
        assertFalse(cuda.reason().isEmpty());
        assertTrue(cuda.toString().startsWith(cuda.isAvailable() ? "CUDA available" : "CUDA unavailable"));
    }
}
