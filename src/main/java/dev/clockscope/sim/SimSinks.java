package dev.clockscope.sim;

import dev.clockscope.eventlog.EventLog;
import java.io.IOException;

/** Where the machines' events go: one event log per life of a machine (files, statistics, or both). */
public interface SimSinks {
    /** The event log of a new life of {@code machine} ({@code life} 0 is the first); its start line comes next. */
    EventLog open(int machine, int life) throws IOException;

    /** That life has ended (stopped or crashed): its log can be finished. */
    void close(int machine) throws IOException;
}
