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
package org.neardl4j.capture;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FreshThreadTest {

    @Test
    void seedingInsideLeavesTheCallersGeneratorAlone() {
        Nd4j.getRandom().setSeed(99);
        double expected = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(99);
        Thread caller = Thread.currentThread();
        Thread ran = FreshThread.call(() -> {
            Nd4j.getRandom().setSeed(1);
            Nd4j.getRandom().nextDouble();
            return Thread.currentThread();
        });
        assertNotEquals(caller, ran);
        assertEquals(expected, Nd4j.getRandom().nextDouble(), 0);
    }

    @Test
    void exceptionsComeBackAsTheyAre() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad layer");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> FreshThread.run(() -> {
            throw thrown;
        })));
        assertThrows(NullPointerException.class, () -> FreshThread.call(null));
    }
}
