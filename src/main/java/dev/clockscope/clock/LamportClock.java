package dev.clockscope.clock;

/**
 * Lamport's scalar logical clock. Owned by one thread (the machine's tick thread); not thread-safe.
 * Every method returns the value after the event, which is the value ClockScope logs.
 */
public final class LamportClock {
    private long time;

    public LamportClock() {
        this(0);
    }

    public LamportClock(long initial) {
        if (initial < 0) {
            throw new IllegalArgumentException("Lamport time must be >= 0, got " + initial);
        }
        this.time = initial;
    }

    /** A local event (internal or send): time + 1. */
    public long tick() {
        return ++time;
    }

    /** A receive: max(local, received) + 1. */
    public long merge(long received) {
        if (received < 0) {
            throw new IllegalArgumentException("received Lamport time must be >= 0, got " + received);
        }
        time = Math.max(time, received) + 1;
        return time;
    }

    /** Not an event: the clock starts at least at {@code value} (a machine resuming an earlier life's clock). */
    public void raiseTo(long value) {
        time = Math.max(time, value);
    }

    public long time() {
        return time;
    }
}
