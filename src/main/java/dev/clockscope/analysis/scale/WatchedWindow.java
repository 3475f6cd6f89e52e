package dev.clockscope.analysis.scale;

import dev.clockscope.analysis.SpaceTimeWindow;
import dev.clockscope.eventlog.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The space-time diagram of a large run: the watched machines' tick events in the first seconds after the first
 * tick, as dots, and an arrow for each message between two watched machines. Bounded ({@link #MAX_DOTS}): a summary
 * page must stay small whatever the run.
 */
final class WatchedWindow {
    static final int MAX_DOTS = 2_000;

    private final Map<String, Integer> position = new HashMap<>();
    private final double windowSeconds;
    private final List<SpaceTimeWindow.Dot> dots = new ArrayList<>();
    private final List<SpaceTimeWindow.Arrow> arrows = new ArrayList<>();
    /** Sends of watched machines in the window: (position << 40 | seq) -> {wall, lamport}. */
    private final Map<Long, long[]> sends = new HashMap<>();
    private boolean truncated;

    /** {@code watchedIds}: the watched machines in display order; {@code windowSeconds} after the first tick. */
    WatchedWindow(List<String> watchedIds, double windowSeconds) {
        for (int k = 0; k < watchedIds.size(); k++) {
            position.put(watchedIds.get(k), k);
        }
        this.windowSeconds = windowSeconds;
    }

    /** A tick event of the watched machine at {@code position}; {@code originMicros}: the run's first tick. */
    void tick(int position, Event.TickEvent t, long originMicros) {
        double at = (t.wallMicros() - originMicros) / 1e6;
        if (at > windowSeconds) {
            return;
        }
        if (dots.size() >= MAX_DOTS) {
            truncated = true;
            return;
        }
        dots.add(new SpaceTimeWindow.Dot(position, at, t.lamport(), t.kind()));
        if (t instanceof Event.Send s) {
            sends.put(((long) position << 40) | s.seq(), new long[] {t.wallMicros(), t.lamport()});
        } else if (t instanceof Event.Receive r) {
            Integer from = this.position.get(r.from());
            long[] send = from == null ? null : sends.get(((long) from << 40) | r.seq());
            if (send != null) {
                arrows.add(new SpaceTimeWindow.Arrow(from, (send[0] - originMicros) / 1e6, send[1], position, at,
                        t.lamport()));
            }
        }
    }

    /** The diagram so far; a truncated one ends at its last dot. */
    SpaceTimeWindow result() {
        double to = truncated && !dots.isEmpty() ? dots.get(dots.size() - 1).atSeconds() : windowSeconds;
        return new SpaceTimeWindow(0, to, List.copyOf(dots), List.copyOf(arrows), truncated);
    }
}
