package dev.clockscope.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TickScheduleTest {
    @Test
    void deadlinesAreAbsoluteAndExact() {
        TickSchedule s = new TickSchedule(1_000, 3);
        assertEquals(1_000, s.deadlineNanos(0));
        assertEquals(1_000 + 333_333_333, s.deadlineNanos(1));
        assertEquals(1_000 + 666_666_666, s.deadlineNanos(2));
        assertEquals(1_000 + 1_000_000_000, s.deadlineNanos(3), "no rounding error builds up");
        assertEquals(1_000 + 3_600_000_000_000L, s.deadlineNanos(3 * 3600), "after an hour still exact");
    }

    @Test
    void tickCountInADurationIsExact() {
        assertEquals(240, new TickSchedule(0, 4).ticksWithin(Duration.ofSeconds(60)));
        assertEquals(60, new TickSchedule(0, 1).ticksWithin(Duration.ofSeconds(60)));
        assertEquals(360, new TickSchedule(0, 6).ticksWithin(Duration.ofSeconds(60)));
        // 1.5 s at 3/s: deadlines 0, 333, 667, 1000, 1333 ms are < 1500 ms -> 5 ticks
        assertEquals(5, new TickSchedule(0, 3).ticksWithin(Duration.ofMillis(1500)));
        assertEquals(0, new TickSchedule(0, 3).ticksWithin(Duration.ZERO));
    }

    @Test
    void firstTickNotBeforeFindsTheNextDeadline() {
        TickSchedule s = new TickSchedule(0, 4);
        assertEquals(0, s.firstTickNotBefore(-5));
        assertEquals(0, s.firstTickNotBefore(0));
        assertEquals(1, s.firstTickNotBefore(1));
        assertEquals(1, s.firstTickNotBefore(250_000_000));
        assertEquals(2, s.firstTickNotBefore(250_000_001));
        assertEquals(40, s.firstTickNotBefore(10_000_000_000L));
    }
}
