package dev.clockscope.analysis;

/**
 * Spread of the machines' Lamport clocks at the same wall time: max − min over the machines ticking at
 * that moment (at least two), held from one tick event to the next.
 *
 * @param meanSpread time-weighted mean over {@code observedSeconds}
 */
public record DriftResult(long maxSpread, double maxSpreadAtSeconds, double meanSpread, double observedSeconds,
                          TimeSeries.Points spreadSeries) {
}
