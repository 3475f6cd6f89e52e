package dev.clockscope.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorClockTest {
    @Test
    void tickIncrementsOnlyOwnEntryAndLeavesOriginalUntouched() {
        VectorClock a = VectorClock.of(1, 2, 3);
        VectorClock b = a.tick(1);
        assertEquals(VectorClock.of(1, 3, 3), b);
        assertEquals(VectorClock.of(1, 2, 3), a);
    }

    @Test
    void receiveTakesElementwiseMaxThenTicksSelf() {
        VectorClock local = VectorClock.of(4, 0, 2);
        VectorClock received = VectorClock.of(1, 5, 2);
        // max = [4, 5, 2]; machine 2 ticks its own entry -> [4, 5, 3]
        assertEquals(VectorClock.of(4, 5, 3), local.mergeAndTick(received, 2));
    }

    @Test
    void comparesByHappenedBefore() {
        VectorClock a = VectorClock.of(1, 0, 0);
        VectorClock b = VectorClock.of(2, 1, 0);
        VectorClock c = VectorClock.of(0, 0, 1);
        assertEquals(CausalOrder.BEFORE, a.compare(b));
        assertEquals(CausalOrder.AFTER, b.compare(a));
        assertEquals(CausalOrder.CONCURRENT, b.compare(c));
        assertEquals(CausalOrder.EQUAL, a.compare(VectorClock.of(1, 0, 0)));
    }

    @Test
    void refusesBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> VectorClock.of(1, -1));
        assertThrows(IllegalArgumentException.class, () -> VectorClock.zero(0));
        assertThrows(IllegalArgumentException.class, () -> VectorClock.of(1, 2).compare(VectorClock.of(1, 2, 3)));
    }

    @Test
    void comparesVectorsStoredInArraysAtOffsets() {
        long[] rows = {9, 1, 2, 3, 9, 1, 3, 3, 9, 0, 5, 0};
        assertEquals(CausalOrder.BEFORE, VectorClock.compare(rows, 1, rows, 5, 3));
        assertEquals(CausalOrder.AFTER, VectorClock.compare(rows, 5, rows, 1, 3));
        assertEquals(CausalOrder.CONCURRENT, VectorClock.compare(rows, 1, rows, 9, 3));
        assertEquals(CausalOrder.EQUAL, VectorClock.compare(rows, 1, new long[] {1, 2, 3}, 0, 3));
    }
}
