package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.random.RandomSource;
import dev.clockscope.random.SeededRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1600));

    @Test
    void nominalDelayDoublesUpToTheCap() {
        assertEquals(100, backoff.nominalMillis(1));
        assertEquals(200, backoff.nominalMillis(2));
        assertEquals(800, backoff.nominalMillis(4));
        assertEquals(1600, backoff.nominalMillis(5));
        assertEquals(1600, backoff.nominalMillis(6));
        assertEquals(1600, backoff.nominalMillis(1_000_000), "no overflow for huge attempt counts");
    }

    private static RandomSource fixed(double value) {
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void jitterStaysBetweenHalfAndFullNominalDelay() {
        assertEquals(Duration.ofMillis(400), backoff.delayFor(4, fixed(0.0)), "lowest: half of 800");
        assertEquals(Duration.ofMillis(800), backoff.delayFor(4, fixed(0.9999999)), "highest: 800");
        long seed = System.nanoTime();
        SeededRandom random = new SeededRandom(seed);
        for (int attempt = 1; attempt < 40; attempt++) {
            long d = backoff.delayFor(attempt, random).toMillis();
            long nominal = backoff.nominalMillis(attempt);
            assertTrue(d >= nominal / 2 && d <= nominal, "seed " + seed + ": attempt " + attempt + " gave " + d);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.nominalMillis(0));
    }
}
