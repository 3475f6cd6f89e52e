package dev.clockscope.eventlog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What the byte-level line parsers share: a cursor {@code p} into the buffer and the JSON integer rule, so
 * that every fast path accepts exactly the same numbers (anything else goes to Jackson).
 */
abstract class LineScanner {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** Where the parser is; -1 after a value that is not in the fast path's shape. */
    int p;

    static boolean isNumberStart(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** A JSON integer that fits in a long with room to spare (≤ 18 digits); sets p = -1 if not one. */
    final long number(byte[] b, int to) {
        // the common case, small enough to be inlined: 1..16 digits, no sign, no leading zero, far from the bound
        int i = p;
        if (i + 17 <= to) {
            long c0 = (long) LONGS.get(b, i);
            int d0 = digitCount(c0);
            if (d0 > 0 && (d0 == 1 || (c0 & 0xFF) != '0')) {
                if (d0 < 8) {
                    return finish(b, to, i, i + d0, eightDigits(alignRight(c0, d0)));
                }
                long c1 = (long) LONGS.get(b, i + 8);
                int d1 = digitCount(c1);
                if (d1 == 0) {
                    return finish(b, to, i, i + 8, eightDigits(c0));
                }
                if (d1 < 8) {
                    return finish(b, to, i, i + 8 + d1,
                            eightDigits(c0) * POWERS_OF_TEN[d1] + eightDigits(alignRight(c1, d1)));
                }
                if (!isDigit(b[i + 16])) {
                    return finish(b, to, i, i + 16, eightDigits(c0) * 100_000_000L + eightDigits(c1));
                }
            }
        }
        return anyNumber(b, to);
    }

    /** Every case of {@link #number}. */
    private long anyNumber(byte[] b, int to) {
        boolean negative = b[p] == '-';
        int i = negative ? p + 1 : p;
        int start = i;
        if (i >= to || !isDigit(b[i]) || (b[i] == '0' && i + 1 < to && isDigit(b[i + 1]))) {
            p = -1;
            return 0;
        }
        long v = 0;
        // eight bytes at a time (wall times have 16 digits, clocks a few): SWAR, as in simdjson
        while (i + 8 <= b.length) {
            long chunk = (long) LONGS.get(b, i);
            int digits = Math.min(digitCount(chunk), to - i); // never look past the line's bound
            if (digits == 8) {
                v = v * 100_000_000L + eightDigits(chunk);
                i += 8;
                if (i - start > 18) {
                    p = -1;
                    return 0;
                }
                continue;
            }
            if (digits > 0) {
                v = v * POWERS_OF_TEN[digits] + eightDigits(alignRight(chunk, digits));
                i += digits;
            }
            return finish(b, to, start, i, negative ? -v : v);
        }
        while (i < to && isDigit(b[i])) { // the last bytes of the buffer
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return finish(b, to, start, i, negative ? -v : v);
    }

    /** How many ASCII digits {@code chunk} starts with (0..8). */
    private static int digitCount(long chunk) {
        long nonDigits = nonDigits(chunk);
        return nonDigits == 0 ? 8 : Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /** The first {@code digits} (1..7) bytes moved to the high end behind leading '0's: an equal eight-digit number. */
    private static long alignRight(long chunk, int digits) {
        int shift = 8 * (8 - digits);
        return (chunk << shift) | (ZEROS >>> (64 - shift));
    }

    private long finish(byte[] b, int to, int start, int end, long v) {
        if (end - start > 18 || (end < to && (b[end] == '.' || b[end] == 'e' || b[end] == 'E'))) {
            p = -1;
            return 0;
        }
        p = end;
        return v;
    }

    /** Non-zero bytes where {@code chunk} holds something other than an ASCII digit (first byte lowest). */
    private static long nonDigits(long chunk) {
        // a carry out of a byte >= 0xFA only reaches bytes after it, and that byte is already a non-digit
        return ((chunk & 0xF0F0F0F0F0F0F0F0L) ^ ZEROS) | (((chunk + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) ^ ZEROS);
    }

    /** The value of eight ASCII digits loaded little-endian (first digit in the low byte). */
    private static long eightDigits(long chunk) {
        long v = chunk - ZEROS;
        v = (v * 10) + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * 0x000F424000000064L)
                + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
    }

    static int skipWs(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** Index of the candidate equal to b[s, s + len), trying {@code first} first; -1 if none. */
    static int find(byte[] b, int s, int len, ShortBytes[] candidates, int first) {
        int n = candidates.length;
        int start = n == 0 ? 0 : first % n;
        for (int j = 0; j < n; j++) {
            int k = start + j < n ? start + j : start + j - n;
            if (candidates[k].equalsSlice(b, s, len)) {
                return k;
            }
        }
        return -1;
    }
}
