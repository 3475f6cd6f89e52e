package dev.clockscope.analysis;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.EventBatch;
import java.util.List;

/**
 * The Lamport and vector clock rules, checked on every tick event in merge order: clocks increase
 * ({@link Check#CLOCKS_INCREASE}) and the vector follows its rules and agrees with Lamport's
 * ({@link Check#VECTOR_AGREES_WITH_LAMPORT}). Call both before the machine's tracker takes the event.
 */
final class LogicalClockRules {
    private final List<String> machines;
    private final int n;
    private final CheckTracker checks;

    LogicalClockRules(List<String> machines, CheckTracker checks) {
        this.machines = machines;
        this.n = machines.size();
        this.checks = checks;
    }

    /** Lamport clock and own vector entry above the previous event's (or the life's initial clocks), no entry down. */
    void checkIncrease(MachineTracker t, EventBatch b, int row, long line) {
        long lamport = b.lamport(row);
        if (!t.ticking) {
            if (lamport <= t.baseLamport) {
                checks.fail(Check.CLOCKS_INCREASE, t.log.file(), line, "first Lamport clock is " + lamport
                        + ", not above the initial " + t.baseLamport);
            }
            return;
        }
        if (lamport <= t.lastLamport) {
            checks.fail(Check.CLOCKS_INCREASE, t.log.file(), line, "Lamport clock " + lamport
                    + " does not exceed the previous event's " + t.lastLamport);
            return;
        }
        int self = t.log.index();
        long[] v = b.vectors();
        int off = b.vectorOffset(row);
        long[] p = t.lastVector;
        if (v[off + self] <= p[self]) {
            checks.fail(Check.CLOCKS_INCREASE, t.log.file(), line, "own vector entry " + v[off + self]
                    + " does not exceed the previous event's " + p[self]);
            return;
        }
        for (int j = 0; j < n; j++) {
            if (v[off + j] < p[j]) {
                checks.fail(Check.CLOCKS_INCREASE, t.log.file(), line, "vector entry " + machines.get(j)
                        + " went down from " + p[j] + " to " + v[off + j]);
                return;
            }
        }
    }

    /** The vector rules, and V(a) < V(b) with L(a) < L(b) on both happened-before edges into this event. */
    void checkVector(MachineTracker t, EventBatch b, int row, MatchedSend send, long line) {
        int self = t.log.index();
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
                    vectorFail(t, line, "vector entry " + machines.get(j) + " is " + got + ", below "
                            + (before + own));
                    return;
                }
                continue;
            } else {
                expected = before + own;
            }
            if (got != expected) {
                vectorFail(t, line, "vector entry " + machines.get(j) + " is " + got + ", expected "
                        + expected + (send == null ? " (previous event + own tick)"
                        : " (max of previous event and the send at " + send.file + ":" + send.line + ", + own tick)"));
                return;
            }
        }
        if (hasPrev && (VectorClock.compare(prev, 0, v, off, n) != CausalOrder.BEFORE
                || prevLamport >= lamport)) {
            vectorFail(t, line, "the previous event happened before this one, but L " + prevLamport + " -> "
                    + lamport);
        } else if (send != null && (VectorClock.compare(send.vector, 0, v, off, n) != CausalOrder.BEFORE
                || send.lamport >= lamport)) {
            vectorFail(t, line, "its send (" + send.file + ":" + send.line + ") happened before it, but L "
                    + send.lamport + " -> " + lamport);
        }
    }

    private void vectorFail(MachineTracker t, long line, String detail) {
        checks.fail(Check.VECTOR_AGREES_WITH_LAMPORT, t.log.file(), line, detail);
    }
}
