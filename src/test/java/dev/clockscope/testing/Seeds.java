package dev.clockscope.testing;

/** The seed of a randomized test: {@code -Dclockscope.seed=N} takes a run back, else a new one; printed either way. */
public final class Seeds {
    private Seeds() {
    }

    /** The seed for {@code what} (the test's name, as printed), from the system property or the clock. */
    public static long printed(String what) {
        long seed = Long.getLong("clockscope.seed", System.nanoTime());
        System.out.println(what + " seed " + seed + " (replay: -Dclockscope.seed=" + seed + ")");
        return seed;
    }
}
