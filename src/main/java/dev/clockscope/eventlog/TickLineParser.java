package dev.clockscope.eventlog;

import java.util.List;

/**
 * The hottest path of the reader: a send, receive or internal line exactly as the writer lays it out
 * (its keys in its order, no blanks, the vector's machines in config order), matched against the
 * expected bytes eight at a time and written straight into an {@link EventBatch} row. Any difference at
 * all, and it gives up without having decided anything: the line then takes the general paths, which
 * accept the same numbers ({@link LineScanner}) and produce the same event.
 * Each kind's layout is a table of (expected bytes, value) steps run by one small loop: compact code that
 * the JIT compiles once, rather than a long method per kind.
 */
final class TickLineParser extends LineScanner {
    // what follows a step's bytes
    private static final int NUMBER = 0;
    private static final int VECTOR = 1;
    private static final int SENDER = 2;
    private static final int RECEIVERS = 3;
    /** A number whose field older logs lack: physMicros (then the wall time). */
    private static final int OPTIONAL_PHYS = 4;
    /** {@code [l,c]}, absent in runs without HLCs (then l = -1). */
    private static final int OPTIONAL_HLC = 5;

    /** One kind's layout after its head ({@code {"event":"kind","wallMicros":} and the wall time). */
    private static final class Layout {
        final byte kind;
        final Literal head;
        final Literal[] literals;
        final int[] values;
        /** For NUMBER: the batch's column. */
        final int[] columns;

        Layout(byte kind, String name, Object... steps) {
            this.kind = kind;
            this.head = Literal.of("{\"event\":\"" + name + "\",\"wallMicros\":");
            int n = steps.length / 3;
            literals = new Literal[n];
            values = new int[n];
            columns = new int[n];
            for (int s = 0; s < n; s++) {
                literals[s] = Literal.of((String) steps[3 * s]);
                values[s] = (Integer) steps[3 * s + 1];
                columns[s] = (Integer) steps[3 * s + 2];
            }
        }
    }

    private static final Object[] TICK_FIELDS = {",\"physMicros\":", OPTIONAL_PHYS, EventBatch.PHYS_MICROS,
        ",\"tick\":", NUMBER, EventBatch.TICK,
        ",\"lamport\":", NUMBER, EventBatch.LAMPORT,
        ",\"hlc\":[", OPTIONAL_HLC, -1,
        ",\"vector\":{", VECTOR, -1,
        "},\"queue\":", NUMBER, EventBatch.QUEUE};
    private static final Layout INTERNAL = new Layout(EventBatch.INTERNAL, "internal", TICK_FIELDS);
    private static final Layout RECEIVE = new Layout(EventBatch.RECEIVE, "receive", concat(TICK_FIELDS,
        ",\"from\":\"", SENDER, -1,
        "\",\"seq\":", NUMBER, EventBatch.SEQ,
        ",\"msgLamport\":", NUMBER, EventBatch.MSG_LAMPORT,
        ",\"fromIncarnation\":", NUMBER, EventBatch.FROM_INCARNATION,
        ",\"arrivedMicros\":", NUMBER, EventBatch.ARRIVED_MICROS));
    private static final Layout SEND = new Layout(EventBatch.SEND, "send", concat(TICK_FIELDS,
        ",\"to\":[", RECEIVERS, -1,
        "],\"seq\":", NUMBER, EventBatch.SEQ));

    private static Object[] concat(Object[] a, Object... b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code "m0":} then {@code ,"mj":} for the other machines. */
    private final Literal[] vectorKeys;
    private final ShortBytes[] names;

    /** For the machines of the start line (the vector's keys in order, and the names a line may use). */
    TickLineParser(List<String> machines) {
        NameTables tables = NameTables.of(machines);
        vectorKeys = tables.vectorKeys;
        names = tables.nameBytes;
    }

    /**
     * Parses the line at {@code from} into the batch's next row (not committed) and returns the index just
     * past it and any trailing blanks, or -1 if it is not in the writer's exact shape. Reads no further
     * than {@code to}; the caller checks that a newline (or the end of the file) follows.
     */
    int parse(byte[] b, int from, int to, EventBatch batch) {
        Layout layout;
        if ((p = INTERNAL.head.matchAt(b, from, to)) >= 0) {
            layout = INTERNAL;
        } else if ((p = RECEIVE.head.matchAt(b, from, to)) >= 0) {
            layout = RECEIVE;
        } else if ((p = SEND.head.matchAt(b, from, to)) >= 0) {
            layout = SEND;
        } else {
            return -1;
        }
        int row = batch.size;
        long[][] numbers = batch.numbers;
        batch.kind[row] = layout.kind;
        long wall = signed(b, to);
        numbers[EventBatch.WALL_MICROS][row] = wall;
        Literal[] literals = layout.literals;
        int[] values = layout.values;
        for (int s = 0; s < literals.length; s++) {
            if (p < 0) {
                return -1;
            }
            int next = literals[s].matchAt(b, p, to);
            if (next < 0) {
                if (values[s] == OPTIONAL_PHYS) {
                    numbers[layout.columns[s]][row] = wall;
                    continue;
                }
                if (values[s] == OPTIONAL_HLC) {
                    batch.hlcL[row] = -1;
                    continue;
                }
                return -1;
            }
            p = next;
            switch (values[s]) {
                case NUMBER, OPTIONAL_PHYS -> numbers[layout.columns[s]][row] = signed(b, to);
                case VECTOR -> vector(b, to, batch.vectors, row * vectorKeys.length);
                case SENDER -> batch.from[row] = name(b, to);
                case OPTIONAL_HLC -> hlc(b, to, batch, row);
                default -> receivers(b, to, batch, row);
            }
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

    /** {@code l,c]} with l >= 0 and 0 <= c <= Integer.MAX_VALUE; p = -1 if not so (Jackson then says why). */
    private void hlc(byte[] b, int to, EventBatch batch, int row) {
        if (p >= to || !isDigit(b[p])) {
            p = -1;
            return;
        }
        long l = number(b, to);
        if (p < 0 || p >= to || b[p] != ',') {
            p = -1;
            return;
        }
        p++;
        if (p >= to || !isDigit(b[p])) {
            p = -1;
            return;
        }
        long c = number(b, to);
        if (p < 0 || p >= to || b[p] != ']' || c > Integer.MAX_VALUE) {
            p = -1;
            return;
        }
        p++;
        batch.hlcL[row] = l;
        batch.hlcC[row] = c;
    }

    /** Every machine's entry in config order, each a non-negative integer, up to (not including) the '}'. */
    private void vector(byte[] b, int to, long[] out, int offset) {
        for (int j = 0; j < vectorKeys.length && p >= 0; j++) {
            if ((p = vectorKeys[j].matchAt(b, p, to)) < 0 || p >= to || !isDigit(b[p])) {
                p = -1;
                return;
            }
            out[offset + j] = number(b, to);
        }
    }

    /** {@code "a","b"} up to the ']' (possibly none), every name a machine's; p = -1 if not so. */
    private void receivers(byte[] b, int to, EventBatch batch, int row) {
        batch.beginTo(row);
        while (p < to && b[p] == '"') {
            p++;
            int r = name(b, to);
            if (r < 0) {
                return;
            }
            batch.addTo(row, r);
            p++; // past the closing quote
            if (p >= to || b[p] != ',') {
                return;
            }
            p++;
            if (p >= to || b[p] != '"') {
                p = -1; // a comma must be followed by another name
                return;
            }
        }
    }

    /** A machine's name from p up to its closing quote (not consumed); its index, or -1 with p = -1. */
    private int name(byte[] b, int to) {
        int s = p;
        int e = s;
        while (e < to && b[e] != '"') {
            if (b[e] == '\\' || b[e] < 0x20) {
                p = -1;
                return -1;
            }
            e++;
        }
        int k = e < to ? find(b, s, e - s, names, 0) : -1;
        p = k < 0 ? -1 : e;
        return k;
    }
}
