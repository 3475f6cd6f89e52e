package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a recorded life says about its pauses and its stop, read as a replay's script. */
class RecordedStepsTest {
    private static final Event.Start START = new Event.Start(Event.FORMAT, "a", List.of("a", "b"), List.of("b"), 5, 10, 1,
            0, 0, "test", -1, -1, 0, 0, 0);

    @Test
    void aPauseBeginsAtTheLastEventOrTheLastArrivalStampedBeforeTheStall() {
        // tick at 1,000 µs; a receive after the stall whose message arrived at 1,700 µs (the network side still ran)
        List<Event> events = List.of(START, new Event.Internal(1_000, 1, 1, null, 0), new Event.Stall(5_000, 3),
                new Event.Receive(5_100, 2, 3, null, 0, "b", 1, 1, 9, 1_700));
        assertEquals(1_700, RecordedSteps.lastSeenRunningMicros(events, 2));
        // an arrival stamped after the stall does not count
        List<Event> later = List.of(START, new Event.Internal(1_000, 1, 1, null, 0), new Event.Stall(5_000, 3),
                new Event.Receive(5_100, 2, 3, null, 0, "b", 1, 1, 9, 5_050));
        assertEquals(1_000, RecordedSteps.lastSeenRunningMicros(later, 2));
    }

    @Test
    void aPauseBeginsBeforeWhatTheMachineLoggedInTheStallsOwnMicrosecond() {
        // what waited for it (a peer_down) is logged as it runs again, just before its stall line: not a sign it ran
        List<Event> events = List.of(START, new Event.Internal(1_000, 1, 1, null, 0), new Event.PeerDown(5_000, "b"),
                new Event.PeerUp(5_000, "b"), new Event.Stall(5_000, 3));
        assertEquals(1_000, RecordedSteps.lastSeenRunningMicros(events, 4));
        // nothing before it but its start line: paused since it started
        assertEquals(0, RecordedSteps.lastSeenRunningMicros(List.of(START, new Event.PeerDown(5_000, "b"),
                new Event.Stall(5_000, 3)), 2));
    }

    @Test
    void aRestartedLifePausedBeforeItsFirstTickWasTimedOutOnlyAfterItWouldHaveTicked() {
        // 5 ticks/s (period 200,000 µs), started at 0; its link to b up at 0, then nothing until 6 s: paused, and
        // ticking after it (the first line after the pause, index 2, ends it)
        List<Event> events = List.of(START, new Event.PeerUp(0, "b"), new Event.PeerDown(6_000_000, "b"),
                new Event.Internal(6_100_000, 1, 1, null, 0));
        RecordedRun.Life life = new RecordedRun.Life("a", null, START, events);
        int[] pauseEnd = {2};
        // a life that ticks logs a line every period: paused by 0 + 200,000, timed out by that + 1,500,000
        assertArrayEquals(new long[] {1_700_000}, RecordedSteps.pauseTimeOuts(life, false, pauseEnd, 1_500_000));
        // a restarted one waits 3 s for its peers before it must tick: paused by 3,000,000 + 200,000
        assertArrayEquals(new long[] {4_700_000}, RecordedSteps.pauseTimeOuts(life, true, pauseEnd, 1_500_000));
        // a pause that ended before then was not timed out
        List<Event> shorter = List.of(START, new Event.PeerUp(0, "b"), new Event.PeerDown(4_000_000, "b"),
                new Event.Internal(4_100_000, 1, 1, null, 0));
        assertArrayEquals(new long[0], RecordedSteps.pauseTimeOuts(new RecordedRun.Life("a", null, START, shorter),
                true, pauseEnd, 1_500_000));
    }

    @Test
    void aRestartedLifeThatTickedLateWasPausedUntilAPeriodBeforeItsFirstTick() {
        // 1 tick/s: a restarted life that runs has ticked by 0 + 3,000,000 + 1,000,000 (+ 100,000 for a late timer)
        Event.Start restart = new Event.Start(Event.FORMAT, "a", List.of("a", "b"), List.of("b"), 1, 10, 1, 0, 0,
                "test", -1, -1, 0, 0, 0);
        // link up at 0, then nothing until the lines it logs as it runs again (3,500,000, before that bound), first
        // tick 4,300,000: it ran again at or after 4,300,000 - 1,000,000 - 100,000, so its pause ends at index 2,
        // the first of those lines, not at the tick
        List<Event> late = List.of(restart, new Event.PeerUp(0, "b"), new Event.PeerDown(3_500_000, "b"),
                new Event.PeerUp(3_500_000, "b"), new Event.Internal(4_300_000, 1, 1, null, 0));
        assertEquals(2, RecordedSteps.pausedBeforeFirstTick(new RecordedRun.Life("a", null, restart, late)));
        // with no line as it ran again, the tick ends it
        List<Event> tickOnly = List.of(restart, new Event.PeerUp(0, "b"), new Event.Internal(4_300_000, 1, 1, null, 0));
        assertEquals(2, RecordedSteps.pausedBeforeFirstTick(new RecordedRun.Life("a", null, restart, tickOnly)));
        // a first tick by 4,100,000 says nothing
        List<Event> inTime = List.of(restart, new Event.PeerUp(0, "b"), new Event.Internal(4_100_000, 1, 1, null, 0));
        assertEquals(-1, RecordedSteps.pausedBeforeFirstTick(new RecordedRun.Life("a", null, restart, inTime)));
    }

    @Test
    void aPauseEndedByItsStallAndByALineBeforeItInItsMicrosecondIsOnePause() {
        // a peer_up logged as it ran again, before the stall line: a silent end there is the same pause
        List<Event> events = List.of(START, new Event.Internal(1_000, 1, 1, null, 0), new Event.PeerUp(5_000, "b"),
                new Event.Stall(5_000, 3), new Event.Internal(5_100, 2, 2, null, 0));
        List<long[]> pauses = RecordedSteps.pauses(events, new int[] {2});
        assertEquals(1, pauses.size());
        assertArrayEquals(new long[] {1_000, 5_000}, pauses.get(0));
    }

    @Test
    void theLinesAMachineLogsAsItStopsArePartOfItsStop() {
        List<Event> events = List.of(START, new Event.PeerDown(1_000, "b"), new Event.Internal(2_000, 1, 1, null, 0),
                new Event.PeerDown(3_000, "b"), new Event.Stop(3_001, "duration", 1));
        assertFalse(RecordedSteps.partOfStop(events, 1), "a tick follows: the peer went, the machine ran on");
        assertTrue(RecordedSteps.partOfStop(events, 3));
        assertFalse(RecordedSteps.partOfStop(events.subList(0, 4), 3), "no stop line: killed");
        // a machine paused from after its line until its stop logs nothing between them: a stop waits a second for
        // its acknowledgements, so a line 3.9 s before it is not one of its stop's (1.1 s with a late timer still is)
        List<Event> pausedToTheEnd = List.of(START, new Event.Internal(2_000, 1, 1, null, 0),
                new Event.PeerDown(11_127_000, "b"), new Event.Undelivered(11_127_000, "b", 20, "unacknowledged"),
                new Event.PeerDown(15_000_000, "b"), new Event.Stop(15_000_000, "duration", 1));
        assertFalse(RecordedSteps.partOfStop(pausedToTheEnd, 2));
        assertTrue(RecordedSteps.partOfStop(pausedToTheEnd, 4));
        List<Event> slowStop = List.of(START, new Event.Internal(2_000, 1, 1, null, 0),
                new Event.PeerDown(13_900_000, "b"), new Event.Stop(15_000_000, "duration", 1));
        assertTrue(RecordedSteps.partOfStop(slowStop, 2));
    }
}
