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
package org.neardl4j.benchmarks.speed;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The machine the speed benchmark runs on: ND4J's thread count, the backend, the device and the load average.
 *
 * <pre>{@code
 * Machine.setThreads(1);
 * System.out.println(Machine.backendName() + " " + Machine.device() + " " + Machine.loadAverage());
 * }</pre>
 */
final class Machine {

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static void setThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    static String backendName() {
        String b = Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return b.contains("cuda") || b.contains("jcublas") ? "cuda" : b.contains("cpu") ? "cpu" : b;
    }

    static String device() {
        try {
            Object props = Nd4j.getExecutioner().getEnvironmentInformation();
            if (props instanceof java.util.Properties) {
                java.util.Properties p = (java.util.Properties) props;
                Object devices = p.get("cuda.devicesInformation");
                if (devices != null) {
                    return String.valueOf(devices);
                }
                Object blas = p.get("blas.vendor");
                return "CPU, " + p.getOrDefault("cores", Runtime.getRuntime().availableProcessors()) + " cores, BLAS "
                        + (blas == null ? "?" : blas) + " (" + Nd4j.factory().blas().getMaxThreads() + " threads), nd4j-native "
                        + org.neardl4j.cli.NativeBuild.loaded() + ", OMP_WAIT_POLICY "
                        + java.util.Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "unset");
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return "?";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
