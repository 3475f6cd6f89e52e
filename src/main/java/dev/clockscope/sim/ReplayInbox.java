package dev.clockscope.sim;

import dev.clockscope.eventlog.Event;
import dev.clockscope.node.Machine;
import dev.clockscope.node.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The tie rule of a faithful replay (see {@link Replay}): per machine, the messages that have arrived but are
 * not yet in its queue, handed to it as a recorded tick says it had taken them; every wait is counted.
 */
final class ReplayInbox {
    private final ArrayDeque<Message>[] waiting;
    /** Waiting messages the recording never saw taken (by identity). */
    private final Set<Message> untaken = Collections.newSetFromMap(new IdentityHashMap<>());
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

    /**
     * A message the recording's receiver never took (no receive line) arrived by the replay's guess: it waits behind
     * every message the recording did take, since a queue is FIFO and a tick would have taken it first otherwise.
     */
    void addUntaken(int i, Message message) {
        untaken.add(message);
        waiting[i].add(message);
    }

    /** A new life of machine {@code i}: what waited for the old one is gone. */
    void clear(int i) {
        waiting[i].forEach(untaken::remove);
        waiting[i].clear();
    }

    /**
     * The tie rule: before a recorded tick, arrived messages enter the queue in arrival order until it holds as
     * many as the recorded tick's queue did (after its action, plus the one a receive took and those it refused
     * for their clock); those the recording never saw taken only after all the others, and of them first those its
     * stop names as unprocessed.
     */
    void take(int i, Machine m, Event.TickEvent t, int refused, Predicate<Message> unprocessedAtStop,
              ToIntFunction<Message> receiveOrder) {
        int need = t.queue() + (t instanceof Event.Receive ? 1 : 0) + refused;
        ArrayDeque<Message> w = waiting[i];
        if (w.size() > 1) {
            // arrivals in the same microsecond (held by a pause, read at once) in the order the ticks took them
            List<Message> sorted = new ArrayList<>(w);
            sorted.sort(Comparator.comparingLong(Message::arrivedMicros).thenComparingInt(receiveOrder));
            w.clear();
            w.addAll(sorted);
        }
        // recorded arrivals first; then, of the guessed ones, those the stop says had arrived; then the rest
        for (int pass = 0; pass < 3; pass++) {
            for (Iterator<Message> it = w.iterator(); m.queueLength() < need && it.hasNext(); ) {
                Message next = it.next();
                boolean guessed = untaken.contains(next);
                if (pass == 0 ? !guessed : pass == 2 || unprocessedAtStop.test(next)) {
                    it.remove();
                    untaken.remove(next);
                    m.deliver(next);
                }
            }
        }
        if (m.queueLength() < need) {
            missingAtTick++;
        }
        heldInInbox += w.size();
    }

    /** Everything machine {@code i} has waiting goes into its queue (at its stop: logged as unprocessed). */
    void takeAll(int i, Machine m) {
        takeAll(i, m, w -> true);
    }

    /**
     * What machine {@code i} has waiting and {@code arrived} says reached it goes into its queue; the rest is
     * dropped (at a faithful replay's stop: only what the recording's unprocessed lines name had arrived).
     */
    void takeAll(int i, Machine m, Predicate<Message> arrived) {
        for (Message w = waiting[i].poll(); w != null; w = waiting[i].poll()) {
            untaken.remove(w);
            if (arrived.test(w)) {
                m.deliver(w);
            }
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
