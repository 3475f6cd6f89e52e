package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.Machine;
import dev.clockscope.node.MachineIds;
import dev.clockscope.node.Message;
import java.util.List;
import java.util.function.Predicate;

/**
 * A replay's recorded lines other than ticks and stops, applied to the replayed machine at their time: the link
 * changes, stalls, partitions, late {@code undelivered} lines and resumed clocks the recording logged, and what a
 * what-if accounts for with them (a given-up link takes back what was on its way). {@link Replay} decides when a
 * line applies (now, or when a paused machine runs again); this class, what it does.
 */
final class RecordedLines {
    private final MachineIds ids;
    private final ReplayMachines machines;
    private final ReplayNetwork network;
    /** What-if only (else null): the messages a what-if must account for itself. */
    private final WhatIfAccounting accounting;
    private final VirtualTime time;
    /** The replay's own array: per machine, what its current recorded life's lines say. */
    private final LifeScript[] scripts;

    RecordedLines(MachineIds ids, ReplayMachines machines, ReplayNetwork network, WhatIfAccounting accounting,
                  VirtualTime time, LifeScript[] scripts) {
        this.ids = ids;
        this.machines = machines;
        this.network = network;
        this.accounting = accounting;
        this.time = time;
        this.scripts = scripts;
    }

    /** Line {@code k} of machine {@code i}'s recorded life: the change it logs, and a what-if's accounting for it. */
    void apply(int i, Machine m, List<Event> events, int k) {
        Event e = events.get(k);
        lifecycle(m, e);
        if (accounting != null && e instanceof Event.PeerDown d) {
            int peer = ids.indexOf(d.peer());
            network.connectionLost(i, peer);
            boolean resuming = RecordedSteps.onResume(events, k, scripts[i]);
            if (!resuming) {
                // a line logged as it ran again may be its own time-out's, not the paused peer's
                accounting.timedOutInRecordedPause(peer, takenLaterBy(peer));
            }
            // after a time-out, what was on its way arrives where the recording shows it taken
            accounting.cutLink(i, peer, RecordedSteps.partOfStop(events, k), resuming, resuming
                    ? message -> network.recordedTaken(message, peer) : takenLaterBy(peer));
        }
        if (e instanceof Event.Stall) {
            machines.endRecordedPause(i, time.wallMicros(), scripts[i].receiveOrder());
        }
    }

    /**
     * What the recording shows {@code receiver} taking after now cannot have been on a connection given up now (it would
     * have been reset with it): an injected delay held it at its sender, and it left on a later connection.
     */
    Predicate<Message> takenLaterBy(int receiver) {
        long now = time.wallMicros();
        return message -> network.recordedTakenAfter(message, receiver, now);
    }

    private void lifecycle(Machine m, Event e) {
        boolean whatIf = accounting != null;
        if (e instanceof Event.Stall s) {
            m.skipTicks(s.missedTicks());
        } else if (e instanceof Event.PeerUp u) {
            int p = ids.indexOf(u.peer());
            if (whatIf && machines.dead(p)) {
                return; // the life it connected to in the recording is one a what-if crash for good never started
            }
            m.linkUp(p, true);
            m.linkUp(p, false);
        } else if (e instanceof Event.PeerDown d) {
            int p = ids.indexOf(d.peer());
            m.linkDown(p, true);
            m.linkDown(p, false);
        } else if (e instanceof Event.Partition p) {
            m.partition(ids.indexOf(p.peer()), "start".equals(p.state()));
        } else if (e instanceof Event.Undelivered u) {
            int to = ids.indexOf(u.to());
            // a what-if says which messages a death or a stop left unacknowledged itself (WhatIfAccounting), and
            // logs another late line only for a message this life sent and its network held as the recording's did
            if (!whatIf || network.releaseHeld(m.index(), m.incarnation(), u.seq(), to)) {
                m.lateUndelivered(to, u.seq(), u.reason());
            }
        } else if (e instanceof Event.Resumed r) {
            m.resumeAbove(r.lamport(), r.ownEntry());
        }
    }
}
