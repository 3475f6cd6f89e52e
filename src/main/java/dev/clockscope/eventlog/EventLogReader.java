package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a JSON-lines event log, one line at a time. Lines in the shape the writer produces (flat
 * object, plain strings, integers) take a hand-written byte-level path ({@link FastLineParser}, several
 * times faster than a JSON library); anything else on a line (escapes, unknown nested fields, errors) is
 * parsed by Jackson, so error messages and forward compatibility do not depend on the fast path. Either
 * parser fills {@link LineFields}, of which {@link EventBuilder} makes the event; {@link #read} takes tick lines
 * in the writer's exact shape straight into a batch's columns ({@link TickLineParser}).
 * The first event must be "start"; it names the vector entries. A last line cut short by a crash is
 * reported as a warning, not an error; anything else malformed is an error naming the line.
 * Unknown fields are skipped so newer logs stay readable.
 */
public final class EventLogReader implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Jackson's note inside a reason, "(start marker at [Source: REDACTED (`StreamReadFeature...` disabled); line:
     * 1, column: 1])": its internals, not the user's (config.JsonErrors cuts it from config and topology files).
     */
    private static final java.util.regex.Pattern SOURCE_NOTE =
            java.util.regex.Pattern.compile("\\s*\\([^()\\[]*\\[Source:.*?\\]\\)");
    private static final int BUFFER_BYTES = 1 << 20;
    /**
     * Tick lines are parsed in place only with this much read ahead (or at the end of the file): a line is
     * then never cut by the end of the buffer, a case the JIT would otherwise keep recompiling for.
     */
    private static final int READ_AHEAD_BYTES = 8 << 10;
    /** A line longer than this is not an event: refuse it rather than buffer without bound. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final Path file;
    private final InputStream in;
    private final List<String> warnings = new ArrayList<>();
    private final LineFields f = new LineFields();
    private final FastLineParser fast = new FastLineParser();
    private final EventBuilder events = new EventBuilder(f, this::error);
    /** Set once the start line has named the machines. */
    private TickLineParser ticks;
    private Event.Start start;
    private long line;
    private long linesConsumed;

    /** Allocated at the first read ({@link #bufferBytes} sets its size), grown for a longer line. */
    private byte[] buf = new byte[0];
    private int initialBufferBytes = BUFFER_BYTES;
    /** The smallest read buffer {@link #bufferBytes} accepts (it still grows for a longer line). */
    public static final int MIN_BUFFER_BYTES = 1 << 16;
    private int pos;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineEnd;
    private boolean lineTerminated;

    private EventLogReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    public static EventLogReader open(Path file) throws IOException {
        return new EventLogReader(file, Files.newInputStream(file));
    }

    /** Reads {@code in} as the log {@code file} (the name used in messages), e.g. a stream following a growing file. */
    public static EventLogReader open(Path file, InputStream in) {
        return new EventLogReader(file, in);
    }

    /**
     * Reads with a buffer of {@code bytes} (default 1 MiB, at least {@link #MIN_BUFFER_BYTES}; it grows for a
     * longer line): a thousand readers at once need smaller ones. Only before the first read.
     */
    public EventLogReader bufferBytes(int bytes) {
        if (buf.length != 0) {
            throw new IllegalStateException("the buffer is in use");
        }
        initialBufferBytes = Math.max(MIN_BUFFER_BYTES, bytes);
        return this;
    }

    public Path file() {
        return file;
    }

    /** Line number of the event last returned. */
    public long line() {
        return line;
    }

    /**
     * The run's machines in config order, for a start line that has no {@code machines} (the analyzer derives
     * it from every log of the run: {@link MachineOrder#ofRun}). Returns this reader.
     */
    public EventLogReader cluster(List<String> machines) {
        events.cluster(List.copyOf(machines));
        return this;
    }

    /** Whether the start line listed {@code machines} itself (false: derived, see {@link #cluster}). */
    public boolean machinesLogged() {
        return events.machinesLogged();
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
        while (true) {
            // common case: a whole line in the writer's shape, parsed in place without looking for its end first
            if (pos < limit) {
                f.clear();
                int end = fast.parse(buf, pos, limit, f, start != null);
                if (end >= 0 && (end < limit ? buf[end] == '\n' : eof)) {
                    linesConsumed++;
                    line = linesConsumed;
                    pos = end < limit ? end + 1 : end;
                    return accept(events.build());
                }
            }
            if (!nextLine()) {
                return null;
            }
            linesConsumed++;
            if (isBlank()) {
                continue;
            }
            line = linesConsumed;
            f.clear();
            if (fast.parse(buf, lineStart, lineEnd, f, start != null) != lineEnd) {
                f.clear();
                try {
                    parseWithJackson();
                } catch (JsonParseException e) {
                    // the writer ends every line with a newline: a last line without one was cut short
                    if ((e instanceof JsonEOFException || !lineTerminated) && isLastLine()) {
                        warnings.add(file + ":" + line + ": last line is incomplete (cut short by a crash?); ignored");
                        return null;
                    }
                    throw error("not valid JSON: " + SOURCE_NOTE.matcher(String.valueOf(e.getOriginalMessage()))
                            .replaceAll(""));
                }
            }
            return accept(events.build());
        }
    }

    /**
     * Reads events into {@code batch}, after the rows it holds, until it is full or the log ends; returns
     * false once the end has been reached. Reads exactly what {@link #next} reads, with the same errors; on
     * an error the events before the bad line stay in the batch. The batch must be as wide as the start
     * line's machines list.
     */
    public boolean read(EventBatch batch) throws IOException, EventLogFormatException {
        if (start != null) {
            batch.names(start.machines());
        }
        while (!batch.isFull()) {
            if (limit - pos < READ_AHEAD_BYTES && !eof) {
                fill();
            }
            // common case: a tick line in the writer's exact shape, straight into the batch's columns
            if (ticks != null && pos < limit) {
                int end = ticks.parse(buf, pos, limit, batch);
                if (end >= 0 && (end < limit ? buf[end] == '\n' : eof)) {
                    linesConsumed++;
                    line = linesConsumed;
                    pos = end < limit ? end + 1 : end;
                    batch.commit(line);
                    continue;
                }
            }
            Event e = next();
            if (e == null) {
                return false;
            }
            if (e instanceof Event.Start) {
                batch.names(start.machines());
            }
            batch.add(e, line, events.index());
        }
        return true;
    }

    /** Enforces the start line first and only once. */
    private Event accept(Event event) throws EventLogFormatException {
        if (start == null) {
            if (!(event instanceof Event.Start s)) {
                throw error("the first line must be the \"start\" event, found \"" + f.event + "\"");
            }
            start = s;
            events.names(s.machines());
            fast.names(s.machines());
            ticks = new TickLineParser(s.machines());
        } else if (event instanceof Event.Start) {
            throw error("a second \"start\" event: two runs are mixed in one file");
        }
        return event;
    }

    /** Finds the next line in the buffer ([lineStart, lineEnd), without its newline); false at the end. */
    private boolean nextLine() throws IOException, EventLogFormatException {
        int searchFrom = pos;
        while (true) {
            for (int i = searchFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i;
                    lineTerminated = true;
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    lineStart = pos;
                    lineEnd = limit;
                    lineTerminated = false;
                    pos = limit;
                    return true;
                }
                return false;
            }
            searchFrom = limit - pos;
            fill();
            searchFrom += pos;
        }
    }

    /** Moves the unread part to the front (growing the buffer for a long line) and reads more. */
    private void fill() throws IOException, EventLogFormatException {
        int unread = limit - pos;
        if (buf.length == 0) {
            buf = new byte[initialBufferBytes];
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        } else if (unread == buf.length) {
            if (buf.length >= MAX_LINE_BYTES) {
                line = linesConsumed + 1;
                throw error("line longer than " + (MAX_LINE_BYTES >> 20) + " MiB");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** True when nothing but whitespace follows the current line. */
    private boolean isLastLine() throws IOException, EventLogFormatException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                byte b = buf[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
            if (eof) {
                return true;
            }
            pos = limit;
            fill();
        }
    }

    private void parseWithJackson() throws IOException, EventLogFormatException {
        try (JsonParser parser = JSON.createParser(buf, lineStart, lineEnd - lineStart)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw error("expected a JSON object, found " + token);
            }
            JacksonFields.read(parser, f, this::error);
            if (parser.nextToken() != null) {
                throw error("more than one JSON value on the line");
            }
        }
    }


    private EventLogFormatException error(String reason) {
        return new EventLogFormatException(file, line, reason);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
