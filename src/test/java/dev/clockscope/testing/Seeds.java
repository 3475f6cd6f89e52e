package dev.clockscope.testing;

import java.util.List;
import java.util.stream.LongStream;

/**
 * The seed of a randomized test: {@code -Dclockscope.seed=N} takes a run back, else a new one; printed either way.
 * Tests that take {@link #printedRange} also run a sample of seeds, {@code -Dclockscope.seeds=FROM..TO}; a sample
 * that runs past a test's 5-minute bound (src/test/resources/junit-platform.properties) needs
 * {@code -Djunit.jupiter.execution.timeout.default=2h}.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed for {@code what} (the test's name, as printed), from the system property or the clock. */
    public static long printed(String what) {
        long seed = Long.getLong("clockscope.seed", System.nanoTime());
        System.out.println(what + " seed " + seed + " (replay: -Dclockscope.seed=" + seed + ")");
        return seed;
    }

    /**
     * The seeds for {@code what}: every one of {@code -Dclockscope.seeds=FROM..TO} (both included; a sample of fresh
     * plans, to look for what one seed a run does not find), else the one {@link #printed} gives.
     */
    public static List<Long> printedRange(String what) {
        String range = System.getProperty("clockscope.seeds");
        if (range == null) {
            return List.of(printed(what));
        }
        String[] ends = range.split("\\.\\.");
        if (ends.length != 2) {
            throw new IllegalArgumentException("clockscope.seeds: \"" + range + "\" is not FROM..TO");
        }
        long from = Long.parseLong(ends[0].trim());
        long to = Long.parseLong(ends[1].trim());
        System.out.println(what + " seeds " + from + ".." + to);
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
