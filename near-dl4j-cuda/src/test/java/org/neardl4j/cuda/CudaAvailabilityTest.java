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
