package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes one event as one JSON line straight into a byte array, without Jackson's generator and without
 * allocating on the common path (field names and vector keys are precomputed bytes, numbers are written
 * digit by digit). The output is byte-for-byte what {@link EventJson} writes with Jackson
 * ({@code EventLineEncoderTest} checks it on every kind and on awkward strings); a string that needs
 * escaping or is not plain ASCII is handed to Jackson itself, so the escaping rules are Jackson's.
 * Not thread-safe.
 */
public final class EventLineEncoder {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final byte[] START = ascii("{\"event\":\"start\",\"format\":");
    private static final byte[] MACHINE = ascii(",\"machine\":");
    private static final byte[] MACHINES = ascii(",\"machines\":");
    private static final byte[] PEERS = ascii(",\"peers\":");
    private static final byte[] TICKS_PER_SECOND = ascii(",\"ticksPerSecond\":");
    private static final byte[] UNTHROTTLED = ascii(",\"unthrottled\":true");
    private static final byte[] DIE = ascii(",\"die\":");
    private static final byte[] SEED = ascii(",\"seed\":");
    private static final byte[] WALL_MICROS = ascii(",\"wallMicros\":");
    private static final byte[] INCARNATION = ascii(",\"incarnation\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] TICK = ascii(",\"tick\":");
    private static final byte[] LAMPORT = ascii(",\"lamport\":");
    private static final byte[] VECTOR = ascii(",\"vector\":{");
    private static final byte[] QUEUE = ascii(",\"queue\":");
    private static final byte[] TO = ascii(",\"to\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] FROM = ascii(",\"from\":");
    private static final byte[] MSG_LAMPORT = ascii(",\"msgLamport\":");
    private static final byte[] FROM_INCARNATION = ascii(",\"fromIncarnation\":");
    private static final byte[] ARRIVED_MICROS = ascii(",\"arrivedMicros\":");
    private static final byte[] PEER = ascii(",\"peer\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] MISSED_TICKS = ascii(",\"missedTicks\":");
    private static final byte[] STATE = ascii(",\"state\":");
    private static final byte[] TICKS = ascii(",\"ticks\":");
    private static final byte[] RESUMED_FROM = ascii(",\"resumedFrom\":{\"lamport\":");
    private static final byte[] OWN_ENTRY = ascii(",\"ownEntry\":");
    private static final byte[] SEQS = ascii(",\"seqs\":");
    private static final byte[] COUNT = ascii(",\"count\":");
    private static final byte[] PHYS_MICROS = ascii(",\"physMicros\":");
    private static final byte[] HLC = ascii(",\"hlc\":[");
    private static final byte[] CLOCK_OFFSET_MICROS = ascii(",\"clockOffsetMicros\":");
    private static final byte[] CLOCK_DRIFT_PPB = ascii(",\"clockDriftPpb\":");
    private static final byte[] HLC_MAX_OFFSET_MICROS = ascii(",\"hlcMaxOffsetMicros\":");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));

    /** A growable byte array the encoder appends to. */
    public static final class Buffer {
        byte[] bytes;
        int length;
        /** Events encoded into this buffer since it was last cleared. */
        int events;

        public Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return length;
        }

        public void clear() {
            length = 0;
            events = 0;
        }

        public int events() {
            return events;
        }

        void ensure(int more) {
            if (length + more > bytes.length) {
                grow(more); // out of line: the check alone is small enough for C1 to inline at every call
            }
        }

        private void grow(int more) {
            byte[] bigger = new byte[Math.max(bytes.length * 2, length + more)];
            System.arraycopy(bytes, 0, bigger, 0, length);
            bytes = bigger;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }
    }

    private List<String> machines = List.of();
    /** {@code "id":} for every machine, in config order: the vector's keys. */
    private byte[][] vectorKeys = new byte[0][];
    /** The kind names as quoted-and-prefixed bytes: {@code {"event":"send","wallMicros":}. */
    private final java.util.Map<String, byte[]> heads = new java.util.HashMap<>();

    /** The machines that name vector entries (config order), from the start event. */
    public void machines(List<String> ids) {
        if (ids.equals(machines)) {
            return;
        }
        machines = List.copyOf(ids);
        vectorKeys = new byte[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            Buffer b = new Buffer(16);
            string(b, ids.get(i));
            b.put((byte) ':');
            vectorKeys[i] = java.util.Arrays.copyOf(b.bytes, b.length);
        }
    }

    /** Appends {@code event} as one line, newline included. A start event also sets the machines. */
    public void encode(Event event, Buffer out) {
        out.events++;
        if (event instanceof Event.Start s) {
            machines(s.machines());
            start(s, out);
        } else {
            out.put(head(event));
            wall.write(out, event.wallMicros());
            if (event instanceof Event.TickEvent t) {
                if (t.physMicros() != t.wallMicros()) { // a machine on the host's own clock: the reader takes wallMicros
                    out.put(PHYS_MICROS);
                    phys.write(out, t.physMicros());
                }
                out.put(TICK);
                number(out, t.tick());
                out.put(LAMPORT);
                number(out, t.lamport());
                Hlc h = t.hlc();
                if (h != null) { // a run without hybrid logical clocks omits the field
                    out.put(HLC);
                    hlcL.write(out, h.l());
                    out.put((byte) ',');
                    number(out, h.c());
                    out.put((byte) ']');
                }
                if (t.vector() != null) { // a run without vector clocks (large simulations) omits the field
                    vector(out, t.vector());
                }
                out.put(QUEUE);
                number(out, t.queue());
            }
            if (event instanceof Event.Send s) {
                out.put(TO);
                names.writeAll(out, s.to());
                out.put(SEQ);
                number(out, s.seq());
            } else if (event instanceof Event.Receive r) {
                out.put(FROM);
                names.write(out, r.from());
                out.put(SEQ);
                number(out, r.seq());
                out.put(MSG_LAMPORT);
                number(out, r.msgLamport());
                out.put(FROM_INCARNATION);
                incarnations.write(out, r.fromIncarnation());
                out.put(ARRIVED_MICROS);
                arrived.write(out, r.arrivedMicros());
            } else if (event instanceof Event.Connected c) {
                out.put(PEERS);
                strings(out, c.peers());
            } else if (event instanceof Event.PeerUp u) {
                out.put(PEER);
                string(out, u.peer());
            } else if (event instanceof Event.PeerDown d) {
                out.put(PEER);
                string(out, d.peer());
            } else if (event instanceof Event.Undelivered u) {
                out.put(TO);
                string(out, u.to());
                out.put(SEQ);
                number(out, u.seq());
                out.put(REASON);
                string(out, u.reason());
            } else if (event instanceof Event.Rejected r) {
                out.put(FROM);
                string(out, r.from());
                out.put(FROM_INCARNATION);
                number(out, r.fromIncarnation());
                out.put(SEQ);
                number(out, r.seq());
                out.put(REASON);
                string(out, r.reason());
                if (r.arrivedMicros() != 0) {
                    out.put(ARRIVED_MICROS);
                    number(out, r.arrivedMicros());
                }
            } else if (event instanceof Event.Partition p) {
                out.put(PEER);
                string(out, p.peer());
                out.put(STATE);
                string(out, p.state());
            } else if (event instanceof Event.Stall s) {
                out.put(MISSED_TICKS);
                number(out, s.missedTicks());
            } else if (event instanceof Event.Stop s) {
                out.put(REASON);
                string(out, s.reason());
                out.put(TICKS);
                number(out, s.ticks());
            } else if (event instanceof Event.Resumed r) {
                out.put(LAMPORT);
                number(out, r.lamport());
                out.put(OWN_ENTRY);
                number(out, r.ownEntry());
            } else if (event instanceof Event.Unprocessed u) {
                out.put(FROM);
                string(out, u.from());
                out.put(FROM_INCARNATION);
                number(out, u.fromIncarnation());
                out.put(SEQS);
                string(out, u.seqs());
                out.put(COUNT);
                number(out, u.count());
            }
        }
        out.ensure(2);
        out.bytes[out.length++] = '}';
        out.bytes[out.length++] = '\n';
    }

    private static final byte[] HEAD_SEND = headBytes("send");
    private static final byte[] HEAD_RECEIVE = headBytes("receive");
    private static final byte[] HEAD_INTERNAL = headBytes("internal");

    /** The three tick kinds without a map lookup; the rare kinds through the map. */
    private byte[] head(Event event) {
        if (event instanceof Event.Internal) {
            return HEAD_INTERNAL;
        }
        if (event instanceof Event.Send) {
            return HEAD_SEND;
        }
        if (event instanceof Event.Receive) {
            return HEAD_RECEIVE;
        }
        return head(event.kind());
    }

    private static byte[] headBytes(String kind) {
        Buffer b = new Buffer(48);
        b.put(ascii("{\"event\":"));
        string(b, kind);
        b.put(WALL_MICROS);
        return java.util.Arrays.copyOf(b.bytes, b.length);
    }

    /** Wall times of successive events share all but their last few digits: those are cached. */
    private final MicrosDigits wall = new MicrosDigits();
    /** The physical readings and HLCs' l, likewise (each its own cache: with a skewed clock they differ from wall). */
    private final MicrosDigits phys = new MicrosDigits();
    private final MicrosDigits hlcL = new MicrosDigits();
    /** When a message arrived: a few ms before its receive's wall time, so mostly the same high digits. */
    private final MicrosDigits arrived = new MicrosDigits();
    /** Senders' incarnations: one per peer life, the same few values over and over. */
    private final RecentNumbers incarnations = new RecentNumbers();
    /** Peer ids in receives and sends: the same few String instances over and over. */
    private final RecentNames names = new RecentNames();

    /**
     * The last few distinct values written, with their digits: a 16-digit incarnation costs a copy, not eight
     * 64-bit divisions. Replaced round-robin, so a machine with many peers still pays only for a miss.
     */
    private static final class RecentNumbers {
        private static final int SLOTS = 8;
        private final long[] values = new long[SLOTS];
        private final byte[][] digits = new byte[SLOTS][];
        private int next;

        void write(Buffer out, long v) {
            for (int k = 0; k < SLOTS; k++) {
                if (digits[k] != null && values[k] == v) {
                    out.put(digits[k]);
                    return;
                }
            }
            int start = out.length;
            number(out, v);
            values[next] = v;
            digits[next] = java.util.Arrays.copyOfRange(out.bytes, start, out.length);
            next = (next + 1) % SLOTS;
        }
    }

    /**
     * The last few strings written as names, by identity, with their JSON bytes: machine ids come from one
     * table, so a send or receive copies its peer's quoted id instead of checking it char by char.
     */
    private static final class RecentNames {
        private static final int SLOTS = 16;
        private final String[] names = new String[SLOTS];
        private final byte[][] json = new byte[SLOTS][];
        private int next;

        void write(Buffer out, String s) {
            for (int k = 0; k < SLOTS; k++) {
                if (names[k] == s) {
                    out.put(json[k]);
                    return;
                }
            }
            int start = out.length;
            string(out, s);
            names[next] = s;
            json[next] = java.util.Arrays.copyOfRange(out.bytes, start, out.length);
            next = (next + 1) % SLOTS;
        }

        void writeAll(Buffer out, List<String> values) {
            out.put((byte) '[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                write(out, values.get(i));
            }
            out.put((byte) ']');
        }
    }


    /**
     * Times in µs as {@link #number} writes them, formatting only the last 4 digits on most calls: the
     * digits of {@code v / 10^4} (which changes every 10 ms) are kept from the previous call.
     */
    private static final class MicrosDigits {
        private static final long SPLIT = 10_000;
        /** {@code high * SPLIT}: a value in [highBase, highBase + SPLIT) needs no division at all. */
        private long highBase = -1;
        private final Buffer highDigits = new Buffer(24);

        void write(Buffer out, long v) {
            if (v < SPLIT) { // also every negative value: both sides of the subtraction below stay >= 0
                number(out, v);
                return;
            }
            long offset = v - highBase;
            if (highBase < 0 || offset < 0 || offset >= SPLIT) {
                long h = v / SPLIT;
                highDigits.clear();
                number(highDigits, h);
                highBase = h * SPLIT;
                offset = v - highBase;
            }
            int low = (int) offset;
            int n = highDigits.length;
            out.ensure(n + 4);
            byte[] b = out.bytes;
            int p = out.length;
            System.arraycopy(highDigits.bytes, 0, b, p, n);
            p += n;
            int hi = div100(low);
            int lo = low - hi * 100;
            b[p] = DIGIT_PAIRS[2 * hi];
            b[p + 1] = DIGIT_PAIRS[2 * hi + 1];
            b[p + 2] = DIGIT_PAIRS[2 * lo];
            b[p + 3] = DIGIT_PAIRS[2 * lo + 1];
            out.length = p + 4;
        }
    }

    private byte[] head(String kind) {
        byte[] h = heads.get(kind);
        if (h == null) {
            Buffer b = new Buffer(48);
            b.put(ascii("{\"event\":"));
            string(b, kind);
            b.put(WALL_MICROS);
            h = java.util.Arrays.copyOf(b.bytes, b.length);
            heads.put(kind, h);
        }
        return h;
    }

    private void start(Event.Start s, Buffer out) {
        out.put(START);
        number(out, s.format());
        out.put(MACHINE);
        string(out, s.machine());
        out.put(MACHINES);
        strings(out, s.machines());
        out.put(PEERS);
        strings(out, s.peers());
        out.put(TICKS_PER_SECOND);
        number(out, s.ticksPerSecond());
        if (s.unthrottled()) {
            out.put(UNTHROTTLED);
        }
        out.put(DIE);
        number(out, s.die());
        out.put(SEED);
        number(out, s.seed());
        out.put(WALL_MICROS);
        number(out, s.wallMicros());
        out.put(INCARNATION);
        number(out, s.incarnation());
        out.put(VERSION);
        string(out, s.version());
        if (s.resumed()) {
            out.put(RESUMED_FROM);
            number(out, s.resumedLamport());
            out.put(OWN_ENTRY);
            number(out, s.resumedOwnEntry());
            out.put((byte) '}');
        }
        out.put(CLOCK_OFFSET_MICROS);
        number(out, s.clockOffsetMicros());
        out.put(CLOCK_DRIFT_PPB);
        number(out, s.clockDriftPpb());
        if (s.keepsHlc()) {
            out.put(HLC_MAX_OFFSET_MICROS);
            number(out, s.hlcMaxOffsetMicros());
        }
    }

    private void vector(Buffer out, VectorClock v) {
        out.put(VECTOR);
        int n = v.size();
        byte[][] keys = vectorKeys;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            // like EventJson, a vector wider than the start line's machines is a programming error
            out.put(keys[i]);
            number(out, v.get(i));
        }
        out.put((byte) '}');
    }

    private static void strings(Buffer out, List<String> values) {
        out.put((byte) '[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.put((byte) ',');
            }
            string(out, values.get(i));
        }
        out.put((byte) ']');
    }

    /** A JSON string: plain printable ASCII is copied; anything else is escaped by Jackson itself. */
    static void string(Buffer out, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                out.put(jacksonString(s));
                return;
            }
        }
        out.ensure(n + 2);
        byte[] b = out.bytes;
        int p = out.length;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) s.charAt(i);
        }
        b[p++] = '"';
        out.length = p;
    }

    private static byte[] jacksonString(String s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length() + 16);
            try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
                g.writeString(s);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A long in decimal, as Jackson writes it. */
    static void number(Buffer out, long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            number(out, (int) v);
            return;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                out.put(LONG_MIN);
                return;
            }
            out.put((byte) '-');
            v = -v;
            if (v <= Integer.MAX_VALUE) {
                number(out, (int) v);
                return;
            }
        }
        // one 64-bit division: the high digits, then the last eight as an int (a µs time is 16 digits)
        long high = v / HUNDRED_MILLION;
        number(out, high);
        eightDigits(out, (int) (v - high * HUNDRED_MILLION));
    }

    private static final long HUNDRED_MILLION = 100_000_000L;

    /** {@code 0 <= v < 10^8} as exactly eight digits, leading zeros included. */
    private static void eightDigits(Buffer out, int v) {
        out.ensure(8);
        byte[] b = out.bytes;
        int p = out.length + 8;
        out.length = p;
        for (int k = 0; k < 4; k++) {
            int q = div100(v);
            int pair = (v - q * 100) << 1;
            v = q;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
    }

    /**
     * {@code v / 100} for {@code 0 <= v < 2^31} by a multiply and a shift (exact over that range): the machines
     * run C1-compiled code, which divides by a constant with a real division instruction.
     */
    private static int div100(int v) {
        return (int) ((v * 1374389535L) >>> 37);
    }

    /** An int in decimal; non-negative values (ticks, queue lengths) take the cheaper int division path. */
    private static void number(Buffer out, int v) {
        if (v < 0) {
            number(out, (long) v); // the long path writes the sign (an int is never Long.MIN_VALUE)
            return;
        }
        int digits = intDigits(v);
        out.ensure(digits);
        byte[] b = out.bytes;
        int p = out.length + digits;
        out.length = p;
        while (v >= 100) {
            int q = div100(v);
            int pair = (v - q * 100) << 1;
            v = q;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
        if (v >= 10) {
            b[--p] = DIGIT_PAIRS[2 * v + 1];
            b[--p] = DIGIT_PAIRS[2 * v];
        } else {
            b[--p] = (byte) ('0' + v);
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /**
     * Decimal digits of {@code v >= 0} by comparisons, small values first (ticks, clocks, queues, seqs): C1 has
     * no intrinsic for {@link Long#numberOfLeadingZeros}.
     */
    static int intDigits(int v) {
        if (v < 10_000) {
            return v < 100 ? (v < 10 ? 1 : 2) : (v < 1_000 ? 3 : 4);
        }
        if (v < 100_000_000) {
            return v < 1_000_000 ? (v < 100_000 ? 5 : 6) : (v < 10_000_000 ? 7 : 8);
        }
        return v < 1_000_000_000 ? 9 : 10;
    }

    /** Decimal digits of {@code v >= 0}: an estimate from the bit length, corrected by one comparison. */
    static int digits(long v) {
        int d = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12; // floor(log10(2^bits)), one low at most
        return d >= 19 ? 19 : (v >= POWERS_OF_TEN[d] ? d + 1 : Math.max(d, 1));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
