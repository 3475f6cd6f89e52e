package dev.clockscope.analysis;

import dev.clockscope.clock.CausalOrder;
import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventBatch;
import dev.clockscope.time.ClockSkew;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical and hybrid logical clocks of one pass over a run, next to the analyzer's Lamport and vector
 * checks ({@link RunAnalyzer} calls it for every event in its merge order, with the send a receive matched):
 * <ul>
 *   <li>checks: the HLC strictly increases on each machine; on every message hlc(send) &lt; hlc(receive) (with
 *       program order, e → f implies hlc(e) &lt; hlc(f) by transitivity); pt ≤ l ≤ pt + the run's clock
 *       spread (the paper's bound, which the max offset also caps);</li>
 *   <li>where physical time orders a message wrongly (a receive stamped before its send), and how each clock
 *       orders the messages;</li>
 *   <li>statistics: the logical counter c, l − pt, each machine's skew.</li>
 * </ul>
 */
final class ClockTracker {
    private final int n;
    private final List<String> names;
    private final CheckTracker checks;
    private final Event.Start[] starts;
    private final long boundMicros;
    private final long[] machineBound;

    private final boolean[] hasLast;
    private final long[] lastL;
    private final int[] lastC;
    private final long[] skewMin;
    private final long[] skewMax;
    private final LogHistogram[] logical;
    private final LogHistogram[] ahead;
    private final long[] rejected;
    private final LogHistogram allLogical = new LogHistogram();
    private final LogHistogram allAhead = new LogHistogram();

    private boolean sawHlc;
    private long messages;
    private long physicalBefore;
    private long physicalSame;
    private String firstPhysicalBefore;
    private long lamportOrdered;
    private long vectorOrdered;
    private long hlcMessages;
    private long hlcOrdered;
    private long rejectedClockAhead;

    /**
     * @param starts      each machine's start line (null: no log), for its clock settings
     * @param originMicros the run's first wall time, and {@code endMicros} its last: how long the clocks drifted
     */
    ClockTracker(List<String> names, Event.Start[] starts, long originMicros, long endMicros, CheckTracker checks) {
        this.n = names.size();
        this.names = names;
        this.starts = starts;
        this.checks = checks;
        this.boundMicros = spreadMicros(starts, originMicros, endMicros);
        this.machineBound = new long[n];
        for (int i = 0; i < n; i++) {
            long max = starts[i] == null || !starts[i].keepsHlc() ? Long.MAX_VALUE : starts[i].hlcMaxOffsetMicros();
            machineBound[i] = boundMicros < 0 ? -1 : Math.min(boundMicros, max);
        }
        hasLast = new boolean[n];
        lastL = new long[n];
        lastC = new int[n];
        skewMin = new long[n];
        skewMax = new long[n];
        java.util.Arrays.fill(skewMin, Long.MAX_VALUE);
        java.util.Arrays.fill(skewMax, Long.MIN_VALUE);
        logical = new LogHistogram[n];
        ahead = new LogHistogram[n];
        for (int i = 0; i < n; i++) {
            logical[i] = new LogHistogram();
            ahead[i] = new LogHistogram();
        }
        rejected = new long[n];
    }

    /**
     * How far apart the machines' physical clocks can be over the run: each clock runs offset + (t − start) ×
     * drift ahead of true time, a line over a life, so the largest lead minus the largest lag at the ends. The
     * drift is counted from the run's origin (at least as long as any life of the run drifted), so an earlier
     * life's clock is covered too. An HLC's l is some clock's earlier reading, so l − pt stays within this.
     * -1 (no bound) when a machine has no log: its clock is unknown.
     */
    static long spreadMicros(Event.Start[] starts, long originMicros, long endMicros) {
        long lead = Long.MIN_VALUE;
        long lag = Long.MAX_VALUE;
        for (Event.Start s : starts) {
            if (s == null) {
                return -1;
            }
            long from = Math.min(originMicros, s.incarnation());
            long to = Math.max(endMicros, s.incarnation());
            long atStart = s.clockOffsetMicros();
            long atEnd = new ClockSkew(s.clockOffsetMicros(), s.clockDriftPpb()).readingAt(to, from) - to;
            lead = Math.max(lead, Math.max(atStart, atEnd));
            lag = Math.min(lag, Math.min(atStart, atEnd));
        }
        return lead - lag;
    }

    /** A tick event at {@code row}; {@code send} is the send a receive matched (null otherwise). */
    void tick(int machine, EventBatch b, int row, MatchedSend send, Path file, long line) {
        long wall = b.wallMicros(row);
        long pt = b.physMicros(row);
        long skew = pt - wall;
        skewMin[machine] = Math.min(skewMin[machine], skew);
        skewMax[machine] = Math.max(skewMax[machine], skew);
        boolean hlc = b.hasHlc(row);
        long l = b.hlcL(row);
        int c = b.hlcC(row);
        if (hlc) {
            sawHlc = true;
            hlcRules(machine, pt, l, c, file, line);
        }
        if (send != null) {
            message(machine, b, row, send, hlc, l, c, file, line);
        }
    }

    private void hlcRules(int machine, long pt, long l, int c, Path file, long line) {
        if (hasLast[machine] && Hlc.compare(l, c, lastL[machine], lastC[machine]) <= 0) {
            checks.fail(Check.HLC_INCREASES, file, line, "HLC [" + l + ", " + c + "] does not exceed the previous event's ["
                    + lastL[machine] + ", " + lastC[machine] + "]");
        }
        hasLast[machine] = true;
        lastL[machine] = l;
        lastC[machine] = c;
        long lead = l - pt;
        if (lead < 0) {
            checks.fail(Check.HLC_NEAR_PHYSICAL, file, line, "l " + l + " is below the machine's own clock " + pt
                    + " (l = max(..., pt))");
        } else if (machineBound[machine] >= 0 && lead > machineBound[machine]) {
            checks.fail(Check.HLC_NEAR_PHYSICAL, file, line, "l is " + lead + " µs ahead of the machine's own clock, more"
                    + " than the " + machineBound[machine] + " µs its clocks' spread and max offset allow");
        }
        long shown = Math.max(0, lead);
        ahead[machine].add(shown);
        allAhead.add(shown);
        logical[machine].add(c);
        allLogical.add(c);
    }

    private void message(int machine, EventBatch b, int row, MatchedSend send, boolean hlc, long l, int c,
                         Path file, long line) {
        messages++;
        long pt = b.physMicros(row);
        if (pt < send.physMicros) {
            physicalBefore++;
            if (firstPhysicalBefore == null) {
                firstPhysicalBefore = file + ":" + line + ": received at physical " + pt + ", " + (send.physMicros - pt)
                        + " µs before its send (" + send.file + ":" + send.line + ", physical " + send.physMicros + ")";
            }
        } else if (pt == send.physMicros) {
            physicalSame++;
        }
        if (send.lamport < b.lamport(row)) {
            lamportOrdered++;
        }
        if (VectorClock.compare(send.vector, 0, b.vectors(), b.vectorOffset(row), n) == CausalOrder.BEFORE) {
            vectorOrdered++;
        }
        if (hlc && send.hlcL >= 0) {
            hlcMessages++;
            if (Hlc.compare(send.hlcL, send.hlcC, l, c) < 0) {
                hlcOrdered++;
            } else {
                checks.fail(Check.HLC_HAPPENED_BEFORE, file, line, "HLC [" + l + ", " + c + "] of a receive is not above"
                        + " its send's [" + send.hlcL + ", " + send.hlcC + "] (" + send.file + ":" + send.line + ")");
            }
        }
    }

    /** A lifecycle line of {@code machine}: counts the messages it refused for their clock. */
    void lifecycle(int machine, Event e) {
        if (e instanceof Event.Rejected r && r.clockAhead()) {
            rejected[machine]++;
            rejectedClockAhead++;
        }
    }

    boolean sawHlc() {
        return sawHlc;
    }

    ClockResult result() {
        List<ClockResult.Machine> machines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event.Start s = starts[i];
            if (s == null) {
                continue;
            }
            boolean ticked = skewMin[i] != Long.MAX_VALUE;
            machines.add(new ClockResult.Machine(names.get(i), s.clockOffsetMicros(), s.clockDriftPpb(),
                    s.hlcMaxOffsetMicros(), ticked ? skewMin[i] : 0, ticked ? skewMax[i] : 0, logical[i].summary(),
                    ahead[i].summary(), rejected[i]));
        }
        int top = LogHistogram.EXACT_LIMIT - 1;
        long[] counts = new long[top];
        for (int v = 0; v < top; v++) {
            counts[v] = allLogical.countOf(v);
        }
        return new ClockResult(sawHlc, sawHlc ? boundMicros : -1, messages, physicalBefore, physicalSame,
                firstPhysicalBefore, lamportOrdered, vectorOrdered, hlcMessages, hlcOrdered, counts,
                allLogical.countAbove(top - 1), allLogical.summary(), allAhead.summary(), n, rejectedClockAhead,
                List.copyOf(machines));
    }
}
