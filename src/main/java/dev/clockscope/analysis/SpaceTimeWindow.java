package dev.clockscope.analysis;

import java.util.List;

/**
 * The tick events and messages of a time window, for the space-time diagram. Times are seconds since
 * the run's start. Arrows are the messages received inside the window (their send may precede it).
 */
public record SpaceTimeWindow(double fromSeconds, double toSeconds, List<Dot> dots, List<Arrow> arrows,
                              boolean truncated) {
    public record Dot(int machine, double atSeconds, long lamport, String kind) {
    }

    public record Arrow(int from, double sentAtSeconds, long sentLamport, int to, double receivedAtSeconds,
                        long receivedLamport) {
    }
}
