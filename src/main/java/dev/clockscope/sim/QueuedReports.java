package dev.clockscope.sim;

import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Messages their senders have reported unacknowledged while their receivers still had them queued (a pause past
 * the heartbeat timeout): in doubt, and reported once, also when a later timeout or a kill finds them still queued.
 */
final class QueuedReports {
    private record Queued(int receiver, int sender, long senderIncarnation, long seq) {
    }

    private final Set<Queued> reported = new HashSet<>();

    /** True the first time {@code m}, queued at {@code receiver}, is to be reported; false once it has been. */
    boolean report(int receiver, Message m) {
        return reported.add(key(receiver, m));
    }

    /** What {@code at} (machine {@code receiver}) has queued and is not reported yet, now reported, oldest first. */
    List<Message> reportQueued(int receiver, Machine at) {
        List<Message> now = new ArrayList<>();
        for (Message m : at.queued()) {
            if (report(receiver, m)) {
                now.add(m);
            }
        }
        return now;
    }

    /** The same, only what {@code sender}'s current life sent. */
    List<Message> reportQueuedFrom(Machine sender, int receiver, Machine at) {
        List<Message> now = new ArrayList<>();
        for (Message m : at.queued()) {
            if (m.from() == sender.index() && m.fromIncarnation() == sender.incarnation() && report(receiver, m)) {
                now.add(m);
            }
        }
        return now;
    }

    boolean reported(int receiver, Message m) {
        return reported(receiver, m.from(), m.fromIncarnation(), m.seq());
    }

    /** Whether {@code sender}'s message {@code seq} (of life {@code incarnation}), queued at {@code receiver}, was. */
    boolean reported(int receiver, int sender, long incarnation, long seq) {
        return !reported.isEmpty() && reported.contains(new Queued(receiver, sender, incarnation, seq));
    }

    private static Queued key(int receiver, Message m) {
        return new Queued(receiver, m.from(), m.fromIncarnation(), m.seq());
    }
}
