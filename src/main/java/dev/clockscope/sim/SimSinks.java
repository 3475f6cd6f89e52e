package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLog;
import java.io.IOException;

/** Where the machines' events go: one event log per life of a machine (files, statistics, or both). */
public interface SimSinks {
    /** The event log of a new life of {@code machine} ({@code life} 0 is the first); its start line comes next. */
    EventLog open(int machine, int life) throws IOException;

    /**
     * An event of {@code machine}'s open life, whose log {@link #open} gave as {@code log}: the same as
     * {@code log.append(event)}. A sink that keeps nothing per machine can take it by index instead, so that a thread
     * that passes on millions of events does not read a per-machine object for each.
     */
    default void append(int machine, EventLog log, Event event) {
        log.append(event);
    }

    /** That life has ended (stopped or crashed): its log can be finished. */
    void close(int machine) throws IOException;
}
