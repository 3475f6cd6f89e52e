package dev.clockscope.analysis.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {
    @Test
    void niceBoundsAndTicks() {
        Axis a = Axis.nice(0, 19.5, 10); // raw step 1.95 -> 2
        assertEquals(0, a.min());
        assertEquals(20, a.max());
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0), a.ticks());
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), Axis.nice(0, 20.5, 10).ticks()); // 2.05 -> 5
        assertEquals("4", a.label(4));
    }

    @Test
    void largeAndSmallLabels() {
        Axis big = Axis.nice(0, 3_400_000, 6);
        assertEquals("1M", big.label(1_000_000));
        assertEquals("0", big.label(0));
        Axis small = Axis.nice(0, 0.3, 6);
        assertEquals("0.05", small.label(0.05));
        Axis thousands = Axis.nice(0, 45_000, 5);
        assertEquals("40k", thousands.label(40_000));
    }

    @Test
    void emptyRangesStillMakeAnAxis() {
        Axis a = Axis.nice(5, 5, 5);
        assertEquals(true, a.max() > a.min());
        assertEquals(100.0, Axis.exact(0, 10, 5).map(10, 0, 100), 1e-9);
    }
}
