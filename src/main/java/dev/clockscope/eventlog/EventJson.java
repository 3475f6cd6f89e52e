package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.clock.VectorClock;
import java.io.IOException;
import java.util.List;

/**
 * Writes one event as one JSON object with Jackson; the field names here are the log format's contract.
 * The writer uses the allocation-free {@link EventLineEncoder}, which must produce byte-for-byte the same
 * lines (EventLineEncoderTest compares the two); this class is the readable reference.
 */
final class EventJson {
    private EventJson() {
    }

    /** {@code machines} names the vector entries (config order), known from the start event. */
    static void write(JsonGenerator g, Event event, List<String> machines) throws IOException {
        g.writeStartObject();
        g.writeStringField("event", event.kind());
        if (event instanceof Event.Start s) {
            g.writeNumberField("format", s.format());
            g.writeStringField("machine", s.machine());
            writeStrings(g, "machines", s.machines());
            writeStrings(g, "peers", s.peers());
            g.writeNumberField("ticksPerSecond", s.ticksPerSecond());
            if (s.unthrottled()) {
                g.writeBooleanField("unthrottled", true);
            }
            g.writeNumberField("die", s.die());
            g.writeNumberField("seed", s.seed());
            g.writeNumberField("wallMicros", s.wallMicros());
            g.writeNumberField("incarnation", s.incarnation());
            g.writeStringField("version", s.version());
            if (s.resumed()) {
                g.writeObjectFieldStart("resumedFrom");
                g.writeNumberField("lamport", s.resumedLamport());
                g.writeNumberField("ownEntry", s.resumedOwnEntry());
                g.writeEndObject();
            }
            g.writeNumberField("clockOffsetMicros", s.clockOffsetMicros());
            g.writeNumberField("clockDriftPpb", s.clockDriftPpb());
            if (s.keepsHlc()) {
                g.writeNumberField("hlcMaxOffsetMicros", s.hlcMaxOffsetMicros());
            }
        } else {
            g.writeNumberField("wallMicros", event.wallMicros());
            if (event instanceof Event.TickEvent t) {
                if (t.physMicros() != t.wallMicros()) {
                    g.writeNumberField("physMicros", t.physMicros());
                }
                g.writeNumberField("tick", t.tick());
                g.writeNumberField("lamport", t.lamport());
                if (t.hlc() != null) {
                    g.writeArrayFieldStart("hlc");
                    g.writeNumber(t.hlc().l());
                    g.writeNumber(t.hlc().c());
                    g.writeEndArray();
                }
                if (t.vector() != null) {
                    writeVector(g, t.vector(), machines);
                }
                g.writeNumberField("queue", t.queue());
            }
            if (event instanceof Event.Send s) {
                writeStrings(g, "to", s.to());
                g.writeNumberField("seq", s.seq());
            } else if (event instanceof Event.Receive r) {
                g.writeStringField("from", r.from());
                g.writeNumberField("seq", r.seq());
                g.writeNumberField("msgLamport", r.msgLamport());
                g.writeNumberField("fromIncarnation", r.fromIncarnation());
                g.writeNumberField("arrivedMicros", r.arrivedMicros());
            } else if (event instanceof Event.Connected c) {
                writeStrings(g, "peers", c.peers());
            } else if (event instanceof Event.PeerUp u) {
                g.writeStringField("peer", u.peer());
            } else if (event instanceof Event.PeerDown d) {
                g.writeStringField("peer", d.peer());
            } else if (event instanceof Event.Undelivered u) {
                g.writeStringField("to", u.to());
                g.writeNumberField("seq", u.seq());
                g.writeStringField("reason", u.reason());
            } else if (event instanceof Event.Rejected r) {
                g.writeStringField("from", r.from());
                g.writeNumberField("fromIncarnation", r.fromIncarnation());
                g.writeNumberField("seq", r.seq());
                g.writeStringField("reason", r.reason());
                if (r.arrivedMicros() != 0) {
                    g.writeNumberField("arrivedMicros", r.arrivedMicros());
                }
            } else if (event instanceof Event.Partition p) {
                g.writeStringField("peer", p.peer());
                g.writeStringField("state", p.state());
            } else if (event instanceof Event.Stall s) {
                g.writeNumberField("missedTicks", s.missedTicks());
            } else if (event instanceof Event.Stop s) {
                g.writeStringField("reason", s.reason());
                g.writeNumberField("ticks", s.ticks());
            } else if (event instanceof Event.Resumed r) {
                g.writeNumberField("lamport", r.lamport());
                g.writeNumberField("ownEntry", r.ownEntry());
            } else if (event instanceof Event.Unprocessed u) {
                g.writeStringField("from", u.from());
                g.writeNumberField("fromIncarnation", u.fromIncarnation());
                g.writeStringField("seqs", u.seqs());
                g.writeNumberField("count", u.count());
            }
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeVector(JsonGenerator g, VectorClock vector, List<String> machines) throws IOException {
        g.writeObjectFieldStart("vector");
        for (int i = 0; i < vector.size(); i++) {
            g.writeNumberField(machines.get(i), vector.get(i));
        }
        g.writeEndObject();
    }
}
