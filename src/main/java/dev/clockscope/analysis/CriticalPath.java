package dev.clockscope.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest causal chain of a run (its critical path): the chain of events that determines the highest
 * Lamport clock. Lamport's rule makes each event's clock max(previous event on its machine, the received
 * message's clock) + 1, so following, from the event with the highest clock, whichever of the two gave the
 * maximum (the previous event on a tie) walks back along a longest chain. With clocks that start at 0 and
 * tick by 1, its length in events equals that clock.
 *
 * @param events     events on the chain
 * @param segments   the chain in order, as stretches of consecutive tick events of one machine; each
 *                   segment after the first begins with the receive of the message sent by the previous
 *                   segment's last event
 * @param steps      every event of the chain in order, when the chain has at most {@link #MAX_STEPS} events
 *                   (read again from the logs after the pass); empty otherwise
 */
public record CriticalPath(long events, List<Segment> segments, List<Step> steps) {
    /** Beyond this many events the steps are not listed (the segments still describe the chain exactly). */
    public static final int MAX_STEPS = 100_000;

    public static final CriticalPath NONE = new CriticalPath(0, List.of(), List.of());

    /** {@code firstLine..lastLine}: lines of the machine's log; every tick event of the machine between them is on the chain. */
    public record Segment(String machine, int index, long firstLine, long lastLine, long events, long firstLamport,
                          long lastLamport) {
    }

    /** One event of the chain. {@code kind}: send, receive or internal. */
    public record Step(String machine, long line, String kind, long lamport) {
    }

    public CriticalPath {
        segments = List.copyOf(segments);
        steps = List.copyOf(steps);
    }

    /** The Lamport clock the chain ends at: the run's highest (0 for a run without tick events). */
    public long endLamport() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).lastLamport();
    }

    /** The Lamport clock of its first event (1 for a machine that started from 0). */
    public long startLamport() {
        return segments.isEmpty() ? 0 : segments.get(0).firstLamport();
    }

    /** Messages on the chain: one between each pair of consecutive segments. */
    public int messages() {
        return Math.max(0, segments.size() - 1);
    }

    /** The machines it visits, in the order it first reaches them. */
    public List<String> machines() {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            if (!out.contains(s.machine())) {
                out.add(s.machine());
            }
        }
        return out;
    }

    /** Whether every step is listed in {@link #steps}. */
    public boolean stepsListed() {
        return steps.size() == events;
    }

    /** Whether the tick event at {@code line} of machine {@code index}'s log is on the chain. */
    public boolean contains(int index, long line) {
        for (Segment s : segments) {
            if (s.index() == index && line >= s.firstLine() && line <= s.lastLine()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message sent at {@code sendLine} of {@code from} and received at {@code receiveLine} of {@code to} is on the chain. */
    public boolean carries(int from, long sendLine, int to, long receiveLine) {
        for (int k = 1; k < segments.size(); k++) {
            Segment a = segments.get(k - 1);
            Segment b = segments.get(k);
            if (a.index() == from && a.lastLine() == sendLine && b.index() == to && b.firstLine() == receiveLine) {
                return true;
            }
        }
        return false;
    }
}
