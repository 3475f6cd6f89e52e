package dev.clockscope.analysis;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
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

    /** A log being read: its reader and the next event not yet processed. */
    private static final class Cursor {
        final MachineLog log;
        final PrefetchingReader reader;
        final MachineTracker tracker;
        Event head;
        long headLine;
        /** For a receive at the head that can be matched: the sender's index, else -1 (resolved once). */
        int headSender = -1;
        boolean done;

        Cursor(MachineLog log, PrefetchingReader reader, MachineTracker tracker) {
            this.log = log;
            this.reader = reader;
            this.tracker = tracker;
        }
    }

    private final class Pass {
        final List<String> machines = input.machines();
        final int n = machines.size();
        final Map<String, Integer> indexOf = new HashMap<>();
        final Cursor[] byIndex = new Cursor[n];
        final List<Cursor> cursors = new ArrayList<>();
        final CheckTracker checks = new CheckTracker();
        final List<String> warnings = new ArrayList<>();
        final MessageLedger ledger;
        final DriftTracker drift;
        final SpaceTimeCollector spaceTime;
        long lines;
        long firstTickMicros = -1;

        Pass() throws AnalysisException {
            for (int i = 0; i < n; i++) {
                indexOf.put(machines.get(i), i);
            }
            long[] logStart = new long[n];
            long[] incarnation = new long[n];
            Arrays.fill(logStart, -1);
            long origin = input.startMicros();
            long end = input.endMicros();
            for (MachineLog log : input.logs()) {
                logStart[log.index()] = log.start().wallMicros();
                incarnation[log.index()] = log.start().incarnation();
            }
            for (int i = 0; i < n; i++) {
                if (logStart[i] < 0) {
                    warnings.add(input.dir() + ": no log of " + machines.get(i)
                            + ": its messages cannot be matched and are counted apart");
                }
            }
            ledger = new MessageLedger(machines, logStart, incarnation);
            drift = new DriftTracker(n, origin, end);
            spaceTime = new SpaceTimeCollector(window, origin);
            try {
                for (MachineLog log : input.logs()) {
                    Cursor c = new Cursor(log, new PrefetchingReader(EventLogReader.open(log.file()), PREFETCH),
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
            try {
                c.head = c.reader.next();
                c.headLine = c.reader.line();
            } catch (EventLogFormatException e) {
                throw new AnalysisException(e.getMessage());
            } catch (IOException e) {
                throw new AnalysisException(c.log.file() + ": cannot read: " + e.getMessage());
            }
            if (c.head == null) {
                c.done = true;
                warnings.addAll(c.reader.warnings());
            } else {
                lines++;
                c.headSender = -1;
                if (c.head instanceof Event.Receive r) {
                    Integer from = indexOf.get(r.from());
                    if (from != null && ledger.classify(from, r.fromIncarnation()) == MessageLedger.Unmatched.NONE) {
                        c.headSender = from;
                    }
                }
            }
        }

        void run() throws AnalysisException, IOException {
            while (true) {
                Cursor next = choose();
                if (next == null) {
                    break;
                }
                process(next, next.head, next.headLine);
                advance(next);
                if (next.done) {
                    drift.stopped(next.log.index(), next.tracker.lastTickWall);
                }
            }
            ledger.finish();
        }

        /** The log whose head is earliest in wall time among those not waiting for a send. */
        Cursor choose() {
            Cursor best = null;
            Cursor bestBlocked = null;
            for (Cursor c : cursors) {
                if (c.done) {
                    continue;
                }
                if (waitsForSend(c)) {
                    if (bestBlocked == null || c.head.wallMicros() < bestBlocked.head.wallMicros()) {
                        bestBlocked = c;
                    }
                } else if (best == null || c.head.wallMicros() < best.head.wallMicros()) {
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
            return !sender.done && sender.tracker.lastSendSeq < ((Event.Receive) c.head).seq();
        }

        void process(Cursor c, Event e, long line) throws IOException {
            MachineTracker t = c.tracker;
            if (e instanceof Event.TickEvent tick) {
                MessageLedger.PendingSend send = null;
                long delay = -1;
                checkIncrease(c, tick, line);
                if (e instanceof Event.Send s) {
                    t.sends++;
                    send(c, s, line);
                } else if (e instanceof Event.Receive r) {
                    t.receives++;
                    send = receive(c, r, line);
                    if (send != null) {
                        delay = Math.max(0, r.wallMicros() - send.wallMicros);
                    }
                } else {
                    t.internals++;
                }
                checkVector(c, tick, send, line);
                updateLoggedVector(c, send);
                t.tick(tick);
                if (firstTickMicros < 0) {
                    firstTickMicros = tick.wallMicros();
                }
                drift.update(c.log.index(), tick.wallMicros(), tick.lamport());
                spaceTime.tick(c.log.index(), tick, send);
                for (EventSink sink : sinks) {
                    sink.event(c.log, line, e, t.loggedVector, delay);
                }
            } else {
                t.lifecycle(e, line);
                if (e instanceof Event.Undelivered u) {
                    Integer to = indexOf.get(u.to());
                    if (to != null) {
                        ledger.undelivered(c.log.index(), to, u.seq());
                    }
                } else if (e instanceof Event.Stop) {
                    drift.stopped(c.log.index(), e.wallMicros());
                }
                for (EventSink sink : sinks) {
                    sink.event(c.log, line, e, null, -1);
                }
            }
        }

        void send(Cursor c, Event.Send s, long line) {
            int sender = c.log.index();
            int[] receivers = new int[s.to().size()];
            int k = 0;
            for (String to : s.to()) {
                Integer r = indexOf.get(to);
                if (r == null || r == sender) {
                    warnings.add(c.log.file() + ":" + line + ": send to \"" + to + "\", not a peer; ignored");
                    continue;
                }
                receivers[k++] = r;
            }
            c.tracker.lastSendSeq = Math.max(c.tracker.lastSendSeq, s.seq());
            // the logged-vector clock of the send is this event's: own entry + 1 (updated after, so compute here)
            long[] logged = c.tracker.loggedVector.clone();
            logged[sender]++;
            ledger.send(new MessageLedger.PendingSend(sender, s.seq(), s.wallMicros(), s.lamport(), s.vector(), logged,
                    c.log.file(), line), Arrays.copyOf(receivers, k));
        }

        MessageLedger.PendingSend receive(Cursor c, Event.Receive r, long line) {
            if (r.lamport() <= r.msgLamport()) {
                checks.fail(Check.RECEIVE_AFTER_SEND, c.log.file(), line, "receive clock " + r.lamport()
                        + " is not greater than the message's clock " + r.msgLamport());
            }
            Integer from = indexOf.get(r.from());
            MessageLedger.Unmatched why = from == null ? MessageLedger.Unmatched.SENDER_WITHOUT_LOG
                    : ledger.classify(from, r.fromIncarnation());
            if (from == null) {
                checks.fail(Check.RECEIVE_MATCHES_SEND, c.log.file(), line, "receive from \"" + r.from()
                        + "\", which is not a machine of this run");
                return null;
            }
            if (why != MessageLedger.Unmatched.NONE) {
                ledger.receiveUnmatched(why);
                return null;
            }
            MessageLedger.PendingSend send = ledger.receive(from, c.log.index(), r.seq(), r.wallMicros(), c.log.file(), line);
            if (send == null) {
                checks.fail(Check.RECEIVE_MATCHES_SEND, c.log.file(), line, "receive of seq " + r.seq() + " from "
                        + r.from() + " matches no send to " + c.log.machine() + " (never sent, or received twice)");
                return null;
            }
            if (send.lamport != r.msgLamport()) {
                checks.fail(Check.RECEIVE_AFTER_SEND, c.log.file(), line, "message clock " + r.msgLamport()
                        + " differs from the clock its send logged (" + send.lamport + " at " + send.file + ":"
                        + send.line + ")");
            }
            return send;
        }

        void checkIncrease(Cursor c, Event.TickEvent e, long line) {
            MachineTracker t = c.tracker;
            Event.TickEvent prev = t.last;
            if (prev == null) {
                if (e.lamport() < 1) {
                    checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "first Lamport clock is " + e.lamport()
                            + ", not above the initial 0");
                }
                return;
            }
            if (e.lamport() <= prev.lamport()) {
                checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "Lamport clock " + e.lamport()
                        + " does not exceed the previous event's " + prev.lamport());
                return;
            }
            int self = c.log.index();
            VectorClock v = e.vector();
            VectorClock p = prev.vector();
            if (v.get(self) <= p.get(self)) {
                checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "own vector entry " + v.get(self)
                        + " does not exceed the previous event's " + p.get(self));
                return;
            }
            for (int j = 0; j < n; j++) {
                if (v.get(j) < p.get(j)) {
                    checks.fail(Check.CLOCKS_INCREASE, c.log.file(), line, "vector entry " + machines.get(j) + " went down from "
                            + p.get(j) + " to " + v.get(j));
                    return;
                }
            }
        }

        /** The vector rules, and V(a) < V(b) with L(a) < L(b) on both happened-before edges into this event. */
        void checkVector(Cursor c, Event.TickEvent e, MessageLedger.PendingSend send, long line) {
            int self = c.log.index();
            Event.TickEvent prev = c.tracker.last;
            VectorClock v = e.vector();
            long prevLamport = prev == null ? 0 : prev.lamport();
            boolean unmatchedReceive = e instanceof Event.Receive && send == null;
            for (int j = 0; j < n; j++) {
                long before = prev == null ? 0 : prev.vector().get(j);
                long expected;
                if (send != null) {
                    expected = Math.max(before, send.vector.get(j)) + (j == self ? 1 : 0);
                } else if (unmatchedReceive) {
                    // the send is not in this run's logs: only monotonicity can be checked
                    if (v.get(j) < before + (j == self ? 1 : 0)) {
                        vectorFail(c, line, "vector entry " + machines.get(j) + " is " + v.get(j) + ", below "
                                + (before + (j == self ? 1 : 0)));
                        return;
                    }
                    continue;
                } else {
                    expected = before + (j == self ? 1 : 0);
                }
                if (v.get(j) != expected) {
                    vectorFail(c, line, "vector entry " + machines.get(j) + " is " + v.get(j) + ", expected "
                            + expected + (send == null ? " (previous event + own tick)"
                            : " (max of previous event and the send at " + send.file + ":" + send.line + ", + own tick)"));
                    return;
                }
            }
            if (prev != null && (prev.vector().compare(v) != CausalOrder.BEFORE
                    || prevLamport >= e.lamport())) {
                vectorFail(c, line, "the previous event happened before this one, but L " + prevLamport + " -> "
                        + e.lamport());
            } else if (send != null && (send.vector.compare(v) != CausalOrder.BEFORE
                    || send.lamport >= e.lamport())) {
                vectorFail(c, line, "its send (" + send.file + ":" + send.line + ") happened before it, but L "
                        + send.lamport + " -> " + e.lamport());
            }
        }

        void vectorFail(Cursor c, long line, String detail) {
            checks.fail(Check.VECTOR_AGREES_WITH_LAMPORT, c.log.file(), line, detail);
        }

        /** Vector clock over logged events only: the basis of the concurrency count and the ShiViz export. */
        void updateLoggedVector(Cursor c, MessageLedger.PendingSend send) {
            long[] v = c.tracker.loggedVector;
            int self = c.log.index();
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

        RunResult result() {
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
            if (ledger.undeliveredWithoutSend > 0) {
                warnings.add(ledger.undeliveredWithoutSend + " \"undelivered\" lines name no logged send");
            }
            MessageResult messages = new MessageResult(sendEvents, ledger.messages, ledger.received, ledger.undelivered,
                    ledger.lost, ledger.unreceivedAtEnd, ledger.toEarlierLifeOfReceiver, ledger.fromEarlierLifeOfSender,
                    ledger.toMachineWithoutLog, ledger.fromMachineWithoutLog, ledger.firstLost,
                    ledger.delayMicros.summary());
            return new RunResult(input.name(), input.dir(), machines, input.logs().get(0).start().die(),
                    input.startMicros(), firstTickMicros < 0 ? input.startMicros() : firstTickMicros, input.endMicros(),
                    lines, List.copyOf(results), messages, drift.result(), concurrency(), checks.results(),
                    List.copyOf(warnings), spaceTime.result());
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
