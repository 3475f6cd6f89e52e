package dev.clockscope.sim;

import java.util.Arrays;

/**
 * Messages in flight, kept by receiver instead of in the agenda: each receiver's in arrival order, that is by
 * (due time, the agenda's insertion number), the order the agenda would have delivered them in. The simulation
 * takes a receiver's arrived messages in just before anything else happens to that receiver (its tick, a crash,
 * a link going down), so the receiver is touched once where an agenda event per message touched it twice.
 *
 * <p>One pool of entries for every receiver, as parallel arrays; a receiver's entries form a sorted linked list,
 * almost always of zero or one entry (a message is in flight for a few ms, a tick is ~300 ms apart).
 */
final class Inboxes {
    private static final int NONE = -1;

    /** Per machine: its first entry + 1 (0: nothing in flight to it), so a fresh array needs no fill. */
    private final int[] first;
    private long[] dueNanos = new long[1024];
    private long[] seqs = new long[1024];
    private int[] connections = new int[1024];
    private int[] next = new int[1024];
    private Object[] messages = new Object[1024];
    /** Free entries as a linked list through {@link #next}; entries [used, capacity) were never used. */
    private int freeHead = NONE;
    private int used;
    private int pending;

    /** Set by {@link #takeBefore}: the entry taken. */
    long takenDueNanos;
    long takenSeq;
    int takenConnection;
    Object takenMessage;

    Inboxes(int machines) {
        this.first = new int[machines];
    }

    /**
     * A message for {@code receiver} (sent on its connection {@code connection}), due at {@code due} under
     * insertion number {@code seq}.
     */
    void add(int receiver, long due, long seq, int connection, Object message) {
        int e = allocate();
        dueNanos[e] = due;
        seqs[e] = seq;
        connections[e] = connection;
        messages[e] = message;
        // after every entry due earlier or at the same time: an entry added later has the larger insertion number
        int before = NONE;
        int at = first[receiver] - 1;
        while (at != NONE && dueNanos[at] <= due) {
            before = at;
            at = next[at];
        }
        next[e] = at;
        if (before == NONE) {
            first[receiver] = e + 1;
        } else {
            next[before] = e;
        }
        pending++;
    }

    /** Whether {@code receiver} has a message that arrived before (time, seq) in the agenda's order. */
    boolean hasBefore(int receiver, long timeNanos, long seq) {
        int e = first[receiver] - 1;
        return e != NONE && (dueNanos[e] < timeNanos || (dueNanos[e] == timeNanos && seqs[e] < seq));
    }

    /**
     * Takes {@code receiver}'s first message into the {@code taken*} fields if it arrived before (time, seq);
     * false (and nothing taken) if it has none that did.
     */
    boolean takeBefore(int receiver, long timeNanos, long seq) {
        if (!hasBefore(receiver, timeNanos, seq)) {
            return false;
        }
        int e = first[receiver] - 1;
        takenDueNanos = dueNanos[e];
        takenSeq = seqs[e];
        takenConnection = connections[e];
        takenMessage = messages[e];
        messages[e] = null;
        first[receiver] = next[e] + 1;
        next[e] = freeHead;
        freeHead = e;
        pending--;
        return true;
    }

    /** Reads where {@code receiver}'s entries start, early (see {@link ReadAhead}); a number of no meaning. */
    long touchFirst(int receiver) {
        return first[receiver];
    }

    /** Reads {@code receiver}'s first entry, early (see {@link ReadAhead}); a number of no meaning. */
    long touchEntry(int receiver) {
        int e = first[receiver] - 1;
        return e == NONE ? 0 : dueNanos[e] + seqs[e];
    }

    /** When the last message in {@code receiver}'s inbox is due, or {@link Long#MIN_VALUE} if it holds none. */
    long lastDue(int receiver) {
        long last = Long.MIN_VALUE;
        for (int e = first[receiver] - 1; e != NONE; e = next[e]) {
            last = dueNanos[e];
        }
        return last;
    }

    /** Messages in flight in all inboxes. */
    int pending() {
        return pending;
    }

    private int allocate() {
        if (freeHead != NONE) {
            int e = freeHead;
            freeHead = next[e];
            return e;
        }
        if (used == dueNanos.length) {
            int capacity = used * 2;
            dueNanos = Arrays.copyOf(dueNanos, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            connections = Arrays.copyOf(connections, capacity);
            next = Arrays.copyOf(next, capacity);
            messages = Arrays.copyOf(messages, capacity);
        }
        return used++;
    }
}
