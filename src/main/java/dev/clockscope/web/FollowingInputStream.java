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
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            if (n > 0) {
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

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
