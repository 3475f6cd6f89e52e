package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
    @Test
    void smallSamplesGiveExactNearestRankQuantiles() {
        LogHistogram h = new LogHistogram();
        for (long v : new long[] {100_000, 2_100_000, 400_000, 1_100_000, 200_000}) {
            h.add(v);
        }
        assertEquals(new Distribution(5, 100_000, 780_000, 400_000, 2_100_000, 2_100_000, 2_100_000), h.summary());
        assertEquals(100_000, h.quantile(0.2));
        assertEquals(200_000, h.quantile(0.21));
    }

    @Test
    void bucketsRoundTripTheirBounds() {
        for (long v : new long[] {0, 1, 255, 256, 257, 1000, 123_456_789, Long.MAX_VALUE / 3}) {
            int i = LogHistogram.index(v);
            assertTrue(LogHistogram.lowerBound(i) <= v, "v=" + v);
            assertTrue(v < LogHistogram.lowerBound(i + 1), "v=" + v);
        }
    }

    @Test
    void largeSamplesStayWithinTheDocumentedError() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        int n = LogHistogram.EXACT_SAMPLES * 3;
        long[] values = new long[n];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < n; i++) {
            values[i] = (long) Math.exp(r.nextDouble() * 20); // 1 .. 5e8, like delays in µs
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.95, 0.99, 1.0}) {
            long exact = values[(int) Math.ceil(q * n) - 1];
            long got = h.quantile(q);
            assertTrue(Math.abs(got - exact) <= Math.max(1, exact / 120), "seed " + seed + " q " + q + ": " + got + " vs " + exact);
        }
        assertEquals(values[0], h.summary().min());
        assertEquals(values[n - 1], h.summary().max());
    }

    @Test
    void exactCountsBelowTheLimit() {
        LogHistogram h = new LogHistogram();
        h.add(1);
        h.add(1);
        h.add(4);
        h.add(300);
        assertEquals(2, h.countOf(1));
        assertEquals(1, h.countAbove(255));
        assertEquals(2, h.countAbove(1));
        assertThrows(IllegalArgumentException.class, () -> h.add(-1));
    }
}
