package dev.clockscope.analysis;

import dev.clockscope.eventlog.Event;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parses one log on its own thread, handing events over in batches through a small bounded queue, so
 * parsing (most of the work) runs on other cores while the merge thread analyzes. Memory stays bounded
 * ({@value #QUEUED_BATCHES} batches of {@value #BATCH_EVENTS} events). Errors surface to the consumer at
 * the same point in the stream as with a plain reader.
 */
final class PrefetchingReader implements Closeable {
    static final int BATCH_EVENTS = 2048;
    static final int QUEUED_BATCHES = 4;

    private static final class Batch {
        final Event[] events = new Event[BATCH_EVENTS];
        final long[] lines = new long[BATCH_EVENTS];
        int size;
        boolean last;
        Exception failure;
        List<String> warnings = List.of();
    }

    private final EventLogReader reader;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private volatile boolean closed;
    private Batch current;
    private int next;
    private long line;
    private List<String> warnings = List.of();

    /** {@code threaded} false: no thread, every call goes straight to the reader (for comparison and debugging). */
    PrefetchingReader(EventLogReader reader, boolean threaded) {
        this.reader = reader;
        if (threaded) {
            this.thread = new Thread(this::produce, "analyze-" + reader.file().getFileName());
            this.thread.setDaemon(true);
            this.thread.start();
        } else {
            this.thread = null;
        }
    }

    private void produce() {
        try {
            while (true) {
                Batch b = new Batch();
                while (b.size < BATCH_EVENTS) {
                    Event e = reader.next();
                    if (e == null) {
                        b.last = true;
                        b.warnings = List.copyOf(reader.warnings());
                        break;
                    }
                    b.events[b.size] = e;
                    b.lines[b.size] = reader.line();
                    b.size++;
                }
                if (!hand(b) || b.last) {
                    return;
                }
            }
        } catch (IOException | EventLogFormatException | RuntimeException e) {
            Batch b = new Batch();
            b.failure = e;
            b.last = true;
            hand(b);
        }
    }

    /** Queues a batch unless the consumer has gone; false if it has. */
    private boolean hand(Batch b) {
        try {
            while (!closed) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The next event, or null at the end; throws what the reader threw, where it threw it. */
    Event next() throws IOException, EventLogFormatException {
        if (thread == null) {
            Event e = reader.next();
            line = reader.line();
            if (e == null) {
                warnings = List.copyOf(reader.warnings());
            }
            return e;
        }
        while (current == null || next == current.size) {
            if (current != null && current.last) {
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + reader.file());
            }
            next = 0;
            if (current.failure instanceof EventLogFormatException f) {
                throw f;
            } else if (current.failure instanceof IOException io) {
                throw io;
            } else if (current.failure instanceof RuntimeException r) {
                throw r;
            }
            if (current.last) {
                warnings = current.warnings;
            }
        }
        line = current.lines[next];
        return current.events[next++];
    }

    /** Line of the event last returned. */
    long line() {
        return line;
    }

    /** The reader's warnings, once the end has been reached. */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.close();
    }
}
