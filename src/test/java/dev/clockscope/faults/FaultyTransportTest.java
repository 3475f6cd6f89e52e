package dev.clockscope.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.config.NetworkFaults;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.FakeTime;
import dev.clockscope.testing.RecordingTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/** Fault injection on fake time: windows, loss rate, FIFO delays. */
class FaultyTransportTest {
    private static final MachineIds IDS = MachineIds.of(List.of("a", "b", "c"));
    private static final int B = 1;
    private static final int C = 2;
    private final FakeTime time = new FakeTime(0);
    private final RecordingTransport inner = new RecordingTransport();
    private final List<String> log = new ArrayList<>();
    private record Due(long at, long order, Runnable task) {
    }
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : Long.compare(a.order, b.order));

    /** Timers with equal deadlines run in insertion order, or in reverse (as a real scheduler's jitter may). */
    private boolean reverseEqualDeadlines;
    private long timers;

    private FaultyTransport transport(NetworkFaults faults, long seed) {
        return new FaultyTransport(0, IDS, new int[] {1, 2}, new FaultRules(faults), inner, time, new SeededRandom(seed),
                (delay, task) -> due.add(new Due(time.monotonicNanos() + delay,
                        reverseEqualDeadlines ? -(++timers) : ++timers, task)),
                new FaultyTransport.Reporter() {
                    @Override
                    public void undelivered(int peer, long seq, String reason) {
                        log.add("undelivered " + IDS.id(peer) + " " + seq + " " + reason);
                    }

                    @Override
                    public void partition(int peer, boolean started) {
                        log.add("partition " + IDS.id(peer) + " " + (started ? "start" : "end"));
                    }
                });
    }

    private static Message msg(long seq) {
        return new Message(0, 1, seq, seq, VectorClock.of(new long[] {seq, 0, 0}), 0);
    }

    @Test
    void aPartitionWindowDropsSendsAndIsLoggedAtItsEdges() {
        FaultyTransport t = transport(new NetworkFaults(List.of(new NetworkFaults.Rule("b", "a", true, null, 0,
                List.of(new NetworkFaults.Window(1000, 2000))))), 1);
        t.start();
        t.beforeTick();
        assertNull(t.send(B, msg(1)));
        time.advanceNanos(1_000_000_000L);
        t.beforeTick();
        assertEquals("partition", t.send(B, msg(2)), "bothWays: b->a covers a->b");
        assertNull(t.send(C, msg(3)), "other links untouched");
        time.advanceNanos(1_000_000_000L);
        t.beforeTick();
        assertNull(t.send(B, msg(4)));
        assertEquals(List.of("partition b start", "partition b end"), log);
        assertEquals(List.of(1L, 3L, 4L), inner.sent.stream().map(s -> s.message().seq()).toList());
    }

    @Test
    void lossFollowsItsProbabilityAndDelaysKeepTheLinkInOrder() {
        long seed = System.nanoTime();
        System.out.println("FaultyTransportTest seed " + seed);
        FaultyTransport t = transport(new NetworkFaults(List.of(new NetworkFaults.Rule("*", "*", false,
                new NetworkFaults.Delay("exponential", 30, 0), 0.25, List.of()))), seed);
        t.start();
        int lost = 0;
        for (int i = 1; i <= 4000; i++) {
            if ("injected loss".equals(t.send(B, msg(i)))) {
                lost++;
            }
            time.advanceNanos(1_000_000);
        }
        assertTrue(lost > 850 && lost < 1150, "lost " + lost + " of 4000 at p = 0.25, seed " + seed);
        assertTrue(inner.sent.isEmpty(), "delayed, nothing sent yet at once");
        time.advanceNanos(10_000_000_000L);
        while (!due.isEmpty()) {
            due.poll().task().run();
        }
        long last = 0;
        for (RecordingTransport.Sent s : inner.sent) {
            assertTrue(s.message().seq() > last, "FIFO per link, seed " + seed);
            last = s.message().seq();
        }
        assertEquals(4000 - lost, inner.sent.size());
    }

    @Test
    void timersThatFireOutOfOrderStillDeliverTheLinkInOrder() {
        reverseEqualDeadlines = true;
        FaultyTransport t = transport(new NetworkFaults(List.of(new NetworkFaults.Rule("*", "*", false,
                new NetworkFaults.Delay("constant", 50, 0), 0, List.of()))), 7);
        t.start();
        // three sends in the same instant share one deadline; the scheduler fires their timers last-first
        for (int i = 1; i <= 3; i++) {
            assertNull(t.send(B, msg(i)));
        }
        time.advanceNanos(50_000_000);
        while (!due.isEmpty()) {
            due.poll().task().run();
        }
        assertEquals(List.of(1L, 2L, 3L), inner.sent.stream().map(s -> s.message().seq()).toList());
    }

    /** The live view's controls on one link, on top of no configured rule: cut, heal, delay (FIFO), loss. */
    @Test
    void liveControlsCutHealDelayAndLoseOnOneLink() {
        FaultyTransport t = transport(NetworkFaults.NONE, 3);
        t.start();
        assertNull(t.send(B, msg(1)), "no rule, no control: straight through");
        t.control(B, new LinkControl(LinkControl.Kind.CUT, "b", 0, 0));
        assertEquals("partition", t.send(B, msg(2)));
        assertNull(t.send(C, msg(3)), "the other link is untouched");
        t.control(B, new LinkControl(LinkControl.Kind.CUT, "b", 0, 0)); // a second cut changes nothing
        t.control(B, new LinkControl(LinkControl.Kind.HEAL, "b", 0, 0));
        assertNull(t.send(B, msg(4)));
        assertEquals(List.of("partition b start", "partition b end"), log);

        t.control(B, new LinkControl(LinkControl.Kind.DELAY, "b", 50, 0));
        assertNull(t.send(B, msg(5)));
        assertNull(t.send(B, msg(6)));
        assertEquals(List.of(1L, 3L, 4L), inner.sent.stream().map(s -> s.message().seq()).toList(), "5 and 6 held");
        t.control(B, new LinkControl(LinkControl.Kind.HEAL, "b", 0, 0));
        assertNull(t.send(B, msg(7)));
        assertEquals(List.of(1L, 3L, 4L), inner.sent.stream().map(s -> s.message().seq()).toList(),
                "healed, but 7 waits behind 5 and 6: the link stays FIFO");
        time.advanceNanos(50_000_000);
        while (!due.isEmpty()) {
            due.poll().task().run();
        }
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), inner.sent.stream().map(s -> s.message().seq()).toList());

        t.control(B, new LinkControl(LinkControl.Kind.LOSS, "b", 0, 1.0));
        assertEquals("injected loss", t.send(B, msg(8)));
    }

    /**
     * A live cut over a configured partition window: the log says "partition start" when the link first refuses sends
     * and "end" when it takes them again, once each, whichever of the two began or ended it.
     */
    @Test
    void aCutDuringAConfiguredPartitionIsOnePartitionInTheLog() {
        FaultyTransport t = transport(new NetworkFaults(List.of(new NetworkFaults.Rule("a", "b", false, null, 0,
                List.of(new NetworkFaults.Window(1000, 3000))))), 1);
        t.start();
        t.beforeTick();
        time.advanceNanos(1_000_000_000L);
        t.beforeTick(); // the window starts
        t.control(B, new LinkControl(LinkControl.Kind.CUT, "b", 0, 0)); // already cut off: nothing new
        t.control(B, new LinkControl(LinkControl.Kind.HEAL, "b", 0, 0)); // the window still holds
        assertEquals("partition", t.send(B, msg(1)), "healed, but inside the configured window");
        t.control(B, new LinkControl(LinkControl.Kind.CUT, "b", 0, 0));
        time.advanceNanos(2_000_000_000L);
        t.beforeTick(); // the window ends, the cut holds
        assertEquals("partition", t.send(B, msg(2)), "the window is over, but the link is cut");
        t.control(B, new LinkControl(LinkControl.Kind.HEAL, "b", 0, 0));
        assertNull(t.send(B, msg(3)));
        assertEquals(List.of("partition b start", "partition b end"), log,
                "one partition: no second start, no end while sends were still refused");
    }

    /** A clean stop: what waits for its delay is reported undelivered, in order, and never sent afterwards. */
    @Test
    void aStopReportsTheSendsStillHeldForTheirDelayAndSendsNoneLater() {
        FaultyTransport t = transport(new NetworkFaults(List.of(new NetworkFaults.Rule("a", "b", false,
                new NetworkFaults.Delay("constant", 100, 0), 0, List.of()))), 1);
        t.start();
        assertNull(t.send(B, msg(1)));
        time.advanceNanos(60_000_000);
        assertNull(t.send(B, msg(2)));
        assertNull(t.send(C, msg(3)), "no delay to c: sent at once");
        time.advanceNanos(50_000_000); // seq 1 is due (110 ms), seq 2 is not (160 ms)
        due.poll().task().run();
        t.abandonDelayed();
        assertEquals(List.of("undelivered b 2 stopped during injected delay"), log);
        time.advanceNanos(1_000_000_000L);
        while (!due.isEmpty()) {
            due.poll().task().run();
        }
        assertEquals(List.of(3L, 1L), inner.sent.stream().map(x -> x.message().seq()).toList());
        assertEquals(1, log.size(), "nothing reported twice");
    }
}
