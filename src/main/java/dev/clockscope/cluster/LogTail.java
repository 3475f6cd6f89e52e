package dev.clockscope.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The latest tick, Lamport clock and queue length of a running machine, read from the end of its log. */
public final class LogTail {
    private static final int TAIL_BYTES = 4096;
    private static final String STOP_LINE = "{\"event\":\"stop\",";
    private static final Pattern TICK = Pattern.compile("\"tick\":(\\d+),\"lamport\":(\\d+),.*\"queue\":(\\d+)");

    public record Status(long tick, long lamport, long queue) {
    }

    private LogTail() {
    }

    /** Whether the log's last line is complete and is a stop line (false if it cannot be read). */
    public static boolean endsWithStop(Path log) {
        byte[] bytes;
        try {
            bytes = tail(log);
        } catch (IOException e) {
            return false;
        }
        int size = bytes.length;
        if (size == 0 || bytes[size - 1] != '\n') {
            return false;
        }
        int start = size - 1;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return new String(bytes, start, size - start, StandardCharsets.UTF_8).startsWith(STOP_LINE);
    }

    /** The last complete tick line's values, or null if there is none yet. */
    public static Status read(Path log) {
        try {
            byte[] bytes = tail(log);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            // the last line may still be being written: only lines followed by a newline count
            int last = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? lines.length - 1 : lines.length - 2;
            for (int i = last; i >= 0; i--) {
                Matcher m = TICK.matcher(lines[i]);
                if (m.find()) {
                    return new Status(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
                }
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The log's last {@value #TAIL_BYTES} bytes (all of it if shorter). */
    private static byte[] tail(Path log) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.min(length, TAIL_BYTES)];
            file.seek(length - bytes.length);
            file.readFully(bytes);
            return bytes;
        }
    }
}
