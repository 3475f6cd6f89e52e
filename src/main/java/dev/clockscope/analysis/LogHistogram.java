package dev.clockscope.analysis;

/**
 * Counts non-negative values in constant memory: exact below {@value #EXACT_LIMIT}, above it in
 * log-linear buckets of relative width 1/128, so quantiles are within 0.8 % of the true value. Streams
 * of millions of jumps or delays fit in ~60 KB instead of an array of every value.
 */
public final class LogHistogram {
    /** Values below this are counted exactly (jump sizes almost always are). */
    public static final int EXACT_LIMIT = 256;
    private static final int HALF = EXACT_LIMIT / 2;
    private static final int BUCKETS = EXACT_LIMIT + (63 - 7) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    public void add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must be >= 0, got " + value);
        }
        counts[index(value)]++;
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

    /** The value at quantile {@code q} (0..1): exact below 256, else the middle of its bucket, clamped to [min, max]. */
    public long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
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
