package dev.clockscope.eventlog;

import java.nio.file.Path;

/** A log line that is not a valid event; the message names the file and the line. */
public final class EventLogFormatException extends Exception {
    private final Path file;
    private final long line;

    public EventLogFormatException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
