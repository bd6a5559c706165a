package org.neardl4j.rank;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.ParityCases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveRankTest {

    @Test
    void identityHasFullEffectiveRank() {
        assertEquals(1.0, EffectiveRank.of(Nd4j.eye(1)), 1e-12);
        assertEquals(7.0, EffectiveRank.of(Nd4j.eye(7)), 1e-12);
        assertEquals(5.0, EffectiveRank.of(Nd4j.eye(5).castTo(DataType.FLOAT)), 1e-12);
    }

    @Test
    void rankOneMatrixHasEffectiveRankOne() {
        INDArray u = Nd4j.linspace(1, 6, 6, DataType.DOUBLE).reshape(6, 1);
        INDArray v = Nd4j.linspace(-2, 3, 4, DataType.DOUBLE).reshape(1, 4);
        assertEquals(1.0, EffectiveRank.of(u.mmul(v)), 1e-9);
    }

    @Test
    void zeroMatrixHasEffectiveRankZero() {
        assertEquals(0.0, EffectiveRank.of(Nd4j.zeros(DataType.FLOAT, 3, 5)));
        assertEquals(0.0, EffectiveRank.ofSingularValues(new double[] {0, 0}));
    }

    @Test
    void circulantMatchesItsClosedForm() {
        for (double r : new double[] {0.5, -0.3, 0.9, 0.0}) {
            double r2 = r * r;
            INDArray a = Nd4j.create(new double[][] {{1, r, r2, r}, {r, 1, r, r2}, {r2, r, 1, r}, {r, r2, r, 1}});
            double[] s = {(1 + Math.abs(r)) * (1 + Math.abs(r)), 1 - r2, 1 - r2, (1 - Math.abs(r)) * (1 - Math.abs(r))};
            assertEquals(EffectiveRank.ofSingularValues(s), EffectiveRank.of(a), 1e-12, "r=" + r);
        }
    }

    @Test
    void entropyFormulaOnAKnownSpectrum() {
        // p = (0.5, 0.25, 0.25): H = 1.5 ln 2, erank = 2^1.5
        assertEquals(Math.pow(2, 1.5), EffectiveRank.ofSingularValues(new double[] {2, 1, 1, 0}), 1e-12);
    }

    @Test
    void rectangularMatricesUseMinDimension() {
        INDArray a = Nd4j.create(new double[][] {{3, 0, 0, 0}, {0, 3, 0, 0}});
        assertEquals(2.0, EffectiveRank.of(a), 1e-12);
        assertEquals(2.0, EffectiveRank.of(a.transpose()), 1e-12);
    }

    @Test
    void doesNotModifyItsArgument() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 6, 6);
        INDArray before = a.dup();
        EffectiveRank.of(a);
        assertEquals(before, a);
    }

    @Test
    void nanAndInfinityAreErrors() {
        INDArray a = Nd4j.eye(3);
        a.putScalar(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(a));
        INDArray b = Nd4j.eye(3);
        b.putScalar(0, 2, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(b));
        assertThrows(IllegalArgumentException.class, () -> EffectiveRank.of(Nd4j.ones(2, 2, 2)));
    }

    @Test
    void matchesEveryParityMatrix() {
        JsonObject expected = ParityCases.expected("erank");
        JsonArray matrices = expected.getAsJsonArray("matrices");
        assertEquals(12, matrices.size());
        for (int i = 0; i < matrices.size(); i++) {
            JsonObject m = matrices.get(i).getAsJsonObject();
            INDArray a = ParityCases.array("erank", m.get("file").getAsString());
            double want = m.get("erank_float64").getAsDouble();
            double got = EffectiveRank.of(a);
            String name = m.get("name").getAsString();
            if (want == 0) {
                assertEquals(0.0, got, name);
            } else {
                assertEquals(want, got, 1e-9 * want, name);
                assertEquals(m.get("erank_reference_float32").getAsDouble(), got, 1e-5 * want, name);
            }
            if (m.has("closed_form") && !m.get("closed_form").isJsonNull() && name.startsWith("identity")) {
                assertEquals(m.get("closed_form").getAsDouble(), got, 1e-12, name);
            }
            assertTrue(got >= 0);
        }
    }
}
