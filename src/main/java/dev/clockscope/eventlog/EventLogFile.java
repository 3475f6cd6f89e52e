package dev.clockscope.eventlog;

import dev.clockscope.files.WriteFailed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JSON-lines event log written by the appending thread itself, through a 64 KiB buffer: for the
 * simulator, which writes the logs of many machines from one thread and has no tick to protect (a real
 * machine uses {@link EventLogWriter}, whose own thread keeps a slow disk away from its ticks). Same bytes
 * as {@link EventLogWriter}: both use {@link EventLineEncoder}. Never overwrites: an existing log is moved
 * into {@code previous/} first, as a restarted machine's is.
 */
public final class EventLogFile implements EventLog, AutoCloseable {
    private static final int FLUSH_BYTES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final EventLineEncoder encoder = new EventLineEncoder();
    private final EventLineEncoder.Buffer buffer = new EventLineEncoder.Buffer(FLUSH_BYTES + 4096);
    private boolean closed;

    private EventLogFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Opens {@code outputDir/<machineId>.log}, first moving an existing one into {@code previous/}. */
    public static EventLogFile open(Path outputDir, String machineId) throws IOException {
        Files.createDirectories(outputDir);
        LogFiles.moveAsideExisting(outputDir, machineId);
        return new EventLogFile(LogFiles.logFile(outputDir, machineId));
    }

    public Path file() {
        return file;
    }

    /** Appends one line; a write error is thrown as an {@link UncheckedIOException} naming the file. */
    @Override
    public void append(Event event) {
        if (closed) {
            // a line after the close would stay in the buffer and reach no file: a caller's bug, never silent
            throw new IllegalStateException("event log " + file + " is closed: " + event.kind() + " not written");
        }
        encoder.encode(event, buffer);
        if (buffer.length() >= FLUSH_BYTES) {
            try {
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(new WriteFailed(file, e));
            }
        }
    }

    private void flush() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer.bytes(), 0, buffer.length());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        buffer.clear();
    }

    /** Writes what is buffered and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } catch (IOException e) {
            throw new WriteFailed(file, e);
        } finally {
            channel.close();
        }
    }
}
