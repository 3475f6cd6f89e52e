package dev.clockscope.analysis;

/** Summary of a distribution of non-negative integers (jump sizes, delays in µs). */
public record Distribution(long count, long min, double mean, long p50, long p95, long p99, long max) {
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0);
}
