package dev.clockscope.sim;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import java.util.Arrays;

/**
 * Messages in flight, kept by receiver instead of in the agenda: each receiver's in arrival order, that is by
 * (due time, the agenda's insertion number), the order the agenda would have delivered them in. The simulation
 * takes a receiver's arrived messages in just before anything else happens to that receiver (its tick, a crash,
 * a link going down), so the receiver is touched once where an agenda event per message touched it twice.
 *
 * <p>One pool of entries for every receiver, each entry eight longs side by side (one cache line's worth): its
 * place in the order, its link in the receiver's list, and the message's numbers rather than the {@link Message}
 * object. At 10^6 machines half a million messages wait here at any time, up to a second each; as objects they
 * outlived every young collection of the JVM, which copied them and scanned the array that pointed to them (a tenth
 * of the run in pauses). A receiver's entries form a sorted linked list, almost always of zero or one entry (a
 * message is in flight for a few ms, a tick is ~300 ms apart).
 */
final class Inboxes {
    private static final int NONE = -1;
    private static final int DUE = 0;
    private static final int ORDER = 1;
    /** The connection (high 32 bits) and the next entry of the receiver's list (low 32; NONE at its end). */
    private static final int LINK = 2;
    /** The sender's index (high 32 bits) and the HLC's counter (low 32; -1: the message carries no HLC). */
    private static final int FROM_HLC_C = 3;
    private static final int INCARNATION = 4;
    private static final int SEQ = 5;
    private static final int LAMPORT = 6;
    private static final int HLC_L = 7;
    private static final int STRIDE = 8;

    /**
     * Per machine, side by side: [2r] its first entry + 1 (0: nothing in flight to it, so a fresh array needs no
     * fill), [2r+1] the latest due time of any message ever sent to it (0: none).
     */
    private final long[] heads;
    private long[] entries = new long[STRIDE * 1024];
    /** Per entry, the message's vector clock; null until a message carries one. */
    private VectorClock[] vectors;
    /** Free entries as a linked list through their next; entries [used, capacity) were never used. */
    private int freeHead = NONE;
    private int used;
    private int pending;

    /** Set by {@link #takeBefore}: the entry taken. */
    long takenDueNanos;
    long takenSeq;
    int takenConnection;
    /** The taken message's own numbers, made into one by {@link #takenMessage} (once, already stamped). */
    private int takenFrom;
    private long takenIncarnation;
    private long takenMessageSeq;
    private long takenLamport;
    private VectorClock takenVector;
    private long takenHlcL;
    private int takenHlcC;

    Inboxes(int machines) {
        this.heads = new long[2 * machines];
    }

    /**
     * A message for {@code receiver} (sent on its connection {@code connection}), due at {@code due} under
     * insertion number {@code seq}.
     */
    void add(int receiver, long due, long seq, int connection, Message message) {
        int e = allocate();
        long[] x = entries;
        int at = STRIDE * e;
        Hlc hlc = message.hlc();
        x[at + DUE] = due;
        x[at + ORDER] = seq;
        x[at + FROM_HLC_C] = ((long) message.from() << 32) | ((hlc == null ? -1 : hlc.c()) & 0xFFFF_FFFFL);
        x[at + INCARNATION] = message.fromIncarnation();
        x[at + SEQ] = message.seq();
        x[at + LAMPORT] = message.lamport();
        x[at + HLC_L] = hlc == null ? 0 : hlc.l();
        if (message.vector() != null || vectors != null) {
            if (vectors == null) {
                vectors = new VectorClock[x.length / STRIDE];
            }
            vectors[e] = message.vector();
        }
        // after every entry due earlier or at the same time: an entry added later has the larger insertion number
        int before = NONE;
        int next = first(receiver);
        while (next != NONE && x[STRIDE * next + DUE] <= due) {
            before = next;
            next = next(next);
        }
        setLink(e, connection, next);
        if (before == NONE) {
            heads[2 * receiver] = e + 1;
        } else {
            setLink(before, (int) (x[STRIDE * before + LINK] >>> 32), e);
        }
        heads[2 * receiver + 1] = Math.max(heads[2 * receiver + 1], due);
        pending++;
    }

    /** Whether {@code receiver} has a message that arrived before (time, seq) in the agenda's order. */
    boolean hasBefore(int receiver, long timeNanos, long seq) {
        int e = first(receiver);
        if (e == NONE) {
            return false;
        }
        long due = entries[STRIDE * e + DUE];
        return due < timeNanos || (due == timeNanos && entries[STRIDE * e + ORDER] < seq);
    }

    /**
     * Takes {@code receiver}'s first message into the {@code taken*} fields if it arrived before (time, seq);
     * false (and nothing taken) if it has none that did.
     */
    boolean takeBefore(int receiver, long timeNanos, long seq) {
        if (!hasBefore(receiver, timeNanos, seq)) {
            return false;
        }
        int e = first(receiver);
        long[] x = entries;
        int at = STRIDE * e;
        takenDueNanos = x[at + DUE];
        takenSeq = x[at + ORDER];
        takenConnection = (int) (x[at + LINK] >>> 32);
        long fromHlcC = x[at + FROM_HLC_C];
        takenFrom = (int) (fromHlcC >>> 32);
        takenHlcC = (int) fromHlcC;
        takenHlcL = x[at + HLC_L];
        takenIncarnation = x[at + INCARNATION];
        takenMessageSeq = x[at + SEQ];
        takenLamport = x[at + LAMPORT];
        takenVector = null;
        if (vectors != null) {
            takenVector = vectors[e];
            vectors[e] = null;
        }
        heads[2 * receiver] = next(e) + 1;
        setLink(e, 0, freeHead);
        freeHead = e;
        pending--;
        return true;
    }

    /** The message {@link #takeBefore} took, as it reaches its receiver at {@code arrivedMicros} (0: not yet). */
    Message takenMessage(long arrivedMicros) {
        return new Message(takenFrom, takenIncarnation, takenMessageSeq, takenLamport, takenVector, arrivedMicros,
                takenHlcC < 0 ? null : new Hlc(takenHlcL, takenHlcC));
    }

    /**
     * The latest due time of any message ever sent to {@code receiver} (0 if none): those still here, those taken in,
     * and those dropped when a connection of it went (their senders heard at once, but they were still on the wire).
     */
    long lastDueEver(int receiver) {
        return heads[2 * receiver + 1];
    }

    /** Reads where {@code receiver}'s entries start, early (see {@link ReadAhead}); a number of no meaning. */
    long touchFirst(int receiver) {
        return heads[2 * receiver];
    }

    /** Reads {@code receiver}'s first entry, early (see {@link ReadAhead}); a number of no meaning. */
    long touchEntry(int receiver) {
        int e = first(receiver);
        return e == NONE ? 0 : entries[STRIDE * e + DUE] + entries[STRIDE * e + HLC_L];
    }

    /** Messages in flight in all inboxes. */
    int pending() {
        return pending;
    }

    private int first(int receiver) {
        return (int) heads[2 * receiver] - 1;
    }

    private int next(int e) {
        return (int) entries[STRIDE * e + LINK];
    }

    private void setLink(int e, int connection, int next) {
        entries[STRIDE * e + LINK] = ((long) connection << 32) | (next & 0xFFFF_FFFFL);
    }

    private int allocate() {
        if (freeHead != NONE) {
            int e = freeHead;
            freeHead = next(e);
            return e;
        }
        if (STRIDE * used == entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
            if (vectors != null) {
                vectors = Arrays.copyOf(vectors, entries.length / STRIDE);
            }
        }
        return used++;
    }
}
