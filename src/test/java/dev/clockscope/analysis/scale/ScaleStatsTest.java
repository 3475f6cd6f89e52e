package dev.clockscope.analysis.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.SpaceTimeWindow;
import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process statistics on hand-made events whose figures are worked out in the comments. */
class ScaleStatsTest {
    private static final long T0 = 1_000_000_000L; // µs since the epoch of the first event
    private static final List<String> IDS = List.of("a", "b", "c");

    private static Event.Start start(String id, int rate) {
        return new Event.Start(1, id, IDS, IDS.stream().filter(x -> !x.equals(id)).toList(), rate, 10, 1, T0, T0, "t");
    }

    /** 2 s of run: drift is sampled every 10 ms (2,000,000 µs / 200 samples). */
    private final ScaleStats stats = new ScaleStats(IDS, 2_000_000, new int[] {0, 1}, 10);
    private final EventLog a = e -> stats.accept(0, e);
    private final EventLog b = e -> stats.accept(1, e);
    private final EventLog c = e -> stats.accept(2, e);

    /**
     * a: internal L1 at 0 s (queue 0), send L2 to b at 0.5 s (queue 0), receive L7 at 1.0 s (queue 1 after it; the
     * message from b carried L6 and arrived at 0.9 s). Jumps 1, 1, 5: max 5, mean 7/3; one receive jump of 5; the
     * queue was 0 for 0.5 s, 0 for 0.5 s: mean 0, max 1 (its last value); wait in queue 100,000 µs. a ticked
     * 3 times in 1.0 s: 2 ticks/s achieved, Lamport 1 -> 7: 6 per second.
     * b: internal L1 at 0.2 s, send L6 (jumped by 5 — as a log says) at 0.7 s, stop.
     */
    @Test
    void perMachineFiguresJumpsAndQueuesByHand() {
        a.append(start("a", 2));
        b.append(start("b", 4));
        a.append(new Event.Internal(T0, 1, 1, null, 0));
        b.append(new Event.Internal(T0 + 200_000, 1, 1, null, 0));
        a.append(new Event.Send(T0 + 500_000, 2, 2, null, 0, List.of("b"), 1));
        b.append(new Event.Send(T0 + 700_000, 2, 6, null, 0, List.of("a"), 1));
        a.append(new Event.Receive(T0 + 1_000_000, 3, 7, null, 1, "b", 1, 6, T0, T0 + 900_000));
        b.append(new Event.Stop(T0 + 700_000, "duration", 2));
        ScaleResult r = stats.result();

        assertEquals(5, r.tickEvents());
        assertEquals(2L, r.eventsByKind().get("start"));
        assertEquals(1L, r.eventsByKind().get("receive"));
        assertEquals(2, r.perMachine().get("ticksPerSecond").count(), "c never ticked: not counted");
        assertEquals(2.0, r.perMachine().get("achievedTicksPerSecond").min(), 1e-9, "a: 2 intervals in 1 s");
        assertEquals(2.0, r.perMachine().get("achievedTicksPerSecond").max(), 1e-9, "b: 1 interval in 0.5 s");
        assertEquals(6.0, r.perMachine().get("lamportPerSecond").min(), 1e-9);
        assertEquals(10.0, r.perMachine().get("lamportPerSecond").max(), 1e-9, "b: 1 -> 6 in 0.5 s");
        assertEquals(5.0, r.perMachine().get("maxJump").max(), 1e-9);
        assertEquals(7.0 / 3, r.perMachine().get("meanJump").min(), 1e-9, "a: (1 + 1 + 5) / 3");
        assertEquals(1.0, r.perMachine().get("maxQueue").max(), 1e-9);
        assertEquals(0.0, r.perMachine().get("meanQueue").max(), 1e-9);
        assertArrayEquals(new long[] {0, 3, 0, 0, 0, 2}, java.util.Arrays.copyOf(r.jumpCounts(), 6),
                "jumps 1, 1, 5 (a) and 1, 5 (b): three 1s, two 5s");
        assertEquals(1, r.receiveJumps().count());
        assertEquals(5, r.receiveJumps().max());
        assertEquals(100_000, r.queueWaitMicros().max());
        assertEquals(List.of("a", "b"), r.extremes().get("finalLamport").stream().map(Extreme::machine).toList(),
                "highest first: a 7, b 6");
        assertTrue(r.passed());
    }

    @Test
    void clocksThatDoNotIncreaseAndReceivesNotAboveTheMessageAreCounted() {
        a.append(start("a", 2));
        a.append(new Event.Internal(T0, 1, 3, null, 0));
        a.append(new Event.Internal(T0 + 1, 2, 3, null, 0)); // not above 3
        a.append(new Event.Receive(T0 + 2, 3, 4, null, 0, "b", 1, 9, T0, T0)); // 4 is not above the message's 9
        a.append(start("a", 2)); // a new life starts from 0 again: L1 is fine
        a.append(new Event.Internal(T0 + 3, 1, 1, null, 0));
        ScaleResult r = stats.result();
        assertFalse(r.passed());
        assertEquals(1L, r.checks().get(ScaleStats.CLOCKS_INCREASE));
        assertEquals("a tick 2: Lamport 3 does not exceed the previous 3", r.firstViolations().get(ScaleStats.CLOCKS_INCREASE));
        assertEquals(1L, r.checks().get(ScaleStats.RECEIVE_AFTER_SEND));
        assertEquals("a tick 3: receive clock 4 is not greater than the message's 9",
                r.firstViolations().get(ScaleStats.RECEIVE_AFTER_SEND));
    }

    /**
     * a ticks at 0 ms (L10), b at 1 ms (L3), c at 25 ms (L4). c's event passes the sample times 10 ms and 20 ms:
     * both see a = 10 and b = 3 (c not ticking yet): spread 7, mean lag (0 + 7) / 2 = 3.5; b's worst lag is 7.
     */
    @Test
    void driftIsSampledAtFixedIntervalsOverTheTickingMachines() {
        a.append(new Event.Internal(T0, 1, 10, null, 0));
        b.append(new Event.Internal(T0 + 1_000, 1, 3, null, 0));
        c.append(new Event.Internal(T0 + 25_000, 1, 4, null, 0));
        ScaleResult r = stats.result();
        assertArrayEquals(new double[] {0.01, 0.02}, r.driftSeconds(), 1e-12);
        assertArrayEquals(new long[] {7, 7}, r.driftSpread());
        assertArrayEquals(new double[] {3.5, 3.5}, r.driftMeanLag(), 1e-12);
        assertEquals("b", r.extremes().get("maxLag").get(0).machine());
        assertEquals(7.0, r.extremes().get("maxLag").get(0).value(), 1e-9);
    }

    /** Watched a and b: their events are dots, b's message to a an arrow; c's events are not shown. */
    @Test
    void theWatchedMachinesMakeASpaceTimeWindow() {
        a.append(new Event.Internal(T0, 1, 1, null, 0));
        b.append(new Event.Send(T0 + 100_000, 1, 1, null, 0, List.of("a", "c"), 1));
        c.append(new Event.Receive(T0 + 150_000, 1, 2, null, 0, "b", 1, 1, T0, T0 + 120_000));
        a.append(new Event.Receive(T0 + 200_000, 2, 2, null, 0, "b", 1, 1, T0, T0 + 130_000));
        SpaceTimeWindow w = stats.result().watched();
        assertEquals(3, w.dots().size());
        assertEquals(1, w.arrows().size());
        SpaceTimeWindow.Arrow arrow = w.arrows().get(0);
        assertEquals(List.of(1, 0), List.of(arrow.from(), arrow.to()), "watch positions: b is 1, a is 0");
        assertEquals(0.1, arrow.sentAtSeconds(), 1e-9);
        assertEquals(0.2, arrow.receivedAtSeconds(), 1e-9);
        assertEquals(List.of("a", "b"), stats.result().watchedIds());
    }

    /**
     * HLCs at scale: a on the host's clock, b's clock 100 ms behind (physMicros = wall - 100,000).
     * a internal [T0, 0] (l - pt 0); a send [T0 + 10, 0] (0); b receives it at wall T0 + 50, pt T0 - 99,950:
     * l = max(T0 + 10, pt) = T0 + 10, c 1, l - pt = 99,960; b internal at wall T0 + 60, pt T0 - 99,940: l stays,
     * c 2, l - pt = 99,950. c: 0, 0, 1, 2 (mean 0.75, max 2); l - pt max 99,960.
     */
    @Test
    void hlcCountersAndLeadOverPhysicalTime() {
        a.append(start("a", 1));
        b.append(start("b", 1));
        a.append(new Event.Internal(T0, 1, 1, null, 0, T0, new dev.clockscope.clock.Hlc(T0, 0)));
        a.append(new Event.Send(T0 + 10, 2, 2, null, 0, List.of("b"), 1, T0 + 10, new dev.clockscope.clock.Hlc(T0 + 10, 0)));
        b.append(new Event.Receive(T0 + 50, 1, 3, null, 0, "a", 1, 2, T0, T0 + 40, T0 - 99_950,
                new dev.clockscope.clock.Hlc(T0 + 10, 1)));
        b.append(new Event.Internal(T0 + 60, 2, 4, null, 0, T0 - 99_940, new dev.clockscope.clock.Hlc(T0 + 10, 2)));
        ScaleResult r = stats.result();
        assertEquals(4, r.hlcLogical().count());
        assertEquals(0.75, r.hlcLogical().mean(), 1e-9);
        assertEquals(2, r.hlcLogical().max());
        assertEquals(99_960, r.hlcAheadMicros().max());
    }

    @Test
    void aRunWithoutHlcsHasNoHlcFigures() {
        a.append(start("a", 1));
        a.append(new Event.Internal(T0, 1, 1, null, 0));
        assertEquals(0, stats.result().hlcLogical().count());
    }
}
