package dev.clockscope.eventlog;

import dev.clockscope.eventlog.EventLineEncoder.Buffer;
import java.util.List;

/**
 * What {@link EventLineEncoder} keeps from one line to the next: successive lines repeat most of their numbers and
 * names (the high digits of µs times, senders' incarnations, peer ids), so these copy bytes made once instead of
 * formatting them again.
 */
final class LineCaches {
    private LineCaches() {
    }

    /**
     * The last few distinct values written, with their digits: a 16-digit incarnation costs a copy, not eight
     * 64-bit divisions. Replaced round-robin, so a machine with many peers still pays only for a miss.
     */
    static final class RecentNumbers {
        private static final int SLOTS = 8;
        private final long[] values = new long[SLOTS];
        private final byte[][] digits = new byte[SLOTS][];
        private int next;

        void write(Buffer out, long v) {
            for (int k = 0; k < SLOTS; k++) {
                if (digits[k] != null && values[k] == v) {
                    out.put(digits[k]);
                    return;
                }
            }
            int start = out.length;
            DecimalDigits.number(out, v);
            values[next] = v;
            digits[next] = java.util.Arrays.copyOfRange(out.bytes, start, out.length);
            next = (next + 1) % SLOTS;
        }
    }

    /**
     * The last few strings written as names, by identity, with their JSON bytes: machine ids come from one
     * table, so a send or receive copies its peer's quoted id instead of checking it char by char.
     */
    static final class RecentNames {
        private static final int SLOTS = 16;
        private final String[] names = new String[SLOTS];
        private final byte[][] json = new byte[SLOTS][];
        private int next;

        void write(Buffer out, String s) {
            for (int k = 0; k < SLOTS; k++) {
                if (names[k] == s) {
                    out.put(json[k]);
                    return;
                }
            }
            int start = out.length;
            EventLineEncoder.string(out, s);
            names[next] = s;
            json[next] = java.util.Arrays.copyOfRange(out.bytes, start, out.length);
            next = (next + 1) % SLOTS;
        }

        void writeAll(Buffer out, List<String> values) {
            out.put((byte) '[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                write(out, values.get(i));
            }
            out.put((byte) ']');
        }
    }


    /**
     * Times in µs as {@link DecimalDigits#number(Buffer, long)} writes them, formatting only the last 4 digits on most calls: the
     * digits of {@code v / 10^4} (which changes every 10 ms) are kept from the previous call.
     */
    static final class MicrosDigits {
        private static final long SPLIT = 10_000;
        /** {@code high * SPLIT}: a value in [highBase, highBase + SPLIT) needs no division at all. */
        private long highBase = -1;
        private final Buffer highDigits = new Buffer(24);

        void write(Buffer out, long v) {
            if (v < SPLIT) { // also every negative value: both sides of the subtraction below stay >= 0
                DecimalDigits.number(out, v);
                return;
            }
            long offset = v - highBase;
            if (highBase < 0 || offset < 0 || offset >= SPLIT) {
                long h = v / SPLIT;
                highDigits.clear();
                DecimalDigits.number(highDigits, h);
                highBase = h * SPLIT;
                offset = v - highBase;
            }
            int low = (int) offset;
            int n = highDigits.length;
            out.ensure(n + 4);
            byte[] b = out.bytes;
            int p = out.length;
            System.arraycopy(highDigits.bytes, 0, b, p, n);
            p += n;
            int hi = DecimalDigits.div100(low);
            int lo = low - hi * 100;
            b[p] = DecimalDigits.DIGIT_PAIRS[2 * hi];
            b[p + 1] = DecimalDigits.DIGIT_PAIRS[2 * hi + 1];
            b[p + 2] = DecimalDigits.DIGIT_PAIRS[2 * lo];
            b[p + 3] = DecimalDigits.DIGIT_PAIRS[2 * lo + 1];
            out.length = p + 4;
        }
    }
}
