package dev.clockscope.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.ActionProbabilities;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.VectorMode;
import dev.clockscope.random.SeededRandom;
import dev.clockscope.testing.FakeTime;
import dev.clockscope.testing.ListEventLog;
import dev.clockscope.testing.RecordingTransport;
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
    private final ListEventLog log = new ListEventLog();
    private static final MachineIds IDS = MachineIds.of(List.of("a", "b"));

    /** A machine whose every tick is an internal event (no neighbour is ever chosen). */
    private Machine machine(int rate) {
        return new Machine(0, IDS, new int[] {1}, new ActionProbabilities(0, 0), VectorMode.DENSE, rate, 1,
                new RecordingTransport(), new SeededRandom(1), log, time);
    }

    private List<Long> tickTimes() {
        return log.ofType(Event.Internal.class).stream().map(e -> e.wallMicros() * 1_000).toList();
    }

    @Test
    void fourTicksPerSecondForSixtySecondsIsExactly240TicksOnTheirDeadlines() throws Exception {
        Machine m = machine(4);
        m.startTicking(0, Duration.ofSeconds(60));
        new TickLoop(time, inbox, () -> false).run(m, () -> { });
        List<Long> at = tickTimes();
        assertEquals(240, at.size());
        for (int k = 0; k < at.size(); k++) {
            assertEquals(k * 250_000_000L, at.get(k), "tick " + k);
        }
        assertTrue(log.ofType(Event.Stall.class).isEmpty());
    }

    @Test
    void slowTicksDoNotShiftLaterDeadlines() throws Exception {
        // every tick costs 100 ms of a 250 ms period: the next tick still starts on its own deadline
        Machine m = machine(4);
        m.startTicking(0, Duration.ofSeconds(2));
        new TickLoop(time, inbox, () -> false).run(m, () -> time.advanceNanos(100_000_000));
        assertEquals(List.of(0L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L, 1_250_000_000L,
                1_500_000_000L, 1_750_000_000L), tickTimes());
    }

    @Test
    void aLongHoldUpInsideTheLoopIsOneStallNotABurst() throws Exception {
        Machine m = machine(4);
        m.startTicking(0, Duration.ofSeconds(10));
        int[] steps = {0};
        new TickLoop(time, inbox, () -> false).run(m, () -> {
            if (++steps[0] == 4) {
                time.advanceNanos(5_000_000_000L); // a 5 s pause (SIGSTOP) after tick 3 at 750 ms
            }
        });
        // ticks 4..22 (1000..5500 ms) are missed, 23 (5750 ms) runs
        assertEquals(List.of(19L), log.ofType(Event.Stall.class).stream().map(Event.Stall::missedTicks).toList());
        assertEquals(5_750_000_000L, tickTimes().get(4));
        assertEquals(40 - 19, tickTimes().size());
    }

    @Test
    void postedTasksRunBeforeTheTickDueAfterThem() throws Exception {
        List<String> order = new ArrayList<>();
        inbox.scripted.put(100_000_000L, () -> order.add("message@100ms"));
        inbox.scripted.put(600_000_000L, () -> order.add("message@600ms"));
        Machine m = machine(2);
        m.startTicking(0, Duration.ofMillis(1500));
        new TickLoop(time, inbox, () -> false).run(m, () -> order.add("tick@" + time.monotonicNanos() / 1_000_000 + "ms"));
        assertEquals(List.of("tick@0ms", "message@100ms", "tick@500ms", "message@600ms", "tick@1000ms"), order);
    }

    @Test
    void stopRequestEndsTheLoopBetweenTicks() throws Exception {
        Machine m = machine(10);
        m.startTicking(0, Duration.ZERO);
        new TickLoop(time, inbox, () -> m.ticks() == 3).run(m, () -> { });
        assertEquals(3, m.ticks());
    }
}
