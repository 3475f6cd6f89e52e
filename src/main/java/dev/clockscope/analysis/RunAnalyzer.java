package dev.clockscope.analysis;

import dev.clockscope.analysis.LogMerge.Cursor;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming pass over a run: the machines' logs are merged by wall time (the god's-eye view), except
 * that a receive waits until its send has been read, so every consumer sees causes before effects
 * ({@link LogMerge}). Memory holds one event per log plus the messages in flight, whatever the length of the run.
 */
public final class RunAnalyzer {
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

    private final class Pass {
        final List<String> machines = input.machines();
        final int n = machines.size();
        /** For the rare lines that name a machine as text (undelivered); tick events carry indices. */
        final Map<String, Integer> indexOf = new HashMap<>();
        final CheckTracker checks = new CheckTracker();
        final LogicalClockRules logicalClocks = new LogicalClockRules(machines, checks);
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
        final LogMerge merge;
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
            merge = new LogMerge(input, indexOf, ledger, warnings, origin, end);
        }

        void run() throws AnalysisException, IOException {
            while (true) {
                Cursor next = merge.choose();
                if (next == null) {
                    break;
                }
                process(next, next.batch, next.row);
                merge.advance(next);
                if (next.done) {
                    drift.stopped(next.index, next.tracker.lastTickWall);
                }
            }
            ledger.finish();
        }

        void process(Cursor c, EventBatch b, int row) throws IOException {
            MachineTracker t = c.tracker;
            long line = b.line(row);
            byte kind = b.kind(row);
            if (kind != EventBatch.OTHER) {
                MatchedSend send = null;
                long delay = -1;
                logicalClocks.checkIncrease(t, b, row, line);
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
                logicalClocks.checkVector(t, b, row, send, line);
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

        MatchedSend receive(Cursor c, EventBatch b, int row, long line) {
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
                ledger.counts.receiveUnmatched(why);
                return null;
            }
            long seq = b.seq(row);
            MatchedSend send = ledger.receive(from, c.index, seq, b.wallMicros(row), c.log.file(), line);
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

        /** Vector clock over logged events only: the basis of the concurrency count and the ShiViz export. */
        void updateLoggedVector(Cursor c, MatchedSend send) {
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
                    Cursor ci = merge.cursor(i);
                    Cursor cj = merge.cursor(j);
                    if (ci == null || cj == null) {
                        continue;
                    }
                    long ni = ci.tracker.loggedVector[i];
                    long nj = cj.tracker.loggedVector[j];
                    pairs += ni * nj;
                    concurrent += ni * nj - ci.tracker.loggedVectorSums[j] - cj.tracker.loggedVectorSums[i];
                }
            }
            return new ConcurrencyResult(pairs, concurrent);
        }

        RunResult result() throws AnalysisException {
            double fastest = 0;
            for (Cursor c : merge.cursors()) {
                fastest = Math.max(fastest, c.tracker.clockRatePerSecond());
            }
            MessageCounts counts = ledger.counts;
            List<MachineResult> results = new ArrayList<>();
            long sendEvents = 0;
            for (Cursor c : merge.cursors()) {
                results.add(c.tracker.result(counts, fastest));
                sendEvents += c.tracker.sends;
            }
            if (counts.unprocessedUnmatched > 0) {
                warnings.add(counts.unprocessedUnmatched + " unprocessed messages were sent by lives of their senders"
                        + " whose logs are not here (not matched)");
            }
            if (counts.undeliveredWithoutSend > 0) {
                warnings.add(counts.undeliveredWithoutSend + " \"undelivered\" lines name no logged send (first: "
                        + counts.firstUndeliveredWithoutSend + ")");
            }
            if (counts.undeliveredAgain > 0) {
                warnings.add(counts.undeliveredAgain + " \"undelivered\" lines name a message that already had its"
                        + " outcome (first: " + counts.firstUndeliveredAgain + ")");
            }
            List<MachineLife> lives = LivesCheck.check(input, checks, warnings);
            MessageResult messages = new MessageResult(sendEvents, counts.messages, counts.received, counts.undelivered,
                    counts.lost, counts.unreceivedAtEnd, counts.toEarlierLifeOfReceiver, counts.fromEarlierLifeOfSender,
                    counts.toMachineWithoutLog, counts.fromMachineWithoutLog,
                    ledger.firstLost, counts.delayMicros.summary(), counts.outcomes());
            return new RunResult(input.name(), input.dir(), machines, input.logs().get(0).start().die(),
                    input.startMicros(), firstTickMicros < 0 ? input.startMicros() : firstTickMicros, input.endMicros(),
                    merge.lines(), List.copyOf(results), messages, drift.result(), concurrency(),
                    checks.results().stream().filter(r -> clocks.sawHlc() || !r.check().needsHlc()).toList(),
                    List.copyOf(warnings), spaceTime.result(), CriticalPathSteps.list(path.result(), input), lives,
                    clocks.result());
        }

        void close() {
            merge.close();
        }
    }
}