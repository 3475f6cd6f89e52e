package dev.clockscope.web;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one machine's log with the shared {@link EventLogReader} and publishes every event to the hub. In
 * follow mode it waits for the file to appear and to grow, and goes on with the new file when a restarted
 * machine replaces it; it stops when asked. A malformed line ends this log's stream with a warning on the
 * page (the reader names file and line); the other logs go on.
 */
final class LogFollower implements Runnable {
    static final long POLL_MILLIS = 50;

    private final Path file;
    private final LiveHub hub;
    private final boolean follow;
    private volatile boolean stopped;

    LogFollower(Path file, LiveHub hub, boolean follow) {
        this.file = file;
        this.hub = hub;
        this.follow = follow;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        do {
            if (!Files.exists(file)) {
                if (!follow || !sleep()) {
                    return;
                }
                continue;
            }
            if (!readOnce()) {
                return;
            }
        } while (follow && !stopped);
    }

    /** Reads the file currently at the path to its end (or until replaced); false after an error. */
    private boolean readOnce() {
        try (FollowingInputStream in = new FollowingInputStream(file, follow, POLL_MILLIS, () -> stopped);
             EventLogReader reader = EventLogReader.open(file, in)) {
            for (Event e = reader.next(); e != null; e = reader.next()) {
                hub.publish(reader.start().machine(), reader.line(), e);
            }
            reader.warnings().forEach(hub::warn);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return true; // moved aside between the check and the open: the next round opens the new file
        } catch (IOException | EventLogFormatException e) {
            hub.warn(e.getMessage() == null ? file + ": " + e : e.getMessage());
            return false;
        }
    }

    private boolean sleep() {
        try {
            Thread.sleep(POLL_MILLIS); // waiting for a machine to create its log: nothing to wait on but the disk
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
