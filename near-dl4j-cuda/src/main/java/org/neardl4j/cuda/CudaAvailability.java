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

import com.google.common.base.Preconditions;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Whether the ND4J CUDA backend can run here, found out WITHOUT starting ND4J (which would fail hard on a machine
 * without a device). Checks, in order: an NVIDIA driver, the CUDA 11.6 runtime loadable through JavaCPP, and at least
 * one device. Immutable.
 *
 * <pre>{@code
 * CudaAvailability cuda = CudaAvailability.check();
 * if (!cuda.isAvailable()) System.out.println("CPU only: " + cuda.reason());
 * }</pre>
 */
public final class CudaAvailability {

    private static final Path DRIVER_VERSION = Paths.get("/proc/driver/nvidia/version");

    private final boolean available;
    private final String reason;
    private final int devices;
    private final int runtimeVersion;
    private final int driverVersion;

    private CudaAvailability(boolean available, String reason, int devices, int runtimeVersion, int driverVersion) {
        this.available = available;
        this.reason = Preconditions.checkNotNull(reason);
        this.devices = devices;
        this.runtimeVersion = runtimeVersion;
        this.driverVersion = driverVersion;
    }

    /**
     * Probes the machine (cheap; safe to call on machines without CUDA).
     *
     * @return the cuda availability
     */
    public static CudaAvailability check() {
        if (!Files.isReadable(DRIVER_VERSION) && !Files.exists(Paths.get("/dev/nvidia0"))) {
            return new CudaAvailability(false, "no NVIDIA driver or device on this machine ("
                    + DRIVER_VERSION + " and /dev/nvidia0 are missing)", 0, 0, 0);
        }
        try {
            Loader.load(cudart.class);
        } catch (Throwable t) {
            return new CudaAvailability(false, "the CUDA 11.6 runtime cannot be loaded (" + firstLine(t)
                    + "): install CUDA 11.6 or add org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist", 0, 0, 0);
        }
        int[] count = new int[1];
        int[] runtime = new int[1];
        int[] driver = new int[1];
        cudart.cudaRuntimeGetVersion(runtime);
        cudart.cudaDriverGetVersion(driver);
        int err = cudart.cudaGetDeviceCount(count);
        if (err != 0 || count[0] < 1) {
            return new CudaAvailability(false, "no usable CUDA device (cudaGetDeviceCount error " + err + ", driver "
                    + version(driver[0]) + ", runtime " + version(runtime[0]) + ")", 0, runtime[0], driver[0]);
        }
        return new CudaAvailability(true, count[0] + " CUDA device(s), driver " + version(driver[0]) + ", runtime "
                + version(runtime[0]), count[0], runtime[0], driver[0]);
    }

    /**
     * True when the CUDA backend should start.
     *
     * @return true when the CUDA backend should start
     */
    public boolean isAvailable() {
        return available;
    }

    /**
     * What was found, or why CUDA cannot be used.
     *
     * @return what was found, or why CUDA cannot be used
     */
    public String reason() {
        return reason;
    }

    /**
     * Number of CUDA devices (0 when unavailable).
     *
     * @return number of CUDA devices (0 when unavailable)
     */
    public int devices() {
        return devices;
    }

    /**
     * CUDA runtime version as {@code 1000 * major + 10 * minor} (0 when unknown).
     *
     * @return CUDA runtime version as {@code 1000 * major + 10 * minor} (0 when unknown)
     */
    public int runtimeVersion() {
        return runtimeVersion;
    }

    /**
     * Newest CUDA version the driver supports, {@code 1000 * major + 10 * minor} (0 when unknown).
     *
     * @return newest CUDA version the driver supports, {@code 1000 * major + 10 * minor} (0 when unknown)
     */
    public int driverVersion() {
        return driverVersion;
    }

    private static String version(int v) {
        return v <= 0 ? "unknown" : (v / 1000) + "." + (v % 1000) / 10;
    }

    private static String firstLine(Throwable t) {
        String m = Objects.toString(t.getMessage(), t.getClass().getSimpleName());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String toString() {
        return (available ? "CUDA available: " : "CUDA unavailable: ") + reason;
    }
}
