package dev.clockscope.analysis.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The machines that stand out on a figure: a partial selection, best first, ties broken by position. */
class ExtremeTest {
    private static final double[] VALUES = {5, 9, 1, 9, 7, 3, 0};

    @Test
    void theHighestThreeBestFirstWithTiesInPositionOrder() {
        // 9 (m1), 9 (m3): a tie, the earlier position first; then 7 (m4)
        assertEquals(List.of(new Extreme("m1", 9), new Extreme("m3", 9), new Extreme("m4", 7)),
                Extreme.top(VALUES, VALUES.length, k -> "m" + k, true, 3));
    }

    @Test
    void theLowestThreeOfTheFirstSixValuesOnly() {
        // count 6 leaves out the 0 at position 6: 1 (m2), 3 (m5), 5 (m0)
        assertEquals(List.of(new Extreme("m2", 1), new Extreme("m5", 3), new Extreme("m0", 5)),
                Extreme.top(VALUES, 6, k -> "m" + k, false, 3));
    }

    @Test
    void fewerValuesThanTheLimitGiveThemAll() {
        assertEquals(List.of(new Extreme("m1", 9), new Extreme("m0", 5)), Extreme.top(VALUES, 2, k -> "m" + k, true, 10));
        assertEquals(List.of(), Extreme.top(VALUES, 0, k -> "m" + k, true, 10));
    }
}
