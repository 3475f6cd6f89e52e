package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogReader;
import dev.clockscope.testing.SimulatedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The longest causal chain, on hand-made runs worked out on paper and against brute force on simulated ones. */
class CriticalPathTest {
    @TempDir
    Path dir;

    private static CriticalPath.Segment seg(String m, int index, long from, long to, long events, long l0, long l1) {
        return new CriticalPath.Segment(m, index, from, to, events, l0, l1);
    }

    /**
     * known-answer (see KnownAnswerTest): the highest clock is c's 7 (c.log:6, receive of b's M3 with clock 3:
     * max(6, 3) + 1, so its previous event won). c.log:5, L6 = max(2, 5) + 1: a's M4 (a.log:7, L5) won. a.log:7 L5
     * follows a.log:6, L4 = max(3, 3) + 1: a tie between a.log:5 (L3) and b's M3 (L3), which stays on a. Then
     * a.log:5, 4, 3 (L3, 2, 1). Chain: a 1..5, c 6..7: 7 events = the final clock 7, one message, machines a, c.
     */
    @Test
    void knownAnswerChainBreaksTheTieTowardsItsOwnMachine() throws Exception {
        CriticalPath p = KnownAnswerTest.analyze("known-answer").criticalPath();
        assertEquals(List.of(seg("a", 0, 3, 7, 5, 1, 5), seg("c", 2, 5, 6, 2, 6, 7)), p.segments());
        assertEquals(7, p.events());
        assertEquals(7, p.endLamport());
        assertEquals(1, p.messages());
        assertEquals(List.of("a", "c"), p.machines());
        assertEquals(List.of(new CriticalPath.Step("a", 3, "send", 1), new CriticalPath.Step("a", 4, "internal", 2),
                new CriticalPath.Step("a", 5, "send", 3), new CriticalPath.Step("a", 6, "receive", 4),
                new CriticalPath.Step("a", 7, "send", 5), new CriticalPath.Step("c", 5, "receive", 6),
                new CriticalPath.Step("c", 6, "receive", 7)), p.steps());
        assertTrue(p.contains(0, 6));
        assertFalse(p.contains(1, 4)); // b's send M3 lost the tie
        assertTrue(p.carries(0, 7, 2, 5));
        assertFalse(p.carries(1, 4, 0, 6));
    }

    /**
     * critical-path: x's message goes round x -> y -> z -> x.
     * x: 1.0 send L1 | 2.0 int L2 | 3.0 int L3 | 4.0 recv z's (L5): max(3,5)+1 = 6 | 4.5 int L7
     * y: 1.5 recv x's (L1): first event, the message wins: 2 | 2.5 send L3 | 4.2 int L4
     * z: 1.2 int L1 | 3.0 recv y's (L3): max(1,3)+1 = 4 | 3.5 send L5 | 4.1 int L6
     * Highest: x's 7 (x.log:7). Back: x.log:6 (message won) <- z.log:5 <- z.log:4 (message won) <- y.log:4
     * <- y.log:3 (message won) <- x.log:3. Segments x 3..3, y 3..4, z 4..5, x 6..7: 7 events, 3 messages.
     */
    @Test
    void aChainThatGoesRoundTheMachines() throws Exception {
        RunResult r = KnownAnswerTest.analyze("critical-path");
        assertTrue(r.passed(), String.valueOf(r.checks()));
        CriticalPath p = r.criticalPath();
        assertEquals(List.of(seg("x", 0, 3, 3, 1, 1, 1), seg("y", 1, 3, 4, 2, 2, 3), seg("z", 2, 4, 5, 2, 4, 5),
                seg("x", 0, 6, 7, 2, 6, 7)), p.segments());
        assertEquals(7, p.events());
        assertEquals(3, p.messages());
        assertEquals(List.of("x", "y", "z"), p.machines());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), p.steps().stream().map(CriticalPath.Step::lamport).toList());
        assertFalse(p.contains(2, 3)); // z's internal event at L1 is not on it
    }

    /**
     * restart: a's receive at 4.0 (a.log:8) took a message from b's earlier life (its log is not analyzed): its
     * clock jumped to 6, but no logged event explains the jump, so the chain stays on a. The highest clock, 8, is
     * reached first by b (b.log:5 at 4.6, a's message with 7 won) and later by a (a.log:10 at 5.0). Chain: a.log:3,
     * 5, 8, 9 (L1, 2, 6, 7), b.log:5 (L8): 5 events for a final clock of 8.
     */
    @Test
    void aClockJumpFromOutsideTheLogsMakesTheChainShorterThanTheClock() throws Exception {
        CriticalPath p = KnownAnswerTest.analyze("restart").criticalPath();
        assertEquals(List.of(seg("a", 0, 3, 9, 4, 1, 7), seg("b", 1, 5, 5, 1, 8, 8)), p.segments());
        assertEquals(5, p.events());
        assertEquals(8, p.endLamport());
    }

    /** Random runs of the real Machines: the chain is as long as a brute-force longest path, and every step is an edge. */
    @Test
    void theChainIsALongestPathOfTheHappenedBeforeGraph() throws Exception {
        long seed = System.nanoTime();
        System.out.println("theChainIsALongestPathOfTheHappenedBeforeGraph seed " + seed);
        for (int round = 0; round < 3; round++) {
            Path run = dir.resolve("run" + round);
            new SimulatedRun(seed + round, 20, 35, 9, 14).dropEvery(9).write(run, 3.0);
            RunResult r = new RunAnalyzer(RunInput.open(run), WindowSpec.DEFAULT, List.of()).analyze();
            assertTrue(r.passed(), "seed " + (seed + round) + ": " + r.checks());
            // brute force: depth(e) = 1 + max(depth(previous event), depth(matched send)), over the logs alone
            Map<String, Long> depth = new HashMap<>();
            Map<String, String> sendOf = new HashMap<>(); // "receiver:line" -> "sender:line"
            Map<String, String> sendAt = new HashMap<>(); // "sender:seq" -> "sender:line"
            List<List<String>> lanes = new ArrayList<>();
            List<Event.TickEvent> all = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (String m : r.machineIds()) {
                List<String> lane = new ArrayList<>();
                try (EventLogReader reader = EventLogReader.open(run.resolve(m + ".log"))) {
                    for (Event e = reader.next(); e != null; e = reader.next()) {
                        if (e instanceof Event.TickEvent t) {
                            String key = m + ":" + reader.line();
                            lane.add(key);
                            all.add(t);
                            keys.add(key);
                            if (t instanceof Event.Send s) {
                                sendAt.put(m + ":" + s.seq(), key);
                            }
                        }
                    }
                }
                lanes.add(lane);
            }
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) instanceof Event.Receive rc) {
                    sendOf.put(keys.get(i), sendAt.get(rc.from() + ":" + rc.seq()));
                }
            }
            // sends precede their receives in wall time in these runs: one sweep in wall order settles every depth
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Long.compare(all.get(a).wallMicros(), all.get(b).wallMicros()));
            Map<String, String> previous = new HashMap<>();
            for (List<String> lane : lanes) {
                for (int k = 1; k < lane.size(); k++) {
                    previous.put(lane.get(k), lane.get(k - 1));
                }
            }
            long longest = 0;
            for (int i : order) {
                String key = keys.get(i);
                long d = 1;
                if (previous.containsKey(key)) {
                    d = Math.max(d, depth.get(previous.get(key)) + 1);
                }
                String send = sendOf.get(key);
                if (send != null) {
                    d = Math.max(d, depth.get(send) + 1);
                }
                depth.put(key, d);
                longest = Math.max(longest, d);
            }
            CriticalPath p = r.criticalPath();
            assertEquals(longest, p.events(), "seed " + (seed + round));
            assertTrue(p.stepsListed(), "seed " + (seed + round));
            long maxLamport = r.machines().stream().mapToLong(MachineResult::finalLamport).max().orElseThrow();
            assertEquals(maxLamport, p.endLamport(), "seed " + (seed + round));
            for (int k = 1; k < p.steps().size(); k++) {
                String a = p.steps().get(k - 1).machine() + ":" + p.steps().get(k - 1).line();
                String b = p.steps().get(k).machine() + ":" + p.steps().get(k).line();
                assertTrue(a.equals(previous.get(b)) || a.equals(sendOf.get(b)),
                        "seed " + (seed + round) + ": " + a + " -> " + b + " is not a happened-before edge");
                assertEquals(depth.get(a) + 1, depth.get(b), "seed " + (seed + round) + ": not a longest chain at " + b);
            }
        }
    }
}
