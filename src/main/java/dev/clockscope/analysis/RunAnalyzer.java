package dev.clockscope.analysis;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventBatch;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming pass over a run: the machines' logs are merged by wall time (the god's-eye view), except
 * that a receive waits until its send has been read, so every consumer sees causes before effects. Memory
 * holds one event per log plus the messages in flight, whatever the length of the run.
 */
public final class RunAnalyzer {
    /** Parse each log on its own thread (default); -Dclockscope.analyze.prefetch=false reads on the merge thread. */
    static final boolean PREFETCH = !"false".equals(System.getProperty("clockscope.analyze.prefetch"));

    private final RunInput input;
    private final WindowSpec window;
    private final List<EventSink> sinks;

    public RunAnalyzer(RunInput input, WindowSpec window, List<EventSink> sinks) {
        this.input = input;
        this.window = window;
        this.sinks = List.copyOf(sinks);
    }

    /** Reads the run once. Throws for input that cannot be used (names the file and line). */
    public RunResult analyze() throws AnalysisException, IOException {
        Pass pass = new Pass();
        try {
            pass.run();
        } finally {
            pass.close();
        }
        RunResult result = pass.result();
        for (EventSink sink : sinks) {
            sink.runFinished(result);
        }
        return result;
    }

    /** A log being read: its reader and the next event not yet processed (a row of the current batch). */
    private static final class Cursor {
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

    private final class Pass {
        final List<String> machines = input.machines();
        final int n = machines.size();
        /** For the rare lines that name a machine as text (undelivered); tick events carry indices. */
        final Map<String, Integer> indexOf = new HashMap<>();
        final Cursor[] byIndex = new Cursor[n];
        final List<Cursor> cursors = new ArrayList<>();
        final CheckTracker checks = new CheckTracker();
        final List<String> warnings = new ArrayList<>();
        final MessageLedger ledger;
        final DriftTracker drift;
        final SpaceTimeCollector spaceTime;
        final CriticalPathTracker path;
        /** Physical and hybrid logical clocks: their checks and statistics. */
        final ClockTracker clocks;
        /** Scratch for a send: its receivers and its logged-events vector. */
        int[] receivers = new int[4];
        final long[] sendLogged;
        long lines;
        long firstTickMicros = -1;

        Pass() throws AnalysisException {
            for (int i = 0; i < n; i++) {
                indexOf.put(machines.get(i), i);
            }
            long[] logStart = new long[n];
            long[] incarnation = new long[n];
            Path[] files = new Path[n];
            Arrays.fill(logStart, -1);
            long origin = input.startMicros();
            long end = input.endMicros();
            for (MachineLog log : input.logs()) {
                logStart[log.index()] = log.start().wallMicros();
                incarnation[log.index()] = log.start().incarnation();
                files[log.index()] = log.file();
            }
            for (int i = 0; i < n; i++) {
                if (logStart[i] < 0) {
                    warnings.add(input.dir() + ": no log of " + machines.get(i)
                            + ": its messages cannot be matched and are counted apart");
                }
            }
            ledger = new MessageLedger(machines, files, logStart, incarnation);
            Event.Start[] starts = new Event.Start[n];
            input.logs().forEach(log -> starts[log.index()] = log.start());
            clocks = new ClockTracker(machines, starts, origin, end, checks);
            drift = new DriftTracker(n, origin, end);
            spaceTime = new SpaceTimeCollector(window, origin);
            path = new CriticalPathTracker(machines);
            warnings.addAll(input.warnings());
            sendLogged = new long[n];
            try {
                for (MachineLog log : input.logs()) {
                    // a thread per log pays off for a few logs, not for hundreds of them
                    boolean threaded = PREFETCH && input.logs().size() <= PrefetchingReader.MAX_THREADED_LOGS;
                    // the read buffers of all logs together: at most ~256 MB (1 MiB each up to 256 logs)
                    int bufferBytes = (int) Math.min(1 << 20, (256L << 20) / input.logs().size());
                    Cursor c = new Cursor(log, new PrefetchingReader(EventLogReader.open(log.file())
                            .bufferBytes(bufferBytes).cluster(machines), n, threaded),
                            new MachineTracker(log, n, origin, end));
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

        void run() throws AnalysisException, IOException {
            while (true) {
                Cursor next = choose();
                if (next == null) {
                    break;
                }
                process(next, next.batch, next.row);
                advance(next);
                if (next.done) {
                    drift.stopped(next.index, next.tracker.lastTickWall);
                }
            }
            ledger.finish();
        }

        /** The log whose head is earliest in wall time among those not waiting for a send. */
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

        boolean waitsForSend(Cursor c) {
            if (c.headSender < 0) {
                return false;
            }
            Cursor sender = byIndex[c.headSender];
            return !sender.done && sender.tracker.lastSendSeq < c.headSeq;
        }

        void process(Cursor c, EventBatch b, int row) throws IOException {
            MachineTracker t = c.tracker;
            long line = b.line(row);
            byte kind = b.kind(row);
            if (kind != EventBatch.OTHER) {
                MessageLedger.MatchedSend send = null;
                long delay = -1;
                checkIncrease(c, b, row, line);
                if (kind == EventBatch.SEND) {
                    t.sends++;
                    send(c, b, row, line);
                } else if (kind == EventBatch.RECEIVE) {
                    t.receives++;
                    send = receive(c, b, row, line);
                    if (send != null) {
                        delay = Math.max(0, b.wallMicros(row) - send.wallMicros);
                    }
                } else {
                    t.internals++;
                }
                checkVector(c, b, row, send, line);
                clocks.tick(c.index, b, row, send, c.log.file(), line);
                updateLoggedVector(c, send);
                path.tick(c.index, line, t.loggedVector[c.index], b.lamport(row), send);
                t.tick(b, row);
                long wall = b.wallMicros(row);
                if (firstTickMicros < 0) {
                    firstTickMicros = wall;
                }
                drift.update(c.index, wall, b.lamport(row));
                spaceTime.tick(c.index, line, wall, b.lamport(row), EventBatch.kindName(kind), send);
                if (!sinks.isEmpty()) {
                    Event e = b.event(row);
                    for (EventSink sink : sinks) {
                        sink.event(c.log, line, e, t.loggedVector, delay);
                    }
                }
            } else {
                Event e = b.object(row);
                t.lifecycle(e, line);
                clocks.lifecycle(c.index, e);
                if (e instanceof Event.Undelivered u) {
                    Integer to = indexOf.get(u.to());
                    String contradiction = to == null ? null : ledger.undelivered(c.index, to, u.seq(), u.reason(), line);
                    if (contradiction != null) {
                        checks.fail(Check.RECEIVE_MATCHES_SEND, c.log.file(), line, contradiction);
                    }
                } else if (e instanceof Event.Unprocessed u) {
                    Integer from = indexOf.get(u.from());
                    long[] ranges = u.seqRanges();
                    if (from == null || ranges.length == 0) {
                        warnings.add(c.log.file() + ":" + line + ": unprocessed messages from \"" + u.from() + "\""
                                + (from == null ? ", which is not a machine of this run" : ", seqs \"" + u.seqs()
                                + "\" not a list of ranges"));
                    }
                    for (int k = 0; from != null && k < ranges.length; k += 2) {
                        String mismatch = ledger.unprocessed(from, c.index, u.fromIncarnation(), ranges[k],
                                ranges[k + 1], ranges[k + 1] - ranges[k] + 1, c.log.file(), line);
                        if (mismatch != null) {
                            warnings.add(mismatch);
                        }
                    }
                } else if (e instanceof Event.Rejected r && r.clockAhead()) {
                    Integer from = indexOf.get(r.from());
                    if (from != null && ledger.classify(from, r.fromIncarnation()) == MessageLedger.Unmatched.NONE) {
                        ledger.refused(from, c.index, r.seq(), c.log.file(), line);
                    }
                } else if (e instanceof Event.Stop) {
                    drift.stopped(c.index, e.wallMicros());
                }
                for (EventSink sink : sinks) {
                    sink.event(c.log, line, e, null, -1);
                }
            }
        }

        void send(Cursor c, EventBatch b, int row, long line) {
            int sender = c.index;
            int count = b.toCount(row);
            if (receivers.length < count) {
                receivers = new int[count];
            }
            int k = 0;
            for (int i = 0; i < count; i++) {
                int r = b.to(row, i);
                if (r < 0 || r == sender) {
                    // a name the columns could not hold as an index: the line's event has it
                    String to = r < 0 ? ((Event.Send) b.object(row)).to().get(i) : machines.get(r);
                    warnings.add(c.log.file() + ":" + line + ": send to \"" + to + "\", not a peer; ignored");
                    continue;
                }
                receivers[k++] = r;
            }
            c.tracker.lastSendSeq = Math.max(c.tracker.lastSendSeq, b.seq(row));
            // the logged-vector clock of the send is this event's: own entry + 1 (updated after, so compute here)
            System.arraycopy(c.tracker.loggedVector, 0, sendLogged, 0, n);
            sendLogged[sender]++;
            ledger.send(sender, b.seq(row), b.wallMicros(row), b.lamport(row), b.vectors(), b.vectorOffset(row),
                    sendLogged, line, receivers, k, path.tag(sender), b.physMicros(row),
                    b.hasHlc(row) ? b.hlcL(row) : -1, b.hlcC(row));
        }

        MessageLedger.MatchedSend receive(Cursor c, EventBatch b, int row, long line) {
            long lamport = b.lamport(row);
            long msgLamport = b.msgLamport(row);
            if (lamport <= msgLamport) {
                checks.fail(Check.RECEIVE_AFTER_SEND, c.log.file(), line, "receive clock " + lamport
                        + " is not greater than the message's clock " + msgLamport);
            }
            int from = b.from(row);
            if (from < 0) {
                checks.fail(Check.RECEIVE_MATCHES_SEND, c.log.file(), line, "receive from \""
                        + ((Event.Receive) b.object(row)).from() + "\", which is not a machine of this run");
                return null;
            }
            MessageLedger.Unmatched why = ledger.classify(from, b.fromIncarnation(row));
            if (why != MessageLedger.Unmatched.NONE) {
                ledger.receiveUnmatched(why);
                return null;
            }
            long seq = b.seq(row);
            MessageLedger.MatchedSend send = ledger.receive(from, c.index, seq, b.wallMicros(row), c.log.file(), line);
            if (send == null) {
                checks.fail(Check.RECEIVE_MATCHES_SEND, c.log.file(), line, "receive of seq " + seq + " from "
                        + machines.get(from) + " matches no send to " + c.log.machine()
                        + " (never sent, or received twice)" + ledger.unmatchedDetail(from, c.index, seq));
                return null;
            }
            if (send.lamport != msgLamport) {
                checks.fail(Check.RECEIVE_AFTER_SEND, c.log.file(), line, "message clock " + msgLamport
                        + " differs from the clock its send logged (" + send.lamport + " at " + send.file + ":"
                        + send.line + ")");
            }
            return send;
        }

        void checkIncrease(Cursor c, EventBatch b, int row, long line) {
            MachineTracker t = c.tracker;
            long lamport = b.lamport(row);
            if (!t.ticking) {
                if (lamport <= t.baseLamport) {
                    checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "first Lamport clock is " + lamport
                            + ", not above the initial " + t.baseLamport);
                }
                return;
            }
            if (lamport <= t.lastLamport) {
                checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "Lamport clock " + lamport
                        + " does not exceed the previous event's " + t.lastLamport);
                return;
            }
            int self = c.index;
            long[] v = b.vectors();
            int off = b.vectorOffset(row);
            long[] p = t.lastVector;
            if (v[off + self] <= p[self]) {
                checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "own vector entry " + v[off + self]
                        + " does not exceed the previous event's " + p[self]);
                return;
            }
            for (int j = 0; j < n; j++) {
                if (v[off + j] < p[j]) {
                    checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "vector entry " + machines.get(j)
                            + " went down from " + p[j] + " to " + v[off + j]);
                    return;
                }
            }
        }

        /** The vector rules, and V(a) < V(b) with L(a) < L(b) on both happened-before edges into this event. */
        void checkVector(Cursor c, EventBatch b, int row, MessageLedger.MatchedSend send, long line) {
            int self = c.index;
            MachineTracker t = c.tracker;
            boolean hasPrev = t.ticking;
            // a life's first event follows its initial clocks: zero, or those it resumed
            long[] prev = hasPrev ? t.lastVector : t.baseVector;
            long[] v = b.vectors();
            int off = b.vectorOffset(row);
            long lamport = b.lamport(row);
            long prevLamport = hasPrev ? t.lastLamport : t.baseLamport;
            boolean unmatchedReceive = b.kind(row) == EventBatch.RECEIVE && send == null;
            for (int j = 0; j < n; j++) {
                long before = prev[j];
                long own = j == self ? 1 : 0;
                long got = v[off + j];
                long expected;
                if (send != null) {
                    expected = Math.max(before, send.vector[j]) + own;
                } else if (unmatchedReceive) {
                    // the send is not in this run's logs: only monotonicity can be checked
                    if (got < before + own) {
                        vectorFail(c, line, "vector entry " + machines.get(j) + " is " + got + ", below "
                                + (before + own));
                        return;
                    }
                    continue;
                } else {
                    expected = before + own;
                }
                if (got != expected) {
                    vectorFail(c, line, "vector entry " + machines.get(j) + " is " + got + ", expected "
                            + expected + (send == null ? " (previous event + own tick)"
                            : " (max of previous event and the send at " + send.file + ":" + send.line + ", + own tick)"));
                    return;
                }
            }
            if (hasPrev && (VectorClock.compare(prev, 0, v, off, n) != CausalOrder.BEFORE
                    || prevLamport >= lamport)) {
                vectorFail(c, line, "the previous event happened before this one, but L " + prevLamport + " -> "
                        + lamport);
            } else if (send != null && (VectorClock.compare(send.vector, 0, v, off, n) != CausalOrder.BEFORE
                    || send.lamport >= lamport)) {
                vectorFail(c, line, "its send (" + send.file + ":" + send.line + ") happened before it, but L "
                        + send.lamport + " -> " + lamport);
            }
        }

        void vectorFail(Cursor c, long line, String detail) {
            checks.fail(Check.VECTOR_AGREES_WITH_LAMPORT, c.log.file(), line, detail);
        }

        /** Vector clock over logged events only: the basis of the concurrency count and the ShiViz export. */
        void updateLoggedVector(Cursor c, MessageLedger.MatchedSend send) {
            long[] v = c.tracker.loggedVector;
            int self = c.index;
            if (send != null) {
                for (int j = 0; j < n; j++) {
                    v[j] = Math.max(v[j], send.loggedVector[j]);
                }
            }
            v[self]++;
            long[] sums = c.tracker.loggedVectorSums;
            for (int j = 0; j < n; j++) {
                sums[j] += v[j];
            }
        }

        ConcurrencyResult concurrency() {
            long pairs = 0;
            long concurrent = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (byIndex[i] == null || byIndex[j] == null) {
                        continue;
                    }
                    long ni = byIndex[i].tracker.loggedVector[i];
                    long nj = byIndex[j].tracker.loggedVector[j];
                    pairs += ni * nj;
                    concurrent += ni * nj - byIndex[i].tracker.loggedVectorSums[j] - byIndex[j].tracker.loggedVectorSums[i];
                }
            }
            return new ConcurrencyResult(pairs, concurrent);
        }

        RunResult result() throws AnalysisException {
            double fastest = 0;
            for (Cursor c : cursors) {
                fastest = Math.max(fastest, c.tracker.clockRatePerSecond());
            }
            List<MachineResult> results = new ArrayList<>();
            long sendEvents = 0;
            for (Cursor c : cursors) {
                results.add(c.tracker.result(ledger, fastest));
                sendEvents += c.tracker.sends;
            }
            if (ledger.unprocessedUnmatched > 0) {
                warnings.add(ledger.unprocessedUnmatched + " unprocessed messages were sent by lives of their senders"
                        + " whose logs are not here (not matched)");
            }
            if (ledger.undeliveredWithoutSend > 0) {
                warnings.add(ledger.undeliveredWithoutSend + " \"undelivered\" lines name no logged send");
            }
            List<MachineLife> lives = LivesCheck.check(input, checks, warnings);
            MessageResult messages = new MessageResult(sendEvents, ledger.messages, ledger.received, ledger.undelivered,
                    ledger.lost, ledger.unreceivedAtEnd, ledger.toEarlierLifeOfReceiver, ledger.fromEarlierLifeOfSender,
                    ledger.toMachineWithoutLog, ledger.fromMachineWithoutLog,
                    ledger.firstLost, ledger.delayMicros.summary(), ledger.outcomes());
            return new RunResult(input.name(), input.dir(), machines, input.logs().get(0).start().die(),
                    input.startMicros(), firstTickMicros < 0 ? input.startMicros() : firstTickMicros, input.endMicros(),
                    lines, List.copyOf(results), messages, drift.result(), concurrency(),
                    checks.results().stream().filter(r -> clocks.sawHlc() || !r.check().needsHlc()).toList(),
                    List.copyOf(warnings), spaceTime.result(), CriticalPathSteps.list(path.result(), input), lives,
                    clocks.result());
        }

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
}
