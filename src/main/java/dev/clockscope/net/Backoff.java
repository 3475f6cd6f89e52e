package dev.clockscope.net;

import dev.clockscope.random.RandomSource;
import java.time.Duration;

/**
 * Reconnect delays: exponential from {@code initial}, doubling per attempt up to {@code max}, with
 * "equal jitter" (half fixed, half random) so machines started together do not retry in lockstep yet
 * never retry sooner than half the nominal delay. A pure policy: attempt in, delay out.
 */
public final class Backoff {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1600));

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The nominal (un-jittered) delay before attempt {@code attempt} (1-based). */
    public long nominalMillis(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }

    /** The delay before attempt {@code attempt}: in [nominal/2, nominal]. */
    public Duration delayFor(int attempt, RandomSource random) {
        long nominal = nominalMillis(attempt);
        long half = nominal / 2;
        long jitter = (long) (random.nextDouble() * (nominal - half + 1));
        return Duration.ofMillis(half + Math.min(jitter, nominal - half));
    }
}
