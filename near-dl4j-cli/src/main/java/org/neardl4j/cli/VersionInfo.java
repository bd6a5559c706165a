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

import org.neardl4j.score.Backends;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code near-cli --version} prints: the versions of near-dl4j, DL4J and ND4J (as found on the class path,
 * else as built), the ND4J backend that starts, the
 * nd4j-native build it loaded (generic or oneDNN, see {@link NativeBuild}), and Java.
 *
 * <pre>{@code
 * $ java -jar near-dl4j-cli/target/near-cli.jar --version
 * near-cli 0.1.0-SNAPSHOT
 * near-dl4j 0.1.0-SNAPSHOT, DL4J 1.0.0-M2.1, ND4J 1.0.0-M2.1
 * backend: CpuBackend (CPU, 2 cores, OPENBLAS)
 * native build: linux-x86_64-onednn-avx2 (oneDNN)
 * Java 17.0.15 (Debian)
 * }</pre>
 */
public final class VersionInfo implements IVersionProvider {

    /**
     * The version lines.
     *
     * @return one line per fact
     */
    @Override
    public String[] getVersion() {
        Properties built = load("/org/neardl4j/cli/version.properties");
        String near = firstNonNull(jarVersion("org.neardl4j", "near-dl4j"), built.getProperty("near-dl4j.version"));
        String dl4j = firstNonNull(jarVersion("org.deeplearning4j", "deeplearning4j-nn"),
                built.getProperty("dl4j.version"));
        String nd4j = firstNonNull(jarVersion("org.nd4j", "nd4j-api"), built.getProperty("dl4j.version"));
        List<String> lines = new ArrayList<>();
        lines.add("near-cli " + built.getProperty("near-dl4j.version", "?"));
        lines.add("near-dl4j " + near + ", DL4J " + dl4j + ", ND4J " + nd4j);
        lines.add("backend: " + backend());
        lines.add("native build: " + NativeBuild.describe(NativeBuild.loaded()));   // loaded by backend()
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return lines.toArray(new String[0]);
    }

    /** The backend ND4J starts with, and its device ({@code ?} when it cannot start). */
    static String backend() {
        try {
            return Backends.backend() + " (" + Backends.device() + ")";
        } catch (RuntimeException | LinkageError e) {
            return "none: " + CliException.oneLine(e);
        }
    }

    private static String jarVersion(String group, String artifact) {
        Properties p = load("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
        return p.getProperty("version");
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // not there: the caller falls back
        }
        return p;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b != null ? b : "?";
    }
}
