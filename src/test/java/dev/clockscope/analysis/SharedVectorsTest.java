package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SharedVectorsTest {
    @Test
    void anEntryIsFreedWhenItsLastReceiverLetsGoAndIsThenReused() {
        SharedVectors store = new SharedVectors(2);
        int a = store.put(new long[] {9, 1, 2}, 1, new long[] {3, 4}, 3); // three receivers
        int b = store.put(new long[] {5, 6}, 0, new long[] {7, 8}, 1);
        assertEquals(2, store.live());
        long[] out = new long[2];
        store.copyVector(a, out);
        assertArrayEquals(new long[] {1, 2}, out);
        store.copyLogged(a, out);
        assertArrayEquals(new long[] {3, 4}, out);
        store.release(a);
        store.release(a);
        assertEquals(2, store.live(), "one receiver still waits for a");
        store.copyVector(a, out);
        assertArrayEquals(new long[] {1, 2}, out);
        store.release(a);
        assertEquals(1, store.live());
        assertThrows(IllegalStateException.class, () -> store.release(a), "a is free");
        int c = store.put(new long[] {10, 11}, 0, new long[] {12, 13}, 1);
        assertEquals(a, c, "the freed entry is taken again");
        store.copyVector(b, out);
        assertArrayEquals(new long[] {5, 6}, out, "b untouched by c");
        store.copyLogged(c, out);
        assertArrayEquals(new long[] {12, 13}, out);
        assertThrows(IllegalArgumentException.class, () -> store.put(new long[2], 0, new long[2], 0));
    }

    @Test
    void growsPastAChunkWithoutMovingWhatItHolds() {
        SharedVectors store = new SharedVectors(3);
        int n = 200; // more than three chunks of 64
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = store.put(new long[] {k, k + 1, k + 2}, 0, new long[] {-k, -k - 1, -k - 2}, 1);
        }
        long[] out = new long[3];
        for (int k = 0; k < n; k++) {
            store.copyVector(ids[k], out);
            assertArrayEquals(new long[] {k, k + 1, k + 2}, out);
            store.copyLogged(ids[k], out);
            assertArrayEquals(new long[] {-k, -k - 1, -k - 2}, out);
        }
        assertEquals(n, store.live());
        assertEquals(256, store.allocated());
    }
}
