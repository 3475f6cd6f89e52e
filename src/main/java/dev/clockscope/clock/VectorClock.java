package dev.clockscope.clock;

import java.util.Arrays;

/**
 * An immutable vector timestamp: one counter per machine, indexed by the machine's position in the
 * cluster configuration. Operations return new values so a timestamp can be shared with a message or
 * a log event without copying.
 *
 * <p>Two representations with one behaviour: <em>dense</em> (a {@code long} per machine, what the wire and
 * the real cluster use) and <em>sparse</em> (only the non-zero entries, sorted by index), for simulations of
 * many machines where most entries stay zero for a while. Operations keep the representation of the clock
 * they are called on; values compare equal across representations.
 */
public final class VectorClock {
    /** Dense counters, or null for a sparse clock. */
    private final long[] counters;
    /** Sparse clock: its size and the non-zero entries, indices ascending. */
    private final int size;
    private final int[] indices;
    private final long[] values;

    private VectorClock(long[] counters) {
        this.counters = counters;
        this.size = counters.length;
        this.indices = null;
        this.values = null;
    }

    private VectorClock(int size, int[] indices, long[] values) {
        this.counters = null;
        this.size = size;
        this.indices = indices;
        this.values = values;
    }

    public static VectorClock zero(int size) {
        checkSize(size);
        return new VectorClock(new long[size]);
    }

    /** A sparse zero clock: memory grows with the entries that become non-zero, not with {@code size}. */
    public static VectorClock sparseZero(int size) {
        checkSize(size);
        return new VectorClock(size, new int[0], new long[0]);
    }

    private static void checkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("vector clock size must be >= 1, got " + size);
        }
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
        return size;
    }

    public boolean isSparse() {
        return counters == null;
    }

    public long get(int index) {
        if (counters != null) {
            return counters[index];
        }
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a vector of size " + size);
        }
        int at = Arrays.binarySearch(indices, index);
        return at >= 0 ? values[at] : 0;
    }

    /** Entries that are not zero (for a dense clock, counted). */
    public int nonZeroCount() {
        if (counters == null) {
            return indices.length;
        }
        int n = 0;
        for (long c : counters) {
            if (c != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * What this clock costs in a message: 8 bytes an entry dense; sparse, a 4-byte index and an 8-byte value per
     * non-zero entry plus a 4-byte count.
     */
    public int wireBytes() {
        return counters != null ? size * Long.BYTES : Integer.BYTES + indices.length * (Integer.BYTES + Long.BYTES);
    }

    /** A dense copy of the counters, for encoding. */
    public long[] toArray() {
        if (counters != null) {
            return counters.clone();
        }
        long[] dense = new long[size];
        for (int k = 0; k < indices.length; k++) {
            dense[indices[k]] = values[k];
        }
        return dense;
    }

    /** A local event at machine {@code self}. */
    public VectorClock tick(int self) {
        if (counters != null) {
            long[] next = counters.clone();
            next[self]++;
            return new VectorClock(next);
        }
        int at = Arrays.binarySearch(indices, self);
        if (at >= 0) {
            long[] v = values.clone();
            v[at]++;
            return new VectorClock(size, indices, v);
        }
        int insert = -at - 1;
        int n = indices.length;
        int[] idx = new int[n + 1];
        long[] v = new long[n + 1];
        System.arraycopy(indices, 0, idx, 0, insert);
        System.arraycopy(values, 0, v, 0, insert);
        idx[insert] = self;
        v[insert] = 1;
        System.arraycopy(indices, insert, idx, insert + 1, n - insert);
        System.arraycopy(values, insert, v, insert + 1, n - insert);
        return new VectorClock(size, idx, v);
    }

    /** Not an event: the same clock with entry {@code index} at least {@code value}. */
    public VectorClock atLeast(int index, long value) {
        if (get(index) >= value) {
            return this;
        }
        if (counters != null) {
            long[] next = counters.clone();
            next[index] = value;
            return new VectorClock(next);
        }
        // the merge keeps this clock's entries and takes the larger at index (merging ticks index by one: undo it)
        VectorClock merged = mergeAndTick(new VectorClock(size, new int[] {index}, new long[] {value}), index);
        int at = java.util.Arrays.binarySearch(merged.indices, index);
        merged.values[at] = value;
        return merged;
    }

    /** A receive at machine {@code self}: element-wise max with {@code other}, then tick self. */
    public VectorClock mergeAndTick(VectorClock other, int self) {
        requireSameSize(other);
        if (counters != null) {
            long[] next = new long[size];
            if (other.counters != null) {
                for (int i = 0; i < next.length; i++) {
                    next[i] = Math.max(counters[i], other.counters[i]);
                }
            } else {
                System.arraycopy(counters, 0, next, 0, size);
                for (int k = 0; k < other.indices.length; k++) {
                    next[other.indices[k]] = Math.max(next[other.indices[k]], other.values[k]);
                }
            }
            next[self]++;
            return new VectorClock(next);
        }
        VectorClock b = other.counters == null ? other : other.toSparse();
        int[] ai = indices;
        int[] bi = b.indices;
        int[] idx = new int[ai.length + bi.length + 1];
        long[] v = new long[idx.length];
        int x = 0;
        int y = 0;
        int n = 0;
        boolean selfSeen = false;
        while (x < ai.length || y < bi.length) {
            int i;
            long value;
            if (y == bi.length || (x < ai.length && ai[x] < bi[y])) {
                i = ai[x];
                value = values[x++];
            } else if (x == ai.length || bi[y] < ai[x]) {
                i = bi[y];
                value = b.values[y++];
            } else {
                i = ai[x];
                value = Math.max(values[x++], b.values[y++]);
            }
            if (!selfSeen && i > self) {
                idx[n] = self;
                v[n++] = 1;
                selfSeen = true;
            }
            if (i == self) {
                value++;
                selfSeen = true;
            }
            idx[n] = i;
            v[n++] = value;
        }
        if (!selfSeen) {
            idx[n] = self;
            v[n++] = 1;
        }
        return new VectorClock(size, n == idx.length ? idx : Arrays.copyOf(idx, n), n == v.length ? v : Arrays.copyOf(v, n));
    }

    private VectorClock toSparse() {
        int n = nonZeroCount();
        int[] idx = new int[n];
        long[] v = new long[n];
        int k = 0;
        for (int i = 0; i < counters.length; i++) {
            if (counters[i] != 0) {
                idx[k] = i;
                v[k++] = counters[i];
            }
        }
        return new VectorClock(size, idx, v);
    }

    /** Happened-before comparison of this (a) against {@code other} (b). */
    public CausalOrder compare(VectorClock other) {
        requireSameSize(other);
        if (counters != null && other.counters != null) {
            return compare(counters, 0, other.counters, 0, counters.length);
        }
        return compare(toArray(), 0, other.toArray(), 0, size);
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
        if (other.size != size) {
            throw new IllegalArgumentException("vector clock sizes differ: " + size + " vs " + other.size);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VectorClock v) || v.size != size) {
            return false;
        }
        if (counters != null && v.counters != null) {
            return Arrays.equals(counters, v.counters);
        }
        VectorClock a = counters == null ? this : toSparse();
        VectorClock b = v.counters == null ? v : v.toSparse();
        return Arrays.equals(a.indices, b.indices) && Arrays.equals(a.values, b.values);
    }

    /** Over the non-zero entries and the size, so both representations of one value hash alike. */
    @Override
    public int hashCode() {
        int h = size;
        if (counters != null) {
            for (int i = 0; i < counters.length; i++) {
                if (counters[i] != 0) {
                    h = 31 * (31 * h + i) + Long.hashCode(counters[i]);
                }
            }
            return h;
        }
        for (int k = 0; k < indices.length; k++) {
            h = 31 * (31 * h + indices[k]) + Long.hashCode(values[k]);
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
