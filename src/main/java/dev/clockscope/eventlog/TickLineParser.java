package dev.clockscope.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hottest path of the reader: a send, receive or internal line exactly as the writer lays it out
 * (its keys in its order, no blanks, the vector's machines in config order), matched against the
 * expected bytes eight at a time and written straight into an {@link EventBatch} row. Any difference at
 * all, and it gives up without having decided anything: the line then takes the general paths, which
 * accept the same numbers ({@link LineScanner}) and produce the same event.
 */
final class TickLineParser extends LineScanner {
    private static final Literal HEAD_INTERNAL = Literal.of("{\"event\":\"internal\",\"wallMicros\":");
    private static final Literal HEAD_RECEIVE = Literal.of("{\"event\":\"receive\",\"wallMicros\":");
    private static final Literal HEAD_SEND = Literal.of("{\"event\":\"send\",\"wallMicros\":");
    private static final Literal TICK = Literal.of(",\"tick\":");
    private static final Literal LAMPORT = Literal.of(",\"lamport\":");
    private static final Literal QUEUE = Literal.of("},\"queue\":");
    private static final Literal TO = Literal.of(",\"to\":[");
    private static final Literal SEQ_AFTER_TO = Literal.of("],\"seq\":");
    private static final Literal FROM = Literal.of(",\"from\":\"");
    private static final Literal SEQ_AFTER_FROM = Literal.of("\",\"seq\":");
    private static final Literal MSG_LAMPORT = Literal.of(",\"msgLamport\":");
    private static final Literal FROM_INCARNATION = Literal.of(",\"fromIncarnation\":");
    private static final Literal ARRIVED_MICROS = Literal.of(",\"arrivedMicros\":");

    /** {@code ,"vector":{"m0":} then {@code ,"mj":} for the others. */
    private final Literal[] vectorKeys;
    private final ShortBytes[] names;

    /** For the machines of the start line (the vector's keys in order, and the names a line may use). */
    TickLineParser(List<String> machines) {
        vectorKeys = new Literal[machines.size()];
        names = new ShortBytes[machines.size()];
        for (int j = 0; j < machines.size(); j++) {
            String key = "\"" + machines.get(j) + "\":";
            vectorKeys[j] = Literal.of(j == 0 ? ",\"vector\":{" + key : "," + key);
            names[j] = new ShortBytes(machines.get(j).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Parses the line at {@code from} into the batch's next row (not committed) and returns the index just
     * past it and any trailing blanks, or -1 if it is not in the writer's exact shape. Reads no further
     * than {@code to}; the caller checks that a newline (or the end of the file) follows.
     */
    int parse(byte[] b, int from, int to, EventBatch batch) {
        int row = batch.size;
        byte kind;
        if ((p = HEAD_INTERNAL.matchAt(b, from, to)) >= 0) {
            kind = EventBatch.INTERNAL;
        } else if ((p = HEAD_RECEIVE.matchAt(b, from, to)) >= 0) {
            kind = EventBatch.RECEIVE;
        } else if ((p = HEAD_SEND.matchAt(b, from, to)) >= 0) {
            kind = EventBatch.SEND;
        } else {
            return -1;
        }
        batch.kind[row] = kind;
        batch.wallMicros[row] = signed(b, to);
        if (p < 0 || (p = TICK.matchAt(b, p, to)) < 0) {
            return -1;
        }
        batch.tick[row] = signed(b, to);
        if (p < 0 || (p = LAMPORT.matchAt(b, p, to)) < 0) {
            return -1;
        }
        batch.lamport[row] = signed(b, to);
        if (p < 0 || !vector(b, to, batch.vectors, row * vectorKeys.length)) {
            return -1;
        }
        if ((p = QUEUE.matchAt(b, p, to)) < 0) {
            return -1;
        }
        batch.queue[row] = (int) signed(b, to);
        if (p < 0) {
            return -1;
        }
        if (kind == EventBatch.SEND) {
            if ((p = TO.matchAt(b, p, to)) < 0 || !receivers(b, to, batch, row)
                    || (p = SEQ_AFTER_TO.matchAt(b, p, to)) < 0) {
                return -1;
            }
            batch.seq[row] = signed(b, to);
        } else if (kind == EventBatch.RECEIVE) {
            if ((p = FROM.matchAt(b, p, to)) < 0) {
                return -1;
            }
            int sender = name(b, to, '"');
            if (sender < 0 || (p = SEQ_AFTER_FROM.matchAt(b, p, to)) < 0) {
                return -1;
            }
            batch.from[row] = sender;
            batch.seq[row] = signed(b, to);
            if (p < 0 || (p = MSG_LAMPORT.matchAt(b, p, to)) < 0) {
                return -1;
            }
            batch.msgLamport[row] = signed(b, to);
            if (p < 0 || (p = FROM_INCARNATION.matchAt(b, p, to)) < 0) {
                return -1;
            }
            batch.fromIncarnation[row] = signed(b, to);
            if (p < 0 || (p = ARRIVED_MICROS.matchAt(b, p, to)) < 0) {
                return -1;
            }
            batch.arrivedMicros[row] = signed(b, to);
        }
        if (p < 0 || p >= to || b[p] != '}') {
            return -1;
        }
        return skipWs(b, p + 1, to);
    }

    /** An integer value (a minus sign allowed, as for every numeric field); p = -1 if not one. */
    private long signed(byte[] b, int to) {
        if (p >= to || !isNumberStart(b[p])) {
            p = -1;
            return 0;
        }
        return number(b, to);
    }

    /** Every machine's entry in config order, each a non-negative integer, up to (not including) the '}'. */
    private boolean vector(byte[] b, int to, long[] out, int offset) {
        for (int j = 0; j < vectorKeys.length; j++) {
            if ((p = vectorKeys[j].matchAt(b, p, to)) < 0 || p >= to || !isDigit(b[p])) {
                return false;
            }
            out[offset + j] = number(b, to);
            if (p < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code "a","b"} up to the ']' (possibly none): every name a machine's. */
    private boolean receivers(byte[] b, int to, EventBatch batch, int row) {
        batch.beginTo(row);
        if (p < to && b[p] == ']') {
            return true;
        }
        while (true) {
            if (p >= to || b[p] != '"') {
                return false;
            }
            p++;
            int r = name(b, to, '"');
            if (r < 0) {
                return false;
            }
            batch.addTo(row, r);
            p++; // past the closing quote
            if (p < to && b[p] == ',') {
                p++;
            } else {
                return true;
            }
        }
    }

    /** A machine's name from p up to {@code end} (not consumed); its index, or -1 (then p is meaningless). */
    private int name(byte[] b, int to, char end) {
        int s = p;
        int e = s;
        while (e < to && b[e] != end) {
            if (b[e] == '\\' || b[e] < 0x20) {
                return -1;
            }
            e++;
        }
        if (e >= to) {
            return -1;
        }
        p = e;
        return find(b, s, e - s, names, 0);
    }
}
