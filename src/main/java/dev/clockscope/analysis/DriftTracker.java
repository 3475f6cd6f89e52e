package dev.clockscope.analysis;

/**
 * Spread of the Lamport clocks of the machines that are ticking at each moment (max − min), held
 * from one tick event to the next in wall-time order. A machine counts from its first tick event until
 * its stop line or the end of its log.
 */
final class DriftTracker {
    private final long[] clock;
    private final boolean[] ticking;
    private final long originMicros;
    private final TimeSeries series;
    private long lastMicros = -1;
    private long spread;
    private boolean spreadDefined;
    private long max;
    private long maxAtMicros;

    private double weighted;
    private long observedMicros;

    DriftTracker(int machines, long originMicros, long endMicros) {
        this.clock = new long[machines];
        this.ticking = new boolean[machines];
        this.originMicros = originMicros;
        this.maxAtMicros = originMicros;
        this.series = new TimeSeries(originMicros, endMicros, TimeSeries.DEFAULT_POINTS, TimeSeries.Keep.MAX);
    }

    void update(int machine, long wallMicros, long lamport) {
        advanceTo(wallMicros);
        clock[machine] = lamport;
        ticking[machine] = true;
        recompute(wallMicros);
    }

    void stopped(int machine, long wallMicros) {
        if (!ticking[machine]) {
            return;
        }
        advanceTo(wallMicros);
        ticking[machine] = false;
        recompute(wallMicros);
    }

    /** Accounts for the time the current spread held. Merge order may step back a little: ignore that. */
    private void advanceTo(long wallMicros) {
        if (spreadDefined && lastMicros >= 0 && wallMicros > lastMicros) {
            long dt = wallMicros - lastMicros;
            weighted += (double) spread * dt;
            observedMicros += dt;
        }
        if (wallMicros > lastMicros) {
            lastMicros = wallMicros;
        }
    }

    private void recompute(long wallMicros) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        int count = 0;
        for (int i = 0; i < clock.length; i++) {
            if (ticking[i]) {
                lo = Math.min(lo, clock[i]);
                hi = Math.max(hi, clock[i]);
                count++;
            }
        }
        spreadDefined = count >= 2;
        if (spreadDefined) {
            spread = hi - lo;
            series.add(wallMicros, spread);
            if (spread > max) {
                max = spread;
                maxAtMicros = wallMicros;
            }
        }
    }

    DriftResult result() {
        return new DriftResult(max, (maxAtMicros - originMicros) / 1e6,
                observedMicros == 0 ? 0 : weighted / observedMicros, observedMicros / 1e6, series.points());
    }
}
