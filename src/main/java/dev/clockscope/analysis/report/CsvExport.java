package dev.clockscope.analysis.report;

import dev.clockscope.analysis.Distribution;
import dev.clockscope.analysis.EventSink;
import dev.clockscope.analysis.MachineLog;
import dev.clockscope.analysis.MachineResult;
import dev.clockscope.analysis.RunResult;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --csv DIR}: {@code events.csv}, one tidy row per log line of every run (streamed as read), and
 * {@code machines.csv}, one row per machine. Columns are documented in docs/ANALYZER.md.
 */
public final class CsvExport implements EventSink, Closeable {
    public static final String EVENTS_HEADER = "run,machine,line,wallMicros,kind,tick,lamport,vector,queue,peer,seq,"
            + "msgLamport,delayMicros";
    public static final String MACHINES_HEADER = "run,machine,ticksPerSecondConfigured,ticksPerSecondAchieved,ticks,"
            + "sends,receives,internals,finalLamport,clockRatePerSecond,clockRateVsFastest,jumpMean,jumpP50,jumpP95,"
            + "jumpMax,receiveJumpMean,queueMean,queueMax,queueNonEmptySeconds,messagesSent,messagesReceived,"
            + "undelivered,lostTo,delayP50Micros,delayP99Micros,delayMaxMicros,stopReason";

    public static final String EVENTS_FILE = "events.csv";
    public static final String MACHINES_FILE = "machines.csv";

    private final BufferedWriter events;
    private final BufferedWriter machines;
    private final StringBuilder row = new StringBuilder(256);
    private String run = "";

    /** Writes to the given files (the caller stages them: see {@link PendingFiles}). */
    public CsvExport(Path eventsFile, Path machinesFile) throws IOException {
        events = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
        machines = Files.newBufferedWriter(machinesFile, StandardCharsets.UTF_8);
        events.write(EVENTS_HEADER);
        events.newLine();
        machines.write(MACHINES_HEADER);
        machines.newLine();
    }

    /** Rows that follow belong to run {@code name} (distinct from the other runs': see {@link RunNames}). */
    public void startRun(String name) {
        run = name;
    }

    @Override
    public void event(MachineLog log, long line, Event e, long[] loggedVector, long delayMicros) throws IOException {
        StringBuilder b = row;
        b.setLength(0);
        b.append(quote(run)).append(',').append(quote(log.machine())).append(',').append(line).append(',')
                .append(e.wallMicros()).append(',').append(e.kind()).append(',');
        String peer = "";
        String seq = "";
        String msgLamport = "";
        if (e instanceof Event.TickEvent t) {
            b.append(t.tick()).append(',').append(t.lamport()).append(',');
            VectorClock v = t.vector();
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    b.append(';');
                }
                b.append(v.get(i));
            }
            b.append(',').append(t.queue()).append(',');
        } else {
            b.append(",,,,");
        }
        if (e instanceof Event.Send s) {
            peer = String.join(";", s.to());
            seq = String.valueOf(s.seq());
        } else if (e instanceof Event.Receive r) {
            peer = r.from();
            seq = String.valueOf(r.seq());
            msgLamport = String.valueOf(r.msgLamport());
        } else if (e instanceof Event.Undelivered u) {
            peer = u.to();
            seq = String.valueOf(u.seq());
        } else if (e instanceof Event.Rejected r) {
            peer = r.from();
            seq = String.valueOf(r.seq());
        } else if (e instanceof Event.Partition p) {
            peer = p.peer();
        } else if (e instanceof Event.PeerUp u) {
            peer = u.peer();
        } else if (e instanceof Event.PeerDown d) {
            peer = d.peer();
        } else if (e instanceof Event.Unprocessed u) {
            peer = u.from();
        }
        b.append(quote(peer)).append(',').append(seq).append(',').append(msgLamport).append(',');
        if (delayMicros >= 0) {
            b.append(delayMicros);
        }
        b.append('\n');
        events.append(b);
    }

    @Override
    public void runFinished(RunResult r) throws IOException {
        for (MachineResult m : r.machines()) {
            String[] cells = {quote(run), quote(m.machine()), String.valueOf(m.ticksPerSecondConfigured()),
                Format.num(m.ticksPerSecondAchieved(), 4), String.valueOf(m.ticks()), String.valueOf(m.sends()),
                String.valueOf(m.receives()), String.valueOf(m.internals()), String.valueOf(m.finalLamport()),
                Format.num(m.clockRatePerSecond(), 4), Format.num(m.clockRateVsFastest(), 4),
                cell(m.jumps(), Format.num(m.jumps().mean(), 4)), cell(m.jumps(), String.valueOf(m.jumps().p50())),
                cell(m.jumps(), String.valueOf(m.jumps().p95())), cell(m.jumps(), String.valueOf(m.jumps().max())),
                cell(m.receiveJumps(), Format.num(m.receiveJumps().mean(), 4)),
                Format.num(m.queue().meanLength(), 4), String.valueOf(m.queue().maxLength()),
                Format.num(m.queue().nonEmptySeconds(), 3), String.valueOf(m.messagesSent()),
                String.valueOf(m.messagesReceived()), String.valueOf(m.undelivered()), String.valueOf(m.lostTo()),
                cell(m.delayMicrosTo(), String.valueOf(m.delayMicrosTo().p50())),
                cell(m.delayMicrosTo(), String.valueOf(m.delayMicrosTo().p99())),
                cell(m.delayMicrosTo(), String.valueOf(m.delayMicrosTo().max())), quote(m.stopReason())};
            machines.write(String.join(",", cells));
            machines.newLine();
        }
    }

    /**
     * A distribution's figure, or an empty cell when it has no values: a machine that received nothing had delay
     * 0 µs and receive jump 0 in its row, which read as measured (pandas reads an empty cell as NaN).
     */
    private static String cell(Distribution d, String figure) {
        return d.count() == 0 ? "" : figure;
    }

    /** RFC 4180: quote only when needed. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        try {
            events.close();
        } finally {
            machines.close();
        }
    }
}
