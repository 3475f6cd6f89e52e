package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-machine accumulators for one pass over its log: counts, jumps, queue, rate, lifecycle. */
final class MachineTracker {
    static final int LIFECYCLE_KEPT = 200;

    final MachineLog log;
    final LogHistogram jumps = new LogHistogram();
    final LogHistogram receiveJumps = new LogHistogram();
    final TimeSeries lamportSeries;
    final TimeSeries queueSeries;
    final List<LifecycleEvent> lifecycle = new ArrayList<>();
    /** Vector clock over logged tick events only (own entry = events so far). */
    final long[] loggedVector;
    /** Σ over this machine's tick events of loggedVector[j], for the concurrency count. */
    final long[] loggedVectorSums;

    long sends;
    long receives;
    long internals;
    long lifecycleLines;
    long lastSendSeq;
    long stalledTicks;
    String stopReason = "";

    /**
     * The clocks before this life's first event: zero, or what a resumed life starts above (its start line's
     * resumedFrom, raised by a resumed line before its first tick).
     */
    long baseLamport;
    final long[] baseVector;

    /** Whether a tick event has been seen; then lastLamport and lastVector are the latest one's. */
    boolean ticking;
    long lastLamport;
    final long[] lastVector;
    long firstTick = -1;
    long lastTick;
    long firstTickWall;
    long lastTickWall;
    long firstLamport;

    private long queuePrevWall = -1;
    private int queuePrev;
    private long queueMax;
    private double queueWeighted;
    private long queueNonEmptyMicros;
    private long queueObservedMicros;

    MachineTracker(MachineLog log, int machines, long originMicros, long endMicros) {
        this.log = log;
        this.loggedVector = new long[machines];
        this.loggedVectorSums = new long[machines];
        this.lastVector = new long[machines];
        this.baseVector = new long[machines];
        if (log.start().resumed()) {
            baseLamport = log.start().resumedLamport();
            baseVector[log.index()] = log.start().resumedOwnEntry();
            lastLamport = baseLamport; // a resumed life's first jump is from where it resumed
        }
        this.lamportSeries = new TimeSeries(originMicros, endMicros, TimeSeries.DEFAULT_POINTS, TimeSeries.Keep.LAST);
        this.queueSeries = new TimeSeries(originMicros, endMicros, TimeSeries.DEFAULT_POINTS, TimeSeries.Keep.MAX);
    }

    /** Bookkeeping common to the three tick events (the checks live in {@link RunAnalyzer} and {@link LogicalClockRules}). */
    void tick(EventBatch b, int row) {
        long lamport = b.lamport(row);
        long wall = b.wallMicros(row);
        long tick = b.tick(row);
        int queue = b.queue(row);
        long jump = lamport - lastLamport;
        if (jump >= 0) {
            jumps.add(jump);
            if (b.kind(row) == EventBatch.RECEIVE) {
                receiveJumps.add(jump);
            }
        }
        if (firstTick < 0) {
            firstTick = tick;
            firstTickWall = wall;
            firstLamport = lamport;
        }
        ticking = true;
        lastTick = tick;
        lastTickWall = wall;
        lastLamport = lamport;
        System.arraycopy(b.vectors(), b.vectorOffset(row), lastVector, 0, lastVector.length);
        lamportSeries.add(wall, lamport);
        queueSeries.add(wall, queue);
        queue(wall, queue);
    }

    private void queue(long wallMicros, int length) {
        if (queuePrevWall >= 0 && wallMicros > queuePrevWall) {
            long dt = wallMicros - queuePrevWall;
            queueWeighted += (double) queuePrev * dt;
            queueObservedMicros += dt;
            if (queuePrev > 0) {
                queueNonEmptyMicros += dt;
            }
        }
        queuePrevWall = wallMicros;
        queuePrev = length;
        queueMax = Math.max(queueMax, length);
    }

    void lifecycle(Event e, long line) {
        lifecycleLines++;
        String detail;
        if (e instanceof Event.PeerUp u) {
            detail = u.peer();
        } else if (e instanceof Event.PeerDown d) {
            detail = d.peer();
        } else if (e instanceof Event.Undelivered u) {
            detail = "seq " + u.seq() + " to " + u.to() + (u.reason().isEmpty() ? "" : ": " + u.reason());
        } else if (e instanceof Event.Rejected r) {
            detail = "seq " + r.seq() + " from " + r.from() + (r.reason().isEmpty() ? "" : ": " + r.reason());
        } else if (e instanceof Event.Partition p) {
            detail = p.peer() + " " + p.state();
        } else if (e instanceof Event.Resumed r) {
            if (!ticking) {
                baseLamport = Math.max(baseLamport, r.lamport());
                baseVector[log.index()] = Math.max(baseVector[log.index()], r.ownEntry());
                lastLamport = baseLamport;
            }
            detail = "Lamport " + r.lamport() + ", own entry " + r.ownEntry();
        } else if (e instanceof Event.Stall s) {
            stalledTicks += s.missedTicks();
            detail = s.missedTicks() + " ticks skipped";
        } else if (e instanceof Event.Stop s) {
            stopReason = s.reason();
            detail = s.reason() + " after " + s.ticks() + " ticks";
        } else if (e instanceof Event.Unprocessed u) {
            detail = "seq " + u.seqs() + " from " + u.from() + " (" + u.count() + " messages)";
        } else if (e instanceof Event.Connected c) {
            detail = String.join(", ", c.peers());
        } else {
            detail = "";
        }
        if (lifecycle.size() < LIFECYCLE_KEPT) {
            lifecycle.add(new LifecycleEvent(e.wallMicros(), line, e.kind(), detail));
        }
    }

    double tickingSeconds() {
        return (lastTickWall - firstTickWall) / 1e6;
    }

    double clockRatePerSecond() {
        double s = tickingSeconds();
        return s <= 0 ? 0 : (lastLamport - firstLamport) / s;
    }

    MachineResult result(MessageCounts messages, double fastestClockRate) {
        int i = log.index();
        double seconds = tickingSeconds();
        double achieved = seconds <= 0 ? 0 : (lastTick - firstTick) / seconds;
        Distribution jumpSummary = jumps.summary();
        int top = (int) Math.min(LogHistogram.EXACT_LIMIT - 1, jumpSummary.max());
        long[] counts = new long[top + 1];
        for (int v = 0; v <= top; v++) {
            counts[v] = jumps.countOf(v);
        }
        long over = jumps.countAbove(LogHistogram.EXACT_LIMIT - 1);
        QueueStats queue = new QueueStats(queueObservedMicros == 0 ? queuePrev : queueWeighted / queueObservedMicros,
                queueMax, queueNonEmptyMicros / 1e6, queueObservedMicros / 1e6);
        double rate = clockRatePerSecond();
        return new MachineResult(log.machine(), log.file(), log.start().incarnation(), log.previousLogs(),
                log.start().seed(),
                log.start().ticksPerSecond(), achieved, firstTick < 0 ? 0 : lastTick - firstTick + 1,
                sends, receives, internals, lifecycleLines, firstLamport, lastLamport, seconds, rate,
                fastestClockRate <= 0 ? 0 : rate / fastestClockRate, jumpSummary, receiveJumps.summary(),
                Arrays.copyOf(counts, counts.length), over, queue, messages.messagesSentBy[i], messages.receivedBy[i],
                messages.undeliveredBy[i], messages.lostTo[i], messages.delayMicrosTo[i].summary(), stopReason,
                stalledTicks, List.copyOf(lifecycle), lamportSeries.points(), queueSeries.points());
    }
}
