package dev.clockscope.analysis;

import java.util.Arrays;

/**
 * A series over wall time, downsampled on the fly into at most {@code buckets} points so a report of a
 * day-long run stays small. Each bucket keeps either the last value seen in it (for monotonic clocks) or
 * the largest (for queue lengths and spreads, so a spike is never averaged away).
 */
public final class TimeSeries {
    /** Default number of points per line in a chart. */
    public static final int DEFAULT_POINTS = 2000;

    public enum Keep { LAST, MAX }

    private final long originMicros;
    private final long bucketMicros;
    private final Keep keep;
    private final long[] timeMicros;
    private final double[] values;
    private final boolean[] filled;
    /** The bucket of the previous point and the times it covers: successive points mostly share one. */
    private int cachedBucket = -1;
    private long cachedFromMicros;
    private long cachedToMicros;

    /** Covers [originMicros, endMicros] in {@code buckets} equal buckets; later points go into the last one. */
    public TimeSeries(long originMicros, long endMicros, int buckets, Keep keep) {
        this.originMicros = originMicros;
        this.bucketMicros = Math.max(1, (endMicros - originMicros + buckets) / buckets);
        this.keep = keep;
        this.timeMicros = new long[buckets];
        this.values = new double[buckets];
        this.filled = new boolean[buckets];
    }

    public void add(long wallMicros, double value) {
        int b = wallMicros >= cachedFromMicros && wallMicros < cachedToMicros ? cachedBucket : bucketOf(wallMicros);
        if (!filled[b] || keep == Keep.LAST || value > values[b]) {
            values[b] = value;
            timeMicros[b] = wallMicros;
        }
        filled[b] = true;
    }

    /** Finds the bucket of {@code wallMicros} (the first also takes earlier times, the last later ones) and caches it. */
    private int bucketOf(long wallMicros) {
        int last = timeMicros.length - 1;
        int b = (int) Math.min(last, Math.max(0, (wallMicros - originMicros) / bucketMicros));
        cachedBucket = b;
        cachedFromMicros = b == 0 ? Long.MIN_VALUE : originMicros + b * bucketMicros;
        cachedToMicros = b == last ? Long.MAX_VALUE : originMicros + (b + 1) * bucketMicros;
        return b;
    }

    /** The kept points in time order; time in seconds since the origin. */
    public Points points() {
        int n = 0;
        for (boolean f : filled) {
            n += f ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int i = 0;
        for (int b = 0; b < filled.length; b++) {
            if (filled[b]) {
                x[i] = (timeMicros[b] - originMicros) / 1e6;
                y[i] = values[b];
                i++;
            }
        }
        return new Points(x, y);
    }

    /** x and y of a downsampled line, same length. */
    public record Points(double[] x, double[] y) {
        public int size() {
            return x.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(x, p.x) && Arrays.equals(y, p.y);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Points[" + x.length + "]";
        }
    }
}
