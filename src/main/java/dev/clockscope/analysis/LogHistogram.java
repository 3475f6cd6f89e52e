package dev.clockscope.analysis;

import java.util.Arrays;

/**
 * Counts non-negative values in bounded memory. The first {@value #EXACT_SAMPLES} values are also kept
 * as they are, so quantiles of runs of ordinary length are exact; beyond that they come from buckets:
 * exact below {@value #EXACT_LIMIT}, above it log-linear buckets of relative width 1/128 (quantiles within
 * 0.8 %). Streams of millions of jumps or delays fit in ~60 KB (+ 512 KB while exact).
 */
public final class LogHistogram {
    /** Values below this are counted exactly (jump sizes almost always are). */
    public static final int EXACT_LIMIT = 256;
    private static final int HALF = EXACT_LIMIT / 2;
    private static final int BUCKETS = EXACT_LIMIT + (63 - 7) * HALF;

    /** Values kept exactly until there are more than this many. */
    public static final int EXACT_SAMPLES = 1 << 16;

    private final long[] counts = new long[BUCKETS];
    private long[] samples = new long[16];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    public void add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
        }
        counts[index(value)]++;
        if (samples != null) {
            if (count == samples.length) {
                samples = count < EXACT_SAMPLES ? Arrays.copyOf(samples, (int) count * 2) : null;
            }
            if (samples != null) {
                samples[(int) count] = value;
            }
        }
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    static int index(long value) {
        if (value < EXACT_LIMIT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - 7;
        int top = (int) (value >>> shift);
        return EXACT_LIMIT + (shift - 1) * HALF + (top - HALF);
    }

    /** Smallest value that falls into bucket {@code index}. */
    static long lowerBound(int index) {
        if (index < EXACT_LIMIT) {
            return index;
        }
        int shift = (index - EXACT_LIMIT) / HALF + 1;
        long top = HALF + (index - EXACT_LIMIT) % HALF;
        return top << shift;
    }

    private static long width(int index) {
        return index < EXACT_LIMIT ? 1 : 1L << ((index - EXACT_LIMIT) / HALF + 1);
    }

    public long count() {
        return count;
    }

    /**
     * The value at quantile {@code q} (0..1), nearest-rank: the smallest value with at least q·count values
     * at or below it. Exact while all values are kept or below 256, else the middle of its bucket, clamped to [min, max].
     */
    public long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (samples != null) {
            long[] sorted = Arrays.copyOf(samples, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long value = lowerBound(i) + (width(i) - 1) / 2;
                return Math.max(min, Math.min(max, value));
            }
        }
        return max;
    }

    /** How many values equal {@code value}; exact for values below {@value #EXACT_LIMIT}. */
    public long countOf(int value) {
        if (value >= EXACT_LIMIT) {
            throw new IllegalArgumentException("exact counts only below " + EXACT_LIMIT);
        }
        return counts[value];
    }

    /** How many values are strictly greater than {@code value} (value below {@value #EXACT_LIMIT}). */
    public long countAbove(int value) {
        long below = 0;
        for (int i = 0; i <= value; i++) {
            below += counts[i];
        }
        return count - below;
    }

    public Distribution summary() {
        if (count == 0) {
            return Distribution.EMPTY;
        }
        return new Distribution(count, min, (double) sum / count, quantile(0.50), quantile(0.95), quantile(0.99), max);
    }
}
