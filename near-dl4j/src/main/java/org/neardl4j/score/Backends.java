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
package org.neardl4j.score;

import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Describes the ND4J backend and the device that compute scores: what {@link Provenance#backend()} and
 * {@link Provenance#device()} record, and what the CLI's {@code --version} prints.
 *
 * <pre>{@code
 * Backends.backend();   // "CpuBackend" or "JCublasBackend"
 * Backends.device();    // "CPU, 2 cores, OPENBLAS" or "CUDA device 0 of 1: NVIDIA H100"
 * }</pre>
 */
public final class Backends {

    private Backends() {
    }

    /**
     * The ND4J backend in use.
     *
     * @return its simple class name, e.g. {@code CpuBackend} or {@code JCublasBackend}
     */
    public static String backend() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /**
     * The device of the calling thread.
     *
     * @return e.g. {@code CPU, 2 cores, OPENBLAS} or {@code CUDA device 0 of 1: NVIDIA H100}; {@code unknown (...)}
     *         when ND4J cannot say
     */
    public static String device() {
        try {
            Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
            Object devices = p.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
            if (devices instanceof List && !((List<?>) devices).isEmpty()) {
                List<?> list = (List<?>) devices;
                int current = Nd4j.getAffinityManager().getDeviceForCurrentThread();
                Object info = list.get(Math.min(Math.max(current, 0), list.size() - 1));
                Object name = info instanceof Map ? ((Map<?, ?>) info).get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY) : null;
                return "CUDA device " + current + " of " + list.size() + ": " + name;
            }
            return "CPU, " + p.getOrDefault(Nd4jEnvironment.CPU_CORES_KEY, Runtime.getRuntime().availableProcessors())
                    + " cores, " + p.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown BLAS");
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
