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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the nd4j-native build that the programs of this module (the CLI, the samples, the benchmarks) load, before
 * ND4J loads one: the oneDNN build ({@code -onednn-avx2}, whose oneDNN kernels choose AVX-512 at run time where the
 * CPU has it) when the CPU has the instructions it needs, otherwise the generic build. Both are on this module's
 * classpath. JavaCPP alone would take the oneDNN build whatever the CPU, and ND4J exits the JVM when a build needs
 * instructions the CPU lacks ("CPU Feature Check Failed"), so the choice is made here from {@code /proc/cpuinfo}.
 *
 * <p>A choice made by the user wins: with {@code -Dorg.bytedeco.javacpp.platform.extension=...} on the command line
 * ({@code ""} for the generic build, {@code -avx2}, {@code -onednn-avx2}, ... where that jar is on the classpath)
 * nothing is changed. Must run before the first ND4J class is initialised; {@link Cli#main} and
 * {@link NearCli#main} call it first.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     NativeBuild.select();          // "-onednn-avx2" on an AVX2 machine, "" otherwise
 *     ...
 * }
 * }</pre>
 */
public final class NativeBuild {

    /** JavaCPP's system property naming the build ("platform extension") to load. */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The oneDNN build this module ships. */
    public static final String ONEDNN = "-onednn-avx2";
    /** The instructions (Linux {@code /proc/cpuinfo} flags) the oneDNN AVX2 build needs. */
    static final List<String> ONEDNN_FLAGS = List.of("avx", "avx2", "fma", "f16c");

    private static final Logger log = LoggerFactory.getLogger(NativeBuild.class);

    private NativeBuild() {
    }

    /**
     * Chooses the build, unless the user has (see the class comment).
     *
     * @return the extension now in {@value #PROPERTY} ({@code ""} is the generic build)
     */
    public static synchronized String select() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return given;
        }
        String choice = choose(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                cpuFlags(Paths.get("/proc/cpuinfo")), onClasspath(ONEDNN));
        System.setProperty(PROPERTY, choice);
        log.debug("nd4j-native build: '{}'", choice);
        return choice;
    }

    /**
     * The build for a machine.
     *
     * @param osName       {@code os.name}
     * @param osArch       {@code os.arch}
     * @param flags        the CPU's flags (empty when unknown)
     * @param onednnShipped whether the oneDNN build is on the classpath
     * @return {@link #ONEDNN} or {@code ""} (generic)
     */
    static String choose(String osName, String osArch, Set<String> flags, boolean onednnShipped) {
        boolean linuxX64 = osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && (osArch.equals("amd64") || osArch.equals("x86_64"));
        return linuxX64 && onednnShipped && flags.containsAll(ONEDNN_FLAGS) ? ONEDNN : "";
    }

    /** The flags of the first processor in a {@code /proc/cpuinfo} file; empty when it cannot be read. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read {}: {}", cpuinfo, e.toString());
        }
        return Set.of();
    }

    /**
     * The nd4j-native build the JVM has loaded, from the path of its {@code libnd4jcpu} library in
     * {@code /proc/self/maps} (Linux).
     *
     * @return e.g. {@code linux-x86_64-onednn-avx2}, or {@code "?"} when no CPU build is loaded or it cannot be told
     */
    public static String loaded() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"))) {
                int i = line.indexOf("/libnd4jcpu.so");
                if (i > 0) {
                    String dir = line.substring(0, i);
                    return dir.substring(dir.lastIndexOf('/') + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read /proc/self/maps: {}", e.toString());
        }
        return "?";
    }

    /**
     * What {@code --version} says of a loaded build.
     *
     * @param loaded what {@link #loaded()} returned
     * @return e.g. {@code linux-x86_64-onednn-avx2 (oneDNN)}, {@code linux-x86_64 (generic)}, or {@code none loaded}
     */
    public static String describe(String loaded) {
        if (loaded == null || loaded.equals("?")) {
            return "none loaded";
        }
        return loaded + (loaded.contains("onednn") ? " (oneDNN)" : " (generic)");
    }

    private static boolean onClasspath(String extension) {
        String resource = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + extension + "/libjnind4jcpu.so";
        return NativeBuild.class.getClassLoader().getResource(resource) != null;
    }
}
