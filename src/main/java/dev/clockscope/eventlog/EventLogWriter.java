package dev.clockscope.eventlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * JSON-lines event log written by its own thread, so a slow disk never delays a tick. Lines are
 * flushed as soon as the writer has caught up and at least every {@value #FLUSH_INTERVAL_MILLIS} ms
 * under load; {@link #close()} drains everything, flushes and forces the file to disk.
 */
public final class EventLogWriter implements EventLog, AutoCloseable {
    static final long FLUSH_INTERVAL_MILLIS = 50;
    /** Events allowed to wait for the disk before append() blocks (bounded memory). */
    static final int BACKLOG_LIMIT = 1 << 20;
    private static final Object CLOSE = new Object();
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final FileChannel channel;
    private final JsonGenerator generator;
    private final BlockingQueue<Object> backlog = new LinkedBlockingQueue<>(BACKLOG_LIMIT);
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean closed;
    private List<String> machines = List.of();

    private EventLogWriter(Path file) throws IOException {
        this.file = file;
        // CREATE_NEW: an existing log is moved aside first and never overwritten
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.generator = JSON.createGenerator(out, JsonEncoding.UTF8);
        this.generator.setPrettyPrinter(new MinimalPrettyPrinter(""));
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
        try {
            backlog.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while logging to " + file, null);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(4096);
        long lastFlushNanos = System.nanoTime();
        boolean dirty = false;
        try {
            while (true) {
                Object first = backlog.poll(FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    backlog.drainTo(batch, 4095);
                    boolean closing = false;
                    for (Object o : batch) {
                        if (o == CLOSE) {
                            closing = true;
                        } else {
                            write((Event) o);
                            dirty = true;
                        }
                    }
                    batch.clear();
                    if (closing) {
                        generator.flush();
                        return;
                    }
                }
                long now = System.nanoTime();
                if (dirty && (backlog.isEmpty()
                        || now - lastFlushNanos >= TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS))) {
                    generator.flush();
                    lastFlushNanos = now;
                    dirty = false;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Event event) throws IOException {
        if (event instanceof Event.Start s) {
            machines = s.machines();
        }
        EventJson.write(generator, event, machines);
        generator.writeRaw('\n');
    }

    /** Writes everything appended so far, then closes the file. Safe to call twice. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failure == null) {
            try {
                backlog.put(CLOSE);
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (failure == null) {
                generator.flush();
                channel.force(false);
            }
        } finally {
            generator.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
