package dev.clockscope.testing;

import dev.clockscope.time.TimeSource;

/** Time that moves only when a test advances it. Wall and monotonic time move together. */
public final class FakeTime implements TimeSource {
    private long nanos;
    private final long wallOriginMicros;

    public FakeTime(long wallOriginMicros) {
        this.wallOriginMicros = wallOriginMicros;
    }

    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("time does not go back");
        }
        nanos += delta;
    }

    @Override
    public long wallMicros() {
        return wallOriginMicros + nanos / 1_000;
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }
}
