package dev.clockscope.runtime;

import dev.clockscope.time.TickSchedule;
import dev.clockscope.time.TimeSource;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Runs ticks at absolute deadlines (see {@link TickSchedule}) and, between them, the tasks other
 * threads post. A tick that is a little late still runs (the next deadline does not move); if the
 * thread was held up for longer than {@link #stallThresholdNanos} (process paused, machine starved) the
 * missed ticks are skipped and reported instead of being run in a burst.
 */
public final class TickLoop {
    private static final long MIN_STALL_THRESHOLD_NANOS = 200_000_000L;

    private final TimeSource time;
    private final TaskInbox inbox;
    private final Runnable tick;
    private final LongConsumer stalled;
    private final BooleanSupplier stopRequested;

    public TickLoop(TimeSource time, TaskInbox inbox, Runnable tick, LongConsumer stalled, BooleanSupplier stopRequested) {
        this.time = time;
        this.inbox = inbox;
        this.tick = tick;
        this.stalled = stalled;
        this.stopRequested = stopRequested;
    }

    /** Late by more than this (2 periods, at least 200 ms) and the missed ticks are skipped. */
    static long stallThresholdNanos(int ticksPerSecond) {
        return Math.max(MIN_STALL_THRESHOLD_NANOS, 2 * 1_000_000_000L / ticksPerSecond);
    }

    /** Runs posted tasks until {@code condition} holds or a stop is requested. */
    public void runTasksUntil(BooleanSupplier condition, long pollNanos) throws InterruptedException {
        while (!condition.getAsBoolean() && !stopRequested.getAsBoolean()) {
            Runnable task = inbox.poll(pollNanos);
            if (task != null) {
                task.run();
            }
        }
    }

    /**
     * Ticks {@code maxTicks} times (Long.MAX_VALUE: until stopped) on {@code schedule}. Returns the
     * number of tick slots consumed (ticks run plus ticks skipped).
     */
    public long run(TickSchedule schedule, long maxTicks) throws InterruptedException {
        long stallNanos = stallThresholdNanos(schedule.ticksPerSecond());
        long k = 0;
        while (k < maxTicks && !stopRequested.getAsBoolean()) {
            long deadline = schedule.deadlineNanos(k);
            for (long now = time.monotonicNanos(); now < deadline; now = time.monotonicNanos()) {
                Runnable task = inbox.poll(deadline - now);
                if (task != null) {
                    task.run();
                }
                if (stopRequested.getAsBoolean()) {
                    return k;
                }
            }
            // what arrived up to now is in the queue before this tick's action
            for (Runnable task = inbox.poll(0); task != null; task = inbox.poll(0)) {
                task.run();
            }
            long now = time.monotonicNanos();
            if (now - deadline > stallNanos) {
                long resume = Math.min(maxTicks, schedule.firstTickNotBefore(now));
                stalled.accept(resume - k);
                k = resume;
                continue;
            }
            tick.run();
            k++;
        }
        return k;
    }

    /**
     * Unthrottled mode: ticks back-to-back until {@code durationNanos} have passed (Long.MAX_VALUE: until
     * stopped). Before each tick it takes in what the network posted (a non-blocking poll), exactly as
     * the throttled loop does at a deadline; {@code afterTick} runs after each tick with the tick count
     * (the runtime batches network flushes there). Returns the ticks run.
     */
    public long runUnthrottled(long durationNanos, java.util.function.LongPredicate afterTick)
            throws InterruptedException {
        long start = time.monotonicNanos();
        long k = 0;
        while (!stopRequested.getAsBoolean()) {
            if (time.monotonicNanos() - start >= durationNanos) {
                break;
            }
            for (Runnable task = inbox.poll(0); task != null; task = inbox.poll(0)) {
                task.run();
            }
            tick.run();
            k++;
            if (!afterTick.test(k)) {
                break;
            }
        }
        return k;
    }
}
