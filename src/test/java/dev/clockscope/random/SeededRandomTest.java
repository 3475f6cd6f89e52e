package dev.clockscope.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SeededRandom promises the draws of the JDK's SplittableRandom with the same seed (runs recorded with earlier
 * versions replay from their seed): the JDK is the reference here, not a value this class computed.
 */
class SeededRandomTest {
    @Test
    void drawsWhatSplittableRandomDrawsForTheSameSeed() {
        int[] bounds = {1, 2, 3, 6, 7, 10, 16, 1000, 1 << 20, 1_000_003, Integer.MAX_VALUE, (1 << 30) + 1};
        for (long seed : new long[] {0, 1, 3, 7, -1, Long.MIN_VALUE, 0x9E3779B97F4A7C15L, 123456789L}) {
            SeededRandom ours = new SeededRandom(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int k = 0; k < 20_000; k++) {
                int bound = bounds[k % bounds.length];
                if (k % 3 == 0) {
                    assertEquals(jdk.nextDouble(), ours.nextDouble(), "seed " + seed + ", draw " + k);
                } else {
                    assertEquals(jdk.nextInt(bound), ours.nextInt(bound), "seed " + seed + ", draw " + k + ", bound " + bound);
                }
            }
        }
    }

    @Test
    void aBoundThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeededRandom(1).nextInt(0));
    }
}
