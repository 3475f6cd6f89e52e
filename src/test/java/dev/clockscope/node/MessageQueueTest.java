package dev.clockscope.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.testing.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageQueueTest {
    private static Message msg(int from, long seq, Hlc hlc, VectorClock v) {
        return new Message(from, 1_000 + from, seq, 10 * seq, v, 5_000 + seq, hlc);
    }

    @Test
    void fifoAcrossWrapAroundAndGrowthWithEveryFieldKept() {
        MessageQueue q = new MessageQueue(MessageQueue.newRingPool());
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
        MessageQueue q = new MessageQueue(MessageQueue.newRingPool());
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
        MessageQueue q = new MessageQueue(MessageQueue.newRingPool());
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

    /** A queue holds a ring only while messages wait behind its head; then the next queue to need one takes it. */
    @Test
    void aQueueGivesItsRingBackWhenOnlyItsHeadIsLeft() {
        RingPool rings = MessageQueue.newRingPool();
        MessageQueue a = new MessageQueue(rings);
        MessageQueue b = new MessageQueue(rings);
        a.add(msg(0, 1, null, null));
        a.add(msg(0, 2, null, null));
        a.add(msg(0, 3, null, null)); // head + a ring of 2 (it took 1, then gave it back for 2)
        assertEquals(1, rings.free(1));
        assertEquals(0, rings.free(2));
        a.removeHead();
        assertEquals(0, rings.free(2), "one message still waits behind the head");
        a.removeHead();
        assertEquals(1, rings.free(2));
        b.add(msg(1, 1, null, null));
        b.add(msg(1, 2, null, null)); // takes the ring of 1 that a gave back
        assertEquals(0, rings.free(1));
        assertEquals(3, a.seq());
        assertEquals(1, b.seq());
        b.removeHead();
        assertEquals(2, b.seq());
        assertEquals(1, rings.free(1));
    }

    /**
     * Queues that share one pool, fed and emptied at random, each against a plain FIFO of the same messages: a ring
     * held by two queues at once, or one given back while in use, shows as a message of one queue in another.
     */
    @Test
    void queuesSharingAPoolEachKeepTheirOwnMessagesInOrder() {
        Random random = new Random(Seeds.printed("MessageQueueTest shared pool"));
        RingPool rings = MessageQueue.newRingPool();
        MessageQueue[] queues = new MessageQueue[5];
        List<ArrayDeque<Message>> expected = new ArrayList<>();
        for (int q = 0; q < queues.length; q++) {
            queues[q] = new MessageQueue(rings);
            expected.add(new ArrayDeque<>());
        }
        long seq = 0;
        for (int step = 0; step < 200_000; step++) {
            int q = random.nextInt(queues.length);
            // each queue in turn fills up (to ~50) and then drains, so rings of every size change hands
            boolean filling = (step / 4_000 + q) % 2 == 0;
            if (random.nextInt(10) < (filling ? 7 : 3)) {
                seq++;
                Message m = msg(q, seq, seq % 3 == 0 ? new Hlc(seq, (int) (seq % 5)) : null,
                        seq % 4 == 0 ? VectorClock.of(seq, q) : null);
                queues[q].add(m);
                expected.get(q).add(m);
            } else if (!expected.get(q).isEmpty()) {
                Message m = expected.get(q).remove();
                assertEquals(m.seq(), queues[q].seq(), "queue " + q + " at step " + step);
                assertEquals(m.from(), queues[q].from());
                assertEquals(m.hlc() != null, queues[q].hasHlc());
                assertEquals(m.vector(), queues[q].vector());
                queues[q].removeHead();
            }
            assertEquals(expected.get(q).size(), queues[q].size());
        }
        for (int q = 0; q < queues.length; q++) {
            assertEquals(List.copyOf(expected.get(q)), List.of(queues[q].drain()), "queue " + q);
        }
    }
}
