package dev.clockscope.time;

/**
 * The only way ClockScope code reads time, so tests and the simulator can supply their own.
 * (Not called "Clock": the project already has two kinds of clock.)
 */
public interface TimeSource {
    /** System (wall) time in microseconds since the Unix epoch: the god's-eye time logged with events. */
    long wallMicros();

    /** Monotonic time in nanoseconds from an arbitrary origin, for scheduling. */
    long monotonicNanos();
}
