package dev.clockscope.time;

/**
 * A machine's own physical clock: what it shows when the true (god's-eye) time is {@code wallMicros}. The
 * machine reads the true time once per event through its {@link TimeSource} (logged as {@code wallMicros}) and
 * asks its clock what it shows then (logged as {@code physMicros}): one reading, so a replay that reproduces the
 * true times reproduces the physical readings too. By default the host's clock itself ({@link #HOST}).
 */
public interface PhysicalClock {
    /** The host's clock, unskewed: shows the true time. */
    PhysicalClock HOST = wallMicros -> wallMicros;

    long physMicros(long wallMicros);
}
