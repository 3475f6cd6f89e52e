package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import dev.clockscope.testing.FakeTime;
import dev.clockscope.testing.ListEventLog;
import dev.clockscope.testing.RecordingTransport;
import dev.clockscope.testing.ScriptedRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
    private static final List<String> CLUSTER = List.of("m1", "m2", "m3");
    private final FakeTime time = new FakeTime(1_000_000);
    private final RecordingTransport transport = new RecordingTransport();
    private final ListEventLog log = new ListEventLog();

    private Machine machine(String id, int... faces) {
        return new Machine(id, CLUSTER, 10, 77, transport, new ScriptedRandom(faces), log, time);
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
        assertEquals("m3", last.peer());
        assertEquals(3, last.message().lamport());
        assertEquals(3, last.message().seq());
        assertEquals(77, last.message().fromIncarnation());
        assertEquals(VectorClock.of(0, 3, 0), last.message().vector());
    }

    @Test
    void receiveHasPriorityOverTheDieAndMergesBothClocks() {
        Machine m = machine("m1", 8);
        m.tick(); // internal: L=1, V=[1,0,0]
        assertTrue(m.enqueue(new Message("m3", 5, 1, 9, VectorClock.of(0, 2, 6), 123)));
        assertTrue(m.enqueue(new Message("m2", 6, 1, 2, VectorClock.of(0, 2, 0), 124)));
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
        transport.down.add("m3");
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
        assertTrue(m.enqueue(new Message("m2", 1, 1, 1, VectorClock.of(0, 1, 0), 0)));
        assertTrue(m.enqueue(new Message("m2", 1, 2, 2, VectorClock.of(0, 2, 0), 0)));
        assertFalse(m.enqueue(new Message("m2", 1, 2, 2, VectorClock.of(0, 2, 0), 0)), "replay of seq 2");
        assertFalse(m.enqueue(new Message("m2", 1, 1, 1, VectorClock.of(0, 1, 0), 0)), "older seq");
        assertTrue(m.enqueue(new Message("m2", 2, 1, 1, VectorClock.of(0, 1, 0), 0)), "restarted m2: seq 1 again");
        assertEquals(3, m.queueLength());
        assertEquals(2, m.duplicates());
    }

    @Test
    void everyTickLogsExactlyOneTickEventWithIncreasingClock() {
        Machine m = machine("m1", 1, 5, 2, 9, 3, 10, 4);
        m.enqueue(new Message("m2", 1, 1, 40, VectorClock.of(0, 40, 0), 0));
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
}
