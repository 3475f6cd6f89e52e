package dev.clockscope.analysis;

import java.nio.file.Path;

/**
 * The send a receive matched, copied out of its link's queue: valid until the next receive. The queue
 * itself keeps no objects, so matching allocates nothing.
 */
final class MatchedSend {
    int sender;
    long seq;
    long wallMicros;
    long lamport;
    /** The send's physical reading, and its HLC (hlcL -1: none). */
    long physMicros;
    long hlcL;
    int hlcC;
    final long[] vector;
    /** Vector clock over logged events only (see {@link RunAnalyzer}). */
    final long[] loggedVector;
    Path file;
    long line;
    /** The hop the sender's longest chain came through (see {@link CriticalPathTracker}). */
    CriticalPathTracker.Hop tag;
    /** Scratch for the ledger's copy out of the link queue. */
    final long[] clocks = new long[3];

    MatchedSend(int width) {
        vector = new long[width];
        loggedVector = new long[width];
    }
}
