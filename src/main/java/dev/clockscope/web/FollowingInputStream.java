package dev.clockscope.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A log file read as it grows, like {@code tail -f}: at the current end it waits ({@code pollMillis} at a
 * time) for more instead of ending. It ends when {@code stop} says so, or when the path has been given to a
 * new file (a restarted machine moves its old log to previous/ and starts a new one) and everything of the
 * old file has been read. With {@code follow} false it is a plain stream that ends at the end.
 */
final class FollowingInputStream extends InputStream {
    private final Path path;
    private final FileChannel channel;
    private final Object fileKey;
    private final boolean follow;
    private final long pollMillis;
    private final BooleanSupplier stop;
    /** Reads are cut to this, so a reader that parses only a window's share does not pull in a megabyte. */
    private static final int MAX_READ_BYTES = 64 << 10;
    /** Newlines in the bytes handed out so far (by read), so a follower can tell how many lines it has not parsed. */
    private long newlines;

    FollowingInputStream(Path path, boolean follow, long pollMillis, BooleanSupplier stop) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.fileKey = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        this.follow = follow;
        this.pollMillis = pollMillis;
        this.stop = stop;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = channel.read(ByteBuffer.wrap(b, off, Math.min(len, MAX_READ_BYTES)));
            if (n > 0) {
                newlines += Newlines.count(b, off, n);
                return n;
            }
            if (!follow || stop.getAsBoolean() || replaced()) {
                return -1;
            }
            try {
                Thread.sleep(pollMillis); // polling a file for growth: there is no condition to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** True once the path names another file than the one open (or none), and the open one is read to its end. */
    boolean replaced() throws IOException {
        Object now;
        try {
            now = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            now = null;
        }
        return !Objects.equals(now, fileKey) && channel.position() >= channel.size();
    }

    long newlines() {
        return newlines;
    }

    /** Bytes written to the file that have not been handed out yet. */
    long lagBytes() throws IOException {
        return channel.size() - channel.position();
    }

    long size() throws IOException {
        return channel.size();
    }

    /** The file's first line, with its newline (read without moving the position). */
    byte[] firstLine(int maxBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(maxBytes);
        channel.read(buf, 0);
        byte[] bytes = buf.array();
        for (int i = 0; i < buf.position(); i++) {
            if (bytes[i] == '\n') {
                return java.util.Arrays.copyOf(bytes, i + 1);
            }
        }
        throw new IOException(path + ": first line longer than " + maxBytes + " bytes");
    }

    /**
     * Moves on, without handing them out, to the first line that starts at or after {@code target}; returns
     * how many lines (newlines) were passed over. Counting newlines is all it does with them: far cheaper
     * than parsing. Stays put (returns 0) when no line starts after {@code target} yet.
     */
    long skipTo(long target) throws IOException {
        long pos = channel.position();
        if (target <= pos) {
            return 0;
        }
        byte[] bytes = skipBuffer();
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long counted = 0;
        while (pos < target) {
            buf.clear().limit((int) Math.min(bytes.length, target - pos));
            int n = channel.read(buf, pos);
            if (n <= 0) {
                return 0;
            }
            counted += Newlines.count(bytes, 0, n);
            pos += n;
        }
        // finish the line cut at target
        buf.clear();
        int n = channel.read(buf, pos);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                channel.position(pos + i + 1);
                newlines += counted + 1;
                return counted + 1;
            }
        }
        return 0;
    }

    private byte[] skip;

    private byte[] skipBuffer() {
        if (skip == null) {
            skip = new byte[1 << 20];
        }
        return skip;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
