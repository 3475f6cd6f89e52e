package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;

/**
 * The tie rule of a faithful replay (see {@link Replay}): per machine, the messages that have arrived but are
 * not yet in its queue, handed to it as a recorded tick says it had taken them; every wait is counted.
 */
final class ReplayInbox {
    private final ArrayDeque<Message>[] waiting;
    private long heldInInbox;
    private long missingAtTick;

    @SuppressWarnings("unchecked")
    ReplayInbox(int machines) {
        waiting = new ArrayDeque[machines];
        for (int i = 0; i < machines; i++) {
            waiting[i] = new ArrayDeque<>();
        }
    }

    /** A message for machine {@code i} arrived: it waits for a tick. */
    void add(int i, Message message) {
        waiting[i].add(message);
    }

    /** A new life of machine {@code i}: what waited for the old one is gone. */
    void clear(int i) {
        waiting[i].clear();
    }

    /**
     * The tie rule: before a recorded tick, arrived messages enter the queue in arrival order until it holds as
     * many as the recorded tick's queue did (after its action, plus the one a receive took and those it refused
     * for their clock).
     */
    void take(int i, Machine m, Event.TickEvent t, int refused) {
        int need = t.queue() + (t instanceof Event.Receive ? 1 : 0) + refused;
        ArrayDeque<Message> w = waiting[i];
        while (m.queueLength() < need && !w.isEmpty()) {
            m.deliver(w.poll());
        }
        if (m.queueLength() < need) {
            missingAtTick++;
        }
        heldInInbox += w.size();
    }

    /** Everything machine {@code i} has waiting goes into its queue (at its stop: logged as unprocessed). */
    void takeAll(int i, Machine m) {
        for (Message w = waiting[i].poll(); w != null; w = waiting[i].poll()) {
            m.deliver(w);
        }
    }

    /** Messages left waiting after a tick, summed over the ticks. */
    long heldInInbox() {
        return heldInInbox;
    }

    /** Ticks whose recorded queue the arrived messages could not fill. */
    long missingAtTick() {
        return missingAtTick;
    }
}
