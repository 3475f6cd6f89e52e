package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void eventsAtTheSameTimeComeOutInTheOrderTheyWereScheduled() {
        EventQueue q = new EventQueue();
        q.add(50, 1, 0, 0, "b");
        q.add(10, 1, 0, 0, "a");
        q.add(50, 1, 0, 0, "c");
        q.add(50, 1, 0, 0, "d");
        q.add(70, 1, 0, 0, "e");
        List<Object> out = new ArrayList<>();
        while (!q.isEmpty()) {
            q.pop();
            out.add(q.poppedPayload);
        }
        assertEquals(List.of("a", "b", "c", "d", "e"), out);
    }

    /** A number taken early keeps its place: added later, it still comes before the ties scheduled after it. */
    @Test
    void anEventAddedUnderAnEarlierNumberComesOutInThatNumbersPlace() {
        EventQueue q = new EventQueue();
        q.add(50, 1, 0, 0, "a"); // number 0
        long kept = q.reserveSeq(); // number 1
        q.add(50, 1, 0, 0, "c"); // number 2
        q.add(40, 1, 0, 0, "first"); // number 3
        q.addWithSeq(50, 1, 0, 0, "b", kept);
        List<Object> out = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        while (!q.isEmpty()) {
            q.pop();
            out.add(q.poppedPayload);
            numbers.add(q.poppedSeq);
        }
        assertEquals(List.of("first", "a", "b", "c"), out);
        assertEquals(List.of(3L, 0L, 1L, 2L), numbers);
    }

    /**
     * The hint of what comes reads the current bucket in order. Buckets span 2^20 ns: events at 3.2 ms + 100..500 ns
     * (bucket 3; bucket 0, the one the calendar starts in, is a heap) with targets 10..50, added out of order, and
     * one at 8 ms in a later bucket. After the first pop (10) the next ones are 20, 30, 40, 50, and past 50 the bucket
     * ends (-1). An event added after the bucket was sorted (15 at + 150 ns) comes next all the same but is not in
     * the hint: a hint, not the order.
     */
    @Test
    void targetAheadReadsTheCurrentBucketInOrder() {
        EventQueue q = new EventQueue();
        q.add(3_200_300, 1, 30, 0, null);
        q.add(3_200_100, 1, 10, 0, null);
        q.add(3_200_200, 1, 20, 0, null);
        q.add(8_000_000, 1, 99, 0, null);
        q.add(3_200_500, 1, 50, 0, null);
        q.add(3_200_400, 1, 40, 0, null);
        q.pop();
        assertEquals(10, q.poppedTarget);
        assertEquals(List.of(20, 30, 40, 50, -1, -1),
                List.of(q.targetAhead(0), q.targetAhead(1), q.targetAhead(2), q.targetAhead(3), q.targetAhead(4),
                        q.targetAhead(40)));
        q.add(3_200_150, 1, 15, 0, null);
        assertEquals(20, q.targetAhead(0));
        q.pop();
        assertEquals(15, q.poppedTarget);
        q.pop();
        assertEquals(20, q.poppedTarget);
        assertEquals(30, q.targetAhead(0));
    }

    /** Without a calendar (below 10,000 machines) every event waits in one heap, and there is nothing to hint. */
    @Test
    void aQueueWithoutACalendarGivesNoHint() {
        EventQueue q = new EventQueue(EventQueue.ONE_HEAP);
        q.add(100, 1, 10, 0, null);
        q.add(200, 1, 20, 0, null);
        q.pop();
        assertEquals(-1, q.targetAhead(0));
    }

    @Test
    void anAuxBeyondItsBitsIsRefused() {
        EventQueue q = new EventQueue();
        q.add(1, 0, 0, (1 << 27) - 1, null);
        assertThrows(IllegalArgumentException.class, () -> q.add(1, 0, 0, 1 << 27, null));
        assertThrows(IllegalArgumentException.class, () -> q.add(1, 0, 0, -1, null));
        q.pop();
        assertEquals((1 << 27) - 1, q.poppedAux);
    }

    /** Random adds and pops against the JDK's PriorityQueue ordered by (time, insertion); seed printed. */
    @Test
    void agreesWithAReferenceQueueOnRandomWork() {
        agreesWithAReferenceQueue((r, now) -> now + r.nextInt(1000)); // never in the past, many ties
    }

    /** The same with events up to 30 ms ahead on whole milliseconds: many ties scheduled far apart in time. */
    @Test
    void agreesWithAReferenceQueueOnTiesScheduledEarly() {
        agreesWithAReferenceQueue((r, now) -> r.nextInt(4) == 0 ? now + r.nextInt(1000)
                : (now / 1_000_000 + r.nextInt(30)) * 1_000_000);
    }

    /**
     * Events up to 3 s ahead, most within the calendar's ~1.07 s, some beyond it, with long idle gaps the queue
     * must jump across, and a few at the very instant of the last pop (into the bucket being taken).
     */
    @Test
    void agreesWithAReferenceQueueAcrossTheCalendarsReachAndGaps() {
        agreesWithAReferenceQueue((r, now) -> switch (r.nextInt(10)) {
            case 0 -> now; // due now: into the bucket being taken
            case 1 -> now + 1_000_000_000L + r.nextInt(2_000_000_000); // beyond the calendar
            case 2 -> now + (r.nextInt(50) == 0 ? 3_600_000_000_000L : 0) + r.nextInt(2_000_000); // an hour's gap
            default -> now + 166_000_000L * (1 + r.nextInt(6)) + r.nextInt(1_000); // ticks at 1..6 per second
        });
    }

    /** Sorting the pairs of a bucket: by time, then order, against the JDK's sort of the same pairs. */
    @Test
    void bucketsSortByTimeThenOrder() {
        long seed = Seeds.printed("EventQueueTest sort");
        SplittableRandom r = new SplittableRandom(seed);
        for (int n : new int[] {0, 1, 2, 3, 16, 17, 100, 1000, 5000}) {
            long[] pairs = new long[2 * n];
            List<long[]> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = r.nextInt(n / 4 + 1); // many equal times
                pairs[2 * i + 1] = r.nextLong(1L << 62);
                expected.add(new long[] {pairs[2 * i], pairs[2 * i + 1]});
            }
            expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            EventQueue.sortPairs(pairs, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i)[0], pairs[2 * i], "n " + n + " at " + i + ", seed " + seed);
                assertEquals(expected.get(i)[1], pairs[2 * i + 1], "n " + n + " at " + i + ", seed " + seed);
            }
        }
    }

    /** Any bucket width gives the same order: tiny buckets (most events beyond the calendar) and ~1 s ones. */
    @Test
    void theOrderDoesNotDependOnTheBucketWidth() {
        for (int bits : new int[] {10, 30}) {
            agreesWithAReferenceQueue((r, now) -> r.nextInt(5) == 0 ? now + r.nextInt(2_000_000)
                    : now + 166_000_000L * (1 + r.nextInt(6)) + r.nextInt(1_000), () -> new EventQueue(bits));
        }
        assertThrows(IllegalArgumentException.class, () -> new EventQueue(9));
        assertThrows(IllegalArgumentException.class, () -> new EventQueue(41));
        agreesWithAReferenceQueue((r, now) -> now + r.nextInt(2_000_000_000),
                () -> new EventQueue(EventQueue.ONE_HEAP));
    }

    private static void agreesWithAReferenceQueue(java.util.function.BiFunction<SplittableRandom, Long, Long> next) {
        agreesWithAReferenceQueue(next, EventQueue::new);
    }

    private static void agreesWithAReferenceQueue(java.util.function.BiFunction<SplittableRandom, Long, Long> next,
                                                  java.util.function.Supplier<EventQueue> agenda) {
        long seed = Seeds.printed("EventQueueTest");
        SplittableRandom r = new SplittableRandom(seed);
        EventQueue q = agenda.get();
        PriorityQueue<long[]> ref = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        long order = 0;
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            if (ref.isEmpty() || r.nextInt(3) != 0) {
                long t = Math.max(now, next.apply(r, now));
                // every fifth without a payload (as a tick): its slot must not show another event's payload
                q.add(t, (int) (order % 7), (int) order, (int) (order * 3), order % 5 == 0 ? null : order);
                ref.add(new long[] {t, order++});
            } else {
                assertEquals(ref.peek()[0], q.peekTime(), "seed " + seed);
                q.pop();
                long[] expected = ref.poll();
                assertEquals(expected[0], q.poppedTime, "seed " + seed);
                if (expected[1] % 5 == 0) {
                    assertNull(q.poppedPayload, "seed " + seed);
                } else {
                    assertEquals(expected[1], (long) (Long) q.poppedPayload, "seed " + seed);
                }
                assertEquals((int) (expected[1] % 7), q.poppedKind);
                assertEquals((int) expected[1], q.poppedTarget);
                assertEquals((int) (expected[1] * 3), q.poppedAux);
                assertTrue(q.poppedTime >= now);
                now = q.poppedTime;
            }
            assertEquals(ref.size(), q.size());
        }
    }

    /** Taken payloads leave their events in place, popping without one; other events, and popped ones, keep theirs. */
    @Test
    void payloadsTakenByKindAndTargetLeaveTheirEventsInPlace() {
        EventQueue q = new EventQueue();
        q.add(5, 1, 7, 0, "gone");   // kind 1 to 7: popped before the take, keeps its payload
        q.pop();
        assertEquals("gone", q.poppedPayload);
        q.add(10, 1, 7, 0, "a");     // taken
        q.add(20, 1, 8, 0, "b");     // another target
        q.add(30, 2, 7, 0, "c");     // another kind
        q.add(40, 1, 7, 3, "d");     // taken
        q.add(50, 1, 7, 0, null);    // no payload: nothing to take
        assertEquals(List.of("a", "d"), q.takePayloads(1, 7).stream().sorted().toList());
        assertEquals(List.of(), q.takePayloads(1, 7));
        List<String> popped = new ArrayList<>();
        while (q.size() > 0) {
            q.pop();
            popped.add(q.poppedTime + ":" + q.poppedKind + ":" + q.poppedTarget + ":" + q.poppedAux + ":" + q.poppedPayload);
        }
        assertEquals(List.of("10:1:7:0:null", "20:1:8:0:b", "30:2:7:0:c", "40:1:7:3:null", "50:1:7:0:null"), popped);
    }
}
