package dev.clockscope.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.analysis.CriticalPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainSectionTest {
    private static CriticalPath chain(CriticalPath.Segment... segments) {
        long events = 0;
        for (CriticalPath.Segment s : segments) {
            events += s.events();
        }
        return new CriticalPath(events, List.of(segments), List.of());
    }

    @Test
    void aChainThatExplainsTheHighestClockSaysSo() {
        // a: Lamport 1..4 (4 events), then b: 5..7 (3 events): 7 events, clock 7
        CriticalPath p = chain(new CriticalPath.Segment("a", 0, 2, 5, 4, 1, 4), new CriticalPath.Segment("b", 1, 3, 5, 3, 5, 7));
        assertEquals("7 events (= the highest Lamport clock, 7), across a, b; 1 message on it", ChainSection.sentence(p));
    }

    /**
     * A killed machine's last lines are not in its log, and its new life resumes its clocks above what peers saw of
     * them: a: Lamport 2..11 (10 events), b: 15..19 (5 events) is 15 events for a clock that went from 2 to 19, 18
     * values, so 3 steps are not in the logs. It was not said, because the chain did not start at 1.
     */
    @Test
    void stepsOfTheClockThatAreNotInTheLogsAreCounted() {
        CriticalPath p = chain(new CriticalPath.Segment("a", 0, 1, 10, 10, 2, 11), new CriticalPath.Segment("b", 1, 5, 9, 5, 15, 19));
        assertEquals("15 events, ending at the highest Lamport clock 19 (it starts at 2; 3 of its clock's steps are not in"
                + " the logs: lines a killed machine never wrote, or a life whose log is not here), across a, b; 1 message"
                + " on it", ChainSection.sentence(p));
    }

    @Test
    void aChainThatStartsAboveOneWithEveryStepLoggedSaysOnlyWhere() {
        // a life that resumed its clocks at 40: a: 41..45, 5 events, clock 45
        CriticalPath p = chain(new CriticalPath.Segment("a", 0, 2, 6, 5, 41, 45));
        assertEquals("5 events, ending at the highest Lamport clock 45 (it starts at 41), across a; 0 messages on it",
                ChainSection.sentence(p));
    }
}
