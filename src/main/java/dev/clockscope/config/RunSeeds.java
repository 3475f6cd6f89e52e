package dev.clockscope.config;

/** The seeds of a batch's runs: run i (from 1) uses {@code seed + i - 1}, as {@code vm cluster} and {@code vm simulate} do. */
public final class RunSeeds {
    private RunSeeds() {
    }

    /** Refuses a seed whose last run's seed would pass the largest long (it wrapped to the most negative). */
    public static void refuseOverflow(long seed, int runs) throws ConfigException {
        if (runs > 1 && seed > Long.MAX_VALUE - (runs - 1)) {
            throw new ConfigException("--seed: " + seed + " with --runs " + runs + ": run " + runs + "'s seed would pass "
                    + Long.MAX_VALUE);
        }
    }
}
