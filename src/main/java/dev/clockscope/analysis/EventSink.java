package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import java.io.IOException;

/**
 * Receives every event of a run in the analyzer's merge order (wall time, but never a receive before
 * its send), for exports that stream instead of holding the run in memory.
 */
public interface EventSink {
    /**
     * @param loggedVector vector clock over logged tick events (own entry = index of the event on its
     *                     machine, from 1); null for lifecycle lines. Do not keep: it is reused.
     * @param delayMicros  for a matched receive, receive time − send time; otherwise -1
     */
    void event(MachineLog log, long line, Event event, long[] loggedVector, long delayMicros) throws IOException;

    /** Called once when the run has been read. */
    default void runFinished(RunResult result) throws IOException {
    }
}
