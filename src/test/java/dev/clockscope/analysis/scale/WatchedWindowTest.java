package dev.clockscope.analysis.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clockscope.analysis.SpaceTimeWindow;
import dev.clockscope.eventlog.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watched machines' space-time window: dots in the first seconds, arrows between watched machines, bounded. */
class WatchedWindowTest {
    private static final long ORIGIN = 1_000_000_000L;

    @Test
    void aMessageBetweenTwoWatchedMachinesIsAnArrowAndLaterEventsAreLeftOut() {
        WatchedWindow w = new WatchedWindow(List.of("a", "b"), 2.0);
        // a sends seq 1 at 0.5 s (Lamport 1); b receives it at 0.75 s (Lamport 2); b's event at 2.5 s is past the window
        w.tick(0, new Event.Send(ORIGIN + 500_000, 1, 1, null, 0, List.of("b"), 1), ORIGIN);
        w.tick(1, new Event.Receive(ORIGIN + 750_000, 1, 2, null, 0, "a", 1, 1, 7, ORIGIN + 600_000), ORIGIN);
        w.tick(1, new Event.Internal(ORIGIN + 2_500_000, 2, 3, null, 0), ORIGIN);
        // a receive from a machine nobody watches is a dot without an arrow
        w.tick(0, new Event.Receive(ORIGIN + 1_000_000, 2, 4, null, 0, "c", 1, 3, 7, ORIGIN + 900_000), ORIGIN);
        SpaceTimeWindow r = w.result();
        assertEquals(List.of(new SpaceTimeWindow.Dot(0, 0.5, 1, "send"), new SpaceTimeWindow.Dot(1, 0.75, 2, "receive"),
                new SpaceTimeWindow.Dot(0, 1.0, 4, "receive")), r.dots());
        assertEquals(List.of(new SpaceTimeWindow.Arrow(0, 0.5, 1, 1, 0.75, 2)), r.arrows());
        assertEquals(2.0, r.toSeconds());
        assertFalse(r.truncated());
    }

    @Test
    void aFullWindowStopsAtItsLastDotAndSaysSo() {
        WatchedWindow w = new WatchedWindow(List.of("a"), 1_000.0);
        for (int k = 0; k <= WatchedWindow.MAX_DOTS; k++) {
            w.tick(0, new Event.Internal(ORIGIN + k * 1_000L, k + 1, k + 1, null, 0), ORIGIN);
        }
        SpaceTimeWindow r = w.result();
        assertEquals(WatchedWindow.MAX_DOTS, r.dots().size());
        assertTrue(r.truncated());
        assertEquals((WatchedWindow.MAX_DOTS - 1) / 1_000.0, r.toSeconds(), 1e-12, "ends at the last dot kept");
    }
}
