package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventBatch;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order of a pass over a run: the machines' logs merged by wall time (the god's-eye view), except that a
 * receive (or a line about a message from a sender) waits until its send has been read, so every consumer sees
 * causes before effects. Holds one batch of events per log.
 */
final class LogMerge {
    /** Parse each log on its own thread (default); -Dclockscope.analyze.prefetch=false reads on the merge thread. */
    static final boolean PREFETCH = !"false".equals(System.getProperty("clockscope.analyze.prefetch"));

    /** A log being read: its reader and the next event not yet processed (a row of the current batch). */
    static final class Cursor {
        final MachineLog log;
        final int index;
        final PrefetchingReader reader;
        final MachineTracker tracker;
        EventBatch batch;
        int row = -1;
        /** The head's wall time, for the merge. */
        long headWall;
        /**
         * For a receive (or an unprocessed line) at the head that can be matched: the sender's index, else -1
         * (resolved once), and the highest seq of the sender it needs read first.
         */
        int headSender = -1;
        long headSeq;
        boolean done;

        Cursor(MachineLog log, PrefetchingReader reader, MachineTracker tracker) {
            this.log = log;
            this.index = log.index();
            this.reader = reader;
            this.tracker = tracker;
        }
    }

    /** For the lines that name their sender as text (unprocessed, refused); tick events carry indices. */
    private final Map<String, Integer> indexOf;
    private final MessageLedger ledger;
    /** The run's warnings: a reader's join them when its log ends. */
    private final List<String> warnings;
    private final Cursor[] byIndex;
    private final List<Cursor> cursors = new ArrayList<>();
    private long lines;

    /**
     * Opens every log of {@code input} and reads past its start line (already validated by {@link RunInput});
     * each log's tracker accumulates from {@code originMicros} to {@code endMicros}.
     */
    LogMerge(RunInput input, Map<String, Integer> indexOf, MessageLedger ledger, List<String> warnings,
             long originMicros, long endMicros) throws AnalysisException {
        this.indexOf = indexOf;
        this.ledger = ledger;
        this.warnings = warnings;
        List<String> machines = input.machines();
        int n = machines.size();
        this.byIndex = new Cursor[n];
        try {
            for (MachineLog log : input.logs()) {
                // a thread per log pays off for a few logs, not for hundreds of them
                boolean threaded = PREFETCH && input.logs().size() <= PrefetchingReader.MAX_THREADED_LOGS;
                // the read buffers of all logs together: at most ~256 MB (1 MiB each up to 256 logs)
                int bufferBytes = (int) Math.min(1 << 20, (256L << 20) / input.logs().size());
                Cursor c = new Cursor(log, new PrefetchingReader(EventLogReader.open(log.file())
                        .bufferBytes(bufferBytes).cluster(machines), n, threaded),
                        new MachineTracker(log, n, originMicros, endMicros));
                cursors.add(c);
                byIndex[log.index()] = c;
                advance(c); // the start line, already validated by RunInput
                advance(c);
            }
        } catch (IOException e) {
            close();
            throw new AnalysisException(input.dir() + ": cannot read: " + e.getMessage());
        } catch (AnalysisException | RuntimeException e) {
            close(); // stop the reader threads already started
            throw e;
        }
    }

    /** The logs in the run's order of logs. */
    List<Cursor> cursors() {
        return cursors;
    }

    /** Machine {@code index}'s log, or null if the run has none. */
    Cursor cursor(int index) {
        return byIndex[index];
    }

    /** Events read so far, the start lines included: the run's lines. */
    long lines() {
        return lines;
    }

    /** Moves {@code c} to its next event; at the end of its log, marks it done. */
    void advance(Cursor c) throws AnalysisException {
        if (c.batch == null || ++c.row == c.batch.size()) {
            try {
                c.batch = c.reader.next();
                c.row = 0;
            } catch (EventLogFormatException e) {
                throw new AnalysisException(e.getMessage());
            } catch (IOException e) {
                throw new AnalysisException(c.log.file() + ": cannot read: " + e.getMessage());
            }
        }
        if (c.batch == null) {
            c.done = true;
            warnings.addAll(c.reader.warnings());
            return;
        }
        EventBatch b = c.batch;
        int row = c.row;
        lines++;
        c.headWall = b.wallMicros(row);
        c.headSender = -1;
        if (b.kind(row) == EventBatch.RECEIVE) {
            int from = b.from(row);
            if (from >= 0 && ledger.classify(from, b.fromIncarnation(row)) == MessageLedger.Unmatched.NONE) {
                c.headSender = from;
                c.headSeq = b.seq(row);
            }
        } else if (b.kind(row) == EventBatch.OTHER && b.object(row) instanceof Event.Unprocessed u) {
            long[] ranges = u.seqRanges();
            if (ranges.length > 0) {
                waitForSend(c, u.from(), u.fromIncarnation(), ranges[ranges.length - 1]);
            }
        } else if (b.kind(row) == EventBatch.OTHER && b.object(row) instanceof Event.Rejected r && r.clockAhead()) {
            waitForSend(c, r.from(), r.fromIncarnation(), r.seq());
        }
    }

    /** Like a receive, a line about (from, seq) is processed only after the sender's send of seq is read. */
    private void waitForSend(Cursor c, String from, long fromIncarnation, long seq) {
        Integer sender = indexOf.get(from);
        if (sender != null && ledger.classify(sender, fromIncarnation) == MessageLedger.Unmatched.NONE) {
            c.headSender = sender;
            c.headSeq = seq;
        }
    }

    /** The log whose head is earliest in wall time among those not waiting for a send; null when all are done. */
    Cursor choose() {
        Cursor best = null;
        Cursor bestBlocked = null;
        for (int i = 0, size = cursors.size(); i < size; i++) {
            Cursor c = cursors.get(i);
            if (c.done) {
                continue;
            }
            if (waitsForSend(c)) {
                if (bestBlocked == null || c.headWall < bestBlocked.headWall) {
                    bestBlocked = c;
                }
            } else if (best == null || c.headWall < best.headWall) {
                best = c;
            }
        }
        // every head waits: some receive has no send to wait for; process it and let the check say so
        return best != null ? best : bestBlocked;
    }

    private boolean waitsForSend(Cursor c) {
        if (c.headSender < 0) {
            return false;
        }
        Cursor sender = byIndex[c.headSender];
        return !sender.done && sender.tracker.lastSendSeq < c.headSeq;
    }

    /** Closes every reader (stopping their threads). */
    void close() {
        for (Cursor c : cursors) {
            try {
                c.reader.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
    }
}
