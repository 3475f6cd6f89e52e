package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import java.util.List;

/**
 * A recorded life read as a replay's script: which of its events the replay makes happen, where a life
 * restarted by a what-if picks up, and what a recorded tick says about the messages it took.
 */
final class RecordedSteps {
    private RecordedSteps() {
    }

    /** Whether the recording's machines kept vector clocks (its first tick event says; no tick event: yes). */
    static boolean recordsVectors(RecordedRun run) {
        for (String m : run.machines()) {
            for (RecordedRun.Life l : run.lives(m)) {
                for (Event e : l.events()) {
                    if (e instanceof Event.TickEvent t) {
                        return t.vector() != null;
                    }
                }
            }
        }
        return true;
    }

    /** The index of the life's first event (after its start line) at or after {@code micros}, or its size. */
    static int firstAtOrAfter(RecordedRun.Life life, long micros) {
        List<Event> events = life.events();
        for (int k = 1; k < events.size(); k++) {
            if (events.get(k).wallMicros() >= micros) {
                return k;
            }
        }
        return events.size();
    }

    /**
     * When a machine that logged a stall at index {@code k} was last seen running: its event before, or a later
     * arrival it stamped before the stall (its network side still ran). A what-if holds what reaches it from then
     * to the stall, as for a SIGSTOP: nothing in the logs says it took anything in meanwhile.
     */
    static long lastSeenRunningMicros(List<Event> events, int k) {
        long stall = events.get(k).wallMicros();
        long seen = events.get(k - 1).wallMicros();
        for (Event e : events) {
            long arrived = e instanceof Event.Receive r ? r.arrivedMicros()
                    : e instanceof Event.Rejected j ? j.arrivedMicros() : -1;
            if (arrived > seen && arrived < stall) {
                seen = arrived;
            }
        }
        // before the stall's own microsecond, so that the pause always begins before the stall line ends it
        return Math.min(seen, stall - 1);
    }

    /** Whether the line at {@code k} is one of the lines a machine logs as it stops: only such lines follow, then stop. */
    static boolean partOfStop(List<Event> events, int k) {
        for (int j = k + 1; j < events.size(); j++) {
            Event e = events.get(j);
            if (e instanceof Event.Stop) {
                return true;
            }
            if (!(e instanceof Event.PeerDown || e instanceof Event.Undelivered || e instanceof Event.Unprocessed)) {
                return false;
            }
        }
        return false;
    }

    /** The index of the next event after index {@code k} that the replay drives, or {@code events.size()}. */
    static int nextDriven(List<Event> events, int k) {
        for (int j = k + 1; j < events.size(); j++) {
            if (drives(events, j)) {
                return j;
            }
        }
        return events.size();
    }

    /** Events the replay makes happen; the others (start, connected, refusals at once) the machine logs itself. */
    private static boolean drives(List<Event> events, int k) {
        Event e = events.get(k);
        if (e instanceof Event.TickEvent || e instanceof Event.Stall || e instanceof Event.PeerUp
                || e instanceof Event.PeerDown || e instanceof Event.Partition || e instanceof Event.Stop
                || e instanceof Event.Resumed) {
            return true;
        }
        return e instanceof Event.Undelivered && !refusedAtOnce(events, k);
    }

    /** An undelivered line right after its send line (only other refusals between): the transport's answer. */
    private static boolean refusedAtOnce(List<Event> events, int k) {
        long seq = ((Event.Undelivered) events.get(k)).seq();
        for (int j = k - 1; j > 0; j--) {
            if (events.get(j) instanceof Event.Send s) {
                return s.seq() == seq;
            }
            if (!(events.get(j) instanceof Event.Undelivered u) || u.seq() != seq) {
                return false;
            }
        }
        return false;
    }

    /** Messages the tick at {@code k} took and refused for their clock: the refusals logged just before it. */
    static int refusedBefore(List<Event> events, int k) {
        int refused = 0;
        long wall = events.get(k).wallMicros();
        for (int j = k - 1; j > 0 && events.get(j) instanceof Event.Rejected r && r.clockAhead()
                && r.wallMicros() == wall; j--) {
            refused++;
        }
        return refused;
    }
}
