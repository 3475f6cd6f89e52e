package dev.clockscope.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-lines event log. The appending thread (the tick thread) encodes each event straight into a
 * 64 KiB chunk ({@link EventLineEncoder}: no Jackson generator, no per-event allocation); a dedicated
 * writer thread writes whole chunks to the file, so a slow disk never delays a tick.
 *
 * <p>Hand-off is adaptive ("group commit"): a chunk goes to the writer when it holds
 * {@value #HANDOFF_BYTES} bytes, or at once when the writer is idle, and a writer that finishes a write
 * takes whatever has accumulated meanwhile. So at a few events per second every line reaches the file
 * immediately, and at hundreds of thousands per second lines travel in large batches with one
 * {@code write} per batch and no wake-up per event; after each write the writer lingers
 * {@value #LINGER_NANOS} ns before taking a partial chunk, so at steady moderate rates (1,000 ticks/s) it
 * wakes once per 5 ms, not once per line. Memory is bounded: at most {@value #MAX_CHUNKS}
 * chunks exist; when all wait for the disk, {@link #append} blocks. {@link #close()} writes everything,
 * then forces the file to disk.
 */
public final class EventLogWriter implements DurableEventLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);
    static final int CHUNK_BYTES = 1 << 16;
    static final int HANDOFF_BYTES = 1 << 15;
    /** Chunks in existence at most (bounded memory: 32 x 64 KiB = 2 MiB of waiting lines). */
    static final int MAX_CHUNKS = 32;
    /**
     * After a write the writer collects lines for this long before the next one (unless a chunk fills):
     * at 1,000 events/s one wake-up and one {@code write} per 5 ms instead of per line. A line written after
     * a quiet spell (more than this since the last write) still goes to the file at once.
     */
    static final long LINGER_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5);

    private final Path file;
    private final FileChannel channel;
    private final EventLineEncoder encoder = new EventLineEncoder();
    private final Thread thread;
    private final Object lock = new Object();
    // guarded by lock
    private EventLineEncoder.Buffer current = new EventLineEncoder.Buffer(CHUNK_BYTES);
    private final ArrayDeque<EventLineEncoder.Buffer> full = new ArrayDeque<>();
    private final ArrayDeque<EventLineEncoder.Buffer> free = new ArrayDeque<>();
    private int allocated = 1;
    private boolean writerWaiting;
    /** The writer waits out {@link #LINGER_NANOS} after a write: no hand-off per line meanwhile. */
    private boolean writerLingering;
    private boolean closeRequested;
    private volatile IOException failure;
    private volatile boolean closed;
    /** Events appended so far (appending thread only). */
    private long appended;
    /** Told, on the writer thread, how many events have reached the file after each write. */
    private volatile java.util.function.LongConsumer writtenListener;
    private long written;
    /** Writer thread only: a listener's failure was reported (once). */
    private boolean listenerFailed;

    private EventLogWriter(Path file) throws IOException {
        this.file = file;
        // CREATE_NEW: an existing log is moved aside first and never overwritten
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.thread = new Thread(this::run, "eventlog-" + file.getFileName());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Opens {@code outputDir/<machineId>.log}, first moving an existing one into {@code previous/}. */
    public static EventLogWriter open(Path outputDir, String machineId) throws IOException {
        Files.createDirectories(outputDir);
        LogFiles.moveAsideExisting(outputDir, machineId);
        return new EventLogWriter(LogFiles.logFile(outputDir, machineId));
    }

    public Path file() {
        return file;
    }

    /** How many events have been appended so far (the appending thread's count; the last one is number appended()). */
    @Override
    public long appended() {
        return appended;
    }

    /**
     * {@code listener} is told, on the writer thread after each write, how many events are now in the file (written
     * with write(2): a kill -9 of this process can no longer lose them).
     */
    @Override
    public void onWritten(java.util.function.LongConsumer listener) {
        this.writtenListener = listener;
    }

    /** The write error that stopped this log, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void append(Event event) {
        IOException f = failure;
        if (f != null) {
            throw new EventLogException("cannot write " + file + ": " + f.getMessage(), f);
        }
        if (closed) {
            throw new IllegalStateException("event log " + file + " is closed");
        }
        synchronized (lock) {
            encoder.encode(event, current);
            appended++;
            if (current.length() >= HANDOFF_BYTES || (writerWaiting && !writerLingering)) {
                handOffLocked();
            }
        }
    }

    /** Appender side: the current chunk goes to the writer; take an empty one (waiting if none is left). */
    private void handOffLocked() {
        full.addLast(current);
        current = null;
        if (writerWaiting) {
            writerWaiting = false;
            lock.notifyAll();
        }
        while (true) {
            EventLineEncoder.Buffer next = free.pollFirst();
            if (next == null && allocated < MAX_CHUNKS) {
                allocated++;
                next = new EventLineEncoder.Buffer(CHUNK_BYTES);
            }
            if (next != null) {
                current = next;
                return;
            }
            IOException f = failure;
            if (f != null) {
                throw new EventLogException("cannot write " + file + ": " + f.getMessage(), f);
            }
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventLogException("interrupted while logging to " + file, null);
            }
        }
    }

    private void run() {
        List<EventLineEncoder.Buffer> batch = new ArrayList<>(MAX_CHUNKS);
        ByteBuffer[] views = new ByteBuffer[0];
        boolean wrote = false;
        try {
            while (true) {
                boolean last;
                synchronized (lock) {
                    if (wrote) {
                        // linger: let lines collect for a while (a full chunk or close ends it early)
                        long deadline = System.nanoTime() + LINGER_NANOS;
                        writerWaiting = true;
                        writerLingering = true;
                        for (long left = LINGER_NANOS; left > 0 && full.isEmpty() && !closeRequested;
                                left = deadline - System.nanoTime()) {
                            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
                        }
                        writerLingering = false;
                    }
                    while (full.isEmpty() && (current == null || current.length() == 0) && !closeRequested) {
                        writerWaiting = true;
                        lock.wait();
                    }
                    writerWaiting = false;
                    if (full.isEmpty() && current != null && current.length() > 0) {
                        // caught up: take the partial chunk, so nothing waits for more lines to come
                        EventLineEncoder.Buffer replacement = free.pollFirst();
                        if (replacement == null && allocated < MAX_CHUNKS) {
                            allocated++;
                            replacement = new EventLineEncoder.Buffer(CHUNK_BYTES);
                        }
                        if (replacement != null) {
                            full.addLast(current);
                            current = replacement;
                        }
                    }
                    batch.addAll(full);
                    full.clear();
                    last = closeRequested && batch.isEmpty() && (current == null || current.length() == 0);
                }
                if (last) {
                    return;
                }
                if (views.length < batch.size()) {
                    views = new ByteBuffer[MAX_CHUNKS];
                }
                long remaining = 0;
                long events = 0;
                for (int i = 0; i < batch.size(); i++) {
                    EventLineEncoder.Buffer b = batch.get(i);
                    views[i] = ByteBuffer.wrap(b.bytes(), 0, b.length());
                    remaining += b.length();
                    events += b.events();
                }
                while (remaining > 0) {
                    remaining -= channel.write(views, 0, batch.size());
                }
                wrote = true;
                written += events;
                tellListener();
                synchronized (lock) {
                    for (EventLineEncoder.Buffer b : batch) {
                        b.clear();
                        free.addLast(b);
                    }
                    lock.notifyAll();
                }
                batch.clear();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // a writer that dies quietly would lose every later line while close() reports success
            failure = new IOException("its writer thread failed: " + e, e);
            throw e;
        } finally {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Tells the listener how many events are in the file. Its failure (an acknowledgement to a transport that was
     * shut down meanwhile) costs what it does, never a line: the writer goes on, and the first failure is reported.
     */
    private void tellListener() {
        java.util.function.LongConsumer listener = writtenListener;
        if (listener == null) {
            return;
        }
        try {
            listener.accept(written);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("{}: after a write, telling its listener failed (the log goes on): {}", file, e.toString());
            }
        }
    }

    /**
     * Writes everything appended so far, then closes the file. Safe to call twice. A caller whose interrupt flag is
     * set (a run ended by an interrupt) still gets its log whole: the flag would cut the wait for the writer short and
     * make the file channel close itself at the force, losing the last lines; it is set again on return.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (lock) {
                closeRequested = true;
                lock.notifyAll();
            }
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // interrupted while waiting: wait on, and say so on return
                }
            }
            try {
                if (failure == null) {
                    channel.force(false);
                }
            } finally {
                channel.close();
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
