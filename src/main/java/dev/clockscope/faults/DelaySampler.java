package dev.clockscope.faults;

import dev.clockscope.config.NetworkFaults;
import dev.clockscope.random.RandomSource;

/** Draws one delay from a configured distribution, with the caller's seeded random source. */
public final class DelaySampler {
    /**
     * The longest delay drawn (~73 years): a send time plus a delay must stay in a long of nanoseconds, and an
     * exponential's tail reaches 37 times its mean (a sum past the long made a message due before its send).
     */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private DelaySampler() {
    }

    /**
     * A delay's distribution, told from its kind once: a simulated link draws a delay for every message, and a
     * string switch per message cost ~2 % of a 100,000-machine run.
     */
    public enum Shape {
        CONSTANT, UNIFORM, EXPONENTIAL, NORMAL;

        /** A delay in nanoseconds (never negative, at most {@link #MAX_NANOS}) from {@code d}'s parameters, {@code d} being of this shape. */
        public long sampleNanos(NetworkFaults.Delay d, RandomSource random) {
            double millis = switch (this) {
                case UNIFORM -> d.aMillis() + random.nextDouble() * (d.bMillis() - d.aMillis());
                case EXPONENTIAL -> -d.aMillis() * Math.log(1 - random.nextDouble());
                case NORMAL -> d.aMillis() + d.bMillis() * gaussian(random);
                case CONSTANT -> d.aMillis();
            };
            return Math.max(0, Math.min(MAX_NANOS, (long) (millis * 1_000_000)));
        }
    }

    /** The shape of {@code d}; a kind the parsers do not produce draws as a constant, as it always has. */
    public static Shape shape(NetworkFaults.Delay d) {
        return switch (d.kind()) {
            case "uniform" -> Shape.UNIFORM;
            case "exponential" -> Shape.EXPONENTIAL;
            case "normal" -> Shape.NORMAL;
            default -> Shape.CONSTANT;
        };
    }

    /** A delay in nanoseconds (never negative) for {@code d}: constant, uniform, exponential or normal. */
    public static long sampleNanos(NetworkFaults.Delay d, RandomSource random) {
        return shape(d).sampleNanos(d, random);
    }

    /** A standard normal draw (Box–Muller; two uniform draws, the second angle discarded for simplicity). */
    private static double gaussian(RandomSource random) {
        double u = 1 - random.nextDouble(); // (0, 1]: log(u) is finite
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
