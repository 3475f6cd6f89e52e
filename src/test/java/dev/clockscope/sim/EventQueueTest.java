package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void agreesWithAReferenceQueue(java.util.function.BiFunction<SplittableRandom, Long, Long> next) {
        long seed = Long.getLong("clockscope.seed", System.nanoTime());
        System.out.println("EventQueueTest seed " + seed + " (replay: -Dclockscope.seed=" + seed + ")");
        SplittableRandom r = new SplittableRandom(seed);
        EventQueue q = new EventQueue();
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
}
