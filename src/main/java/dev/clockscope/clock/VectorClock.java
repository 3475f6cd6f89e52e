package dev.clockscope.clock;

import java.util.Arrays;

/**
 * An immutable vector timestamp: one counter per machine, indexed by the machine's position in the
 * cluster configuration. Operations return new values so a timestamp can be shared with a message or
 * a log event without copying.
 */
public final class VectorClock {
    private final long[] counters;

    private VectorClock(long[] counters) {
        this.counters = counters;
    }

    public static VectorClock zero(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("vector clock size must be >= 1, got " + size);
        }
        return new VectorClock(new long[size]);
    }

    /** Copies {@code counters}; every entry must be >= 0. */
    public static VectorClock of(long... counters) {
        if (counters.length < 1) {
            throw new IllegalArgumentException("vector clock size must be >= 1");
        }
        for (int i = 0; i < counters.length; i++) {
            if (counters[i] < 0) {
                throw new IllegalArgumentException("vector clock entry " + i + " must be >= 0, got " + counters[i]);
            }
        }
        return new VectorClock(counters.clone());
    }

    /**
     * Takes {@code counters} as they are, without the copy and the checks of {@link #of}: for a decoder that
     * has just built and validated the array (every entry >= 0) and never touches it again.
     */
    public static VectorClock adopt(long[] counters) {
        if (counters.length < 1) {
            throw new IllegalArgumentException("vector clock size must be >= 1");
        }
        return new VectorClock(counters);
    }

    public int size() {
        return counters.length;
    }

    public long get(int index) {
        return counters[index];
    }

    /** A copy of the counters, for encoding. */
    public long[] toArray() {
        return counters.clone();
    }

    /** A local event at machine {@code self}. */
    public VectorClock tick(int self) {
        long[] next = counters.clone();
        next[self]++;
        return new VectorClock(next);
    }

    /** A receive at machine {@code self}: element-wise max with {@code other}, then tick self. */
    public VectorClock mergeAndTick(VectorClock other, int self) {
        requireSameSize(other);
        long[] next = new long[counters.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = Math.max(counters[i], other.counters[i]);
        }
        next[self]++;
        return new VectorClock(next);
    }

    /** Happened-before comparison of this (a) against {@code other} (b). */
    public CausalOrder compare(VectorClock other) {
        requireSameSize(other);
        return compare(counters, 0, other.counters, 0, counters.length);
    }

    /**
     * The same comparison on vectors stored in arrays (a = {@code a[aOffset, +size)}, b likewise), for code
     * that keeps many vectors in one array instead of an object each.
     */
    public static CausalOrder compare(long[] a, int aOffset, long[] b, int bOffset, int size) {
        boolean someLess = false;
        boolean someGreater = false;
        for (int i = 0; i < size; i++) {
            long x = a[aOffset + i];
            long y = b[bOffset + i];
            if (x < y) {
                someLess = true;
            } else if (x > y) {
                someGreater = true;
            }
        }
        if (someLess && someGreater) {
            return CausalOrder.CONCURRENT;
        }
        if (someLess) {
            return CausalOrder.BEFORE;
        }
        return someGreater ? CausalOrder.AFTER : CausalOrder.EQUAL;
    }

    private void requireSameSize(VectorClock other) {
        if (other.counters.length != counters.length) {
            throw new IllegalArgumentException(
                    "vector clock sizes differ: " + counters.length + " vs " + other.counters.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorClock v && Arrays.equals(counters, v.counters);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        return Arrays.toString(counters);
    }
}
