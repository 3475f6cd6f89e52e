package dev.clockscope.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClockSkewTest {
    private static final long START = 1_767_225_600_000_000L;

    @Test
    void anOffsetShiftsEveryReading() {
        ClockSkew s = new ClockSkew(150_000, 0); // +150 ms
        assertEquals(START + 150_000, s.readingAt(START, START));
        assertEquals(START + 60_000_000 + 150_000, s.readingAt(START + 60_000_000, START));
    }

    @Test
    void driftAddsPartsPerBillionOfTheTimeSinceTheLifeStarted() {
        ClockSkew fast = new ClockSkew(0, 200_000); // +200 ppm
        // 10 s later: 10,000,000 µs x 200,000 / 10^9 = 2,000 µs ahead
        assertEquals(START + 10_000_000 + 2_000, fast.readingAt(START + 10_000_000, START));
        // 1 µs later: 1 x 200,000 / 10^9 = 0.0002 µs, rounded down to 0
        assertEquals(START + 1, fast.readingAt(START + 1, START));
        ClockSkew slow = new ClockSkew(-40_000, -50_000); // -40 ms, -50 ppm
        // 1.5 s later: -40,000 + 1,500,000 x -50,000 / 10^9 = -40,000 - 75 µs
        assertEquals(START + 1_500_000 - 40_075, slow.readingAt(START + 1_500_000, START));
        // 1 µs later: floor(-0.00005) = -1
        assertEquals(START + 1 - 40_000 - 1, slow.readingAt(START + 1, START));
        // 10 days at the largest drift (10 %): 864 x 10^9 µs x 10^8 / 10^9 = 86.4 x 10^9 µs, no overflow
        long tenDays = 864_000_000_000L;
        assertEquals(START + tenDays + 86_400_000_000L,
                new ClockSkew(0, ClockSkew.MAX_DRIFT_PPB).readingAt(START + tenDays, START));
    }

    @Test
    void readingsNeverGoBackWhileTrueTimeGoesOn() {
        long seed = Seeds.printed("ClockSkewTest");
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 200; k++) {
            ClockSkew s = new ClockSkew(r.nextLong(-ClockSkew.MAX_OFFSET_MICROS, ClockSkew.MAX_OFFSET_MICROS),
                    r.nextLong(-ClockSkew.MAX_DRIFT_PPB, ClockSkew.MAX_DRIFT_PPB + 1));
            long wall = START + r.nextLong(1_000_000_000_000L);
            long previous = s.readingAt(wall, START);
            for (int i = 0; i < 1000; i++) {
                wall += r.nextInt(3);
                long reading = s.readingAt(wall, START);
                assertTrue(reading >= previous, "seed " + seed + ": " + s + " went back at " + wall);
                previous = reading;
            }
        }
    }

    @Test
    void noSkewIsTheHostsClockAndLimitsAreEnforced() {
        assertSame(PhysicalClock.HOST, ClockSkew.NONE.clockFrom(START));
        assertEquals(START + 5, PhysicalClock.HOST.physMicros(START + 5));
        assertEquals(START + 7 + 150_000, new ClockSkew(150_000, 0).clockFrom(START).physMicros(START + 7));
        assertThrows(IllegalArgumentException.class, () -> new ClockSkew(ClockSkew.MAX_OFFSET_MICROS + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClockSkew(0, -ClockSkew.MAX_DRIFT_PPB - 1));
    }
}
