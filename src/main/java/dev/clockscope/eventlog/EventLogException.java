package dev.clockscope.eventlog;

/** The event log cannot be written (disk full, directory gone...). The machine must stop: a run without its log is lost. */
public final class EventLogException extends RuntimeException {
    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
