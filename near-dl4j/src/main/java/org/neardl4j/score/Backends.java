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

/** Describes the ND4J backend and the device that computed a result, for {@link NearResult}'s provenance. */
final class Backends {

    private Backends() {
    }

    /** Simple class name of the ND4J backend, e.g. {@code CpuBackend} or {@code JCublasBackend}. */
    static String backend() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** e.g. {@code "CPU, 2 cores, OPENBLAS"} or {@code "CUDA device 0 of 1: NVIDIA H100"}. */
    static String device() {
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
