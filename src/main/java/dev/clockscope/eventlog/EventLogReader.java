package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.clockscope.clock.VectorClock;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a JSON-lines event log with one Jackson parser over the whole file (no per-line object
 * mapping). The first event must be "start"; it names the vector entries. A last line cut short by a
 * crash is reported as a warning, not an error; anything else malformed is an error naming the line.
 * Unknown fields are skipped so newer logs stay readable.
 */
public final class EventLogReader implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final JsonParser parser;
    private final List<String> warnings = new ArrayList<>();
    private final Fields f = new Fields();
    private Event.Start start;
    private Map<String, Integer> index = Map.of();
    private long line;

    private EventLogReader(Path file, InputStream in) throws IOException {
        this.file = file;
        this.parser = JSON.createParser(in);
    }

    public static EventLogReader open(Path file) throws IOException {
        return new EventLogReader(file, Files.newInputStream(file));
    }

    public Path file() {
        return file;
    }

    /** Line number of the event last returned. */
    public long line() {
        return line;
    }

    /** The start event, once the first event has been read. */
    public Event.Start start() {
        return start;
    }

    /** Non-fatal findings, e.g. a truncated last line. */
    public List<String> warnings() {
        return warnings;
    }

    /** Reads every event of {@code file}. Convenient for small logs and tests. */
    public static List<Event> readAll(Path file) throws IOException, EventLogFormatException {
        try (EventLogReader reader = open(file)) {
            List<Event> events = new ArrayList<>();
            for (Event e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
            return events;
        }
    }

    /** The next event, or null at the end of the file. */
    public Event next() throws IOException, EventLogFormatException {
        JsonToken token;
        try {
            token = parser.nextToken();
            if (token == null) {
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                throw error("expected a JSON object, found " + token);
            }
            f.clear();
            readFields();
        } catch (JsonEOFException e) {
            long at = parser.currentLocation().getLineNr();
            warnings.add(file + ":" + at + ": last line is incomplete (cut short by a crash?); ignored");
            return null;
        } catch (JsonParseException e) {
            line = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw error("not valid JSON: " + e.getOriginalMessage());
        }
        Event event = build();
        if (start == null) {
            if (!(event instanceof Event.Start s)) {
                throw error("the first line must be the \"start\" event, found \"" + f.event + "\"");
            }
            start = s;
            Map<String, Integer> idx = new HashMap<>();
            for (int i = 0; i < s.machines().size(); i++) {
                idx.put(s.machines().get(i), i);
            }
            index = idx;
        } else if (event instanceof Event.Start) {
            throw error("a second \"start\" event: two runs are mixed in one file");
        }
        return event;
    }

    private void readFields() throws IOException, EventLogFormatException {
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw error("expected a field name, found " + t);
            }
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "event" -> f.event = text(v, name);
                case "format" -> f.format = number(v, name);
                case "machine" -> f.machine = text(v, name);
                case "machines" -> f.machines = strings(v, name);
                case "peers" -> f.peers = strings(v, name);
                case "ticksPerSecond" -> f.ticksPerSecond = number(v, name);
                case "die" -> f.die = number(v, name);
                case "seed" -> f.seed = number(v, name);
                case "wallMicros" -> f.wallMicros = number(v, name);
                case "incarnation" -> f.incarnation = number(v, name);
                case "version" -> f.version = text(v, name);
                case "tick" -> f.tick = number(v, name);
                case "lamport" -> f.lamport = number(v, name);
                case "vector" -> f.vector = vector(v);
                case "queue" -> f.queue = number(v, name);
                case "to" -> {
                    if (v == JsonToken.START_ARRAY) {
                        f.to = strings(v, name);
                    } else {
                        f.toOne = text(v, name);
                    }
                }
                case "seq" -> f.seq = number(v, name);
                case "from" -> f.from = text(v, name);
                case "msgLamport" -> f.msgLamport = number(v, name);
                case "fromIncarnation" -> f.fromIncarnation = number(v, name);
                case "arrivedMicros" -> f.arrivedMicros = number(v, name);
                case "peer" -> f.peer = text(v, name);
                case "reason" -> f.reason = text(v, name);
                case "ticks" -> f.ticks = number(v, name);
                case "missedTicks" -> f.missedTicks = number(v, name);
                case "state" -> f.state = text(v, name);
                default -> parser.skipChildren();
            }
        }
    }

    private Event build() throws EventLogFormatException {
        if (f.event == null) {
            throw error("missing \"event\"");
        }
        long wall = require(f.wallMicros, "wallMicros");
        return switch (f.event) {
            case "start" -> new Event.Start((int) require(f.format, "format"), requireText(f.machine, "machine"),
                    requireList(f.machines, "machines"), requireList(f.peers, "peers"),
                    (int) require(f.ticksPerSecond, "ticksPerSecond"), (int) require(f.die, "die"),
                    require(f.seed, "seed"), wall, f.incarnation == null ? wall : f.incarnation,
                    f.version == null ? "" : f.version);
            case "send" -> new Event.Send(wall, require(f.tick, "tick"), require(f.lamport, "lamport"), vector(),
                    (int) require(f.queue, "queue"), requireList(f.to, "to"), require(f.seq, "seq"));
            case "receive" -> new Event.Receive(wall, require(f.tick, "tick"), require(f.lamport, "lamport"),
                    vector(), (int) require(f.queue, "queue"), requireText(f.from, "from"), require(f.seq, "seq"),
                    require(f.msgLamport, "msgLamport"), f.fromIncarnation == null ? 0 : f.fromIncarnation,
                    f.arrivedMicros == null ? wall : f.arrivedMicros);
            case "internal" -> new Event.Internal(wall, require(f.tick, "tick"), require(f.lamport, "lamport"),
                    vector(), (int) require(f.queue, "queue"));
            case "connected" -> new Event.Connected(wall, f.peers == null ? List.of() : f.peers);
            case "peer_up" -> new Event.PeerUp(wall, requireText(f.peer, "peer"));
            case "peer_down" -> new Event.PeerDown(wall, requireText(f.peer, "peer"));
            case "undelivered" -> new Event.Undelivered(wall, requireText(f.toOne, "to"), require(f.seq, "seq"),
                    f.reason == null ? "" : f.reason);
            case "rejected" -> new Event.Rejected(wall, requireText(f.from, "from"),
                    f.fromIncarnation == null ? 0 : f.fromIncarnation, require(f.seq, "seq"),
                    f.reason == null ? "" : f.reason);
            case "partition" -> new Event.Partition(wall, requireText(f.peer, "peer"), requireText(f.state, "state"));
            case "stall" -> new Event.Stall(wall, require(f.missedTicks, "missedTicks"));
            case "stop" -> new Event.Stop(wall, f.reason == null ? "" : f.reason, require(f.ticks, "ticks"));
            default -> throw error("unknown event \"" + f.event + "\"");
        };
    }

    private VectorClock vector() throws EventLogFormatException {
        if (f.vector == null) {
            throw error("missing \"vector\"");
        }
        if (start == null) {
            throw error("the first line must be the \"start\" event, found \"" + f.event + "\"");
        }
        long[] counters = new long[index.size()];
        for (Map.Entry<String, Long> e : f.vector.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw error("vector names \"" + e.getKey() + "\", which is not among the start line's machines");
            }
            if (e.getValue() < 0) {
                throw error("vector entry \"" + e.getKey() + "\" is negative");
            }
            counters[i] = e.getValue();
        }
        return VectorClock.of(counters);
    }

    private String text(JsonToken v, String name) throws IOException, EventLogFormatException {
        if (v != JsonToken.VALUE_STRING) {
            throw error("\"" + name + "\" must be a string");
        }
        return parser.getText();
    }

    private long number(JsonToken v, String name) throws IOException, EventLogFormatException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw error("\"" + name + "\" must be an integer");
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT && parser.getNumberType() != JsonParser.NumberType.LONG) {
            throw error("\"" + name + "\" is out of range");
        }
        return parser.getLongValue();
    }

    private List<String> strings(JsonToken v, String name) throws IOException, EventLogFormatException {
        if (v != JsonToken.START_ARRAY) {
            throw error("\"" + name + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            out.add(text(t, name));
        }
        return out;
    }

    private Map<String, Long> vector(JsonToken v) throws IOException, EventLogFormatException {
        if (v != JsonToken.START_OBJECT) {
            throw error("\"vector\" must be an object");
        }
        Map<String, Long> out = new HashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            out.put(key, number(parser.nextToken(), "vector." + key));
        }
        return out;
    }

    private long require(Long value, String name) throws EventLogFormatException {
        if (value == null) {
            throw error("\"" + f.event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }

    private String requireText(String value, String name) throws EventLogFormatException {
        if (value == null) {
            throw error("\"" + f.event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }

    private List<String> requireList(List<String> value, String name) throws EventLogFormatException {
        if (value == null) {
            throw error("\"" + f.event + "\" event lacks \"" + name + "\"");
        }
        return value;
    }

    private EventLogFormatException error(String reason) {
        return new EventLogFormatException(file, line, reason);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Reused per line: the fields seen so far, null when absent. */
    private static final class Fields {
        String event;
        Long format;
        String machine;
        List<String> machines;
        List<String> peers;
        Long ticksPerSecond;
        Long die;
        Long seed;
        Long wallMicros;
        Long incarnation;
        String version;
        Long tick;
        Long lamport;
        Map<String, Long> vector;
        Long queue;
        List<String> to;
        String toOne;
        Long seq;
        String from;
        Long msgLamport;
        Long fromIncarnation;
        Long arrivedMicros;
        String peer;
        String reason;
        Long ticks;
        Long missedTicks;
        String state;

        void clear() {
            event = null;
            format = null;
            machine = null;
            machines = null;
            peers = null;
            ticksPerSecond = null;
            die = null;
            seed = null;
            wallMicros = null;
            incarnation = null;
            version = null;
            tick = null;
            lamport = null;
            vector = null;
            queue = null;
            to = null;
            toOne = null;
            seq = null;
            from = null;
            msgLamport = null;
            fromIncarnation = null;
            arrivedMicros = null;
            peer = null;
            reason = null;
            ticks = null;
            missedTicks = null;
            state = null;
        }
    }
}
