package dev.clockscope.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows the longest causal chain during the analyzer's single pass without holding the run's events.
 * The chain to a machine's latest event is "the chain to the message that last won its max(...)" plus the
 * machine's events since: so per machine only the last winning message (a {@link Hop}) is kept, each hop
 * points to the hop its sender's chain came through, and a message in flight carries its sender's hop
 * (a tag in its link's queue). Chains share their pasts; a hop no machine, message in flight or best end
 * still reaches is garbage. Memory is the hops on live chains, not the run's length.
 */
final class CriticalPathTracker {
    /** A message that won a receive's max(...): immutable, shared by every chain through it. */
    static final class Hop {
        /** The hop that brought the chain onto the sender; null: it starts at the sender's first event. */
        final Hop before;
        final int sender;
        final long sendLine;
        /** The send's index among its machine's tick events (from 1). */
        final long sendIndex;
        final long sendLamport;
        final long receiveLine;
        final long receiveIndex;
        final long receiveLamport;

        Hop(Hop before, int sender, long sendLine, long sendIndex, long sendLamport, long receiveLine,
            long receiveIndex, long receiveLamport) {
            this.before = before;
            this.sender = sender;
            this.sendLine = sendLine;
            this.sendIndex = sendIndex;
            this.sendLamport = sendLamport;
            this.receiveLine = receiveLine;
            this.receiveIndex = receiveIndex;
            this.receiveLamport = receiveLamport;
        }
    }

    private final List<String> names;
    /** Per machine: the hop the chain to its latest event came through (null: from its first event). */
    private final Hop[] head;
    private final boolean[] ticking;
    private final long[] firstLine;
    private final long[] firstLamport;
    private final long[] lastLamport;
    private int endMachine = -1;
    private long endLine;
    private long endIndex;
    private long endLamport;
    private Hop endHop;

    CriticalPathTracker(List<String> names) {
        int n = names.size();
        this.names = names;
        head = new Hop[n];
        ticking = new boolean[n];
        firstLine = new long[n];
        firstLamport = new long[n];
        lastLamport = new long[n];
    }

    /** What a send of {@code sender} carries in its link's queue: the chain to it comes through this hop. */
    Hop tag(int sender) {
        return head[sender];
    }

    /**
     * A tick event of {@code machine}, in the merge order; {@code index} counts the machine's tick events from 1;
     * {@code send} is a receive's matched send (null otherwise, or when unmatched).
     */
    void tick(int machine, long line, long index, long lamport, MatchedSend send) {
        boolean first = !ticking[machine];
        if (first) {
            ticking[machine] = true;
            firstLine[machine] = line;
            firstLamport[machine] = lamport;
        }
        // the message wins max(previous, message) only when strictly larger: a tie stays on the machine
        if (send != null && (first || send.lamport > lastLamport[machine])) {
            head[machine] = new Hop(send.tag, send.sender, send.line, send.loggedVector[send.sender], send.lamport,
                    line, index, lamport);
        }
        lastLamport[machine] = lamport;
        // the first event to reach the highest clock ends the chain
        if (endMachine < 0 || lamport > endLamport) {
            endMachine = machine;
            endLine = line;
            endIndex = index;
            endLamport = lamport;
            endHop = head[machine];
        }
    }

    /** The chain to the event with the highest clock, as segments (steps are read afterwards: {@link CriticalPathSteps}). */
    CriticalPath result() {
        if (endMachine < 0) {
            return CriticalPath.NONE;
        }
        List<CriticalPath.Segment> segments = new ArrayList<>();
        int machine = endMachine;
        long line = endLine;
        long index = endIndex;
        long lamport = endLamport;
        long events = 0;
        for (Hop hop = endHop; ; hop = hop.before) {
            long fromLine = hop == null ? firstLine[machine] : hop.receiveLine;
            long fromIndex = hop == null ? 1 : hop.receiveIndex;
            long fromLamport = hop == null ? firstLamport[machine] : hop.receiveLamport;
            segments.add(new CriticalPath.Segment(names.get(machine), machine, fromLine, line, index - fromIndex + 1,
                    fromLamport, lamport));
            events += index - fromIndex + 1;
            if (hop == null) {
                break;
            }
            machine = hop.sender;
            line = hop.sendLine;
            index = hop.sendIndex;
            lamport = hop.sendLamport;
        }
        Collections.reverse(segments);
        return new CriticalPath(events, segments, List.of());
    }
}
