package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import org.junit.jupiter.api.Test;

class MessageQueueTest {
    private static Message msg(int from, long seq, Hlc hlc, VectorClock v) {
        return new Message(from, 1_000 + from, seq, 10 * seq, v, 5_000 + seq, hlc);
    }

    @Test
    void fifoAcrossWrapAroundAndGrowthWithEveryFieldKept() {
        MessageQueue q = new MessageQueue();
        long nextIn = 1;
        long nextOut = 1;
        // add 3, take 2, add 5, ... so the head moves round the ring while it grows (1, 2, 4, 8, 16 slots)
        for (int round = 0; round < 6; round++) {
            for (int k = 0; k < 3 + round; k++, nextIn++) {
                q.add(msg((int) (nextIn % 3), nextIn, nextIn % 2 == 0 ? new Hlc(7_000 + nextIn, (int) nextIn) : null, null));
            }
            for (int k = 0; k < 2; k++, nextOut++) {
                assertEquals(nextOut % 3, q.from());
                assertEquals(1_000 + nextOut % 3, q.fromIncarnation());
                assertEquals(nextOut, q.seq());
                assertEquals(10 * nextOut, q.lamport());
                assertEquals(5_000 + nextOut, q.arrivedMicros());
                assertEquals(nextOut % 2 == 0, q.hasHlc(), "seq " + nextOut);
                if (q.hasHlc()) {
                    assertEquals(7_000 + nextOut, q.hlcL());
                    assertEquals(nextOut, q.hlcC());
                }
                assertNull(q.vector());
                q.removeHead();
            }
        }
        // 3+4+5+6+7+8 = 33 in, 12 out
        assertEquals(21, q.size());
        Message[] rest = q.drain();
        assertEquals(21, rest.length);
        assertEquals(13, rest[0].seq());
        assertEquals(new Hlc(7_014, 14), rest[1].hlc());
        assertNull(rest[0].hlc());
        assertEquals(33, rest[20].seq());
        assertTrue(q.isEmpty());
    }

    @Test
    void vectorClocksTravelWithTheirMessages() {
        MessageQueue q = new MessageQueue();
        q.add(msg(0, 1, null, VectorClock.of(1, 0, 0)));
        q.add(msg(1, 1, null, VectorClock.of(0, 1, 0)));
        q.add(msg(2, 1, null, VectorClock.of(0, 0, 1))); // grows with vectors in the ring
        assertEquals(VectorClock.of(1, 0, 0), q.vector());
        q.removeHead();
        assertEquals(VectorClock.of(0, 1, 0), q.vector());
        q.removeHead();
        assertEquals(VectorClock.of(0, 0, 1), q.vector());
        q.removeHead();
        assertFalse(q.size() > 0);
        assertArrayEquals(new Message[0], q.drain());
    }

    /** The head lives apart from the messages behind it: one message in, one out, many times, then a backlog. */
    @Test
    void aQueueThatEmptiesAfterEachMessageAndThenBacksUpKeepsItsOrder() {
        MessageQueue q = new MessageQueue();
        VectorClock v = VectorClock.zero(3).tick(1);
        for (long seq = 1; seq <= 5; seq++) {
            q.add(msg(2, seq, new Hlc(seq, 0), v));
            assertEquals(1, q.size());
            assertEquals(seq, q.seq());
            assertEquals(v, q.vector());
            q.removeHead();
            assertTrue(q.isEmpty());
            assertNull(q.vector(), "an empty queue keeps no clock");
        }
        for (long seq = 6; seq <= 9; seq++) {
            q.add(msg(1, seq, null, seq == 8 ? null : v));
        }
        for (long seq = 6; seq <= 9; seq++) {
            assertEquals(seq, q.seq());
            assertEquals(1, q.from());
            assertFalse(q.hasHlc());
            assertEquals(seq == 8 ? null : v, q.vector(), "seq " + seq);
            q.removeHead();
        }
        assertTrue(q.isEmpty());
        assertThrows(IllegalStateException.class, q::removeHead);
    }
}
