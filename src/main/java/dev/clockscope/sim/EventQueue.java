package dev.clockscope.sim;

import java.util.Arrays;

/**
 * The simulator's agenda: events ordered by (virtual time, sequence number of insertion), so events at the
 * same nanosecond run in the order they were scheduled — deterministic, and FIFO for the messages of a link.
 *
 * <p>A 4-ary min-heap whose entries are two longs side by side in one array: the time, and the insertion number
 * (high 35 bits) with the slot of the event's data (low 28 bits). Sifting moves 16 bytes per step, and a node's
 * four children lie in 64 bytes; the data
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

    private static final long HAS_PAYLOAD = 1L << 59;
    private static final int AUX_MASK = (1 << 27) - 1;

    /** Entry k at [2k] (time) and [2k+1] (order). */
    private long[] heap = new long[2048];
    private int size;
    private long nextSeq;

    /**
     * Per slot: kind (bits 60..63), whether it has a payload (bit 59), aux (32..58), target (0..31); and the payload,
     * null in every free slot. A tick has none: its pop reads no payload slot (one cache miss less at 10^5 machines).
     */
    private long[] data = new long[1024];
    private Object[] payloads = new Object[1024];
    /** Free slots, as a stack; slots [slotsUsed, capacity) have never been used. */
    private int[] free = new int[1024];
    private int freeCount;
    private int slotsUsed;

    long poppedTime;
    /** The popped event's insertion number: with {@link #poppedTime}, its place in the order. */
    long poppedSeq;
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
        return heap[0];
    }

    /**
     * Schedules an event: {@code kind} 0..15, {@code target} any int, {@code aux} 0 .. 2^27 - 1 (a second int of
     * the caller's, e.g. the life of the target machine).
     */
    void add(long timeNanos, int kind, int target, int aux, Object payload) {
        addWithSeq(timeNanos, kind, target, aux, payload, reserveSeq());
    }

    /**
     * Takes the next insertion number without scheduling anything: an event kept outside the agenda (a message
     * in its receiver's inbox) still has its place in the order, and every later event the number it would have.
     */
    long reserveSeq() {
        if (nextSeq == MAX_EVENTS) {
            throw new IllegalStateException("more than " + MAX_EVENTS + " events scheduled in one simulation");
        }
        return nextSeq++;
    }

    /** Schedules an event under an insertion number taken earlier with {@link #reserveSeq()}. */
    void addWithSeq(long timeNanos, int kind, int target, int aux, Object payload, long seq) {
        if (2 * size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        if ((aux & ~AUX_MASK) != 0) { // before a slot is taken: a refused event leaves none behind
            throw new IllegalArgumentException("aux " + aux + " is outside 0 .. 2^27 - 1");
        }
        int slot = allocateSlot();
        data[slot] = ((long) kind << 60) | (payload == null ? 0 : HAS_PAYLOAD) | ((long) aux << 32)
                | (target & 0xFFFF_FFFFL);
        if (payload != null) {
            payloads[slot] = payload;
        }
        long order = (seq << SLOT_BITS) | slot;
        long[] h = heap;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = h[2 * parent];
            if (pt < timeNanos || (pt == timeNanos && h[2 * parent + 1] < order)) {
                break;
            }
            h[2 * i] = pt;
            h[2 * i + 1] = h[2 * parent + 1];
            i = parent;
        }
        h[2 * i] = timeNanos;
        h[2 * i + 1] = order;
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
        long[] h = heap;
        poppedTime = h[0];
        poppedSeq = h[1] >>> SLOT_BITS;
        int slot = (int) (h[1] & SLOT_MASK);
        long d = data[slot];
        poppedKind = (int) (d >>> 60);
        poppedAux = (int) ((d >>> 32) & AUX_MASK);
        poppedTarget = (int) d;
        if ((d & HAS_PAYLOAD) != 0) {
            poppedPayload = payloads[slot];
            payloads[slot] = null;
        } else {
            poppedPayload = null;
        }
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;

        int last = --size;
        if (last == 0) {
            return;
        }
        long t = h[2 * last];
        long o = h[2 * last + 1];
        // sift the last entry down from the root
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= last) {
                break;
            }
            int best = first;
            long bt = h[2 * first];
            long bo = h[2 * first + 1];
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                long ct = h[2 * c];
                if (ct < bt || (ct == bt && h[2 * c + 1] < bo)) {
                    best = c;
                    bt = ct;
                    bo = h[2 * c + 1];
                }
            }
            if (bt > t || (bt == t && bo > o)) {
                break;
            }
            h[2 * i] = bt;
            h[2 * i + 1] = bo;
            i = best;
        }
        h[2 * i] = t;
        h[2 * i + 1] = o;
    }
}
