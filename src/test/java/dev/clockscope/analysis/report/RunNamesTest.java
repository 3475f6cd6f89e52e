package dev.clockscope.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Distinct run names: the i-th run's name gets -(i+1) when an earlier run has it. */
class RunNamesTest {
    @Test
    void distinctNamesAreKept() {
        assertEquals(List.of("run-1", "run-2"), RunNames.distinct(List.of("run-1", "run-2")));
    }

    @Test
    void repeatedNamesGetTheirPosition() {
        assertEquals(List.of("run-1", "run-1-2", "run-1-3"), RunNames.distinct(List.of("run-1", "run-1", "run-1")));
        assertEquals(List.of("x", "y", "x-3"), RunNames.distinct(List.of("x", "y", "x")));
    }

    @Test
    void aSuffixThatIsAlreadyADirectoryNameCountsOn() {
        // third run: x is taken, x-3 is the second directory's own name, so x-4
        assertEquals(List.of("x", "x-3", "x-4"), RunNames.distinct(List.of("x", "x-3", "x")));
    }
}
