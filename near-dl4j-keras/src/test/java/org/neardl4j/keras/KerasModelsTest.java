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
package org.neardl4j.keras;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.capture.SkippedLayer;
import org.neardl4j.score.MatrixScore;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled Keras model imports and scores; the masking models give no "not supported" warning.
 */
class KerasModelsTest {

    static List<String> all() {
        return Fixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("all")
    void importsAndScores(String name) throws Exception {
        Path file = Fixtures.file(name);
        Model model = KerasModels.load(file);
        assertTrue(model instanceof MultiLayerNetwork || model instanceof ComputationGraph);
        INDArray[] x = Fixtures.inputs(file, model, 8, 1);
        INDArray paramsBefore = model.params().dup();
        NearResult r = NearScorer.builder().seed(3).build().score(model, x);
        assertEquals(paramsBefore, model.params(), "scoring does not change the imported model");
        assertFalse(r.matrices().isEmpty(), name + ": no matrix scored");
        for (MatrixScore m : r.matrices()) {
            assertTrue(Double.isFinite(m.effectiveRank()) && m.effectiveRank() >= 1 - 1e-9 || m.effectiveRank() == 0,
                    name + ": " + m);
        }
        assertTrue(Double.isFinite(r.score()), name + ": score " + r.score());
        for (SkippedLayer s : r.skipped()) {
            assertFalse(s.unsupported(), name + ": " + s);
        }
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("not supported")), name + ": " + r.warnings());
    }

    @Test
    void maskingLayersAreSkippedWithTheirReason() throws Exception {
        for (String name : Fixtures.MASKING) {
            Path file = Fixtures.file(name);
            Model model = KerasModels.load(file);
            NearResult r = NearScorer.builder().build().score(model, Fixtures.inputs(file, model, 40, 2));
            List<SkippedLayer> identity = r.skipped().stream().filter(s -> s.layerType().equals("IdentityLayer")).toList();
            assertFalse(identity.isEmpty(), name + ": the Masking layer is listed as skipped: " + r.skipped());
            for (SkippedLayer s : identity) {
                assertFalse(s.unsupported(), s.toString());
                assertTrue(s.reason().contains("no weights"), s.reason());
            }
            assertTrue(r.warnings().isEmpty(), name + ": " + r.warnings());
        }
    }

    @Test
    void anUnsupportedKerasLayerIsNamedWithTheFile() {
        Path file = Fixtures.file("crafted_lambda_layer.h5");
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));
        assertTrue(e.getMessage().startsWith(file + ": Keras layer 'lambda_1' (Lambda) cannot be imported by DL4J: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("Lambda"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("lambda_1", e.layerName().orElseThrow());
        assertEquals("Lambda", e.layerClass().orElseThrow());
        assertEquals(file, e.file());
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = Path.of("target", "no-such-model.h5");
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
        assertEquals(missing, e.file());
    }

    @Test
    void aFileThatIsNotHdf5IsAClearError() throws Exception {
        Path notHdf5 = Path.of("target", "not-a-model.h5");
        Files.createDirectories(notHdf5.getParent());
        Files.writeString(notHdf5, "not an HDF5 file");
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(notHdf5));
        assertTrue(e.getMessage().startsWith(notHdf5.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.layerName().isEmpty());
    }
}
