package dev.clockscope.analysis;

import java.util.List;

/**
 * The tick events and messages of a time window, for the space-time diagram. Times are seconds since
 * the run's start. Arrows are the messages received inside the window (their send may precede it).
 */
public record SpaceTimeWindow(double fromSeconds, double toSeconds, List<Dot> dots, List<Arrow> arrows,
                              boolean truncated) {
    /** {@code line}: the event's line in its machine's log (-1 when not known, e.g. statistics fed in process). */
    public record Dot(int machine, double atSeconds, long lamport, String kind, long line) {
        public Dot(int machine, double atSeconds, long lamport, String kind) {
            this(machine, atSeconds, lamport, kind, -1);
        }
    }

    /** {@code sendLine}, {@code receiveLine}: lines in the sender's and the receiver's logs (-1 when not known). */
    public record Arrow(int from, double sentAtSeconds, long sentLamport, int to, double receivedAtSeconds,
                        long receivedLamport, long sendLine, long receiveLine) {
        public Arrow(int from, double sentAtSeconds, long sentLamport, int to, double receivedAtSeconds,
                     long receivedLamport) {
            this(from, sentAtSeconds, sentLamport, to, receivedAtSeconds, receivedLamport, -1, -1);
        }
    }
}
