package dev.clockscope.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clockscope.testing.Seeds;
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

    @Test
    void sparseClocksKeepOnlyNonZeroEntriesAndTickAndMergeByHand() {
        VectorClock a = VectorClock.sparseZero(1_000_000);
        assertEquals(0, a.nonZeroCount());
        assertEquals(4, a.wireBytes(), "just the count");
        VectorClock b = a.tick(7).tick(7).tick(3); // {3: 1, 7: 2}
        assertEquals(2, b.nonZeroCount());
        assertEquals(2, b.get(7));
        assertEquals(1, b.get(3));
        assertEquals(0, b.get(999_999));
        assertEquals(4 + 2 * 12, b.wireBytes());
        VectorClock c = VectorClock.sparseZero(1_000_000).tick(5).tick(7).tick(7).tick(7); // {5: 1, 7: 3}
        // receive at machine 4: max = {3: 1, 5: 1, 7: 3}, then own entry 4 -> 1
        VectorClock d = b.mergeAndTick(c, 4);
        assertEquals(4, d.nonZeroCount());
        assertEquals(1, d.get(3));
        assertEquals(1, d.get(4));
        assertEquals(1, d.get(5));
        assertEquals(3, d.get(7));
        assertEquals(CausalOrder.BEFORE, b.compare(d));
        assertEquals(CausalOrder.CONCURRENT, b.compare(c));
    }

    /** Random ticks and merges on dense and sparse clocks give equal values (seed printed; -Dclockscope.seed=N replays). */
    @Test
    void sparseAndDenseAgreeOnRandomHistories() {
        long seed = Seeds.printed("VectorClockTest");
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = 12;
        VectorClock[] dense = new VectorClock[n];
        VectorClock[] sparse = new VectorClock[n];
        for (int i = 0; i < n; i++) {
            dense[i] = VectorClock.zero(n);
            sparse[i] = VectorClock.sparseZero(n);
        }
        for (int step = 0; step < 5_000; step++) {
            int i = r.nextInt(n);
            if (r.nextBoolean()) {
                dense[i] = dense[i].tick(i);
                sparse[i] = sparse[i].tick(i);
            } else {
                int j = r.nextInt(n);
                // a sparse clock also merges a dense one (a message from another representation)
                VectorClock other = r.nextBoolean() ? sparse[j] : dense[j];
                dense[i] = dense[i].mergeAndTick(dense[j], i);
                sparse[i] = sparse[i].mergeAndTick(other, i);
            }
            assertEquals(dense[i], sparse[i], "step " + step + ", seed " + seed);
            assertEquals(dense[i].hashCode(), sparse[i].hashCode(), "step " + step + ", seed " + seed);
            assertEquals(dense[i].nonZeroCount(), sparse[i].nonZeroCount());
            assertEquals(java.util.Arrays.toString(dense[i].toArray()), java.util.Arrays.toString(sparse[i].toArray()));
        }
    }
}
