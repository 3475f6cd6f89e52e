package dev.clockscope.node;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A machine's incoming queue, FIFO, holding each message's numbers side by side rather than as {@link Message}
 * objects: a simulation of 100,000 machines keeps messages queued for seconds, and a tick that reads a queued
 * object (and its {@link Hlc}) takes a cache miss for each. The head is kept in this object's own fields, the
 * messages behind it in one {@code long[]} ring: most queues hold at most one message, and then neither the
 * delivery nor the tick that takes it touches the ring. Vector clocks, when the run keeps them, sit beside the
 * head and in a parallel ring. The head is read in place ({@link #from()} ... {@link #vector()}) and then
 * dropped ({@link #removeHead()}). Rings come from, and go back to, a {@link RingPool} the run's machines share:
 * a queue holds one only while messages wait behind its head.
 */
final class MessageQueue {
    private static final int FROM = 0;
    private static final int INCARNATION = 1;
    private static final int SEQ = 2;
    private static final int LAMPORT = 3;
    private static final int ARRIVED = 4;
    private static final int HLC_L = 5;
    /** The HLC's counter, or -1 for a message without an HLC. */
    private static final int HLC_C = 6;
    private static final int STRIDE = 7;
    /** The ring of a queue that has never held two messages: most machines' (one object less each at 10^6). */
    private static final long[] NO_RING = new long[0];

    private final RingPool rings;

    /** The head (when size >= 1): its numbers and its vector clock, in this object's own fields. */
    private int headFrom;
    private long headIncarnation;
    private long headSeq;
    private long headLamport;
    private long headArrived;
    private long headHlcL;
    /** -1: no HLC. */
    private int headHlcC;
    private VectorClock headVector;
    /** Message k behind the head is at [STRIDE * k, STRIDE * k + STRIDE); the capacity is a power of 2. */
    private long[] ring;
    /** Null until a message with a vector clock goes behind the head. */
    private VectorClock[] vectors;
    private int head;
    private int size;

    MessageQueue(RingPool rings) {
        this.rings = rings;
        ring = NO_RING;
    }

    /** A pool for the rings of queues that are used from one thread (one run's machines). */
    static RingPool newRingPool() {
        return new RingPool(STRIDE);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Message m) {
        if (size == 0) {
            headFrom = m.from();
            headIncarnation = m.fromIncarnation();
            headSeq = m.seq();
            headLamport = m.lamport();
            headArrived = m.arrivedMicros();
            Hlc h = m.hlc();
            headHlcL = h == null ? 0 : h.l();
            headHlcC = h == null ? -1 : h.c();
            headVector = m.vector();
            size = 1;
            return;
        }
        int behind = size - 1; // the messages already in the ring
        int capacity = ring.length / STRIDE;
        if (behind == capacity) {
            grow(capacity);
            capacity = ring.length / STRIDE;
        }
        int slot = (head + behind) & (capacity - 1);
        int at = slot * STRIDE;
        long[] r = ring;
        r[at + FROM] = m.from();
        r[at + INCARNATION] = m.fromIncarnation();
        r[at + SEQ] = m.seq();
        r[at + LAMPORT] = m.lamport();
        r[at + ARRIVED] = m.arrivedMicros();
        Hlc h = m.hlc();
        r[at + HLC_L] = h == null ? 0 : h.l();
        r[at + HLC_C] = h == null ? -1 : h.c();
        if (m.vector() != null || vectors != null) {
            if (vectors == null) {
                vectors = new VectorClock[capacity];
            }
            vectors[slot] = m.vector();
        }
        size++;
    }

    /** Doubles the ring (or takes its first slot), unwrapping it so that the oldest is at slot 0. */
    private void grow(int capacity) {
        int bigger = Math.max(1, capacity * 2);
        long[] r = rings.take(bigger);
        VectorClock[] v = vectors == null ? null : new VectorClock[bigger];
        for (int k = 0; k < size - 1; k++) {
            int from = (head + k) & (capacity - 1);
            System.arraycopy(ring, from * STRIDE, r, k * STRIDE, STRIDE);
            if (v != null) {
                v[k] = vectors[from];
            }
        }
        if (ring != NO_RING) {
            rings.give(ring);
        }
        ring = r;
        vectors = v;
        head = 0;
    }

    int from() {
        return headFrom;
    }

    long fromIncarnation() {
        return headIncarnation;
    }

    long seq() {
        return headSeq;
    }

    long lamport() {
        return headLamport;
    }

    long arrivedMicros() {
        return headArrived;
    }

    boolean hasHlc() {
        return headHlcC >= 0;
    }

    long hlcL() {
        return headHlcL;
    }

    int hlcC() {
        return headHlcC;
    }

    /** The head's vector clock, or null when it carries none. */
    VectorClock vector() {
        return headVector;
    }

    /** Drops the head; the oldest message behind it, if any, moves up. */
    void removeHead() {
        if (size == 0) {
            throw new IllegalStateException("the queue is empty");
        }
        size--;
        if (size == 0) {
            headVector = null; // let the clock go
            return;
        }
        int at = head * STRIDE;
        long[] r = ring;
        headFrom = (int) r[at + FROM];
        headIncarnation = r[at + INCARNATION];
        headSeq = r[at + SEQ];
        headLamport = r[at + LAMPORT];
        headArrived = r[at + ARRIVED];
        headHlcL = r[at + HLC_L];
        headHlcC = (int) r[at + HLC_C];
        if (vectors != null) {
            headVector = vectors[head];
            vectors[head] = null;
        } else {
            headVector = null;
        }
        head = (head + 1) & (ring.length / STRIDE - 1);
        if (size == 1) {
            // nothing waits behind the head: another queue may need the ring more
            rings.give(ring);
            ring = NO_RING;
            vectors = null;
            head = 0;
        }
    }

    /**
     * Empties the queue into one {@code unprocessed} line per sender life, with its seqs as ranges (FIFO per link,
     * so they ascend per sender life), senders by index: a clean stop's account of what no tick took.
     */
    List<Event.Unprocessed> drainAsUnprocessed(long wallMicros, MachineIds ids) {
        List<Message> left = Arrays.asList(drain());
        left.sort(Comparator.comparingInt(Message::from).thenComparingLong(Message::fromIncarnation)
                .thenComparingLong(Message::seq));
        List<Event.Unprocessed> lines = new ArrayList<>();
        int k = 0;
        while (k < left.size()) {
            Message first = left.get(k);
            StringBuilder seqs = new StringBuilder();
            long count = 0;
            int j = k;
            while (j < left.size() && sameLife(left.get(j), first)) {
                long from = left.get(j).seq();
                long to = from;
                while (j + 1 < left.size() && sameLife(left.get(j + 1), first) && left.get(j + 1).seq() == to + 1) {
                    to = left.get(++j).seq();
                }
                seqs.append(seqs.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
                count += to - from + 1;
                j++;
            }
            lines.add(new Event.Unprocessed(wallMicros, ids.id(first.from()), first.fromIncarnation(), seqs.toString(), count));
            k = j;
        }
        return lines;
    }

    private static boolean sameLife(Message a, Message b) {
        return a.from() == b.from() && a.fromIncarnation() == b.fromIncarnation();
    }

    /** Tells {@code v} every queued message's sender, its life and seq, oldest first; the queue keeps them. */
    void forEach(Machine.QueuedVisitor v) {
        if (size == 0) {
            return;
        }
        v.visit(headFrom, headIncarnation, headSeq);
        int capacity = ring.length / STRIDE;
        for (int k = 0; k < size - 1; k++) {
            int at = ((head + k) & (capacity - 1)) * STRIDE;
            v.visit((int) ring[at + FROM], ring[at + INCARNATION], ring[at + SEQ]);
        }
    }

    /** Every queued message, oldest first, as objects; the queue keeps them (rare: a peer timed this machine out). */
    Message[] copy() {
        Message[] all = drain();
        for (Message m : all) {
            add(m);
        }
        return all;
    }

    /** Every queued message, oldest first, as objects (a clean stop's accounting: rare), and the queue empty. */
    Message[] drain() {
        Message[] out = new Message[size];
        for (int k = 0; k < out.length; k++) {
            out[k] = new Message(from(), fromIncarnation(), seq(), lamport(), vector(), arrivedMicros(),
                    hasHlc() ? new Hlc(hlcL(), hlcC()) : null);
            removeHead();
        }
        return out;
    }
}
