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
}
