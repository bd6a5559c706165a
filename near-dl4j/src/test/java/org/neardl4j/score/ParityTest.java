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

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.ViewIterator;
import org.neardl4j.ParityCases;
import org.neardl4j.capture.MatrixKind;
import org.neardl4j.sampling.BlockMode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every network case of the parity data, through the public API, within 1e-5 relative of the float64 values. */
class ParityTest {

    private static final double REL = 1e-5;
    private static final NearScorer FIRST = NearScorer.builder().blockMode(BlockMode.FIRST).build();

    static void assertMatches(String caseName, NearResult r) {
        double[] want = ParityCases.expectedEranks(caseName);
        assertEquals(want.length, r.matrices().size(), "number of matrices: " + r.matrices());
        for (int i = 0; i < want.length; i++) {
            MatrixScore m = r.matrices().get(i);
            assertEquals(want[i], m.effectiveRank(), REL * want[i], "matrix " + i + " " + m);
            assertEquals(m.rows(), m.cols(), "square block " + m);
        }
        double total = ParityCases.expectedTotal(caseName);
        assertEquals(total, r.score(), REL * total);
    }

    @Test
    void mlpMatchesReference() {
        NearResult r = FIRST.score(ParityCases.mlp(), ParityCases.mlpInput());
        assertMatches("mlp", r);
        assertEquals(List.of(MatrixKind.PRE, MatrixKind.POST, MatrixKind.PRE, MatrixKind.POST, MatrixKind.PRE),
                r.matrices().stream().map(MatrixScore::kind).toList());
        assertEquals(List.of(100L, 100L, 50L, 50L, 10L), r.matrices().stream().map(MatrixScore::cols).toList());
        assertEquals(List.of(100L, 100L, 50L, 50L, 10L), r.matrices().stream().map(MatrixScore::samples).toList());
        assertEquals(0, r.warnings().size(), r.warnings().toString());
    }

    @Test
    void mlpDoesNotDependOnBatchSplitting() {
        INDArray x = ParityCases.mlpInput();
        for (int batch : new int[] {1, 7, 64}) {
            DataSetIterator it = new ViewIterator(new DataSet(x, x), batch);
            assertMatches("mlp", FIRST.score(ParityCases.mlp(), it));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void cnnMatchesReference(CNN2DFormat format) {
        MultiLayerNetwork net = ParityCases.cnn(format);
        NearResult r = FIRST.score(net, ParityCases.cnnInput(format));
        assertMatches("cnn", r);
        assertEquals(List.of(8L, 8L, 16L, 16L, 16L, 10L), r.matrices().stream().map(MatrixScore::cols).toList());
    }
}
