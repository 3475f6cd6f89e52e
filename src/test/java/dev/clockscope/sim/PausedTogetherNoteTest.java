package dev.clockscope.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clockscope.node.MachineIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The note on links taken down between two paused machines names three and counts the rest. */
class PausedTogetherNoteTest {
    @Test
    void theFirstThreeLinksAreNamedAndTheRestCounted() {
        MachineIds ids = MachineIds.of(List.of("m0", "m1", "m2", "m3", "m4"));
        // pairs as lower × 5 + higher, ascending as the run hands them over: 0-1, 0-4, 1-2, 2-3, 3-4
        long[] pairs = {1, 4, 7, 13, 19};
        assertEquals("note: run 2: a heartbeat time-out took down links m0-m1, m0-m4, m1-m2 and 2 more while both ends"
                + " were paused; the real cluster decides such a link only when an end runs again, so its lines for"
                + " them may differ (docs/SIMULATOR.md, \"Limits\")", SimBatch.pausedTogetherNote(2, pairs, ids));
    }
}
