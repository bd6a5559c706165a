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
