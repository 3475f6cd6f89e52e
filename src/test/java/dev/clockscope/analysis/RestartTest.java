package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * src/test/resources/analysis/restart, by hand: b crashed (its first life's log is in previous/) and came
 * back at 3.4 s with incarnation 3400000.
 *
 * <pre>
 * a: 2.0 send seq1 to b L1 [1,0]         -> b's first life: sent before b's log began (toEarlierLifeOfReceiver)
 *    2.5 peer_down b
 *    3.0 send seq2 L2 [2,0] + undelivered -> never left (undelivered)
 *    3.5 peer_up b
 *    4.0 receive b seq1 from incarnation 900000 (b's first life, not in this directory): fromEarlierLifeOfSender;
 *        L max(2,5)+1 = 6, V [3,3]; only monotonicity of the vector can be checked
 *    4.5 send seq3 L7 [4,3]               -> b @4.6: L max(1,7)+1 = 8, V max([0,1],[4,3]) + b = [4,4]
 *    5.0 receive b seq1 (new life, sent @4.2 L1 [0,1]): L max(7,1)+1 = 8, V [5,3]
 * b (new life): 4.2 send seq1 L1 [0,1] | 4.6 receive (above) | stop 5.6
 * messages: 4 (a: 3, b: 1); received 2; undelivered 1; to an earlier life 1; lost 0; from an earlier life 1
 * drift (both ticking from 4.2): 4.2-4.5: 6-1 = 5 | 4.5-4.6: 7-1 = 6 | 4.6-5.0: 7 vs 8 = 1 | 5.0-5.5: 0
 *   max 6 at 4.5 s = 3.5 s after the run's start; mean (1.5 + 0.6 + 0.4 + 0) / 1.3 s
 * concurrency over logged events: a [1,0] [2,0] [3,0] [4,0] [5,1], b [0,1] [4,2]:
 *   5·2 − (0+0+0+0+1) − (0+4) = 5 of 10 (a1..a4 || b1, a5 || b2)
 * </pre>
 */
class RestartTest {
    @Test
    void aRestartIsAccountedForNotAFailure() throws Exception {
        RunResult r = KnownAnswerTest.analyze("restart");
        for (CheckResult c : r.checks()) {
            assertTrue(c.passed(), c.check() + ": " + c.firstViolation());
        }
        MessageResult m = r.messages();
        assertEquals(4, m.messages());
        assertEquals(2, m.received());
        assertEquals(1, m.undelivered());
        assertEquals(1, m.toEarlierLifeOfReceiver());
        assertEquals(1, m.fromEarlierLifeOfSender());
        assertEquals(0, m.lost());
        assertEquals(0, m.unreceivedAtEnd());
        assertEquals(6, r.drift().maxSpread());
        assertEquals(3.5, r.drift().maxSpreadAtSeconds(), 1e-9);
        assertEquals(2.5 / 1.3, r.drift().meanSpread(), 1e-9);
        assertEquals(new ConcurrencyResult(10, 5), r.concurrency());
        MachineResult a = r.machines().get(0);
        assertEquals(List.of("connected", "peer_down", "undelivered", "peer_up", "stop"),
                a.lifecycle().stream().map(LifecycleEvent::kind).toList());
        assertEquals(1, a.undelivered());
        assertEquals(3_400_000, r.machines().get(1).incarnation());
        assertEquals(1, r.machines().get(1).previousLogs());
        assertEquals(0, a.previousLogs());
    }
}
