package dev.clockscope.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads what the clocks-across-lives check needs of one log, without reading it all: the start line (with
 * {@code resumedFrom}), the first tick event from the head, the last one from the tail (a killed machine's
 * earlier life may be gigabytes long).
 */
final class LifeReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int TAIL_BYTES = 64 << 10;
    private static final int MAX_START_LINE_BYTES = 1 << 20;

    private LifeReader() {
    }

    /**
     * {@code cluster}: the run's machines (config order), for vector indices and start lines without machines.
     * Returns null for a log whose start line lists other machines (another run's).
     */
    static MachineLife read(Path file, List<String> cluster) throws AnalysisException {
        try {
            byte[] startLine = firstLine(file);
            long[] resumed = resumedFrom(file, startLine);
            long firstLine = -1;
            long firstLamport = -1;
            long firstOwn = -1;
            Event.Start start;
            int own;
            try (EventLogReader r = EventLogReader.open(file).cluster(cluster)) {
                start = (Event.Start) r.next();
                if (start == null) {
                    throw StartLines.noStartLine(file);
                }
                if (!start.machines().equals(cluster)) {
                    return null; // a log of another cluster: not a life of this run
                }
                own = cluster.indexOf(start.machine());
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.TickEvent t) {
                        firstLine = r.line();
                        firstLamport = t.lamport();
                        firstOwn = t.vector().get(own);
                        break;
                    }
                }
            }
            long[] last = firstLine < 0 ? new long[] {-1, -1} : lastTick(file, startLine, cluster, own);
            return new MachineLife(start.machine(), file, start.incarnation(), resumed != null,
                    resumed == null ? -1 : resumed[0], resumed == null ? -1 : resumed[1], firstLine, firstLamport,
                    firstOwn, last[0], last[1]);
        } catch (EventLogFormatException e) {
            throw new AnalysisException(e.getMessage());
        } catch (IOException e) {
            throw new AnalysisException(file + ": cannot read: " + e.getMessage());
        }
    }

    static byte[] firstLine(Path file) throws IOException, AnalysisException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (out.size() == MAX_START_LINE_BYTES) {
                    throw new AnalysisException(file + ":1: start line longer than 1 MiB");
                }
                out.write(b);
            }
            return out.toByteArray();
        }
    }

    /** The start line's {@code "resumedFrom":{"lamport":L,"ownEntry":E}} as {L, E}, or null when it has none. */
    static long[] resumedFrom(Path file, byte[] startLine) throws AnalysisException {
        JsonNode root;
        try {
            root = JSON.readTree(startLine);
        } catch (JsonProcessingException e) {
            return null; // the reader names what is wrong with the line
        } catch (IOException e) {
            throw new AnalysisException(file + ":1: " + e.getMessage());
        }
        JsonNode r = root == null ? null : root.get("resumedFrom");
        if (r == null || r.isNull()) {
            return null;
        }
        JsonNode l = r.get("lamport");
        JsonNode o = r.get("ownEntry");
        if (!r.isObject() || l == null || o == null || !l.canConvertToLong() || !o.canConvertToLong() || !l.isIntegralNumber()
                || !o.isIntegralNumber() || l.asLong() < 0 || o.asLong() < 0) {
            throw new AnalysisException(file + ":1: \"resumedFrom\" must be {\"lamport\":L,\"ownEntry\":E} with integers"
                    + " >= 0, found " + r);
        }
        return new long[] {l.asLong(), o.asLong()};
    }

    /**
     * {Lamport, own entry} of the last tick event: from the last 64 KiB (then 256 KiB, ...) read behind the start
     * line, so that vector names resolve; a torn last line is skipped as the reader always does.
     */
    private static long[] lastTick(Path file, byte[] startLine, List<String> cluster, int own)
            throws IOException, AnalysisException {
        long size = Files.size(file);
        for (long tail = TAIL_BYTES; ; tail *= 4) {
            long from = Math.max(startLine.length + 1L, size - tail);
            byte[] bytes = new byte[(int) (size - from)];
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(from);
                raf.readFully(bytes);
            }
            int skip = 0;
            if (from > startLine.length + 1L) { // began inside a line: drop up to its end
                while (skip < bytes.length && bytes[skip] != '\n') {
                    skip++;
                }
                skip = Math.min(bytes.length, skip + 1);
            }
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(startLine),
                    new SequenceInputStream(new ByteArrayInputStream(new byte[] {'\n'}),
                            new ByteArrayInputStream(bytes, skip, bytes.length - skip)));
            long[] last = null;
            try (EventLogReader r = EventLogReader.open(file, in).cluster(cluster)) {
                for (Event e = r.next(); e != null; e = r.next()) {
                    if (e instanceof Event.TickEvent t) {
                        last = new long[] {t.lamport(), t.vector().get(own)};
                    }
                }
            } catch (EventLogFormatException e) {
                // its line numbers count from where the tail began
                throw new AnalysisException(file + ": a line in its last " + (size - from) + " bytes is malformed: "
                        + e.getMessage());
            }
            if (last != null || from == startLine.length + 1L) {
                return last == null ? new long[] {-1, -1} : last;
            }
        }
    }
}
