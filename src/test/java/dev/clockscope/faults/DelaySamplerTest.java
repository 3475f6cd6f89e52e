package dev.clockscope.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.config.NetworkFaults.Delay;
import dev.clockscope.random.RandomSource;
import org.junit.jupiter.api.Test;

class DelaySamplerTest {
    /** Always draws {@code u} (scripted dice: the expected delays below are worked out by hand from it). */
    private static RandomSource always(double u) {
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                throw new AssertionError("a delay draws doubles only");
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    @Test
    void eachKindDrawsItsDistribution() {
        assertEquals(50_000_000L, DelaySampler.sampleNanos(new Delay("constant", 50, 0), always(0.9)));
        // 10 + 0.25 * (30 - 10) = 15 ms
        assertEquals(15_000_000L, DelaySampler.sampleNanos(new Delay("uniform", 10, 30), always(0.25)));
        // -20 * ln(1 - u) with 1 - u = 1/2: 20 ln 2 = 13.862943... ms
        assertEquals(13_862_943L, DelaySampler.sampleNanos(new Delay("exponential", 20, 0), always(0.5)));
        // Box-Muller with both draws 1/2: sqrt(-2 ln 1/2) * cos(pi) = -1.17741002; 20 + 10 * that = 8.2258998 ms
        assertEquals(8_225_899L, DelaySampler.sampleNanos(new Delay("normal", 20, 10), always(0.5)));
    }

    @Test
    void aNegativeDrawIsZeroAndAnUnknownKindIsConstant() {
        // the same draw with mean 1 ms: 1 - 11.77 ms is below zero, and a delay is never negative
        assertEquals(0L, DelaySampler.sampleNanos(new Delay("normal", 1, 10), always(0.5)));
        assertEquals(DelaySampler.Shape.CONSTANT, DelaySampler.shape(new Delay("something else", 7, 0)));
        assertEquals(7_000_000L, DelaySampler.sampleNanos(new Delay("something else", 7, 0), always(0.3)));
    }

    @Test
    void aDelayNeverTakesASendTimePastALong() {
        // the longest delay anything accepts (100,000 h = 3.6e11 ms) as an exponential's mean, at its farthest draw:
        // -3.6e11 * ln(2^-53) = 1.32e13 ms = 1.32e22 ns, past a long; capped at Long.MAX_VALUE / 4
        long drawn = DelaySampler.sampleNanos(new Delay("exponential", 3.6e11, 0), always(Math.nextDown(1.0)));
        assertEquals(Long.MAX_VALUE / 4, drawn);
        assertEquals(Long.MAX_VALUE / 4, DelaySampler.sampleNanos(new Delay("constant", 1e300, 0), always(0.5)));
        // a send 11 years in (the longest run) plus it is still a time, not a negative number
        long sentAt = 3_600L * 100_000 * 1_000_000_000;
        assertEquals(true, sentAt + drawn > sentAt);
    }
}
