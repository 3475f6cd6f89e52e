package dev.clockscope.sim;

import java.util.Arrays;

/**
 * The simulator's agenda: events ordered by (virtual time, sequence number of insertion), so events at the
 * same nanosecond run in the order they were scheduled — deterministic, and FIFO for the messages of a link.
 * A 4-ary min-heap over parallel primitive arrays: no object per entry, and half the depth of a binary heap
 * (the choice is measured in EngineeringNotebook.md, 2026-12-02, "the simulator's agenda").
 *
 * <p>{@link #pop()} moves the earliest event into the {@code popped*} fields.
 */
final class EventQueue {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int[] kinds = new int[1024];
    private int[] targets = new int[1024];
    private int[] auxs = new int[1024];
    private Object[] payloads = new Object[1024];
    private int size;
    private long nextSeq;

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

    /** Schedules an event; {@code aux} is a second int of the caller's (e.g. the life of the target machine). */
    void add(long timeNanos, int kind, int target, int aux, Object payload) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            targets = Arrays.copyOf(targets, capacity);
            auxs = Arrays.copyOf(auxs, capacity);
            payloads = Arrays.copyOf(payloads, capacity);
        }
        long seq = nextSeq++;
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(timeNanos, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, timeNanos, seq, kind, target, aux, payload);
    }

    void pop() {
        poppedTime = times[0];
        poppedKind = kinds[0];
        poppedTarget = targets[0];
        poppedAux = auxs[0];
        poppedPayload = payloads[0];
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        int k = kinds[last];
        int g = targets[last];
        int a = auxs[last];
        Object p = payloads[last];
        payloads[last] = null;
        if (last == 0) {
            return;
        }
        // sift the last entry down from the root
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= last) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                if (before(times[c], seqs[c], times[best], seqs[best])) {
                    best = c;
                }
            }
            if (!before(times[best], seqs[best], t, s)) {
                break;
            }
            move(best, i);
            i = best;
        }
        set(i, t, s, k, g, a, p);
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        kinds[to] = kinds[from];
        targets[to] = targets[from];
        auxs[to] = auxs[from];
        payloads[to] = payloads[from];
    }

    private void set(int i, long t, long s, int k, int g, int a, Object p) {
        times[i] = t;
        seqs[i] = s;
        kinds[i] = k;
        targets[i] = g;
        auxs[i] = a;
        payloads[i] = p;
    }
}
