package dev.clockscope.eventlog;

import java.util.function.LongConsumer;

/** An event log that says when its events are in the file: numbered in append order, from 1. */
public interface DurableEventLog extends EventLog {
    /** How many events have been appended so far: the last one appended is number {@code appended()}. */
    long appended();

    /** {@code listener} is told, after each write, how many events are now in the file (on the writer's thread). */
    void onWritten(LongConsumer listener);
}
