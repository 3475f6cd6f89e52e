package dev.clockscope.sim;

import dev.clockscope.node.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The messages on their way to each machine, in a run that keeps them in the agenda (live runs, injected faults),
 * where they cannot be found by receiver: when a machine's connections go, its senders hear at once of every
 * message still on the way to it, as the real cluster's do. A plain run finds them in its {@link Inboxes}.
 */
final class InFlight {
    /** By receiver; null until a message is sent to it. By identity: a message's equality reads its vector clock. */
    private final Set<Message>[] toMachine;

    @SuppressWarnings("unchecked")
    InFlight(int machines) {
        this.toMachine = new Set[machines];
    }

    void sent(int receiver, Message m) {
        Set<Message> s = toMachine[receiver];
        if (s == null) {
            s = toMachine[receiver] = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        s.add(m);
    }

    /** {@code m} has reached {@code receiver}'s side; false if it was no longer on its way (taken by {@link #takeAll}). */
    boolean arrived(int receiver, Message m) {
        Set<Message> s = toMachine[receiver];
        return s != null && s.remove(m);
    }

    /** Every message on its way to {@code receiver}, in no particular order; none is on its way after this. */
    List<Message> takeAll(int receiver) {
        Set<Message> s = toMachine[receiver];
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<Message> all = new ArrayList<>(s);
        s.clear();
        return all;
    }
}
