package dev.clockscope.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The fields of one log line, reused from line to line; numbers are primitives with a presence bit. */
final class LineFields {
    /** Makes the reader's error for a line (names the file and line). */
    interface Errors {
        EventLogFormatException error(String reason);
    }

    // key ids; for numeric keys the id is also the presence bit index
    static final int FORMAT = 0;
    static final int TICKS_PER_SECOND = 1;
    static final int DIE = 2;
    static final int SEED = 3;
    static final int WALL_MICROS = 4;
    static final int INCARNATION = 5;
    static final int TICK = 6;
    static final int LAMPORT = 7;
    static final int QUEUE = 8;
    static final int SEQ = 9;
    static final int MSG_LAMPORT = 10;
    static final int FROM_INCARNATION = 11;
    static final int ARRIVED_MICROS = 12;
    static final int TICKS = 13;
    static final int MISSED_TICKS = 14;
    static final int PHYS_MICROS = 15;
    static final int CLOCK_OFFSET_MICROS = 16;
    static final int CLOCK_DRIFT_PPB = 17;
    static final int HLC_MAX_OFFSET_MICROS = 18;
    static final int LAST_NUMBER = HLC_MAX_OFFSET_MICROS;
    static final int EVENT = 19;
    static final int MACHINE = 20;
    static final int VERSION = 21;
    static final int FROM = 22;
    static final int PEER = 23;
    static final int REASON = 24;
    static final int STATE = 25;
    static final int MACHINES = 26;
    static final int PEERS = 27;
    static final int TO = 28;
    static final int VECTOR = 29;
    /** {@code [l, c]}: two numbers, kept in {@link #hlcL} and {@link #hlcC}, present when {@link #hasHlc}. */
    static final int HLC = 30;

    private static final String[] KEYS = {"format", "ticksPerSecond", "die", "seed", "wallMicros", "incarnation",
        "tick", "lamport", "queue", "seq", "msgLamport", "fromIncarnation", "arrivedMicros", "ticks", "missedTicks",
        "physMicros", "clockOffsetMicros", "clockDriftPpb", "hlcMaxOffsetMicros",
        "event", "machine", "version", "from", "peer", "reason", "state", "machines", "peers", "to", "vector", "hlc"};
    private static final byte[][] KEY_BYTES = new byte[KEYS.length][];
    private static final ShortBytes[] KEY_MATCHERS = new ShortBytes[KEYS.length];
    /** Open-addressed table from a cheap hash of (length, first, last byte) to key id + 1. */
    private static final int[] TABLE = new int[256];

    static {
        for (int k = 0; k < KEYS.length; k++) {
            KEY_BYTES[k] = KEYS[k].getBytes(StandardCharsets.US_ASCII);
            KEY_MATCHERS[k] = new ShortBytes(KEY_BYTES[k]);
            int h = hash(KEY_BYTES[k], 0, KEY_BYTES[k].length);
            while (TABLE[h] != 0) {
                h = (h + 1) & 255;
            }
            TABLE[h] = k + 1;
        }
    }

    private static int hash(byte[] b, int off, int len) {
        return (len * 37 + b[off] * 11 + b[off + len - 1] * 3) & 255;
    }

    /** The key id of the bytes [off, off + len), or -1 for a key this reader does not know. */
    static int keyOf(byte[] b, int off, int len) {
        if (len == 0) {
            return -1;
        }
        for (int h = hash(b, off, len); TABLE[h] != 0; h = (h + 1) & 255) {
            if (KEY_MATCHERS[TABLE[h] - 1].equalsSlice(b, off, len)) {
                return TABLE[h] - 1;
            }
        }
        return -1;
    }

    static int keyOf(String name) {
        for (int k = 0; k < KEYS.length; k++) {
            if (KEYS[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private int present;
    private final long[] numbers = new long[LAST_NUMBER + 1];

    String event;
    String machine;
    String version;
    String from;
    String peer;
    String reason;
    String state;
    String toOne;
    List<String> machines;
    List<String> peers;
    List<String> to;
    /** Fast path: counters by machine index (the parser's scratch array). */
    long[] vectorCounters;
    /** Jackson path: counters by machine name, resolved when the event is built. */
    Map<String, Long> vectorMap;

    long format;
    long ticksPerSecond;
    long die;
    long seed;
    long wallMicros;
    long incarnation;
    long tick;
    long lamport;
    long queue;
    long seq;
    long msgLamport;
    long fromIncarnation;
    long arrivedMicros;
    long ticks;
    long missedTicks;
    /**
     * Fields of rare lines, read on the Jackson path only (outside the key table, so the fast path's layout is
     * untouched): an unprocessed line's {@code seqs} and {@code count}; a resumed life's start line's
     * {@code resumedFrom}.
     */
    String seqs;
    long count = -1;
    long resumedLamport = -1;
    long resumedOwnEntry = -1;
    long physMicros;
    long clockOffsetMicros;
    long clockDriftPpb;
    long hlcMaxOffsetMicros;
    boolean hasHlc;
    long hlcL;
    long hlcC;

    void clear() {
        seqs = null;
        count = -1;
        resumedLamport = -1;
        resumedOwnEntry = -1;
        present = 0;
        hasHlc = false;
        event = null;
        machine = null;
        version = null;
        from = null;
        peer = null;
        reason = null;
        state = null;
        toOne = null;
        machines = null;
        peers = null;
        to = null;
        vectorCounters = null;
        vectorMap = null;
    }

    boolean has(int key) {
        return (present & (1 << key)) != 0;
    }

    long require(int key, long value, String name, Errors errors) throws EventLogFormatException {
        if (!has(key)) {
            throw errors.error("\"" + event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }

    void setNumber(int key, long v) {
        present |= 1 << key;
        switch (key) {
            case FORMAT -> format = v;
            case TICKS_PER_SECOND -> ticksPerSecond = v;
            case DIE -> die = v;
            case SEED -> seed = v;
            case WALL_MICROS -> wallMicros = v;
            case INCARNATION -> incarnation = v;
            case TICK -> tick = v;
            case LAMPORT -> lamport = v;
            case QUEUE -> queue = v;
            case SEQ -> seq = v;
            case MSG_LAMPORT -> msgLamport = v;
            case FROM_INCARNATION -> fromIncarnation = v;
            case ARRIVED_MICROS -> arrivedMicros = v;
            case TICKS -> ticks = v;
            case MISSED_TICKS -> missedTicks = v;
            case PHYS_MICROS -> physMicros = v;
            case CLOCK_OFFSET_MICROS -> clockOffsetMicros = v;
            case CLOCK_DRIFT_PPB -> clockDriftPpb = v;
            case HLC_MAX_OFFSET_MICROS -> hlcMaxOffsetMicros = v;
            default -> throw new IllegalArgumentException("not a numeric key: " + key);
        }
    }

    void setHlc(long l, long c) {
        hasHlc = true;
        hlcL = l;
        hlcC = c;
    }

    void setText(int key, String v) {
        switch (key) {
            case EVENT -> event = v;
            case MACHINE -> machine = v;
            case VERSION -> version = v;
            case FROM -> from = v;
            case PEER -> peer = v;
            case REASON -> reason = v;
            case STATE -> state = v;
            case TO -> toOne = v;
            default -> throw new IllegalArgumentException("not a text key: " + key);
        }
    }

    void setList(int key, List<String> v) {
        switch (key) {
            case MACHINES -> machines = v;
            case PEERS -> peers = v;
            case TO -> to = v;
            default -> throw new IllegalArgumentException("not a list key: " + key);
        }
    }

    static boolean isNumber(int key) {
        return key >= 0 && key <= LAST_NUMBER;
    }

    static boolean isText(int key) {
        return key >= EVENT && key <= STATE;
    }

    static boolean isList(int key) {
        return key == MACHINES || key == PEERS;
    }
}
