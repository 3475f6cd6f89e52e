package dev.clockscope.random;

/**
 * A {@link RandomSource} from a seed; the same seed gives the same sequence on every JVM. It draws exactly
 * what {@code new java.util.SplittableRandom(seed)} draws (SplitMix64, and the JDK's rejection for bounded
 * ints), but keeps its one word of state in this object: a machine's tick reads it, and at 100,000 machines a
 * second object (the JDK generator behind a wrapper) is one more cache miss per tick.
 */
public final class SeededRandom implements RandomSource {
    /** SplittableRandom's increment for a generator made from a seed alone. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * A machine's own seed from the run's seed and the machine's index, so machines of one run draw
     * different dice while the whole run still replays from one number.
     */
    public static long machineSeed(long runSeed, int machineIndex) {
        return mix64(runSeed + GOLDEN_GAMMA * (machineIndex + 1));
    }

    // Stafford variant 13 finaliser (the mix SplittableRandom itself uses).
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // The 32-bit finaliser SplittableRandom uses for nextInt().
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
        return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
    }

    private int nextInt() {
        state += GOLDEN_GAMMA;
        return mix32(state);
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int r = nextInt();
        int mask = bound - 1;
        if ((bound & mask) == 0) {
            return r & mask; // a power of 2: the low bits are uniform
        }
        // reject the top values that would make low residues more likely; the JDK's loop, so the same draws
        int u = r >>> 1;
        while (u + mask - (r = u % bound) < 0) {
            u = nextInt() >>> 1;
        }
        return r;
    }

    @Override
    public double nextDouble() {
        state += GOLDEN_GAMMA;
        return (mix64(state) >>> 11) * 0x1.0p-53;
    }
}
