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
package org.neardl4j.benchmarks.accuracy;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {

    @Test
    void atLeastSixtyUniquelyNamedArchitecturesOfEveryFamily() {
        assertTrue(SearchSpace.all().size() >= 60, "size " + SearchSpace.all().size());
        Set<String> names = new HashSet<>();
        Set<String> families = new HashSet<>();
        for (Architecture a : SearchSpace.all()) {
            assertTrue(names.add(a.name()), "duplicate " + a.name());
            families.add(a.family());
        }
        assertEquals(Set.of("mlp", "cnn", "resnet", "inception", "graph-mlp"), families);
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.byName("no-such-net"));
    }

    @Test
    void buildsAreDeterministicInTheSeed() {
        for (String n : new String[] {"mlp-64x3-relu-bn", "cnn-c8c16-k3-max", "res-c8-b1-bn", "inc-c4-pool"}) {
            Architecture a = SearchSpace.byName(n);
            Model m1 = a.build(42);
            assertEquals(m1.params(), a.build(42).params(), n);
            assertNotEquals(m1.params(), a.build(43).params(), n);
            assertTrue(m1 instanceof MultiLayerNetwork || m1 instanceof ComputationGraph);
        }
    }
}
