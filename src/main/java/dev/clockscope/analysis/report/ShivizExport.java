package dev.clockscope.analysis.report;

import dev.clockscope.analysis.EventSink;
import dev.clockscope.analysis.MachineLog;
import dev.clockscope.eventlog.Event;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --shiviz FILE}: a log for ShiViz's default parser, regex {@code (?<event>.*)\n(?<host>\S*) (?<clock>{.*})}:
 * per tick event a description line, then {@code host {"host":n,...}}. ShiViz insists that a host's own
 * entry starts at 1 and grows by exactly 1 per event, so the clocks written are vector clocks over the
 * logged tick events (see {@link EventSink}), not the machines' own vectors, which a restart resets and
 * whose entries may count events ShiViz never sees. Lifecycle lines are left out; zero entries omitted.
 */
public final class ShivizExport implements EventSink, Closeable {
    /** The parser regex to paste into ShiViz (it is also ShiViz's default). */
    public static final String REGEX = "(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})";

    private final BufferedWriter out;
    private final StringBuilder b = new StringBuilder(256);
    private List<String> machines = List.of();

    public ShivizExport(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void event(MachineLog log, long line, Event e, long[] loggedVector, long delayMicros) throws IOException {
        if (!(e instanceof Event.TickEvent t)) {
            return;
        }
        machines = log.start().machines();
        b.setLength(0);
        b.append(e.kind()).append(" lamport=").append(t.lamport());
        if (e instanceof Event.Send s) {
            b.append(" seq=").append(s.seq()).append(" to=").append(String.join(",", s.to()));
        } else if (e instanceof Event.Receive r) {
            b.append(" seq=").append(r.seq()).append(" from=").append(r.from()).append(" msgLamport=")
                    .append(r.msgLamport());
        }
        b.append(" queue=").append(t.queue()).append(" wallMicros=").append(e.wallMicros()).append('\n');
        b.append(log.machine()).append(" {");
        boolean first = true;
        for (int j = 0; j < loggedVector.length; j++) {
            if (loggedVector[j] == 0) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(jsonEscape(machines.get(j))).append("\":").append(loggedVector[j]);
        }
        b.append("}\n");
        out.append(b);
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
