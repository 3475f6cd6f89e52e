package dev.clockscope.analysis;

import dev.clockscope.eventlog.EventBatch;
import dev.clockscope.eventlog.EventLogFormatException;
import dev.clockscope.eventlog.EventLogReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parses one log on its own thread into {@link EventBatch}es handed over through a small bounded queue,
 * so parsing runs on other cores while the merge thread analyzes. Batches are recycled (the consumer gives
 * one back when it asks for the next), so memory stays bounded and the steady state allocates nothing.
 * Errors surface to the consumer at the same point in the stream as with a plain reader: after the events
 * before the bad line.
 */
final class PrefetchingReader implements Closeable {
    static final int BATCH_EVENTS = 4096;
    /**
     * Vector entries a batch holds at most: each event carries N of them and every log has a reader, so a
     * fixed number of events per batch would cost N^2 (4,096 events x 100 x 100 x 8 bytes x 6 batches = 2 GB
     * for 100 machines). With this budget a batch is at most 512 KB of vectors, whatever N.
     */
    static final int BATCH_VECTOR_ENTRIES = 1 << 16;
    /** Vector entries all the logs' batches hold together at most (128 MB), however many logs. */
    static final long RUN_VECTOR_ENTRIES = 1L << 24;
    /** Above this many logs, no reader threads: one batch per log, filled on the merge thread. */
    static final int MAX_THREADED_LOGS = 64;

    /**
     * Events per batch for vectors of {@code machines} entries, a reader per log: 4,096 for small runs, at
     * least 16.
     */
    static int batchEvents(int machines) {
        long perBatch = Math.min(BATCH_VECTOR_ENTRIES, RUN_VECTOR_ENTRIES / ((long) machines * machines));
        return (int) Math.max(16, Math.min(BATCH_EVENTS, perBatch / Math.max(1, machines)));
    }
    static final int QUEUED_BATCHES = 4;

    /** A filled batch and what came after it. */
    private static final class Handover {
        final EventBatch events;
        final boolean last;
        final Throwable failure;
        final List<String> warnings;

        Handover(EventBatch events, boolean last, Throwable failure, List<String> warnings) {
            this.events = events;
            this.last = last;
            this.failure = failure;
            this.warnings = warnings;
        }
    }

    private final EventLogReader reader;
    private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    /** Empty batches for the producer: one being filled, the queued ones and the consumer's make the pool. */
    private final BlockingQueue<EventBatch> free = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);
    private final Thread thread;
    private volatile boolean closed;
    private volatile OutOfMemoryError outOfMemory;
    private EventBatch current;
    private boolean ended;
    private Throwable pending;
    private List<String> warnings = List.of();

    /**
     * {@code machines}: the run's (the width of the vectors). {@code threaded} false: no thread, the reader
     * fills the batches on the caller's thread (for comparison and debugging).
     */
    PrefetchingReader(EventLogReader reader, int machines, boolean threaded) {
        this.reader = reader;
        for (int i = 0; i < (threaded ? QUEUED_BATCHES + 2 : 1); i++) {
            free.add(new EventBatch(batchEvents(machines), machines));
        }
        if (threaded) {
            this.thread = new Thread(this::produce, "analyze-" + reader.file().getFileName());
            this.thread.setDaemon(true);
            this.thread.start();
        } else {
            this.thread = null;
        }
    }

    /**
     * Out of memory, too, reaches {@link #next}: this thread dying of it would leave the analysis waiting for its
     * next batch.
     */
    private void produce() {
        try {
            produceAll();
        } catch (OutOfMemoryError e) {
            outOfMemory = e; // nothing allocated here: the heap is still full, maybe of the other readers' batches
        }
    }

    private void produceAll() {
        while (true) {
            EventBatch b = takeFree();
            if (b == null) {
                return;
            }
            Handover h = fill(b);
            if (!hand(h) || h.last) {
                return;
            }
        }
    }

    /** Fills {@code b} from the reader: full, or the last batch (at the end or with the reader's failure). */
    private Handover fill(EventBatch b) {
        b.clear();
        try {
            if (reader.read(b)) {
                return new Handover(b, false, null, List.of());
            }
            return new Handover(b, true, null, List.copyOf(reader.warnings()));
        } catch (IOException | EventLogFormatException | RuntimeException e) {
            return new Handover(b, true, e, List.of());
        }
    }

    private EventBatch takeFree() {
        try {
            while (!closed) {
                EventBatch b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Queues a batch unless the consumer has gone; false if it has. */
    private boolean hand(Handover h) {
        try {
            while (!closed) {
                if (queue.offer(h, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * The next batch of events (never empty), or null at the end; throws what the reader threw once the
     * events before it have been returned. The batch returned before is given back: do not keep it.
     */
    EventBatch next() throws IOException, EventLogFormatException {
        if (current != null) {
            free.add(current);
            current = null;
        }
        while (!ended) {
            Handover h;
            if (thread == null) {
                h = fill(free.remove());
            } else {
                try {
                    h = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (h == null) {
                        if (outOfMemory == null) {
                            continue;
                        }
                        ended = true;
                        pending = outOfMemory; // after the batches it had handed over
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + reader.file());
                }
            }
            ended = h.last;
            pending = h.failure;
            warnings = h.warnings;
            if (h.events.size() > 0) {
                current = h.events;
                return current;
            }
            free.add(h.events);
        }
        if (pending instanceof EventLogFormatException f) {
            throw f;
        } else if (pending instanceof IOException io) {
            throw io;
        } else if (pending instanceof RuntimeException r) {
            throw r;
        } else if (pending instanceof Error e) {
            throw e;
        }
        return null;
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
