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
 * digit pairs at a time by {@link DecimalDigits}, and what repeats from line to line comes from {@link LineCaches}).
 * The output is byte-for-byte what {@link EventJson} writes with Jackson
 * ({@code EventLineEncoderTest} checks it on every kind and on awkward strings); a string that needs
 * escaping or is not plain ASCII is handed to Jackson itself, so the escaping rules are Jackson's.
 * Not thread-safe.
 */
public final class EventLineEncoder {
    private static final JsonFactory JSON = new JsonFactory();
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
                DecimalDigits.number(out, t.tick());
                out.put(LAMPORT);
                DecimalDigits.number(out, t.lamport());
                Hlc h = t.hlc();
                if (h != null) { // a run without hybrid logical clocks omits the field
                    out.put(HLC);
                    hlcL.write(out, h.l());
                    out.put((byte) ',');
                    DecimalDigits.number(out, h.c());
                    out.put((byte) ']');
                }
                if (t.vector() != null) { // a run without vector clocks (large simulations) omits the field
                    vector(out, t.vector());
                }
                out.put(QUEUE);
                DecimalDigits.number(out, t.queue());
            }
            if (event instanceof Event.Send s) {
                out.put(TO);
                names.writeAll(out, s.to());
                out.put(SEQ);
                DecimalDigits.number(out, s.seq());
            } else if (event instanceof Event.Receive r) {
                out.put(FROM);
                names.write(out, r.from());
                out.put(SEQ);
                DecimalDigits.number(out, r.seq());
                out.put(MSG_LAMPORT);
                DecimalDigits.number(out, r.msgLamport());
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
                DecimalDigits.number(out, u.seq());
                out.put(REASON);
                string(out, u.reason());
            } else if (event instanceof Event.Rejected r) {
                out.put(FROM);
                string(out, r.from());
                out.put(FROM_INCARNATION);
                DecimalDigits.number(out, r.fromIncarnation());
                out.put(SEQ);
                DecimalDigits.number(out, r.seq());
                out.put(REASON);
                string(out, r.reason());
                if (r.arrivedMicros() != 0) {
                    out.put(ARRIVED_MICROS);
                    DecimalDigits.number(out, r.arrivedMicros());
                }
            } else if (event instanceof Event.Partition p) {
                out.put(PEER);
                string(out, p.peer());
                out.put(STATE);
                string(out, p.state());
            } else if (event instanceof Event.Stall s) {
                out.put(MISSED_TICKS);
                DecimalDigits.number(out, s.missedTicks());
            } else if (event instanceof Event.Stop s) {
                out.put(REASON);
                string(out, s.reason());
                out.put(TICKS);
                DecimalDigits.number(out, s.ticks());
            } else if (event instanceof Event.Resumed r) {
                out.put(LAMPORT);
                DecimalDigits.number(out, r.lamport());
                out.put(OWN_ENTRY);
                DecimalDigits.number(out, r.ownEntry());
            } else if (event instanceof Event.Unprocessed u) {
                out.put(FROM);
                string(out, u.from());
                out.put(FROM_INCARNATION);
                DecimalDigits.number(out, u.fromIncarnation());
                out.put(SEQS);
                string(out, u.seqs());
                out.put(COUNT);
                DecimalDigits.number(out, u.count());
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
    private final LineCaches.MicrosDigits wall = new LineCaches.MicrosDigits();
    /** The physical readings and HLCs' l, likewise (each its own cache: with a skewed clock they differ from wall). */
    private final LineCaches.MicrosDigits phys = new LineCaches.MicrosDigits();
    private final LineCaches.MicrosDigits hlcL = new LineCaches.MicrosDigits();
    /** When a message arrived: a few ms before its receive's wall time, so mostly the same high digits. */
    private final LineCaches.MicrosDigits arrived = new LineCaches.MicrosDigits();
    /** Senders' incarnations: one per peer life, the same few values over and over. */
    private final LineCaches.RecentNumbers incarnations = new LineCaches.RecentNumbers();
    /** Peer ids in receives and sends: the same few String instances over and over. */
    private final LineCaches.RecentNames names = new LineCaches.RecentNames();

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
        DecimalDigits.number(out, s.format());
        out.put(MACHINE);
        string(out, s.machine());
        out.put(MACHINES);
        strings(out, s.machines());
        out.put(PEERS);
        strings(out, s.peers());
        out.put(TICKS_PER_SECOND);
        DecimalDigits.number(out, s.ticksPerSecond());
        if (s.unthrottled()) {
            out.put(UNTHROTTLED);
        }
        out.put(DIE);
        DecimalDigits.number(out, s.die());
        out.put(SEED);
        DecimalDigits.number(out, s.seed());
        out.put(WALL_MICROS);
        DecimalDigits.number(out, s.wallMicros());
        out.put(INCARNATION);
        DecimalDigits.number(out, s.incarnation());
        out.put(VERSION);
        string(out, s.version());
        if (s.resumed()) {
            out.put(RESUMED_FROM);
            DecimalDigits.number(out, s.resumedLamport());
            out.put(OWN_ENTRY);
            DecimalDigits.number(out, s.resumedOwnEntry());
            out.put((byte) '}');
        }
        out.put(CLOCK_OFFSET_MICROS);
        DecimalDigits.number(out, s.clockOffsetMicros());
        out.put(CLOCK_DRIFT_PPB);
        DecimalDigits.number(out, s.clockDriftPpb());
        if (s.keepsHlc()) {
            out.put(HLC_MAX_OFFSET_MICROS);
            DecimalDigits.number(out, s.hlcMaxOffsetMicros());
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
            DecimalDigits.number(out, v.get(i));
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
