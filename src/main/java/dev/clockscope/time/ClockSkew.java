package dev.clockscope.time;

/**
 * How far off a machine's physical clock runs: {@code offsetMicros} ahead of the true time when its life starts
 * (negative: behind), and {@code driftPpb} faster from then on, in parts per billion (200 ppm = 200,000 ppb;
 * negative: slower). Like a clock stepped by NTP at boot and free-running afterwards: every life of a machine
 * starts with the same offset. Integer arithmetic only, so a reading is the same on every run and every JVM.
 */
public record ClockSkew(long offsetMicros, long driftPpb) {
    public static final ClockSkew NONE = new ClockSkew(0, 0);
    /** ±1 hour: anything larger is a wrong date, not a skew. */
    public static final long MAX_OFFSET_MICROS = 3_600_000_000L;
    /** ±10 % (100,000 ppm): quartz is off by tens of ppm; beyond this a clock is broken, and still monotonic. */
    public static final long MAX_DRIFT_PPB = 100_000_000L;
    private static final long BILLION = 1_000_000_000L;

    public ClockSkew {
        if (Math.abs(offsetMicros) > MAX_OFFSET_MICROS) {
            throw new IllegalArgumentException("clock offset " + offsetMicros + " µs is outside ±" + MAX_OFFSET_MICROS);
        }
        if (Math.abs(driftPpb) > MAX_DRIFT_PPB) {
            throw new IllegalArgumentException("clock drift " + driftPpb + " ppb is outside ±" + MAX_DRIFT_PPB);
        }
    }

    public boolean isNone() {
        return offsetMicros == 0 && driftPpb == 0;
    }

    /**
     * The reading at true time {@code wallMicros} of a clock set at {@code anchorMicros} (the life's start):
     * wall + offset + (wall − anchor) × drift, the last term rounded down to whole µs. Monotonic in the true time.
     */
    public long readingAt(long wallMicros, long anchorMicros) {
        long elapsed = wallMicros - anchorMicros;
        // split so that neither product overflows: |elapsed / 1e9| * 1e8 and (elapsed % 1e9) * 1e8 both fit
        long drift = (elapsed / BILLION) * driftPpb + Math.floorDiv((elapsed % BILLION) * driftPpb, BILLION);
        return wallMicros + offsetMicros + drift;
    }

    /** This skew as the clock of a life that started at {@code anchorMicros}. */
    public PhysicalClock clockFrom(long anchorMicros) {
        if (isNone()) {
            return PhysicalClock.HOST;
        }
        return wallMicros -> readingAt(wallMicros, anchorMicros);
    }
}
