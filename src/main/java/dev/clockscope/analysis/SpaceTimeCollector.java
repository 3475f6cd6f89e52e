package dev.clockscope.analysis;

import java.util.ArrayList;
import java.util.List;

/** Keeps the tick events and received messages of the diagram's window, up to a bound. */
final class SpaceTimeCollector {
    /** Beyond this a diagram is unreadable (and heavy): the window is cut, and says so. */
    static final int MAX_DOTS = 2_000;

    private final WindowSpec spec;
    private final long originMicros;
    private final List<SpaceTimeWindow.Dot> dots = new ArrayList<>();
    private final List<SpaceTimeWindow.Arrow> arrows = new ArrayList<>();
    private long fromMicros = -1;
    private long toMicros;
    private boolean truncated;

    SpaceTimeCollector(WindowSpec spec, long originMicros) {
        this.spec = spec;
        this.originMicros = originMicros;
    }

    /**
     * Called for every tick event in merge order ({@code kind} its JSON name); {@code send} is the matched
     * send of a receive, or null.
     */
    void tick(int machine, long line, long wallMicros, long lamport, String kind, MatchedSend send) {
        if (fromMicros < 0) {
            fromMicros = wallMicros + (long) (spec.fromSeconds() * 1e6);
            toMicros = wallMicros + (long) (spec.toSeconds() * 1e6);
        }
        long t = wallMicros;
        if (t < fromMicros || t > toMicros) {
            return;
        }
        if (dots.size() >= MAX_DOTS) {
            truncated = true;
            return;
        }
        dots.add(new SpaceTimeWindow.Dot(machine, seconds(t), lamport, kind, line));
        if (send != null) {
            arrows.add(new SpaceTimeWindow.Arrow(send.sender, seconds(send.wallMicros), send.lamport, machine,
                    seconds(t), lamport, send.line, line));
        }
    }

    private double seconds(long micros) {
        return (micros - originMicros) / 1e6;
    }

    SpaceTimeWindow result() {
        if (fromMicros < 0) {
            return new SpaceTimeWindow(0, 0, List.of(), List.of(), false);
        }
        double to = truncated && !dots.isEmpty() ? dots.get(dots.size() - 1).atSeconds() : seconds(toMicros);
        return new SpaceTimeWindow(seconds(fromMicros), to, List.copyOf(dots), List.copyOf(arrows), truncated);
    }
}
