package dev.clockscope.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulator's agenda: events ordered by (virtual time, sequence number of insertion), so events at the
 * same nanosecond run in the order they were scheduled — deterministic, and FIFO for the messages of a link.
 *
 * <p>From 10,000 machines on, a calendar of 1,024 buckets of 2^20 ns (~1.05 ms) each, which covers the ~1.07 s ahead
 * in which every tick falls (a machine ticks at least once a second), with two 4-ary heaps beside it: one for events
 * due in the bucket being taken (scheduled after it was sorted), one for events beyond the calendar's reach (the
 * run's end, crashes far ahead); below that, one heap. An event is entered as two longs: its time, and its insertion
 * number (high 35 bits) with the slot of its data (low 28 bits). A bucket is an unsorted array until its turn, then
 * sorted once and read in order, so a pop reads memory in sequence where a heap of 10^5 ticks missed the cache on
 * every level below its top (see EngineeringNotebook.md, 2026-12-02, "the simulator's agenda", and "A calendar for
 * the ticks").
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

    /** No calendar: every event at or after the origin lies in bucket 0, the current one, so all wait in one heap. */
    static final int ONE_HEAP = 63;
    /** The calendar has 2^CALENDAR_BITS buckets. */
    private static final int CALENDAR_BITS = 10;
    private static final int BUCKETS = 1 << CALENDAR_BITS;

    /** Per bucket (by absolute bucket number modulo BUCKETS): its entries, (time, order) pairs, unsorted. */
    private final long[][] buckets = new long[BUCKETS][];
    private final int[] counts = new int[BUCKETS];
    /** A bit per bucket that holds entries, to find the next one without reading empty ones. */
    private final long[] occupied = new long[BUCKETS / 64];
    /** The absolute number of the bucket being taken: every entry of the calendar lies after it, within BUCKETS. */
    private long current;
    /** The current bucket's entries, sorted: [taken, end) are still to come. */
    private long[] sorted = new long[0];
    private int taken;
    private int end;
    /** Entries due at or before the current bucket, scheduled after it was sorted. */
    private final PairHeap near = new PairHeap();
    /** Entries beyond the calendar's reach. */
    private final PairHeap far = new PairHeap();
    private int size;
    private long nextSeq;
    /** A bucket spans 2^bucketBits ns. */
    private final int bucketBits;

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

    /** Buckets of ~1.05 ms: the calendar reaches ~1.07 s ahead. */
    EventQueue() {
        this(20);
    }

    /**
     * Buckets of 2^bucketBits ns, 10 to 40, or {@link #ONE_HEAP}. Only the speed depends on it: the order is the
     * same at any width.
     */
    EventQueue(int bucketBits) {
        if ((bucketBits < 10 || bucketBits > 40) && bucketBits != ONE_HEAP) {
            throw new IllegalArgumentException("bucket bits " + bucketBits + " are outside 10 .. 40");
        }
        this.bucketBits = bucketBits;
    }

    /**
     * The agenda for {@code machines} machines ticking 1..6 times a second. Below 10,000 machines one heap, which
     * then fits in the cache (a calendar costs a 3-machine run ~10 %); from there buckets of ~1 ms, ~35 ticks
     * each at 10^4 machines and ~3,500 at 10^6, and the calendar reaches the ticks a second ahead.
     */
    static EventQueue forMachines(int machines) {
        return new EventQueue(machines < 10_000 ? ONE_HEAP : 20);
    }

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
        makeReady();
        return bucketFirst() ? sorted[2 * taken] : near.time();
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

    /**
     * Takes the payloads of the pending events of {@code kind} for {@code target}: those events stay in their place
     * and pop without one (null). It reads every slot: for what is rare (a connection that goes in a run that keeps
     * messages in the agenda).
     */
    List<Object> takePayloads(int kind, int target) {
        List<Object> taken = new ArrayList<>();
        for (int slot = 0; slot < slotsUsed; slot++) {
            long d = data[slot];
            // a slot's payload is null once it is popped or freed: a payload means a pending event
            if (payloads[slot] != null && (int) (d >>> 60) == kind && (int) d == target) {
                taken.add(payloads[slot]);
                payloads[slot] = null;
                data[slot] = d & ~HAS_PAYLOAD;
            }
        }
        return taken;
    }

    /** Schedules an event under an insertion number taken earlier with {@link #reserveSeq()}. */
    void addWithSeq(long timeNanos, int kind, int target, int aux, Object payload, long seq) {
        if ((aux & ~AUX_MASK) != 0) { // before a slot is taken: a refused event leaves none behind
            throw new IllegalArgumentException("aux " + aux + " is outside 0 .. 2^27 - 1");
        }
        int slot = allocateSlot();
        data[slot] = ((long) kind << 60) | (payload == null ? 0 : HAS_PAYLOAD) | ((long) aux << 32)
                | (target & 0xFFFF_FFFFL);
        if (payload != null) {
            payloads[slot] = payload;
        }
        enter(timeNanos, (seq << SLOT_BITS) | slot);
        size++;
    }

    private void enter(long time, long order) {
        // a time before the origin (a replay's) has a negative bucket: it waits in near, in order all the same
        long bucket = time >> bucketBits;
        if (bucket <= current) {
            near.add(time, order);
        } else if (bucket < current + BUCKETS) {
            int k = (int) (bucket & (BUCKETS - 1));
            long[] b = buckets[k];
            int n = counts[k];
            if (b == null || 2 * n == b.length) {
                b = buckets[k] = b == null ? new long[16] : Arrays.copyOf(b, b.length * 2);
            }
            b[2 * n] = time;
            b[2 * n + 1] = order;
            counts[k] = n + 1;
            occupied[k >>> 6] |= 1L << k;
        } else {
            far.add(time, order);
        }
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
        makeReady();
        long time;
        long order;
        if (bucketFirst()) {
            time = sorted[2 * taken];
            order = sorted[2 * taken + 1];
            taken++;
        } else {
            time = near.time();
            order = near.order();
            near.pop();
        }
        size--;
        poppedTime = time;
        poppedSeq = order >>> SLOT_BITS;
        int slot = (int) (order & SLOT_MASK);
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
    }

    /**
     * The target of the entry {@code ahead} places after the next one in the current bucket, or -1 past its end: a
     * hint of what comes (entries added meanwhile may come first), for reading a machine's state early.
     */
    int targetAhead(int ahead) {
        int k = taken + ahead;
        return k < end ? (int) data[(int) (sorted[2 * k + 1] & SLOT_MASK)] : -1;
    }

    /** Whether the current bucket's next entry comes before the near heap's first (after {@link #makeReady()}). */
    private boolean bucketFirst() {
        return taken < end
                && (near.isEmpty() || before(sorted[2 * taken], sorted[2 * taken + 1], near.time(), near.order()));
    }

    /** Makes the earliest entry the head of the current bucket or of {@link #near}; only when not empty. */
    private void makeReady() {
        if (size == 0) {
            throw new IllegalStateException("the agenda is empty");
        }
        while (taken == end && near.isEmpty()) {
            long next = nextOccupiedBucket();
            current = next >= 0 ? next : far.time() >> bucketBits;
            // what the calendar now reaches comes in from beyond it (all of it lies at or after the current bucket)
            while (!far.isEmpty() && (far.time() >> bucketBits) < current + BUCKETS) {
                long t = far.time();
                long o = far.order();
                far.pop();
                enter(t, o);
            }
            int k = (int) (current & (BUCKETS - 1));
            occupied[k >>> 6] &= ~(1L << k);
            end = counts[k];
            counts[k] = 0;
            taken = 0;
            if (end > 0) {
                // the bucket's array is now read in order; the next entry for slot k is a whole calendar later
                sorted = buckets[k];
                sortPairs(sorted, 0, end);
            }
        }
    }

    /** The absolute number of the first bucket after the current one that holds entries, or -1 if none does. */
    private long nextOccupiedBucket() {
        int start = (int) ((current + 1) & (BUCKETS - 1));
        for (int step = 0; step <= BUCKETS / 64; step++) {
            int word = ((start >>> 6) + step) & (BUCKETS / 64 - 1);
            long bits = occupied[word];
            if (step == 0) {
                bits &= -1L << (start & 63); // only from the start on
            } else if (step == BUCKETS / 64) {
                bits &= ~(-1L << (start & 63)); // the wrap-around: only before the start
            }
            if (bits != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(bits);
                return current + 1 + ((k - start) & (BUCKETS - 1));
            }
        }
        return -1;
    }

    private static boolean before(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }

    /** Sorts the (time, order) pairs [from, to) of {@code a} by time, then order. */
    static void sortPairs(long[] a, int from, int to) {
        while (to - from > 16) {
            // median of three as the pivot, then Hoare's partition
            int mid = (from + to) >>> 1;
            long pt = a[2 * mid];
            long po = a[2 * mid + 1];
            long ft = a[2 * from];
            long fo = a[2 * from + 1];
            long lt = a[2 * (to - 1)];
            long lo = a[2 * (to - 1) + 1];
            if (before(pt, po, ft, fo) != before(pt, po, lt, lo)) {
                // mid lies between the two ends: it is the median
            } else if (before(ft, fo, pt, po) != before(ft, fo, lt, lo)) {
                pt = ft;
                po = fo;
            } else {
                pt = lt;
                po = lo;
            }
            int i = from - 1;
            int j = to;
            while (true) {
                do {
                    i++;
                } while (before(a[2 * i], a[2 * i + 1], pt, po));
                do {
                    j--;
                } while (before(pt, po, a[2 * j], a[2 * j + 1]));
                if (i >= j) {
                    break;
                }
                long t = a[2 * i];
                long o = a[2 * i + 1];
                a[2 * i] = a[2 * j];
                a[2 * i + 1] = a[2 * j + 1];
                a[2 * j] = t;
                a[2 * j + 1] = o;
            }
            // [from, j] <= pivot <= [j + 1, to): recurse into the smaller side, loop on the larger
            if (j + 1 - from < to - (j + 1)) {
                sortPairs(a, from, j + 1);
                from = j + 1;
            } else {
                sortPairs(a, j + 1, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long t = a[2 * i];
            long o = a[2 * i + 1];
            int j = i - 1;
            while (j >= from && before(t, o, a[2 * j], a[2 * j + 1])) {
                a[2 * (j + 1)] = a[2 * j];
                a[2 * (j + 1) + 1] = a[2 * j + 1];
                j--;
            }
            a[2 * (j + 1)] = t;
            a[2 * (j + 1) + 1] = o;
        }
    }
}
