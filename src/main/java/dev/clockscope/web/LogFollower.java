package dev.clockscope.web;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one machine's log with the shared {@link EventLogReader} and publishes every event to the hub. In
 * follow mode it waits for the file to appear and to grow, goes on with the new file when a restarted
 * machine replaces it, and skips ahead (counting, not parsing) when it falls behind; it stops when asked.
 * A malformed line ends this log's stream with a warning on the page (the reader names file and line);
 * the other logs go on.
 */
final class LogFollower implements Runnable {
    static final long POLL_MILLIS = 50;
    /**
     * A follower parses at most {@value #EVENTS_PER_WINDOW} events per {@value #WINDOW_MILLIS} ms (10,000 a
     * second per log; a page is sent at most 20,000 a second in all), so that following an unthrottled cluster
     * does not take the CPU its machines need. Past that share it waits for the window to end, then counts
     * the lines up to {@value #TAIL_BYTES} bytes from the end (newlines only: exact, and far cheaper than
     * parsing) and parses on from there. The page then gets exact counts per machine and the newest events.
     */
    static final int EVENTS_PER_WINDOW = 1000;
    static final long WINDOW_MILLIS = 100;
    static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000;
    static final long TAIL_BYTES = 64 << 10;

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
        try (FollowingInputStream in = new FollowingInputStream(file, follow, POLL_MILLIS, () -> stopped)) {
            Tail tail = new Tail(in);
            long windowEnd = System.nanoTime() + WINDOW_NANOS;
            int parsed = 0;
            for (Event e = tail.next(); e != null; e = tail.next()) {
                hub.publish(tail.machine, tail.line, e);
                if (follow && ++parsed >= EVENTS_PER_WINDOW) {
                    // this window's share parsed: let the machines have the CPU, then jump to near the end
                    long left = windowEnd - System.nanoTime();
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    }
                    if (in.lagBytes() > TAIL_BYTES) {
                        tail.skipAhead(in.size() - TAIL_BYTES);
                    }
                    parsed = 0;
                    windowEnd = System.nanoTime() + WINDOW_NANOS;
                }
            }
            tail.reader.warnings().forEach(hub::warn);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return true; // moved aside between the check and the open: the next round opens the new file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | EventLogFormatException e) {
            hub.warn(e.getMessage() == null ? file + ": " + e : e.getMessage());
            return false;
        }
    }

    /**
     * The reader over one file, and where it is. After a skip ahead the reader starts again on the
     * file's start line (it needs the machines' names) followed by the file from the first whole line past
     * the skip; {@link #line} keeps counting the file's real lines.
     */
    private final class Tail {
        final FollowingInputStream in;
        EventLogReader reader;
        String machine;
        long line;
        private byte[] startLine;
        /** File lines before the current reader's first file line. */
        private long linesBefore;
        /** {@code in.newlines()} when the current reader started. */
        private long newlinesAtStart;
        private boolean resumed;

        Tail(FollowingInputStream in) {
            this.in = in;
            this.reader = open(in);
        }

        /** A follower reads at most 1,000 events a tick: the smallest buffer will do, and a run may have 1,000 logs. */
        private EventLogReader open(java.io.InputStream from) {
            return EventLogReader.open(file, from).bufferBytes(EventLogReader.MIN_BUFFER_BYTES);
        }

        Event next() throws IOException, EventLogFormatException {
            Event e = reader.next();
            if (e != null && machine == null) {
                machine = reader.start().machine();
            }
            if (e != null && resumed && reader.line() == 1) {
                e = reader.next(); // the start line again, put in front of the resumed stream: published once already
            }
            line = linesBefore + (resumed ? reader.line() - 1 : reader.line());
            return e;
        }

        /** Counts the lines up to {@code target} without parsing them, and parses on from there. */
        void skipAhead(long target) throws IOException {
            if (startLine == null) {
                startLine = in.firstLine(64 << 10);
            }
            long delivered = in.newlines() - newlinesAtStart;
            long parsed = resumed ? reader.line() - 1 : reader.line();
            long passed = in.skipTo(target);
            if (passed == 0) {
                return;
            }
            hub.countOnly(machine, delivered - parsed + passed);
            linesBefore += delivered + passed;
            newlinesAtStart = in.newlines();
            // the old reader is dropped, not closed: closing it would close the shared stream
            reader = open(new SequenceInputStream(new ByteArrayInputStream(startLine), in));
            resumed = true;
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
