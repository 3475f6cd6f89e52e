package dev.clockscope.web;

/**
 * The most recent events of a run, a fixed number of them, numbered from 0 by a sequence that never
 * restarts within a run. Each slot holds the machine's index, the line in its log and the payload (an
 * {@link dev.clockscope.eventlog.Event} or a {@link Mark}). Not thread-safe: {@link LiveHub} guards it.
 */
final class EventRing {
    private final int mask;
    private final Object[] payload;
    private final int[] machine;
    private final long[] line;
    private long head;

    /** {@code capacity} is rounded up to a power of two. */
    EventRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = size - 1;
        payload = new Object[size];
        machine = new int[size];
        line = new long[size];
    }

    int capacity() {
        return mask + 1;
    }

    /** Sequence number the next event will get = number of events ever added. */
    long head() {
        return head;
    }

    /** The oldest sequence number still held. */
    long oldest() {
        return Math.max(0, head - capacity());
    }

    void add(int machineIndex, long lineNumber, Object item) {
        int slot = (int) (head & mask);
        payload[slot] = item;
        machine[slot] = machineIndex;
        line[slot] = lineNumber;
        head++;
    }

    /** Copies events [from, from + count) (all held) into the arrays. */
    void copy(long from, int count, Object[] items, int[] machines, long[] lines) {
        for (int i = 0; i < count; i++) {
            int slot = (int) ((from + i) & mask);
            items[i] = payload[slot];
            machines[i] = machine[slot];
            lines[i] = line[slot];
        }
    }

    void clear() {
        java.util.Arrays.fill(payload, null);
        head = 0;
    }
}
