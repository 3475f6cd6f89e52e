package dev.clockscope.eventlog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Equality of a short byte string (up to 16 bytes) with a slice of a buffer in two 8-byte compares,
 * instead of a byte loop: keys and machine names are compared several times per log line.
 */
final class ShortBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final long word0;
    private final long word1;
    private final long mask0;
    private final long mask1;

    ShortBytes(byte[] bytes) {
        this.bytes = bytes;
        long w0 = 0;
        long w1 = 0;
        for (int i = 0; i < Math.min(16, bytes.length); i++) {
            long v = (bytes[i] & 0xFFL) << (8 * (i & 7));
            if (i < 8) {
                w0 |= v;
            } else {
                w1 |= v;
            }
        }
        int len = bytes.length;
        this.word0 = w0;
        this.word1 = w1;
        this.mask0 = len >= 8 ? -1L : (1L << (8 * len)) - 1;
        this.mask1 = len >= 16 ? -1L : len <= 8 ? 0 : (1L << (8 * (len - 8))) - 1;
    }

    int length() {
        return bytes.length;
    }

    /** Whether b[off, off + len) equals these bytes. */
    boolean equalsSlice(byte[] b, int off, int len) {
        if (len != bytes.length) {
            return false;
        }
        if (len <= 16 && off + 16 <= b.length) {
            return ((long) LONGS.get(b, off) & mask0) == word0
                    && (mask1 == 0 || ((long) LONGS.get(b, off + 8) & mask1) == word1);
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
