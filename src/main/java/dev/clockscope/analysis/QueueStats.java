package dev.clockscope.analysis;

/**
 * Incoming-queue length as logged after each tick, weighted by how long it held (until the next tick):
 * mean length, max, and the time it was non-empty.
 */
public record QueueStats(double meanLength, long maxLength, double nonEmptySeconds, double observedSeconds) {
    public double nonEmptyFraction() {
        return observedSeconds <= 0 ? 0 : nonEmptySeconds / observedSeconds;
    }
}
