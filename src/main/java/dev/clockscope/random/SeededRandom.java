package dev.clockscope.random;

import java.util.SplittableRandom;

/** A {@link RandomSource} from a seed; the same seed gives the same sequence on every JVM. */
public final class SeededRandom implements RandomSource {
    private final SplittableRandom random;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A machine's own seed from the run's seed and the machine's index, so machines of one run draw
     * different dice while the whole run still replays from one number.
     */
    public static long machineSeed(long runSeed, int machineIndex) {
        return mix64(runSeed + 0x9E3779B97F4A7C15L * (machineIndex + 1));
    }

    // Stafford variant 13 finaliser (the mix SplittableRandom itself uses).
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }
}
