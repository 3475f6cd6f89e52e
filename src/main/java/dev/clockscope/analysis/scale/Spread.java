package dev.clockscope.analysis.scale;

import java.util.Arrays;

/** How one per-machine figure is spread over the machines: quantiles of n values. */
public record Spread(int count, double min, double p10, double p50, double p90, double p99, double max, double mean) {
    public static final Spread EMPTY = new Spread(0, 0, 0, 0, 0, 0, 0, 0);

    /** Sorts a copy of the first {@code n} values. */
    public static Spread of(double[] values, int n) {
        if (n == 0) {
            return EMPTY;
        }
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return new Spread(n, v[0], at(v, 0.10), at(v, 0.50), at(v, 0.90), at(v, 0.99), v[n - 1], sum / n);
    }

    /** Nearest-rank quantile. */
    private static double at(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
