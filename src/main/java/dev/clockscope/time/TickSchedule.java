package dev.clockscope.time;

import java.time.Duration;

/**
 * Absolute tick deadlines: tick k (from 0) is due at {@code start + k * 1e9 / rate} nanoseconds. Each
 * deadline is computed from the start, never from the previous tick, so lateness of one tick does not
 * shift the ones after it and a 4 ticks/s machine does exactly 240 ticks in 60 s.
 */
public record TickSchedule(long startNanos, int ticksPerSecond) {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MIN_STALL_THRESHOLD_NANOS = 200_000_000L;

    public TickSchedule {
        if (ticksPerSecond < 1) {
            throw new IllegalArgumentException("ticksPerSecond must be >= 1, got " + ticksPerSecond);
        }
    }

    /**
     * A tick later than this (two periods, at least 200 ms) means the machine was held up (paused, starved):
     * the missed ticks are skipped and reported instead of being run in a burst.
     */
    public long stallThresholdNanos() {
        return Math.max(MIN_STALL_THRESHOLD_NANOS, 2 * NANOS_PER_SECOND / ticksPerSecond);
    }

    /** When tick {@code k} (0-based) is due. */
    public long deadlineNanos(long k) {
        long whole = k / ticksPerSecond;
        long part = k % ticksPerSecond;
        return startNanos + whole * NANOS_PER_SECOND + part * NANOS_PER_SECOND / ticksPerSecond;
    }

    /** How many ticks fall in [start, start + duration): the run's exact tick count. */
    public long ticksWithin(Duration duration) {
        long seconds = duration.getSeconds();
        long nanos = duration.getNano();
        // ceil(nanos * rate / 1e9) ticks fit in the fractional second
        long partial = (nanos * ticksPerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return seconds * ticksPerSecond + partial;
    }

    /** The first tick index whose deadline is at or after {@code nowNanos}. */
    public long firstTickNotBefore(long nowNanos) {
        if (nowNanos <= startNanos) {
            return 0;
        }
        long elapsed = nowNanos - startNanos;
        long whole = elapsed / NANOS_PER_SECOND;
        long rest = elapsed % NANOS_PER_SECOND;
        long k = whole * ticksPerSecond + (rest * ticksPerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return k;
    }
}
