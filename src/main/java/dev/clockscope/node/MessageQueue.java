package dev.clockscope.node;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;

/**
 * A machine's incoming queue, FIFO, holding each message's numbers side by side in one {@code long[]} ring
 * rather than as {@link Message} objects: a simulation of 100,000 machines keeps messages queued for seconds,
 * and a tick that reads a queued object (and its {@link Hlc}) takes a cache miss for each. Here the head's
 * fields share one or two cache lines. Vector clocks, when the run keeps them, sit in a parallel ring.
 * The head is read in place ({@link #from()} ... {@link #vector()}) and then dropped ({@link #removeHead()}).
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

    /** Message k of the ring is at [STRIDE * k, STRIDE * k + STRIDE); the capacity is a power of 2. */
    private long[] ring;
    /** Null until a message with a vector clock arrives. */
    private VectorClock[] vectors;
    private int head;
    private int size;

    MessageQueue() {
        ring = new long[STRIDE];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Message m) {
        int capacity = ring.length / STRIDE;
        if (size == capacity) {
            grow(capacity);
            capacity = ring.length / STRIDE;
        }
        int slot = (head + size) & (capacity - 1);
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

    /** Doubles the ring, unwrapping it so that the head is at slot 0. */
    private void grow(int capacity) {
        int bigger = capacity * 2;
        long[] r = new long[bigger * STRIDE];
        VectorClock[] v = vectors == null ? null : new VectorClock[bigger];
        for (int k = 0; k < size; k++) {
            int from = (head + k) & (capacity - 1);
            System.arraycopy(ring, from * STRIDE, r, k * STRIDE, STRIDE);
            if (v != null) {
                v[k] = vectors[from];
            }
        }
        ring = r;
        vectors = v;
        head = 0;
    }

    private int headAt() {
        return head * STRIDE;
    }

    int from() {
        return (int) ring[headAt() + FROM];
    }

    long fromIncarnation() {
        return ring[headAt() + INCARNATION];
    }

    long seq() {
        return ring[headAt() + SEQ];
    }

    long lamport() {
        return ring[headAt() + LAMPORT];
    }

    long arrivedMicros() {
        return ring[headAt() + ARRIVED];
    }

    boolean hasHlc() {
        return ring[headAt() + HLC_C] >= 0;
    }

    long hlcL() {
        return ring[headAt() + HLC_L];
    }

    int hlcC() {
        return (int) ring[headAt() + HLC_C];
    }

    /** The head's vector clock, or null when it carries none. */
    VectorClock vector() {
        return vectors == null ? null : vectors[head];
    }

    void removeHead() {
        if (vectors != null) {
            vectors[head] = null; // let the clock go
        }
        head = (head + 1) & (ring.length / STRIDE - 1);
        size--;
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
