package dev.clockscope.sim;

import dev.clockscope.time.TimeSource;

/**
 * The simulator's time: nanoseconds since the run's origin, moved only by the simulator. The machines
 * read it through the same {@link TimeSource} the real runtime gives them; logged wall times are the
 * origin (a fixed epoch, never the host's clock) plus the virtual time, in µs.
 */
final class VirtualTime implements TimeSource {
    private final long originMicros;
    private long nowNanos;

    VirtualTime(long originMicros) {
        this.originMicros = originMicros;
    }

    void advanceTo(long nanos) {
        if (nanos < nowNanos) {
            throw new IllegalStateException("virtual time cannot go back from " + nowNanos + " to " + nanos);
        }
        nowNanos = nanos;
    }

    /**
     * Shows an earlier time, {@code nanos}, while a message that arrived then is taken in late (lazy delivery, see
     * {@link Inboxes}); the caller moves the time back to what this returns.
     */
    long showEarlier(long nanos) {
        if (nanos > nowNanos) {
            throw new IllegalStateException("an arrival at " + nanos + " is not earlier than " + nowNanos);
        }
        long now = nowNanos;
        nowNanos = nanos;
        return now;
    }

    long nowNanos() {
        return nowNanos;
    }

    long originMicros() {
        return originMicros;
    }

    @Override
    public long wallMicros() {
        return originMicros + nowNanos / 1_000;
    }

    @Override
    public long monotonicNanos() {
        return nowNanos;
    }
}
