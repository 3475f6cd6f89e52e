package dev.clockscope.eventlog;

/** Where a machine's events go: a file in a real process, a list in a test. Called from the tick thread only. */
public interface EventLog {
    void append(Event event);
}
