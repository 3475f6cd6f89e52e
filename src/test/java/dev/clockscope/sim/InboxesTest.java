package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.Hlc;
import dev.clockscope.clock.VectorClock;
import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxesTest {
    /** Names a message by its seq, which these tests take for a label: letters are "a" = 1, "b" = 2, ... */
    private static final String LABELS = "?abcdex";

    private static Message m(String label) {
        return new Message(0, 0, LABELS.indexOf(label), 0, null, 0);
    }

    private static String label(Message message) {
        return String.valueOf(LABELS.charAt((int) message.seq()));
    }

    /** Takes everything of {@code receiver} before (time, seq), as "label@due#seq". */
    private static List<String> take(Inboxes in, int receiver, long time, long seq) {
        List<String> out = new ArrayList<>();
        while (in.takeBefore(receiver, time, seq)) {
            out.add(label(in.takenMessage(0)) + "@" + in.takenDueNanos + "#" + in.takenSeq);
        }
        return out;
    }

    @Test
    void aReceiverGetsItsMessagesByDueTimeThenByInsertionNumber() {
        Inboxes in = new Inboxes(2);
        // inserted in insertion-number order, as the network does: the numbers only grow
        in.add(0, 500, 1, 0, m("a"));
        in.add(0, 200, 2, 0, m("b"));
        in.add(0, 500, 3, 0, m("c")); // same time as a, later number: after a
        in.add(1, 100, 4, 0, m("x")); // another receiver's
        in.add(0, 200, 5, 0, m("d")); // same time as b: after b
        in.add(0, 900, 6, 0, m("e"));
        assertEquals(6, in.pending());
        assertEquals(List.of("b@200#2", "d@200#5", "a@500#1", "c@500#3", "e@900#6"), take(in, 0, Long.MAX_VALUE, 0));
        assertEquals(List.of("x@100#4"), take(in, 1, Long.MAX_VALUE, 0));
        assertEquals(0, in.pending());
    }

    @Test
    void onlyWhatArrivedBeforeTheEventNowRunningIsTaken() {
        Inboxes in = new Inboxes(1);
        in.add(0, 100, 10, 0, m("a")); // early
        in.add(0, 300, 11, 0, m("b")); // a tie, before
        in.add(0, 300, 13, 0, m("c")); // a tie, after
        in.add(0, 400, 14, 0, m("d")); // late
        // the event now running is at time 300 with insertion number 12
        assertTrue(in.hasBefore(0, 300, 12));
        assertEquals(List.of("a@100#10", "b@300#11"), take(in, 0, 300, 12));
        assertFalse(in.hasBefore(0, 300, 12));
        assertFalse(in.takeBefore(0, 300, 12));
        assertEquals(2, in.pending());
        assertEquals(List.of("c@300#13"), take(in, 0, 301, 0));
        assertEquals(List.of("d@400#14"), take(in, 0, 400, 15));
    }

    @Test
    void anEmptyInboxHasNothingBeforeAnything() {
        Inboxes in = new Inboxes(3);
        assertFalse(in.hasBefore(2, Long.MAX_VALUE, Long.MAX_VALUE));
        assertFalse(in.takeBefore(2, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(0, in.pending());
    }

    @Test
    void theConnectionItWasSentOnComesOutWithIt() {
        Inboxes in = new Inboxes(1);
        in.add(0, 5, 1, 7, m("a"));
        in.add(0, 6, 2, (1 << 27) - 1, m("b"));
        assertTrue(in.takeBefore(0, 6, 0));
        assertEquals(7, in.takenConnection);
        assertEquals("a", label(in.takenMessage(0)));
        assertTrue(in.takeBefore(0, 7, 0));
        assertEquals((1 << 27) - 1, in.takenConnection);
    }

    /**
     * A message is kept as its numbers, not as the object: each comes out as it went in, with and without an HLC, with
     * a vector clock once some message carries one, and at the extremes of each field's range. arrivedMicros is 0,
     * as on the sending side (the receiver stamps it).
     */
    @Test
    void aMessageComesOutAsItWentIn() {
        Inboxes in = new Inboxes(1_000_000);
        List<Message> sent = List.of(
                new Message(999_999, Long.MAX_VALUE, 1, Long.MAX_VALUE, null, 0,
                        new Hlc(Long.MAX_VALUE, Integer.MAX_VALUE)),
                new Message(0, 0, Long.MAX_VALUE, 0, null, 0, null),
                new Message(5, 1_700_000_000_000_000L, 42, 17, VectorClock.of(3, 0, 9), 0,
                        new Hlc(1_700_000_000_000_000L, 0)),
                new Message(7, 3, 43, 18, null, 0, new Hlc(9, 65_536)));
        for (int k = 0; k < sent.size(); k++) {
            in.add(123_456, 1_000 + k, k, 0, sent.get(k));
        }
        List<Message> got = new ArrayList<>();
        while (in.takeBefore(123_456, Long.MAX_VALUE, 0)) {
            got.add(in.takenMessage(0));
        }
        assertEquals(sent, got);
    }

    /** The latest due time ever sent to a receiver: kept when the message is taken in, 0 before any. */
    @Test
    void theLastDueEverIsTheLatestOfAnyMessageSentToTheReceiver() {
        Inboxes in = new Inboxes(2);
        assertEquals(0, in.lastDueEver(0));
        in.add(0, 700, 1, 0, m("a"));
        in.add(0, 300, 2, 0, m("b"));
        in.add(1, 900, 3, 0, m("c"));
        assertEquals(700, in.lastDueEver(0));
        assertEquals(900, in.lastDueEver(1));
        while (in.takeBefore(0, Long.MAX_VALUE, 0)) {
            assertTrue(in.takenDueNanos <= 700);
        }
        assertEquals(700, in.lastDueEver(0), "taken in, and still the latest sent");
        in.add(0, 500, 4, 0, m("d"));
        assertEquals(700, in.lastDueEver(0), "an earlier due does not lower it");
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
                // a vector clock on some messages from the second round on: the vectors grow with the pool
                VectorClock v = round > 0 && k % 5 == 0 ? VectorClock.of(round, k) : null;
                in.add(k % receivers, 1_000_000 - k, seq++, round, new Message(round, 0, k, 0, v, 0));
            }
            assertEquals(3000, in.pending());
            for (int r = 0; r < receivers; r++) {
                List<String> got = new ArrayList<>();
                while (in.takeBefore(r, Long.MAX_VALUE, 0)) {
                    Message taken = in.takenMessage(0);
                    got.add("r" + taken.from() + "m" + taken.seq());
                    assertEquals(round, in.takenConnection);
                    VectorClock expected = round > 0 && taken.seq() % 5 == 0
                            ? VectorClock.of(round, taken.seq()) : null;
                    assertEquals(expected, taken.vector(), "r" + round + "m" + taken.seq());
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
