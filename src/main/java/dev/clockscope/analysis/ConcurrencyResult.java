package dev.clockscope.analysis;

/**
 * Pairs of tick events on different machines, and how many of them are concurrent (neither happened
 * before the other) under the happened-before relation of the logged events and matched messages.
 * Counted exactly without comparing pairs: with vector clocks over logged events, the events of machine
 * j that happened before event b are exactly the first V(b)[j] of j's events, so
 * concurrent(i, j) = n_i·n_j − Σ_{b on i} V(b)[j] − Σ_{a on j} V(a)[i].
 */
public record ConcurrencyResult(long crossMachinePairs, long concurrentPairs) {
    public double concurrentFraction() {
        return crossMachinePairs == 0 ? 0 : (double) concurrentPairs / crossMachinePairs;
    }
}
