package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RingPoolTest {
    @Test
    void anEmptyPoolMakesRingsOfTheSizeAskedFor() {
        RingPool pool = new RingPool(7);
        assertEquals(7, pool.take(1).length);
        assertEquals(7 * 8, pool.take(8).length);
        assertEquals(0, pool.free(1));
    }

    @Test
    void aRingGivenBackIsTheNextOfItsSizeTakenAndOnlyOnce() {
        RingPool pool = new RingPool(3);
        long[] small = pool.take(2);
        long[] big = pool.take(4);
        long[] other = pool.take(2);
        pool.give(small);
        pool.give(big);
        pool.give(other);
        assertEquals(2, pool.free(2));
        assertEquals(1, pool.free(4));
        // last in, first out: the most recently used ring is the likeliest to be in the cache
        assertSame(other, pool.take(2));
        assertSame(small, pool.take(2));
        assertSame(big, pool.take(4));
        assertNotSame(small, pool.take(2));
        assertEquals(0, pool.free(2));
    }

    @Test
    void manyRingsOfOneSizeAreAllKept() {
        RingPool pool = new RingPool(1);
        long[][] rings = new long[100][];
        for (int k = 0; k < rings.length; k++) {
            rings[k] = pool.take(16);
        }
        for (long[] r : rings) {
            pool.give(r);
        }
        assertEquals(100, pool.free(16));
        for (int k = rings.length - 1; k >= 0; k--) {
            assertSame(rings[k], pool.take(16));
        }
    }

    @Test
    void sizesThatNoRingHasAreRefused() {
        RingPool pool = new RingPool(7);
        assertThrows(IllegalArgumentException.class, () -> pool.take(3));
        assertThrows(IllegalArgumentException.class, () -> pool.take(0));
        assertThrows(IllegalArgumentException.class, () -> pool.give(new long[8]));
        assertThrows(IllegalArgumentException.class, () -> pool.give(new long[21]));
        assertThrows(IllegalArgumentException.class, () -> new RingPool(0));
    }
}
