package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxesTest {
    /** Takes everything of {@code receiver} before (time, seq), as "payload@due#seq". */
    private static List<String> take(Inboxes in, int receiver, long time, long seq) {
        List<String> out = new ArrayList<>();
        while (in.takeBefore(receiver, time, seq)) {
            out.add(in.takenMessage + "@" + in.takenDueNanos + "#" + in.takenSeq);
        }
        return out;
    }

    @Test
    void aReceiverGetsItsMessagesByDueTimeThenByInsertionNumber() {
        Inboxes in = new Inboxes(2);
        // inserted in insertion-number order, as the network does: the numbers only grow
        in.add(0, 500, 1, 0, "a");
        in.add(0, 200, 2, 0, "b");
        in.add(0, 500, 3, 0, "c"); // same time as a, later number: after a
        in.add(1, 100, 4, 0, "x"); // another receiver's
        in.add(0, 200, 5, 0, "d"); // same time as b: after b
        in.add(0, 900, 6, 0, "e");
        assertEquals(6, in.pending());
        assertEquals(List.of("b@200#2", "d@200#5", "a@500#1", "c@500#3", "e@900#6"), take(in, 0, Long.MAX_VALUE, 0));
        assertEquals(List.of("x@100#4"), take(in, 1, Long.MAX_VALUE, 0));
        assertEquals(0, in.pending());
    }

    @Test
    void onlyWhatArrivedBeforeTheEventNowRunningIsTaken() {
        Inboxes in = new Inboxes(1);
        in.add(0, 100, 10, 0, "early");
        in.add(0, 300, 11, 0, "tie-before");
        in.add(0, 300, 13, 0, "tie-after");
        in.add(0, 400, 14, 0, "late");
        // the event now running is at time 300 with insertion number 12
        assertTrue(in.hasBefore(0, 300, 12));
        assertEquals(List.of("early@100#10", "tie-before@300#11"), take(in, 0, 300, 12));
        assertFalse(in.hasBefore(0, 300, 12));
        assertFalse(in.takeBefore(0, 300, 12));
        assertEquals(2, in.pending());
        assertEquals(List.of("tie-after@300#13"), take(in, 0, 301, 0));
        assertEquals(List.of("late@400#14"), take(in, 0, 400, 15));
    }

    @Test
    void anEmptyInboxHasNothingBeforeAnything() {
        Inboxes in = new Inboxes(3);
        assertFalse(in.hasBefore(2, Long.MAX_VALUE, Long.MAX_VALUE));
        assertFalse(in.takeBefore(2, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(0, in.pending());
    }

    @Test
    void theLifeItWasSentToComesOutWithIt() {
        Inboxes in = new Inboxes(1);
        in.add(0, 5, 1, 7, "m");
        assertTrue(in.takeBefore(0, 6, 0));
        assertEquals(7, in.takenConnection);
        assertEquals("m", in.takenMessage);
    }

    /** Entries freed are used again, and the pool grows past its first 1,024 without mixing receivers up. */
    @Test
    void manyMessagesAcrossReceiversKeepTheirOrderThroughGrowthAndReuse() {
        int receivers = 7;
        Inboxes in = new Inboxes(receivers);
        long seq = 0;
        for (int round = 0; round < 3; round++) {
            // 3,000 messages, receiver k gets every 7th; due times run backwards within a receiver, so each add
            // goes to the head of its list, and the order out is the reverse of the order in
            for (int k = 0; k < 3000; k++) {
                in.add(k % receivers, 1_000_000 - k, seq++, round, "r" + round + "m" + k);
            }
            assertEquals(3000, in.pending());
            for (int r = 0; r < receivers; r++) {
                List<String> got = new ArrayList<>();
                while (in.takeBefore(r, Long.MAX_VALUE, 0)) {
                    got.add((String) in.takenMessage);
                    assertEquals(round, in.takenConnection);
                }
                int last = 2999 - ((2999 - r) % receivers);
                assertEquals("r" + round + "m" + last, got.get(0), "receiver " + r);
                assertEquals("r" + round + "m" + r, got.get(got.size() - 1), "receiver " + r);
                assertEquals((3000 - r + receivers - 1) / receivers, got.size(), "receiver " + r);
            }
            assertEquals(0, in.pending());
        }
    }
}
