package dev.clockscope.analysis;

import java.util.List;

/**
 * The run's clocks side by side: physical time, Lamport, vector and hybrid logical clocks, on the messages
 * (which of them put every send before its receive), what each costs on the wire, and the HLC's statistics.
 *
 * @param hlc                  some tick event carried an HLC (else the HLC figures are empty)
 * @param boundMicros          the bound the near-physical-time check held l − pt to: the largest spread of the
 *                             machines' physical clocks over the run (from their start lines), capped by the
 *                             max offset; -1 when it was not checked (a machine without a log)
 * @param messages             matched messages (a send and its receive, both in the logs)
 * @param physicalBefore       of them, receives whose physical reading is before their send's
 * @param physicalSame         receives read in the same µs as their send (physical time cannot order them)
 * @param firstPhysicalBefore  the first such receive ({@code file:line: ...}), or null
 * @param lamportOrdered       messages with L(send) < L(receive) (all, or the Lamport check failed)
 * @param vectorOrdered        messages with V(send) < V(receive)
 * @param hlcMessages          messages whose send and receive both carry an HLC
 * @param hlcOrdered           of them, those with hlc(send) < hlc(receive)
 * @param logicalCounts        {@code logicalCounts[c]} tick events with that logical counter (c < 255), exact
 * @param logicalOver254       tick events with c above 254
 * @param logical              the HLC's logical counter c over every tick event that carries one
 * @param aheadMicros          l − pt (how far the HLC is ahead of the machine's own clock), same events
 * @param vectorEntries        entries of a vector on the wire (the run's machines)
 * @param rejectedClockAhead   messages refused because their HLC was too far ahead of the receiver's clock
 */
public record ClockResult(
        boolean hlc,
        long boundMicros,
        long messages,
        long physicalBefore,
        long physicalSame,
        String firstPhysicalBefore,
        long lamportOrdered,
        long vectorOrdered,
        long hlcMessages,
        long hlcOrdered,
        long[] logicalCounts,
        long logicalOver254,
        Distribution logical,
        Distribution aheadMicros,
        int vectorEntries,
        long rejectedClockAhead,
        List<Machine> machines) {

    /** Bytes on the wire per message, by clock: a physical timestamp (if one were sent), Lamport, vector, HLC. */
    public static final int PHYSICAL_BYTES = 8;
    public static final int LAMPORT_BYTES = 8;
    public static final int HLC_BYTES = dev.clockscope.clock.Hlc.WIRE_BYTES;

    public int vectorBytes() {
        return vectorEntries * Long.BYTES;
    }

    /**
     * One machine's clocks: its physical clock as configured (start line) and as logged (physMicros − wallMicros
     * over its tick events), its HLC's counter and lead over its own clock, and what it refused.
     */
    public record Machine(
            String machine,
            long offsetMicros,
            long driftPpb,
            long hlcMaxOffsetMicros,
            long skewMinMicros,
            long skewMaxMicros,
            Distribution logical,
            Distribution aheadMicros,
            long rejectedClockAhead) {
    }
}
