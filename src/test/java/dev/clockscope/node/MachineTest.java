package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.testing.FakeTime;
import dev.clockscope.testing.ListEventLog;
import dev.clockscope.testing.RecordingTransport;
import dev.clockscope.testing.ScriptedRandom;
import dev.clockscope.time.ClockSkew;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
    private static final MachineIds CLUSTER = MachineIds.of(List.of("m1", "m2", "m3"));
    private static final int M1 = 0;
    private static final int M2 = 1;
    private static final int M3 = 2;
    private final FakeTime time = new FakeTime(1_000_000);
    private final RecordingTransport transport = new RecordingTransport();
    private final ListEventLog log = new ListEventLog();

    private Machine machine(String id, int... faces) {
        int self = CLUSTER.indexOf(id);
        return new Machine(self, CLUSTER, MachineFactory.complete(3).apply(self), new Die(10), VectorMode.DENSE, 4, 77,
                transport, new ScriptedRandom(faces), log, time);
    }

    /** m1 with its clock 150 ms ahead of true time and an HLC that refuses clocks more than 500 ms ahead of it. */
    private Machine skewedWithHlc(int... faces) {
        return new Machine(M1, CLUSTER, MachineFactory.complete(3).apply(M1), new Die(10), VectorMode.DENSE, 4, 77,
                transport, new ScriptedRandom(faces), log, time, new ClockSkew(150_000, 0).clockFrom(1_000_000), 500_000,
                MessageQueue.newRingPool());
    }

    @Test
    void everyTickEventCarriesThePhysicalReadingAndTheHlc() {
        Machine m = skewedWithHlc(7, 1);
        m.tick(); // internal at true time 1,000,000: pt = 1,150,000; HLC (0,0) -> l = pt = 1,150,000, c = 0
        Event.Internal i = (Event.Internal) log.events.get(0);
        assertEquals(1_000_000, i.wallMicros(), "the log's god's-eye time is not skewed");
        assertEquals(1_150_000, i.physMicros());
        assertEquals(new Hlc(1_150_000, 0), i.hlc());
        m.tick(); // send in the same µs: l = max(1,150,000, 1,150,000) = l' -> c = 1; the message carries it
        Event.Send s = (Event.Send) log.events.get(1);
        assertEquals(new Hlc(1_150_000, 1), s.hlc());
        assertEquals(new Hlc(1_150_000, 1), transport.sent.get(0).message().hlc());
        assertEquals(new Hlc(1_150_000, 1), m.hlc());
        assertEquals(1_150_000 + 42, m.physMicros(1_000_042));
    }

    @Test
    void aReceiveMergesTheMessagesHlcAndOneTooFarAheadIsRefused() {
        Machine m = skewedWithHlc(7);
        m.tick(); // (1,150,000, 0) as above
        // 250 ms ahead of m1's clock (1,400,000 - 1,150,000), within 500 ms: taken
        m.deliver(new Message(M2, 5, 1, 3, VectorClock.of(0, 3, 0), 0, new Hlc(1_400_000, 3)));
        time.advanceNanos(10_000); // true time 1,000,010: pt = 1,150,010
        m.tick(); // l = max(1,150,000, 1,400,000, 1,150,010) = 1,400,000 = l.m only -> c = 3 + 1 = 4
        assertEquals(new Hlc(1_400_000, 4), ((Event.Receive) log.events.get(1)).hlc());
        assertEquals(1_150_010, ((Event.Receive) log.events.get(1)).physMicros());
        // 550 ms ahead (1,700,010 - 1,150,010): refused; m2's next one (behind) is taken by the same tick
        m.deliver(new Message(M3, 6, 1, 2, VectorClock.of(0, 0, 2), 0, new Hlc(1_700_010, 0)));
        m.deliver(new Message(M2, 5, 2, 4, VectorClock.of(0, 4, 0), 0, new Hlc(1_000_000, 9)));
        m.tick(); // l = max(1,400,000, 1,000,000, 1,150,010) = 1,400,000 = l' only -> c = 4 + 1 = 5
        Event.Rejected refused = (Event.Rejected) log.events.get(2);
        assertEquals("m3", refused.from());
        assertEquals(1, refused.seq());
        assertEquals("clock ahead by 550000us (max 500000us)", refused.reason());
        assertTrue(refused.clockAhead());
        Event.Receive r = (Event.Receive) log.events.get(3);
        assertEquals("m2", r.from());
        assertEquals(new Hlc(1_400_000, 5), r.hlc());
        assertEquals(refused.wallMicros(), r.wallMicros(), "the refusal belongs to the tick that took the message");
        assertEquals(1, m.clockRejections());
        assertEquals(VectorClock.of(3, 4, 0), r.vector(), "the refused message's clocks were not applied");
        assertEquals(0, m.queueLength());
    }

    @Test
    void withoutAnHlcTheMachineLogsNoneAndRefusesNothing() {
        Machine m = machine("m1", 7);
        assertTrue(m.deliver(new Message(M2, 5, 1, 3, VectorClock.of(0, 3, 0), 0, new Hlc(999_999_999, 3))));
        m.tick();
        Event.Receive r = (Event.Receive) log.events.get(0);
        assertEquals(null, r.hlc());
        assertEquals(r.wallMicros(), r.physMicros(), "the host's clock");
        assertEquals(0, m.clockRejections());
    }

    @Test
    void internalEventTicksClockAndLogsValueAfterTheEvent() {
        Machine m = machine("m1", 7);
        m.tick();
        Event.Internal e = (Event.Internal) log.events.get(0);
        assertEquals(1, e.tick());
        assertEquals(1, e.lamport(), "logged value is after the increment");
        assertEquals(VectorClock.of(1, 0, 0), e.vector());
        assertEquals(0, e.queue());
        assertTrue(transport.sent.isEmpty());
    }

    @Test
    void facesOneTwoThreeSendToFirstSecondAndBothPeers() {
        Machine m = machine("m2", 1, 2, 3);
        m.tick();
        m.tick();
        m.tick();
        List<Event.Send> sends = log.ofType(Event.Send.class);
        assertEquals(List.of("m1"), sends.get(0).to());
        assertEquals(List.of("m3"), sends.get(1).to());
        assertEquals(List.of("m1", "m3"), sends.get(2).to());
        assertEquals(List.of(1L, 2L, 3L), sends.stream().map(Event.Send::seq).toList());
        assertEquals(List.of(1L, 2L, 3L), sends.stream().map(Event.Send::lamport).toList());
        // the send to both is one event, one seq, two messages carrying the same clock
        assertEquals(4, transport.sent.size());
        RecordingTransport.Sent last = transport.sent.get(3);
        assertEquals(M3, last.peer());
        assertEquals(3, last.message().lamport());
        assertEquals(3, last.message().seq());
        assertEquals(77, last.message().fromIncarnation());
        assertEquals(VectorClock.of(0, 3, 0), last.message().vector());
    }

    @Test
    void receiveHasPriorityOverTheDieAndMergesBothClocks() {
        Machine m = machine("m1", 8);
        m.tick(); // internal: L=1, V=[1,0,0]
        assertTrue(m.deliver(new Message(M3, 5, 1, 9, VectorClock.of(0, 2, 6), 123)));
        assertTrue(m.deliver(new Message(M2, 6, 1, 2, VectorClock.of(0, 2, 0), 124)));
        m.tick(); // takes m3's message: L = max(1, 9) + 1 = 10, V = max([1,0,0],[0,2,6]) + self = [2,2,6]
        Event.Receive r = (Event.Receive) log.events.get(1);
        assertEquals(10, r.lamport());
        assertEquals(VectorClock.of(2, 2, 6), r.vector());
        assertEquals("m3", r.from());
        assertEquals(9, r.msgLamport());
        assertEquals(1, r.queue(), "m2's message still waits");
        assertEquals(123, r.arrivedMicros());
        m.tick(); // takes m2's: L = max(10, 2) + 1 = 11
        assertEquals(11, ((Event.Receive) log.events.get(2)).lamport());
        assertEquals(0, m.queueLength());
    }

    @Test
    void sendToADownPeerIsLoggedAsUndeliveredAfterTheSend() {
        transport.down.add(M3);
        Machine m = machine("m1", 3);
        m.tick();
        assertInstanceOf(Event.Send.class, log.events.get(0));
        Event.Undelivered u = (Event.Undelivered) log.events.get(1);
        assertEquals("m3", u.to());
        assertEquals(1, u.seq());
        assertEquals("peer down", u.reason());
        assertEquals(1, transport.sent.size(), "m2 still got it");
        assertEquals(1, m.undelivered());
    }

    @Test
    void replayedSequenceNumbersAreRefusedButANewLifeStartsAfresh() {
        Machine m = machine("m1");
        assertTrue(m.deliver(new Message(M2, 1, 1, 1, VectorClock.of(0, 1, 0), 0)));
        assertTrue(m.deliver(new Message(M2, 1, 2, 2, VectorClock.of(0, 2, 0), 0)));
        assertFalse(m.deliver(new Message(M2, 1, 2, 2, VectorClock.of(0, 2, 0), 0)), "replay of seq 2");
        assertFalse(m.deliver(new Message(M2, 1, 1, 1, VectorClock.of(0, 1, 0), 0)), "older seq");
        assertTrue(m.deliver(new Message(M2, 2, 1, 1, VectorClock.of(0, 1, 0), 0)), "restarted m2: seq 1 again");
        assertEquals(3, m.queueLength());
        assertEquals(2, m.duplicates());
    }

    @Test
    void everyTickLogsExactlyOneTickEventWithIncreasingClock() {
        Machine m = machine("m1", 1, 5, 2, 9, 3, 10, 4);
        m.deliver(new Message(M2, 1, 1, 40, VectorClock.of(0, 40, 0), 0));
        for (int i = 0; i < 8; i++) {
            m.tick();
        }
        List<Event.TickEvent> ticks = log.ofType(Event.TickEvent.class);
        assertEquals(8, ticks.size());
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(i + 1, ticks.get(i).tick());
            assertTrue(ticks.get(i).lamport() > ticks.get(i - 1).lamport());
        }
        assertEquals(41, ticks.get(0).lamport(), "first tick receives: max(0, 40) + 1");
    }

    // ---- stepping: the tick rules the real driver and the simulator share ----

    /** Steps like a driver with nothing else to do: jumps to each deadline and runs what is due. */
    private static List<Long> stepToTheEnd(Machine m, FakeTime clock) {
        List<Long> tickTimes = new java.util.ArrayList<>();
        for (long d = m.nextDeadlineNanos(); d != Machine.NO_DEADLINE; d = m.nextDeadlineNanos()) {
            clock.advanceNanos(d - clock.monotonicNanos());
            long before = m.ticks();
            m.runDue(clock.monotonicNanos());
            if (m.ticks() > before) {
                tickTimes.add(clock.monotonicNanos());
            }
        }
        return tickTimes;
    }

    private Machine internalOnly(int rate) {
        // a 2-sided die with one neighbour: face 2 would send to all; ScriptedRandom is not needed, use a seeded one
        return new Machine(M1, CLUSTER, new int[] {M2, M3}, new ActionProbabilities(0, 0), VectorMode.DENSE, rate, 77,
                transport, new dev.clockscope.random.SeededRandom(1), log, time);
    }

    @Test
    void fourTicksPerSecondForSixtySecondsIsExactly240TicksOnTheirDeadlines() {
        Machine m = internalOnly(4);
        m.startTicking(0, java.time.Duration.ofSeconds(60));
        List<Long> at = stepToTheEnd(m, time);
        assertEquals(240, at.size());
        for (int k = 0; k < at.size(); k++) {
            assertEquals(k * 250_000_000L, at.get(k), "tick " + k);
        }
        assertTrue(m.doneTicking());
        assertEquals(Machine.NO_DEADLINE, m.nextDeadlineNanos());
        assertTrue(log.ofType(Event.Stall.class).isEmpty());
    }

    @Test
    void nothingRunsBeforeTheDeadlineAndALateTickDoesNotShiftTheNext() {
        Machine m = internalOnly(4);
        m.startTicking(1_000, java.time.Duration.ZERO);
        m.runDue(999);
        assertEquals(0, m.ticks(), "not due yet");
        m.runDue(1_000);
        assertEquals(1, m.ticks());
        // tick 1 is due at 250 ms; run it 150 ms late: it still runs, and tick 2 stays at 500 ms
        m.runDue(1_000 + 400_000_000L);
        assertEquals(2, m.ticks());
        assertEquals(1_000 + 500_000_000L, m.nextDeadlineNanos());
        assertTrue(log.ofType(Event.Stall.class).isEmpty());
    }

    @Test
    void aHoldUpLongerThanTwoPeriodsSkipsTheMissedTicksAndLogsOneStall() {
        Machine m = internalOnly(4);
        m.startTicking(0, java.time.Duration.ofSeconds(10));
        m.runDue(0);
        m.runDue(250_000_000L);
        m.runDue(500_000_000L);
        m.runDue(750_000_000L); // ticks 0..3 ran
        // held up (SIGSTOP, or a --pause in the simulator) until 5.6 s: deadline of tick 4 was 1.0 s,
        // 4.6 s late > 500 ms (2 periods). Ticks 4..22 (1.0 .. 5.5 s) are missed; tick 23 is due at 5.75 s.
        time.advanceNanos(5_600_000_000L);
        m.runDue(5_600_000_000L);
        assertEquals(List.of(19L), log.ofType(Event.Stall.class).stream().map(Event.Stall::missedTicks).toList());
        assertEquals(4, m.ticks(), "skipped, not run in a burst");
        assertEquals(5_750_000_000L, m.nextDeadlineNanos());
        List<Long> rest = stepToTheEnd(m, time);
        assertEquals(40 - 4 - 19, rest.size(), "10 s at 4/s is 40 slots: 4 run, 19 skipped, 17 to go");
    }

    @Test
    void theMinimumStallThresholdIs200MillisecondsAtHighRates() {
        Machine m = internalOnly(1000);
        m.startTicking(0, java.time.Duration.ZERO);
        m.runDue(0);
        m.runDue(1_000_000L + 199_000_000L); // tick 1 due at 1 ms, 199 ms late: runs
        assertEquals(2, m.ticks());
        m.runDue(2_000_000L + 201_000_000L); // tick 2 due at 2 ms, 201 ms late: a stall
        assertEquals(2, m.ticks());
        assertEquals(1, log.ofType(Event.Stall.class).size());
    }

    // ---- links ----

    @Test
    void aPeerIsUpWhenBothDirectionsAreAndTheMachineConnectsOnceAllPeersWere() {
        Machine m = machine("m1");
        m.linkUp(M2, true);
        assertTrue(log.events.isEmpty(), "one direction is not a peer up");
        m.linkUp(M2, false);
        m.linkUp(M3, false);
        assertFalse(m.connected());
        m.linkUp(M3, true);
        assertTrue(m.connected());
        assertEquals(List.of("peer_up", "peer_up", "connected"), log.events.stream().map(Event::kind).toList());
        assertEquals(List.of("m2", "m3"), ((Event.Connected) log.events.get(2)).peers());
        m.linkDown(M3, false);
        m.linkDown(M3, true); // the second direction of an already-down peer adds nothing
        m.linkUp(M3, true);
        m.linkUp(M3, false);
        assertEquals(List.of("peer_up", "peer_up", "connected", "peer_down", "peer_up"),
                log.events.stream().map(Event::kind).toList(), "connected is logged once");
        assertEquals("m3", ((Event.PeerDown) log.events.get(3)).peer());
    }

    @Test
    void aMachineTalksOnlyToItsNeighboursAndRefusesOthers() {
        MachineIds ten = MachineIds.numbered(10);
        // machine_4 (index 3) with neighbours 7 and 1 (given unsorted): slots are ascending, 1 then 7
        Machine m = new Machine(3, ten, new int[] {7, 1}, new Die(10), VectorMode.DENSE, 4, 77, transport,
                new ScriptedRandom(2, 3), log, time);
        assertEquals(List.of("machine_2", "machine_8"), m.peerIds());
        m.tick(); // face 2: slot 1 = machine_8
        m.tick(); // face 3: both
        assertEquals(List.of(7, 1, 7), transport.sent.stream().map(RecordingTransport.Sent::peer).toList());
        assertEquals(List.of("machine_2", "machine_8"), log.ofType(Event.Send.class).get(1).to());
        assertThrows(IllegalArgumentException.class,
                () -> m.deliver(new Message(5, 1, 1, 1, VectorClock.zero(10).tick(5), 0)), "not a neighbour");
        assertThrows(IllegalArgumentException.class, () -> new Machine(3, ten, new int[] {3}, new Die(10),
                VectorMode.DENSE, 4, 77, transport, new ScriptedRandom(), log, time), "itself");
        assertThrows(IllegalArgumentException.class, () -> new Machine(3, ten, new int[] {1, 2, 4, 5}, new Die(4),
                VectorMode.DENSE, 4, 77, transport, new ScriptedRandom(), log, time), "4 faces for 4 peers and all");
    }

    // ---- vector modes ----

    @Test
    void vectorsOffLogAndSendLamportOnlyAndSparseVectorsEqualDenseOnes() {
        int[] faces = {3, 1, 8, 2};
        ListEventLog offLog = new ListEventLog();
        RecordingTransport offNet = new RecordingTransport();
        ListEventLog sparseLog = new ListEventLog();
        Machine off = new Machine(M1, CLUSTER, new int[] {M2, M3}, new Die(10), VectorMode.OFF, 4, 77, offNet,
                new ScriptedRandom(faces), offLog, time);
        Machine sparse = new Machine(M1, CLUSTER, new int[] {M2, M3}, new Die(10), VectorMode.SPARSE, 4, 77,
                new RecordingTransport(), new ScriptedRandom(faces), sparseLog, time);
        Machine dense = machine("m1", faces);
        for (Machine m : List.of(off, sparse, dense)) {
            m.tick(); // face 3: send to both
            m.deliver(new Message(M3, 9, 1, 5, m == off ? null : VectorClock.of(0, 0, 4), 0));
            m.tick(); // receive: L = max(1, 5) + 1 = 6
            m.tick(); // face 1
        }
        assertEquals(List.of(1L, 6L, 7L), offLog.ofType(Event.TickEvent.class).stream().map(Event.TickEvent::lamport).toList());
        assertTrue(offLog.ofType(Event.TickEvent.class).stream().allMatch(e -> e.vector() == null));
        assertTrue(offNet.sent.stream().allMatch(s -> s.message().vector() == null));
        assertEquals(VectorClock.of(3, 0, 4), ((Event.Send) sparseLog.events.get(2)).vector());
        assertTrue(((Event.Send) sparseLog.events.get(2)).vector().isSparse());
        for (int i = 0; i < 3; i++) {
            assertEquals(((Event.TickEvent) log.events.get(i)).vector(), ((Event.TickEvent) sparseLog.events.get(i)).vector());
        }
        assertThrows(IllegalArgumentException.class, () -> off.deliver(new Message(M2, 9, 1, 5, VectorClock.of(0, 1, 0), 0)),
                "a vector where the run keeps none");
    }

    // ---- issue 13: every message in a log, clocks across lives ----

    /**
     * At a clean stop, what reached the queue and no tick took is logged, one line per sender life, seqs as
     * ranges: m2 (life 5) seqs 3, 4, 5, 8; m3 (life 6) seq 2; m2's next life (9) seq 1.
     */
    @Test
    void aStopLogsWhatNoTickTookAsUnprocessedRangesPerSenderLife() {
        Machine m = machine("m1");
        for (long seq : new long[] {3, 4, 5, 8}) {
            m.deliver(new Message(M2, 5, seq, seq, VectorClock.of(0, seq, 0), 0));
        }
        m.deliver(new Message(M3, 6, 2, 2, VectorClock.of(0, 0, 2), 0));
        m.deliver(new Message(M2, 9, 1, 1, VectorClock.of(0, 1, 0), 0));
        m.stop("duration");
        assertEquals(List.of(new Event.Unprocessed(1_000_000, "m2", 5, "3-5,8", 4),
                new Event.Unprocessed(1_000_000, "m2", 9, "1", 1), new Event.Unprocessed(1_000_000, "m3", 6, "2", 1),
                new Event.Stop(1_000_000, "duration", 0)), log.events);
        assertEquals(0, m.queueLength());
    }

    /**
     * A long queue (41 messages, over the 32 that are sorted by insertion) is grouped the same way: m3 (life 6) seqs
     * 1..20 interleaved with m2 (life 5) seqs 1..10 and 15..24, then m2's earlier life 4, seq 7, last of all.
     */
    @Test
    void aLongQueueAtAStopIsLoggedAsRangesPerSenderLifeInOrder() {
        Machine m = machine("m1");
        for (long k = 1; k <= 20; k++) {
            m.deliver(new Message(M3, 6, k, k, VectorClock.of(0, 0, k), 0));
            long seq = k <= 10 ? k : k + 4;
            m.deliver(new Message(M2, 5, seq, seq, VectorClock.of(0, seq, 0), 0));
        }
        m.deliver(new Message(M2, 4, 7, 7, VectorClock.of(0, 7, 0), 0));
        m.stop("duration");
        assertEquals(List.of(new Event.Unprocessed(1_000_000, "m2", 4, "7", 1),
                new Event.Unprocessed(1_000_000, "m2", 5, "1-10,15-24", 20),
                new Event.Unprocessed(1_000_000, "m3", 6, "1-20", 20),
                new Event.Stop(1_000_000, "duration", 0)), log.events);
    }

    /**
     * A life composed to resume Lamport 39 and own entry 34 says so in its start line, and its first event
     * follows them: an internal event is L40, own entry 35. Peers who saw more (L41, own 36) raise it further,
     * logged as a resumed line; seeing less raises nothing and logs nothing.
     */
    @Test
    void aResumedLifeStartsAboveItsEarlierLife() {
        MachineFactory factory = new MachineFactory(CLUSTER, MachineFactory.complete(3), new Die(10), VectorMode.DENSE,
                7, 4, 4, i -> MachineFactory.DRAW, "t").withDice(i -> new ScriptedRandom(1, 9, 9));
        Machine m = factory.compose(M1, 77, transport, log, time, 39, 34);
        Event.Start start = (Event.Start) log.events.get(0);
        assertEquals(List.of(39L, 34L), List.of(start.resumedLamport(), start.resumedOwnEntry()));
        m.resumeAbove(30, 20);
        assertEquals(1, log.events.size(), "nothing raised, nothing logged");
        m.resumeAbove(41, 36);
        assertEquals(new Event.Resumed(1_000_000, 41, 36), log.events.get(1));
        m.tick();
        Event.Internal first = (Event.Internal) log.events.get(2);
        assertEquals(42, first.lamport());
        assertEquals(VectorClock.of(37, 0, 0), first.vector());
        assertThrows(IllegalStateException.class, () -> m.resumeAbove(99, 99), "only before the first tick");
    }
}
