package dev.clockscope.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rules of Kulkarni, Demirbas et al. (2014), Figure 5, on hand-computed cases: every branch of the send/local
 * rule and of the receive rule, the working written out next to each. Then the paper's guarantees on random runs.
 */
class HybridLogicalClockTest {
    @Test
    void sendOrLocalEventFollowsThePhysicalClockAndCountsWhileItStands() {
        HybridLogicalClock h = new HybridLogicalClock(); // l = 0, c = 0
        // pt 10: l' = 0, l = max(0, 10) = 10; l != l' -> c = 0
        assertEquals(new Hlc(10, 0), h.tick(10));
        // pt 10 again (two events in one µs): l' = 10, l = max(10, 10) = 10 = l' -> c = 0 + 1 = 1
        assertEquals(new Hlc(10, 1), h.tick(10));
        // pt 9 (the physical clock stepped back): l' = 10, l = max(10, 9) = 10 = l' -> c = 1 + 1 = 2
        assertEquals(new Hlc(10, 2), h.tick(9));
        // pt 12: l' = 10, l = max(10, 12) = 12 != l' -> c = 0
        assertEquals(new Hlc(12, 0), h.tick(12));
    }

    @Test
    void receiveTakesTheLargestOfItsOwnTheMessagesAndThePhysicalL() {
        HybridLogicalClock h = new HybridLogicalClock();
        h.tick(12); // (12, 0)
        // l = l' = l.m: pt 12, m = (12, 5): l = max(12, 12, 12) = 12 = l' = l.m -> c = max(0, 5) + 1 = 6
        assertEquals(new Hlc(12, 6), h.receive(12, 12, 5));
        // l = l' only: pt 11, m = (11, 9): l = max(12, 11, 11) = 12 = l' != l.m -> c = 6 + 1 = 7 (m's c ignored)
        assertEquals(new Hlc(12, 7), h.receive(11, 11, 9));
        // l = l.m only: pt 13, m = (20, 4): l = max(12, 20, 13) = 20 = l.m != l' -> c = 4 + 1 = 5
        assertEquals(new Hlc(20, 5), h.receive(13, 20, 4));
        // l = pt only: pt 25, m = (21, 3): l = max(20, 21, 25) = 25, neither l' nor l.m -> c = 0
        assertEquals(new Hlc(25, 0), h.receive(25, 21, 3));
        // l = l' = l.m with c.m below c: pt 7, m = (25, 0) at state (25, 0) -> c = max(0, 0) + 1 = 1
        assertEquals(new Hlc(25, 1), h.receive(7, 25, 0));
        // then a local event, physical clock still behind: l = max(25, 7) = 25 = l' -> c = 1 + 1 = 2
        assertEquals(new Hlc(25, 2), h.tick(7));
        assertEquals(25, h.l());
        assertEquals(2, h.c());
    }

    @Test
    void aRemoteClockIsTooFarAheadOnlyBeyondTheMaxOffset() {
        // l.m - pt = 1000 - 400 = 600 > 500: refused; 900 - 400 = 500, not more than 500: taken
        assertTrue(HybridLogicalClock.tooFarAhead(1000, 400, 500));
        assertFalse(HybridLogicalClock.tooFarAhead(900, 400, 500));
        assertFalse(HybridLogicalClock.tooFarAhead(10, 400, 500), "a clock behind ours is always taken");
    }

    @Test
    void timestampsCompareByLThenC() {
        assertTrue(new Hlc(10, 5).before(new Hlc(11, 0)));
        assertTrue(new Hlc(10, 1).before(new Hlc(10, 2)));
        assertFalse(new Hlc(10, 2).before(new Hlc(10, 2)));
        assertEquals("[10, 2]", new Hlc(10, 2).toString());
        assertThrows(IllegalArgumentException.class, () -> new Hlc(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Hlc(0, -1));
    }

    /**
     * The paper's theorems on random runs of 4 processes whose physical clocks are within EPSILON of true time and
     * monotonic: (1) e -> f implies hlc(e) < hlc(f) (program order and messages); (2) l >= pt; (3) l - pt is at
     * most the largest skew, l never exceeding the most advanced physical clock at that true time.
     */
    @Test
    void randomRunsKeepThePapersGuarantees() {
        long seed = Seeds.printed("HybridLogicalClockTest");
        SplittableRandom r = new SplittableRandom(seed);
        int n = 4;
        long epsilon = 1_000;
        for (int run = 0; run < 200; run++) {
            long[] offset = new long[n];
            for (int i = 0; i < n; i++) {
                offset[i] = r.nextLong(-epsilon / 2, epsilon / 2 + 1);
            }
            long maxOffset = java.util.Arrays.stream(offset).max().getAsLong();
            HybridLogicalClock[] clocks = new HybridLogicalClock[n];
            Hlc[] last = new Hlc[n];
            for (int i = 0; i < n; i++) {
                clocks[i] = new HybridLogicalClock();
            }
            List<long[]> inFlight = new ArrayList<>(); // {to, l, c}
            long now = 1_000_000;
            for (int step = 0; step < 300; step++) {
                now += r.nextInt(0, 40); // many events share a µs: the counters do the work
                int i = r.nextInt(n);
                long pt = now + offset[i];
                Hlc e;
                if (!inFlight.isEmpty() && r.nextBoolean()) {
                    long[] m = inFlight.remove(r.nextInt(inFlight.size()));
                    i = (int) m[0];
                    pt = now + offset[i];
                    e = clocks[i].receive(pt, m[1], (int) m[2]);
                    assertTrue(new Hlc(m[1], (int) m[2]).before(e), "send before receive, seed " + seed);
                } else {
                    e = clocks[i].tick(pt);
                    if (r.nextBoolean()) {
                        inFlight.add(new long[] {(i + 1 + r.nextInt(n - 1)) % n, e.l(), e.c()});
                    }
                }
                assertTrue(last[i] == null || last[i].before(e), "strictly increasing, seed " + seed);
                assertTrue(e.l() >= pt, "l >= pt, seed " + seed);
                assertTrue(e.l() <= now + maxOffset, "l within the most advanced clock, seed " + seed);
                assertTrue(e.l() - pt <= epsilon, "l - pt bounded by the skew, seed " + seed);
                last[i] = e;
            }
        }
    }
}
