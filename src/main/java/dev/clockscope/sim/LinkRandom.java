package dev.clockscope.sim;

import dev.clockscope.random.RandomSource;

/**
 * The random draws of one message on one link, from a key made of the run's seed, the link and the
 * message's number on it (SplitMix64, the generator behind {@code SplittableRandom}). Counter-based: no
 * state per link or per machine to keep, and a message's delay never depends on what other links did —
 * so a change elsewhere in a run (a what-if) leaves this link's delays as they were.
 */
final class LinkRandom implements RandomSource {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /** Starts the draws of message {@code number} on {@code link} of a run with {@code seed}. */
    void start(long seed, int link, long number) {
        state = mix(seed ^ mix(link * GOLDEN_GAMMA + number));
    }

    private long next() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift; the bias of 2^-32 per draw is irrelevant here
        return (int) (((next() >>> 32) * bound) >>> 32);
    }

    @Override
    public double nextDouble() {
        return (next() >>> 11) * 0x1.0p-53;
    }
}
