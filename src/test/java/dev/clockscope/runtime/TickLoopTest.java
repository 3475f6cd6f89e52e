package dev.clockscope.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.testing.FakeTime;
import dev.clockscope.time.TickSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TickLoopTest {
    /** An inbox on fake time: waiting advances the clock; scripted tasks arrive at given times. */
    private static final class FakeInbox implements TaskInbox {
        final FakeTime time;
        final TreeMap<Long, Runnable> scripted = new TreeMap<>();

        FakeInbox(FakeTime time) {
            this.time = time;
        }

        @Override
        public void post(Runnable task) {
            scripted.put(time.monotonicNanos(), task);
        }

        @Override
        public Runnable poll(long timeoutNanos) {
            long now = time.monotonicNanos();
            var next = scripted.firstEntry();
            if (next != null && next.getKey() <= now + Math.max(0, timeoutNanos)) {
                time.advanceNanos(Math.max(0, next.getKey() - now));
                return scripted.pollFirstEntry().getValue();
            }
            time.advanceNanos(Math.max(0, timeoutNanos));
            return null;
        }
    }

    private final FakeTime time = new FakeTime(0);
    private final FakeInbox inbox = new FakeInbox(time);
    private final List<Long> tickTimes = new ArrayList<>();
    private final List<Long> stalls = new ArrayList<>();

    private TickLoop loop(Runnable tick) {
        return new TickLoop(time, inbox, tick, stalls::add, () -> false);
    }

    @Test
    void fourTicksPerSecondForSixtySecondsIsExactly240TicksOnTheirDeadlines() throws Exception {
        TickSchedule schedule = new TickSchedule(0, 4);
        long n = loop(() -> tickTimes.add(time.monotonicNanos())).run(schedule, schedule.ticksWithin(Duration.ofSeconds(60)));
        assertEquals(240, n);
        assertEquals(240, tickTimes.size());
        for (int k = 0; k < tickTimes.size(); k++) {
            assertEquals(k * 250_000_000L, tickTimes.get(k), "tick " + k);
        }
        assertTrue(stalls.isEmpty());
    }

    @Test
    void slowTicksDoNotShiftLaterDeadlines() throws Exception {
        // every tick costs 100 ms of a 250 ms period: the next tick still starts on its own deadline
        TickSchedule schedule = new TickSchedule(0, 4);
        loop(() -> {
            tickTimes.add(time.monotonicNanos());
            time.advanceNanos(100_000_000);
        }).run(schedule, 8);
        assertEquals(List.of(0L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L, 1_250_000_000L,
                1_500_000_000L, 1_750_000_000L), tickTimes);
    }

    @Test
    void aSlightlyLateTickCatchesUpButALongStallSkipsTicks() throws Exception {
        TickSchedule schedule = new TickSchedule(0, 4);
        List<Long> ticksAt = new ArrayList<>();
        loop(() -> {
            ticksAt.add(time.monotonicNanos());
            if (ticksAt.size() == 2) {
                time.advanceNanos(300_000_000); // tick 1 overruns: tick 2 is 50 ms late and still runs
            } else if (ticksAt.size() == 4) {
                time.advanceNanos(5_000_000_000L); // a 5 s pause (SIGSTOP): skip, do not burst
            }
        }).run(schedule, 30);
        assertEquals(550_000_000L, ticksAt.get(2), "late tick runs at once");
        assertEquals(750_000_000L, ticksAt.get(3), "and the one after is back on its deadline");
        // tick 3 ran at 750 ms and ended at 5750 ms: ticks 4..22 (1000..5500 ms) are missed, 23 (5750) runs
        assertEquals(List.of(19L), stalls);
        assertEquals(5_750_000_000L, ticksAt.get(4));
        assertEquals(30 - 19, ticksAt.size());
    }

    @Test
    void postedTasksRunBeforeTheTickDueAfterThem() throws Exception {
        List<String> order = new ArrayList<>();
        inbox.scripted.put(100_000_000L, () -> order.add("message@100ms"));
        inbox.scripted.put(600_000_000L, () -> order.add("message@600ms"));
        loop(() -> order.add("tick@" + time.monotonicNanos() / 1_000_000 + "ms")).run(new TickSchedule(0, 2), 3);
        assertEquals(List.of("tick@0ms", "message@100ms", "tick@500ms", "message@600ms", "tick@1000ms"), order);
    }

    @Test
    void stopRequestEndsTheLoopBetweenTicks() throws Exception {
        boolean[] stop = {false};
        TickLoop loop = new TickLoop(time, inbox, () -> {
            tickTimes.add(time.monotonicNanos());
            if (tickTimes.size() == 3) {
                stop[0] = true;
            }
        }, stalls::add, () -> stop[0]);
        assertEquals(3, loop.run(new TickSchedule(0, 10), Long.MAX_VALUE));
        assertEquals(3, tickTimes.size());
    }
}
