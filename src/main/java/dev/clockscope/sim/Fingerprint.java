package dev.clockscope.sim;

import dev.clockscope.clock.VectorClock;
import dev.clockscope.eventlog.Event;
import java.util.List;

/**
 * A 64-bit hash over every event of a run, in the order the simulator produced them, so two runs can be
 * compared at a glance: the same seed and options must print the same fingerprint, whether the events
 * went to files or only to statistics. Hashes the events' numbers (and, for sends, how many receivers),
 * not their bytes: the machine's index and every number of the event; peer names are left out, since
 * reading a million machines' name strings costs a cache miss per event and the numbers already differ.
 */
public final class Fingerprint {
    private long hash = 0x2545F4914F6CDD1DL;
    private long events;

    public void add(int machine, Event e) {
        events++;
        mix(machine);
        mix(e.kind().hashCode());
        mix(e.wallMicros());
        if (e instanceof Event.TickEvent t) {
            mix(t.tick());
            mix(t.lamport());
            mix(t.queue());
            VectorClock v = t.vector();
            if (v != null) {
                mix(v.hashCode());
            }
            // only where they say something: a run without skew and HLC keeps the fingerprint it always had
            if (t.physMicros() != t.wallMicros()) {
                mix(t.physMicros());
            }
            if (t.hlc() != null) {
                mix(t.hlc().l());
                mix(t.hlc().c());
            }
        }
        if (e instanceof Event.Send s) {
            mix(s.seq());
            mix(s.to().size());
        } else if (e instanceof Event.Receive r) {
            mix(r.seq());
            mix(r.msgLamport());
            mix(r.fromIncarnation());
            mix(r.arrivedMicros());
        } else if (e instanceof Event.Start s) {
            mix(s.ticksPerSecond());
            mix(s.seed());
            mix(s.incarnation());
            mix(strings(s.peers()));
        } else if (e instanceof Event.Undelivered u) {
            mix(u.to().hashCode());
            mix(u.seq());
            mix(u.reason().hashCode());
        } else if (e instanceof Event.PeerUp u) {
            mix(u.peer().hashCode());
        } else if (e instanceof Event.PeerDown d) {
            mix(d.peer().hashCode());
        } else if (e instanceof Event.Stall s) {
            mix(s.missedTicks());
        } else if (e instanceof Event.Stop s) {
            mix(s.ticks());
        } else if (e instanceof Event.Partition p) {
            mix((p.peer() + p.state()).hashCode());
        } else if (e instanceof Event.Rejected r) {
            mix(r.seq());
            mix(r.arrivedMicros());
        }
    }

    private static long strings(List<String> values) {
        long h = values.size();
        for (String v : values) {
            h = h * 31 + v.hashCode();
        }
        return h;
    }

    private void mix(long value) {
        long z = hash ^ value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        hash = z ^ (z >>> 31);
    }

    public long events() {
        return events;
    }

    /** The hash as 16 hex digits. */
    public String hex() {
        return String.format("%016x", hash);
    }
}
