package dev.clockscope.time;

import java.time.Instant;

/** Real time: {@link Instant#now()} for the wall, {@link System#nanoTime()} for scheduling. */
public final class SystemTimeSource implements TimeSource {
    public static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private SystemTimeSource() {
    }

    @Override
    public long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }
}
