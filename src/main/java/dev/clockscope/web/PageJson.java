package dev.clockscope.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The frames the page receives, as compact JSON (field names of one or two letters: a frame may hold
 * thousands of events). Integers beyond JavaScript's exact range (2^53 - 1) are sent as strings, and the
 * seed always is, so the page shows 64-bit values exactly (JSON.parse would round them). docs/LIVE.md
 * documents every field.
 */
final class PageJson {
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** Vector clocks of more machines than this are not sent to the page. */
    static final int MAX_PAGE_VECTOR = 1_000;
    private static final JsonFactory JSON = new JsonFactory();

    private PageJson() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return JSON.createGenerator(out);
    }

    /** A number JavaScript can hold exactly, else the same digits as a string. */
    static void number(JsonGenerator g, String field, long value) throws IOException {
        if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) {
            g.writeNumberField(field, value);
        } else {
            g.writeStringField(field, Long.toString(value));
        }
    }

    static void run(JsonGenerator g, LiveHub.View v, int eventsPerFrame) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "run");
        g.writeStringField("title", v.run().title());
        g.writeStringField("mode", v.run().mode());
        g.writeBooleanField("controls", v.run().controls());
        g.writeNumberField("generation", v.runGeneration());
        g.writeArrayFieldStart("machines");
        for (String m : v.machines()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeNumberField("ringEvents", v.capacity());
        g.writeNumberField("eventsPerFrame", eventsPerFrame);
        g.writeEndObject();
    }

    static void stats(JsonGenerator g, LiveHub.View v, long skippedForClient) throws IOException {
        RunStats.Snapshot s = v.stats();
        g.writeStartObject();
        g.writeStringField("type", "stats");
        number(g, "published", s.published());
        number(g, "head", v.head());
        number(g, "wall", s.latestWallMicros());
        number(g, "skipped", skippedForClient);
        g.writeArrayFieldStart("machines");
        for (RunStats.Machine m : s.machines()) {
            g.writeStartObject();
            number(g, "e", m.events);
            number(g, "s", m.sends);
            number(g, "r", m.receives);
            number(g, "i", m.internals);
            number(g, "l", m.lamport);
            number(g, "t", m.tick);
            number(g, "q", m.queue);
            number(g, "w", m.wallMicros);
            number(g, "st", m.stalls);
            number(g, "mt", m.missedTicks);
            number(g, "u", m.undelivered);
            number(g, "pd", m.peerDowns);
            number(g, "starts", m.starts);
            number(g, "co", m.countedOnly);
            g.writeBooleanField("stopped", m.stopped);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("links");
        for (RunStats.Link l : s.links()) {
            g.writeStartArray();
            g.writeNumber(l.from);
            g.writeNumber(l.to);
            g.writeNumber(l.sent);
            g.writeNumber(l.received);
            g.writeNumber(l.undelivered);
            g.writeNumber(l.inFlight());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void warnings(JsonGenerator g, List<String> messages) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "warnings");
        g.writeArrayFieldStart("messages");
        for (String m : messages) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A one-line answer to a control: {@code ok} false means nothing changed. */
    static void reply(JsonGenerator g, long id, boolean ok, String message) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", ok ? "ack" : "error");
        g.writeNumberField("id", id);
        g.writeStringField("message", message);
        g.writeEndObject();
    }

    /** Events [first, first + count) as copied from the ring; {@code skipped}: held back before them. */
    static void events(JsonGenerator g, long first, long skipped, Object[] items, int[] machines, long[] lines,
                       int count, Map<String, Integer> index) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "events");
        number(g, "first", first);
        number(g, "skipped", skipped);
        g.writeArrayFieldStart("events");
        for (int i = 0; i < count; i++) {
            g.writeStartObject();
            number(g, "i", first + i);
            g.writeNumberField("m", machines[i]);
            number(g, "n", lines[i]);
            if (items[i] instanceof Mark mark) {
                g.writeStringField("k", "mark");
                number(g, "w", mark.wallMicros());
                g.writeStringField("a", mark.action());
                g.writeStringField("d", mark.detail());
            } else {
                event(g, (Event) items[i], index);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static int idx(Map<String, Integer> index, String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    private static void event(JsonGenerator g, Event e, Map<String, Integer> index) throws IOException {
        g.writeStringField("k", e.kind());
        number(g, "w", e.wallMicros());
        if (e instanceof Event.TickEvent t) {
            number(g, "t", t.tick());
            number(g, "l", t.lamport());
            VectorClock v = t.vector();
            // runs without vector clocks (large simulations) have none; above MAX_PAGE_VECTOR entries one
            // event would outweigh a whole frame, so the page does without (no causal past for those runs)
            if (v != null && v.size() <= MAX_PAGE_VECTOR) {
                g.writeArrayFieldStart("v");
                for (int i = 0; i < v.size(); i++) {
                    long x = v.get(i);
                    if (x <= MAX_SAFE_INTEGER) {
                        g.writeNumber(x);
                    } else {
                        g.writeString(Long.toString(x));
                    }
                }
                g.writeEndArray();
            }
            if (t.hlc() != null) {
                g.writeArrayFieldStart("h");
                g.writeString(Long.toString(t.hlc().l())); // physical microseconds: beyond 2^53 soon enough
                g.writeNumber(t.hlc().c());
                g.writeEndArray();
            }
            g.writeNumberField("q", t.queue());
        }
        if (e instanceof Event.Send s) {
            g.writeArrayFieldStart("to");
            for (String to : s.to()) {
                g.writeNumber(idx(index, to));
            }
            g.writeEndArray();
            number(g, "s", s.seq());
        } else if (e instanceof Event.Receive r) {
            g.writeNumberField("f", idx(index, r.from()));
            number(g, "s", r.seq());
            number(g, "ml", r.msgLamport());
            g.writeStringField("fi", Long.toString(r.fromIncarnation()));
            number(g, "a", r.arrivedMicros());
        } else if (e instanceof Event.Start s) {
            g.writeStringField("seed", Long.toString(s.seed()));
            g.writeStringField("inc", Long.toString(s.incarnation()));
            g.writeNumberField("tps", s.ticksPerSecond());
            g.writeNumberField("die", s.die());
            g.writeStringField("ver", s.version());
        } else if (e instanceof Event.PeerUp u) {
            g.writeNumberField("p", idx(index, u.peer()));
        } else if (e instanceof Event.PeerDown d) {
            g.writeNumberField("p", idx(index, d.peer()));
        } else if (e instanceof Event.Undelivered u) {
            g.writeNumberField("u", idx(index, u.to()));
            number(g, "s", u.seq());
            g.writeStringField("r", u.reason());
        } else if (e instanceof Event.Rejected r) {
            g.writeNumberField("f", idx(index, r.from()));
            g.writeStringField("fi", Long.toString(r.fromIncarnation()));
            number(g, "s", r.seq());
            g.writeStringField("r", r.reason());
        } else if (e instanceof Event.Partition p) {
            g.writeNumberField("p", idx(index, p.peer()));
            g.writeStringField("st", p.state());
        } else if (e instanceof Event.Stall s) {
            number(g, "x", s.missedTicks());
        } else if (e instanceof Event.Stop s) {
            g.writeStringField("r", s.reason());
            number(g, "c", s.ticks());
        }
    }
}
