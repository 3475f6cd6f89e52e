package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hand-written run in src/test/resources/analysis/known-answer, worked out on paper.
 *
 * <pre>
 * Machines a (2 ticks/s), b (1/s), c (1/s); every log starts at 1.0 s (times below in s, wall µs / 1e6).
 * Messages: M1 a seq1 @2.0 to [b,c] L1   -> b @2.1; to c LOST (a later a->c message, M4, arrives)
 *           M2 a seq2 @3.0 to [b]   L3   -> b @4.1
 *           M3 b seq1 @3.1 to [a,c] L3   -> a @3.5, c @5.2
 *           M4 a seq3 @4.0 to [c]   L5   -> c @4.2 (M3 still queued: queue 1)
 * a: 2.0 send L1 [1,0,0] | 2.5 int L2 [2,0,0] | 3.0 send L3 [3,0,0] | 3.5 recv M3 max(3,3)+1=4 [4,2,0]
 *    | 4.0 send L5 [5,2,0] | stop 4.05
 * b: 2.1 recv M1 max(0,1)+1=2 [1,1,0] | 3.1 send L3 [1,2,0] | 4.1 recv M2 max(3,3)+1=4 [3,3,0] | stop 4.15
 * c: 2.2 int L1 [0,0,1] | 3.2 int L2 [0,0,2] | 4.2 recv M4 max(2,5)+1=6 [5,2,3] q1 | 5.2 recv M3 7 [5,2,4] | stop 5.3
 *
 * jumps (from 0): a 1,1,1,1,1 (mean 1, max 1; receive 1); b 2,1,1 (mean 4/3; receives 2,1 mean 1.5);
 *   c 1,1,4,1 (mean 1.75, max 4; receives 4,1 mean 2.5)
 * rates: a (5-1 ticks)/(4.0-2.0 s) = 2/s, clock (5-1)/2 = 2 L/s; b 2/2 = 1/s, clock (4-2)/2 = 1 L/s;
 *   c 3/3 = 1/s, clock (7-1)/3 = 2 L/s; fastest 2 -> a 100 %, b 50 %, c 100 %
 * queue c: 0 @2.2, 0 @3.2, 1 @4.2, 0 @5.2 over 3 s -> mean 1/3, max 1, non-empty 1.0 s
 * messages: 4 send events, 6 messages, 5 received, 1 lost (M1 to c), 0 unreceived
 *   delays 0.1 (M1 b), 1.1 (M2 b), 0.4 (M3 a), 2.1 (M3 c), 0.2 (M4 c) s -> p50 0.4 s, p99 = max 2.1 s
 * drift (spread of ticking machines, held until the next event):
 *   2.1-2.2:1  2.2-2.5:1  2.5-3.0:1  3.0-3.1:2  3.1-3.2:2  3.2-3.5:1  3.5-4.0:2  4.0-4.05:3 (a stops)
 *   4.05-4.1:1  4.1-4.15:2 (b stops; c alone: undefined)
 *   area 2.9 over 2.05 s -> mean 1.41463..., max 3 at 4.0 s = 3.0 s after the run's start
 * concurrency: n = 5, 3, 4; sums of vector entries: over a's events V[b] = 4, V[c] = 0; over b's V[a] = 5,
 *   V[c] = 0; over c's V[a] = 10, V[b] = 4 -> (a,b) 15-4-5 = 6, (a,c) 20-0-10 = 10, (b,c) 12-0-4 = 8:
 *   24 concurrent of 47 pairs ((a,b) checked pair by pair too: a2,a3 || b1,b2; a4,a5 || b3)
 * </pre>
 */
class KnownAnswerTest {
    static Path fixture(String name) {
        return Path.of("src/test/resources/analysis", name);
    }

    static RunResult analyze(String name) throws Exception {
        return new RunAnalyzer(RunInput.open(fixture(name)), WindowSpec.DEFAULT, List.of()).analyze();
    }

    private static Map<String, MachineResult> byName(RunResult r) {
        return r.machines().stream().collect(Collectors.toMap(MachineResult::machine, Function.identity()));
    }

    @Test
    void ratesCountsAndClocks() throws Exception {
        RunResult r = analyze("known-answer");
        Map<String, MachineResult> m = byName(r);
        assertEquals(List.of("a", "b", "c"), r.machineIds());
        assertEquals(21, r.lines());
        assertEquals(2.0, m.get("a").ticksPerSecondAchieved(), 1e-9);
        assertEquals(1.0, m.get("b").ticksPerSecondAchieved(), 1e-9);
        assertEquals(1.0, m.get("c").ticksPerSecondAchieved(), 1e-9);
        assertEquals(List.of(3L, 1L, 1L), List.of(m.get("a").sends(), m.get("a").receives(), m.get("a").internals()));
        assertEquals(List.of(1L, 2L, 0L), List.of(m.get("b").sends(), m.get("b").receives(), m.get("b").internals()));
        assertEquals(List.of(0L, 2L, 2L), List.of(m.get("c").sends(), m.get("c").receives(), m.get("c").internals()));
        assertEquals(List.of(5L, 4L, 7L), List.of(m.get("a").finalLamport(), m.get("b").finalLamport(),
                m.get("c").finalLamport()));
        assertEquals(2.0, m.get("a").clockRatePerSecond(), 1e-9);
        assertEquals(1.0, m.get("b").clockRatePerSecond(), 1e-9);
        assertEquals(2.0, m.get("c").clockRatePerSecond(), 1e-9);
        assertEquals(0.5, m.get("b").clockRateVsFastest(), 1e-9);
        assertEquals(1.0, m.get("c").clockRateVsFastest(), 1e-9);
    }

    @Test
    void jumps() throws Exception {
        Map<String, MachineResult> m = byName(analyze("known-answer"));
        assertEquals(new Distribution(5, 1, 1.0, 1, 1, 1, 1), m.get("a").jumps());
        assertEquals(4.0 / 3, m.get("b").jumps().mean(), 1e-9);
        assertEquals(2, m.get("b").jumps().max());
        assertEquals(1.5, m.get("b").receiveJumps().mean(), 1e-9);
        assertEquals(1.75, m.get("c").jumps().mean(), 1e-9);
        assertEquals(4, m.get("c").jumps().max());
        assertEquals(1, m.get("c").jumps().p50());
        assertEquals(2.5, m.get("c").receiveJumps().mean(), 1e-9);
        // histogram: c stepped by 1 three times and by 4 once
        assertArrayEquals(new long[] {0, 3, 0, 0, 1}, m.get("c").jumpCounts());
    }

    @Test
    void queue() throws Exception {
        QueueStats c = byName(analyze("known-answer")).get("c").queue();
        assertEquals(1.0 / 3, c.meanLength(), 1e-9);
        assertEquals(1, c.maxLength());
        assertEquals(1.0, c.nonEmptySeconds(), 1e-9);
        assertEquals(3.0, c.observedSeconds(), 1e-9);
        assertEquals(0, byName(analyze("known-answer")).get("a").queue().maxLength());
    }

    @Test
    void messagesLossAndDelay() throws Exception {
        RunResult r = analyze("known-answer");
        MessageResult msg = r.messages();
        assertEquals(4, msg.sendEvents());
        assertEquals(6, msg.messages());
        assertEquals(5, msg.received());
        assertEquals(1, msg.lost());
        assertEquals(0, msg.unreceivedAtEnd());
        assertEquals(0, msg.undelivered());
        assertTrue(msg.firstLost().contains("a.log:3: seq 1 to c never received"), msg.firstLost());
        assertEquals(400_000, msg.delayMicros().p50());
        assertEquals(2_100_000, msg.delayMicros().p99());
        assertEquals(2_100_000, msg.delayMicros().max());
        assertEquals(100_000, msg.delayMicros().min());
        assertEquals(1, byName(r).get("c").lostTo());
    }

    @Test
    void driftSpread() throws Exception {
        DriftResult d = analyze("known-answer").drift();
        assertEquals(3, d.maxSpread());
        assertEquals(3.0, d.maxSpreadAtSeconds(), 1e-9);
        assertEquals(2.9 / 2.05, d.meanSpread(), 1e-9);
        assertEquals(2.05, d.observedSeconds(), 1e-9);
    }

    @Test
    void concurrentPairsCountedFromVectorSums() throws Exception {
        ConcurrencyResult c = analyze("known-answer").concurrency();
        assertEquals(47, c.crossMachinePairs());
        assertEquals(24, c.concurrentPairs());
    }

    @Test
    void everyCheckPasses() throws Exception {
        RunResult r = analyze("known-answer");
        for (CheckResult c : r.checks()) {
            assertTrue(c.passed(), c.check() + ": " + c.firstViolation());
            assertNull(c.firstViolation());
        }
        assertTrue(r.passed());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void spaceTimeWindowHoldsEveryEventAndMessage() throws Exception {
        SpaceTimeWindow w = analyze("known-answer").window();
        assertEquals(12, w.dots().size());
        assertEquals(5, w.arrows().size());
        assertFalse(w.truncated());
        // the window starts at the first tick (a's send, 1.0 s after the run's start)
        assertEquals(1.0, w.fromSeconds(), 1e-9);
    }

    private static CheckResult check(RunResult r, Check c) {
        return r.checks().stream().filter(x -> x.check() == c).findFirst().orElseThrow();
    }

    @Test
    void aClockThatDoesNotIncreaseIsReportedAtItsLine() throws Exception {
        RunResult r = analyze("bad-clock");
        CheckResult c = check(r, Check.CLOCKS_INCREASE);
        assertEquals(1, c.violations());
        assertTrue(c.firstViolation().endsWith("c.log:4: Lamport clock 1 does not exceed the previous event's 1"),
                c.firstViolation());
        assertTrue(check(r, Check.RECEIVE_MATCHES_SEND).passed());
        assertFalse(r.passed());
    }

    @Test
    void aReceiveWithoutItsSendIsReportedAtItsLine() throws Exception {
        RunResult r = analyze("bad-receive");
        CheckResult c = check(r, Check.RECEIVE_MATCHES_SEND);
        assertEquals(1, c.violations());
        assertTrue(c.firstViolation().endsWith("b.log:5: receive of seq 7 from a matches no send to b "
                + "(never sent, or received twice)"), c.firstViolation());
        assertTrue(check(r, Check.CLOCKS_INCREASE).passed());
        assertTrue(check(r, Check.VECTOR_AGREES_WITH_LAMPORT).passed());
        // M2 (a seq 2 to b) is then never received, and nothing later on that link was: unreceived at the end
        assertEquals(1, r.messages().unreceivedAtEnd());
        assertEquals(4, r.messages().received());
    }

    @Test
    void aReceiveClockNotAboveTheMessageClockIsReported() throws Exception {
        RunResult r = analyze("bad-msg-lamport");
        CheckResult c = check(r, Check.RECEIVE_AFTER_SEND);
        assertEquals(1, c.violations());
        assertTrue(c.firstViolation().endsWith("c.log:5: receive clock 5 is not greater than the message's clock 5"),
                c.firstViolation());
        assertFalse(check(r, Check.VECTOR_AGREES_WITH_LAMPORT).passed());
        assertTrue(check(r, Check.CLOCKS_INCREASE).passed());
    }

    @Test
    void aVectorThatMissedTheMergeDisagrees() throws Exception {
        RunResult r = analyze("bad-vector");
        CheckResult c = check(r, Check.VECTOR_AGREES_WITH_LAMPORT);
        // line 6 misses b's entry, and line 7 (a send) then carries the merged value out of nowhere
        assertEquals(2, c.violations());
        assertTrue(c.firstViolation().contains("a.log:6: vector entry b is 0, expected 2"), c.firstViolation());
        assertTrue(check(r, Check.CLOCKS_INCREASE).passed());
        assertTrue(check(r, Check.RECEIVE_AFTER_SEND).passed());
        assertTrue(check(r, Check.RECEIVE_MATCHES_SEND).passed());
    }
}
