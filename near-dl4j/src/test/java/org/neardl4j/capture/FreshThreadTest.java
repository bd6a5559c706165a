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
