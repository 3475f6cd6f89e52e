package dev.clockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WindowSpecTest {
    @Test
    void parsesDurationsAndRanges() {
        assertEquals(new WindowSpec(0, 10), WindowSpec.parse("10s"));
        assertEquals(new WindowSpec(0, 2.5), WindowSpec.parse("2.5"));
        assertEquals(new WindowSpec(20, 30), WindowSpec.parse("20s..30s"));
        assertEquals(new WindowSpec(0.5, 1), WindowSpec.parse("500ms..1s"));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("30s..20s"));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.parse("0"));
    }
}
