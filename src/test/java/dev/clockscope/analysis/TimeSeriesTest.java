package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {
    /** The bucket by the plain formula, as a reference for the cached lookup. */
    private static int bucket(long origin, long end, int buckets, long t) {
        long width = Math.max(1, (end - origin + buckets) / buckets);
        return (int) Math.min(buckets - 1, Math.max(0, (t - origin) / width));
    }

    @Test
    void pointsLandInTheBucketOfTheirTimeWhateverTheOrderOfArrival() {
        long origin = 1_000_000;
        long end = 1_000_000 + 10 * 7 - 3; // buckets of 7 µs
        int buckets = 10;
        SplittableRandom r = new SplittableRandom(1);
        for (int round = 0; round < 200; round++) {
            TimeSeries s = new TimeSeries(origin, end, buckets, TimeSeries.Keep.LAST);
            double[] expected = new double[buckets];
            boolean[] filled = new boolean[buckets];
            long t = origin - 20;
            for (int i = 0; i < 50; i++) {
                // mostly forward in small steps (the cached bucket), sometimes far back or far ahead
                t = switch (r.nextInt(6)) {
                    case 0 -> origin - r.nextLong(100);
                    case 1 -> end + r.nextLong(100);
                    case 2 -> origin + r.nextLong(end - origin);
                    default -> t + r.nextLong(4);
                };
                double v = i;
                s.add(t, v);
                int b = bucket(origin, end, buckets, t);
                expected[b] = v;
                filled[b] = true;
            }
            TimeSeries.Points p = s.points();
            int k = 0;
            for (int b = 0; b < buckets; b++) {
                if (filled[b]) {
                    assertEquals(expected[b], p.y()[k++], "bucket " + b);
                }
            }
            assertEquals(k, p.size());
        }
    }

    @Test
    void theFirstAndLastBucketsTakeTimesBeyondTheSpan() {
        TimeSeries s = new TimeSeries(100, 199, 10, TimeSeries.Keep.MAX);
        s.add(150, 1);
        s.add(-5, 2);
        s.add(150, 3);
        s.add(10_000, 4);
        s.add(109, 5);
        s.add(190, 6);
        assertArrayEquals(new double[] {5, 3, 6}, s.points().y());
    }
}
