package dev.clockscope.eventlog;

import dev.clockscope.eventlog.EventLineEncoder.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Longs and ints in decimal, digit pairs at a time, exactly as Jackson writes them, for {@link EventLineEncoder}:
 * no allocation, and no instruction that C1 (the machines' JIT) makes slow: no division by a constant and no
 * {@link Long#numberOfLeadingZeros} on the common path.
 */
final class DecimalDigits {
    /** "00", "01", ... "99" side by side. */
    static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private DecimalDigits() {
    }

    /** A long in decimal, as Jackson writes it. */
    static void number(Buffer out, long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            number(out, (int) v);
            return;
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                out.put(LONG_MIN);
                return;
            }
            out.put((byte) '-');
            v = -v;
            if (v <= Integer.MAX_VALUE) {
                number(out, (int) v);
                return;
            }
        }
        // one 64-bit division: the high digits, then the last eight as an int (a µs time is 16 digits)
        long high = v / HUNDRED_MILLION;
        number(out, high);
        eightDigits(out, (int) (v - high * HUNDRED_MILLION));
    }

    private static final long HUNDRED_MILLION = 100_000_000L;

    /** {@code 0 <= v < 10^8} as exactly eight digits, leading zeros included. */
    static void eightDigits(Buffer out, int v) {
        out.ensure(8);
        byte[] b = out.bytes;
        int p = out.length + 8;
        out.length = p;
        for (int k = 0; k < 4; k++) {
            int q = div100(v);
            int pair = (v - q * 100) << 1;
            v = q;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
    }

    /**
     * {@code v / 100} for {@code 0 <= v < 2^31} by a multiply and a shift (exact over that range): the machines
     * run C1-compiled code, which divides by a constant with a real division instruction.
     */
    static int div100(int v) {
        return (int) ((v * 1374389535L) >>> 37);
    }

    /** An int in decimal; non-negative values (ticks, queue lengths) take the cheaper int division path. */
    static void number(Buffer out, int v) {
        if (v < 0) {
            number(out, (long) v); // the long path writes the sign (an int is never Long.MIN_VALUE)
            return;
        }
        int digits = intDigits(v);
        out.ensure(digits);
        byte[] b = out.bytes;
        int p = out.length + digits;
        out.length = p;
        while (v >= 100) {
            int q = div100(v);
            int pair = (v - q * 100) << 1;
            v = q;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
        }
        if (v >= 10) {
            b[--p] = DIGIT_PAIRS[2 * v + 1];
            b[--p] = DIGIT_PAIRS[2 * v];
        } else {
            b[--p] = (byte) ('0' + v);
        }
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /**
     * Decimal digits of {@code v >= 0} by comparisons, small values first (ticks, clocks, queues, seqs): C1 has
     * no intrinsic for {@link Long#numberOfLeadingZeros}.
     */
    static int intDigits(int v) {
        if (v < 10_000) {
            return v < 100 ? (v < 10 ? 1 : 2) : (v < 1_000 ? 3 : 4);
        }
        if (v < 100_000_000) {
            return v < 1_000_000 ? (v < 100_000 ? 5 : 6) : (v < 10_000_000 ? 7 : 8);
        }
        return v < 1_000_000_000 ? 9 : 10;
    }

    /** Decimal digits of {@code v >= 0}: an estimate from the bit length, corrected by one comparison. */
    static int digits(long v) {
        int d = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12; // floor(log10(2^bits)), one low at most
        return d >= 19 ? 19 : (v >= POWERS_OF_TEN[d] ? d + 1 : Math.max(d, 1));
    }
}
