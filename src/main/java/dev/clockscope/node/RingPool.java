package dev.clockscope.node;

import java.util.Arrays;

/**
 * The rings of the machines' queues ({@link MessageQueue}) that are not in use, by size, for the next queue that
 * needs one. A queue takes a ring when a second message waits, a bigger one when that fills, and gives it back
 * when only its head is left. Without the pool a run of 10^6 machines made ~770,000 rings, each a young array
 * hung on an old queue, which every young GC had to find and copy (EngineeringNotebook.md, 2026-12-04).
 * Rings are handed out as they were left: a queue writes a slot before it reads it. One pool serves the
 * machines of one run, so it is used from one thread at a time, like them.
 */
final class RingPool {
    /** Rings come in {@code 2^k} slots of {@code longsPerSlot} longs; 2^30 slots is more than an array holds. */
    private static final int SIZES = 31;

    private final int longsPerSlot;
    /** {@code free[k][0 .. count[k])}: the free rings of 2^k slots. */
    private final long[][][] free = new long[SIZES][][];
    private final int[] count = new int[SIZES];

    RingPool(int longsPerSlot) {
        if (longsPerSlot < 1) {
            throw new IllegalArgumentException("longsPerSlot must be >= 1, got " + longsPerSlot);
        }
        this.longsPerSlot = longsPerSlot;
    }

    /** A ring of {@code slots} slots (a power of 2), with whatever it held before. */
    long[] take(int slots) {
        int k = sizeOf(slots);
        if (count[k] == 0) {
            return new long[slots * longsPerSlot];
        }
        long[] ring = free[k][--count[k]];
        free[k][count[k]] = null;
        return ring;
    }

    /** Takes back a ring this pool made; the caller no longer uses it. */
    void give(long[] ring) {
        int slots = ring.length / longsPerSlot;
        int k = sizeOf(slots);
        if (slots * longsPerSlot != ring.length) {
            throw new IllegalArgumentException("not a ring of this pool: " + ring.length + " longs");
        }
        long[][] stack = free[k];
        if (stack == null) {
            stack = free[k] = new long[16][];
        } else if (count[k] == stack.length) {
            stack = free[k] = Arrays.copyOf(stack, stack.length * 2);
        }
        stack[count[k]++] = ring;
    }

    /** How many rings of {@code slots} slots wait to be taken. */
    int free(int slots) {
        return count[sizeOf(slots)];
    }

    private static int sizeOf(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("a ring has a power of 2 slots, not " + slots);
        }
        return Integer.numberOfTrailingZeros(slots);
    }
}
