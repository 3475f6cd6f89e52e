package dev.clockscope.eventlog;

import java.nio.charset.StandardCharsets;

/**
 * Fixed bytes expected at a position of a line (e.g. {@code ,"lamport":}), compared eight at a time:
 * a line in the writer's shape is mostly such runs between its values.
 */
final class Literal {
    private final byte[] bytes;
    /** The bytes as little-endian words; the last one padded with zeros. */
    private final long[] words;
    /** Which bytes of the last word belong to the literal. */
    private final long lastMask;

    private Literal(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty literal");
        }
        this.bytes = bytes;
        this.words = new long[(bytes.length + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
        }
        int tail = bytes.length % 8;
        this.lastMask = tail == 0 ? -1L : (1L << (8 * tail)) - 1;
    }

    static Literal of(String ascii) {
        return new Literal(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /** The index just past the literal if b[at, ...) starts with it within {@code to}, else -1. */
    int matchAt(byte[] b, int at, int to) {
        if (at < 0 || at + bytes.length > to) {
            return -1;
        }
        int last = words.length - 1;
        if (at + 8 * words.length <= b.length) {
            for (int w = 0; w < last; w++) {
                if ((long) LineScanner.LONGS.get(b, at + 8 * w) != words[w]) {
                    return -1;
                }
            }
            return ((long) LineScanner.LONGS.get(b, at + 8 * last) & lastMask) == words[last] ? at + bytes.length : -1;
        }
        for (int i = 0; i < bytes.length; i++) { // at the very end of the buffer
            if (b[at + i] != bytes[i]) {
                return -1;
            }
        }
        return at + bytes.length;
    }
}
