package dev.clockscope.runtime;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.eventlog.LogFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's earlier life, from the log it left in the output directory (the machine's stable storage): the
 * last Lamport clock and own vector entry it logged. A restarted machine resumes above them.
 */
record PreviousLife(Path file, long lamport, long ownEntry) {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousLife.class);

    /**
     * The life logged in {@code outputDir/<id>.log}, if that log belongs to a cluster of the same machines and
     * has a tick event; null otherwise. A log it cannot read is not resumed from (a warning says why).
     */
    static PreviousLife read(Path outputDir, String id, List<String> machines) {
        Path file = LogFiles.logFile(outputDir, id);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        int self = machines.indexOf(id);
        long lamport = -1;
        long own = 0;
        try (EventLogReader reader = EventLogReader.open(file)) {
            Event first = reader.next();
            if (!(first instanceof Event.Start start) || !start.machines().equals(machines)) {
                return null; // another cluster's log: nothing of this machine's to resume
            }
            for (Event e = reader.next(); e != null; e = reader.next()) {
                if (e instanceof Event.TickEvent t) {
                    lamport = t.lamport();
                    own = t.vector() == null ? own : t.vector().get(self);
                }
            }
        } catch (IOException | EventLogFormatException | RuntimeException e) {
            LOG.warn("{}: the previous life's log {} cannot be read ({}): its clocks start afresh", id, file,
                    e.getMessage());
            return null;
        }
        return lamport < 0 ? null : new PreviousLife(file, lamport, own);
    }
}
