package dev.clockscope.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The word-at-a-time count agrees with a byte loop, for any bytes, offset and length. */
class NewlinesTest {
    @Property(tries = 500)
    void countsExactlyTheNewlines(@ForAll @Size(max = 100) byte[] bytes, @ForAll int from, @ForAll int to) {
        int a = Math.floorMod(from, bytes.length + 1);
        int b = Math.floorMod(to, bytes.length + 1);
        int off = Math.min(a, b);
        int len = Math.abs(a - b);
        long expected = 0;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n') {
                expected++;
            }
        }
        assertEquals(expected, Newlines.count(bytes, off, len));
    }

    @Property(tries = 200)
    void countsRunsOfNewlinesAndBytesNextToThem(@ForAll @Size(max = 64) byte[] pattern) {
        // bytes 0x0A, 0x8A, 0x0B, 0x09 and 0x00 around newlines: where a bit trick could go wrong
        byte[] bytes = new byte[pattern.length];
        long expected = 0;
        for (int i = 0; i < pattern.length; i++) {
            bytes[i] = new byte[] {'\n', (byte) 0x8A, 0x0B, 0x09, 0x00}[Math.floorMod(pattern[i], 5)];
            expected += bytes[i] == '\n' ? 1 : 0;
        }
        assertEquals(expected, Newlines.count(bytes, 0, bytes.length));
    }
}
