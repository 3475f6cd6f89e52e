package dev.clockscope.sim;

/**
 * A fault of one machine over a window of virtual time, counted from the start of the run: a crash (the
 * machine dies at {@code fromNanos} like a kill -9 and a new life starts at {@code toNanos}, or never if
 * {@code toNanos} is {@link Long#MAX_VALUE}) or a pause (like SIGSTOP ... SIGCONT).
 */
public record Outage(int machine, long fromNanos, long toNanos) {
    public Outage {
        if (fromNanos < 0 || toNanos <= fromNanos) {
            throw new IllegalArgumentException("an outage needs 0 <= from < to, got " + fromNanos + ".." + toNanos);
        }
    }

    /** A crash with no restart ({@code ID@FROM}). */
    public boolean forGood() {
        return toNanos == Long.MAX_VALUE;
    }
}
