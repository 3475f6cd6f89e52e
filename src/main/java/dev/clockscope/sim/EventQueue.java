package dev.clockscope.sim;

import java.util.Arrays;

/**
 * The simulator's agenda: events ordered by (virtual time, sequence number of insertion), so events at the
 * same nanosecond run in the order they were scheduled — deterministic, and FIFO for the messages of a link.
 *
 * <p>A 4-ary min-heap whose entries are two longs: the time, and the insertion number (high 36 bits) with
 * the slot of the event's data (low 28 bits). Sifting moves 16 bytes per step in two arrays; the data
 * (kind, target, aux in one long; the payload) stays in its slot until the event is popped. With a hundred
 * thousand machines the heap no longer fits in the cache, and bytes moved per level decide the cost (see
 * EngineeringNotebook.md, 2026-12-02, "the simulator's agenda").
 *
 * <p>{@link #pop()} moves the earliest event into the {@code popped*} fields.
 */
final class EventQueue {
    private static final int SLOT_BITS = 28;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** Events pending at once, at most. */
    static final int MAX_PENDING = 1 << SLOT_BITS;
    /** Events scheduled in one run, at most (the insertion number must keep the order's sign bit clear). */
    static final long MAX_EVENTS = 1L << (63 - SLOT_BITS);

    private long[] times = new long[1024];
    private long[] orders = new long[1024];
    private int size;
    private long nextSeq;

    /** Per slot: kind (bits 60..63), aux (32..59), target (0..31); and the payload. */
    private long[] data = new long[1024];
    private Object[] payloads = new Object[1024];
    /** Free slots, as a stack; slots [slotsUsed, capacity) have never been used. */
    private int[] free = new int[1024];
    private int freeCount;
    private int slotsUsed;

    long poppedTime;
    int poppedKind;
    int poppedTarget;
    int poppedAux;
    Object poppedPayload;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the earliest event; only when not empty. */
    long peekTime() {
        return times[0];
    }

    /**
     * Schedules an event: {@code kind} 0..15, {@code target} any int, {@code aux} 0 .. 2^28 - 1 (a second int of
     * the caller's, e.g. the life of the target machine).
     */
    void add(long timeNanos, int kind, int target, int aux, Object payload) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            orders = Arrays.copyOf(orders, size * 2);
        }
        if (nextSeq == MAX_EVENTS) {
            throw new IllegalStateException("more than " + MAX_EVENTS + " events scheduled in one simulation");
        }
        int slot = allocateSlot();
        data[slot] = ((long) kind << 60) | ((long) (aux & 0x0FFF_FFFF) << 32) | (target & 0xFFFF_FFFFL);
        payloads[slot] = payload;
        long order = (nextSeq++ << SLOT_BITS) | slot;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < timeNanos || (pt == timeNanos && orders[parent] < order)) {
                break;
            }
            times[i] = pt;
            orders[i] = orders[parent];
            i = parent;
        }
        times[i] = timeNanos;
        orders[i] = order;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == MAX_PENDING) {
            throw new IllegalStateException("more than " + MAX_PENDING + " events pending in the simulator");
        }
        if (slotsUsed == data.length) {
            data = Arrays.copyOf(data, slotsUsed * 2);
            payloads = Arrays.copyOf(payloads, slotsUsed * 2);
        }
        return slotsUsed++;
    }

    void pop() {
        poppedTime = times[0];
        int slot = (int) (orders[0] & SLOT_MASK);
        long d = data[slot];
        poppedKind = (int) (d >>> 60);
        poppedAux = (int) ((d >>> 32) & 0x0FFF_FFFF);
        poppedTarget = (int) d;
        poppedPayload = payloads[slot];
        payloads[slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;

        int last = --size;
        if (last == 0) {
            return;
        }
        long t = times[last];
        long o = orders[last];
        // sift the last entry down from the root
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= last) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bo = orders[first];
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && orders[c] < bo)) {
                    best = c;
                    bt = ct;
                    bo = orders[c];
                }
            }
            if (bt > t || (bt == t && bo > o)) {
                break;
            }
            times[i] = bt;
            orders[i] = bo;
            i = best;
        }
        times[i] = t;
        orders[i] = o;
    }
}
