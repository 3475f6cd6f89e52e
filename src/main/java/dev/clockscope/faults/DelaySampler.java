package dev.clockscope.faults;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.random.RandomSource;

/** Draws one delay from a configured distribution, with the caller's seeded random source. */
public final class DelaySampler {
    private DelaySampler() {
    }

    /** A delay in nanoseconds (never negative) for {@code d}: constant, uniform, exponential or normal. */
    public static long sampleNanos(NetworkFaults.Delay d, RandomSource random) {
        double millis = switch (d.kind()) {
            case "uniform" -> d.aMillis() + random.nextDouble() * (d.bMillis() - d.aMillis());
            case "exponential" -> -d.aMillis() * Math.log(1 - random.nextDouble());
            case "normal" -> d.aMillis() + d.bMillis() * gaussian(random);
            default -> d.aMillis();
        };
        return Math.max(0, (long) (millis * 1_000_000));
    }

    /** A standard normal draw (Box–Muller; two uniform draws, the second angle discarded for simplicity). */
    private static double gaussian(RandomSource random) {
        double u = 1 - random.nextDouble(); // (0, 1]: log(u) is finite
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
